"""Deleting a node together with everything that belongs to it.

A node's ports, portgroups, traits, tags, volume connectors and targets, BIOS
settings, history, inventory and allocations go with it, in one transaction.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ironic.common import exception
from ironic.db.sqlalchemy import models
from ironic.db.sqlalchemy import query

NODES = models.Node.__table__

_DEPENDENTS = (models.Port, models.Portgroup, models.NodeTrait, models.NodeTag,
               models.VolumeTarget, models.VolumeConnector, models.BIOSSetting,
               models.NodeHistory, models.NodeInventory, models.Allocation)
"""Tables with a node_id, in a safe deletion order (ports before portgroups)."""


def destroy(session: Session, ident: int | str) -> None:
    """Delete a node and its dependent rows.

    :raises NodeNotFound:
    """
    node_id = session.execute(
        sa.select(NODES.c.id)
        .where(query.ident_clause(NODES, ident, by_name=True))).scalar()
    if node_id is None:
        raise exception.NodeNotFound(node=ident)
    for model in _DEPENDENTS:
        table = model.__table__
        session.execute(sa.delete(table).where(table.c.node_id == node_id))
    session.execute(sa.delete(NODES).where(NODES.c.id == node_id))
