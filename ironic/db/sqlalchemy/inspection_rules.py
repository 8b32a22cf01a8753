"""Queries on inspection rules (conditions and actions stored as JSON lists)."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ironic.common import exception
from ironic.db.sqlalchemy import crud, models

RULES = models.InspectionRule.__table__

RESOURCE = crud.Resource(
    table=RULES,
    kind="InspectionRule",
    not_found=lambda ident: exception.InspectionRuleNotFound(rule=ident),
    duplicates={
        "uuid": lambda v: exception.InspectionRuleAlreadyExists(uuid=v["uuid"]),
    },
    plain_filters=("id", "uuid", "phase", "sensitive", "priority"),
)
"""How inspection rules are queried."""


def destroy_all(session: Session) -> int:
    """Delete every inspection rule; returns how many were deleted."""
    return session.execute(sa.delete(RULES)).rowcount or 0
