"""Queries on node history: the event log kept per node."""
from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ironic.common import exception
from ironic.db.sqlalchemy import crud
from ironic.db.sqlalchemy import models
from ironic.db.sqlalchemy import query

HISTORY = models.NodeHistory.__table__

RESOURCE = crud.Resource(
    table=HISTORY,
    kind="NodeHistory",
    not_found=lambda ident: exception.NodeHistoryNotFound(history=ident),
    duplicates={"uuid": lambda v: exception.Conflict(
        f"A node history record with UUID {v['uuid']} already exists.")},
    plain_filters=("id", "uuid", "node_id", "conductor", "event_type", "severity"),
    references=lambda v: exception.NodeNotFound(node=v.get("node_id")),
)
"""How node history records are queried."""


def delete_many(session: Session, ids: Iterable[int]) -> int:
    """Delete history records by id; returns how many were deleted."""
    count = 0
    for part in query.chunks(list(ids)):
        result = session.execute(sa.delete(HISTORY).where(HISTORY.c.id.in_(part)))
        count += int(result.rowcount)
    return count


def ids_beyond_limit(session: Session, node_id: int, keep: int) -> list[int]:
    """Ids of a node's records older than its newest ``keep`` records."""
    stmt = (sa.select(HISTORY.c.id).where(HISTORY.c.node_id == node_id)
            .order_by(HISTORY.c.created_at.desc(), HISTORY.c.id.desc())
            .offset(keep))
    return [int(i) for i in session.execute(stmt).scalars()]


def nodes_with_more_than(session: Session, keep: int) -> list[int]:
    """Ids of nodes with more than ``keep`` history records."""
    stmt = (sa.select(HISTORY.c.node_id).group_by(HISTORY.c.node_id)
            .having(sa.func.count() > keep))
    return [int(i) for i in session.execute(stmt).scalars() if i is not None]
