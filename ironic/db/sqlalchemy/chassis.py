"""Queries on the chassis table."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ironic.common import exception
from ironic.db.sqlalchemy import crud
from ironic.db.sqlalchemy import models

CHASSIS = models.Chassis.__table__
NODES = models.Node.__table__

RESOURCE = crud.Resource(
    table=CHASSIS,
    kind="Chassis",
    not_found=lambda ident: exception.ChassisNotFound(chassis=ident),
    duplicates={"uuid": lambda v: exception.ChassisAlreadyExists(uuid=v["uuid"])},
    plain_filters=("id", "uuid", "description"),
)
"""How chassis are queried."""


def destroy(session: Session, ident: int | str) -> None:
    """Delete a chassis that no node belongs to.

    :raises ChassisNotFound:
    :raises ChassisNotEmpty: if nodes still belong to it.
    """
    row_id = crud.find_id(session, RESOURCE, ident)
    has_nodes = session.execute(
        sa.select(NODES.c.id).where(NODES.c.chassis_id == row_id).limit(1)).first()
    if has_nodes is not None:
        raise exception.ChassisNotEmpty(chassis=ident)
    session.execute(sa.delete(CHASSIS).where(CHASSIS.c.id == row_id))
