"""The node lock: an atomic compare-and-set on ``nodes.reservation``.

``reserve`` is a single ``UPDATE ... WHERE reservation IS NULL``; whichever
writer's UPDATE matches the row holds the lock. The row count decides, which
behaves the same on SQLite, PostgreSQL and MySQL (the value always changes
from NULL, so MySQL's "changed rows" count equals the matched count).

Taking or giving back a lock does not touch ``updated_at``: that timestamp
changes only when the node's content does, so the conductor can tell whether
a node changed after a client read it (see ``conductor.nodes.update``).
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ironic.common import exception
from ironic.db.sqlalchemy import models
from ironic.db.sqlalchemy import nodes
from ironic.db.sqlalchemy import query
from ironic.db.sqlalchemy.query import Row

NODES = models.Node.__table__

ABORTED_POWER_MESSAGE = ("Pending power operation was aborted due to "
                         "conductor restart")
"""last_error of nodes whose power action was cut short by a restart."""


def _current(session: Session, ident: int | str) -> sa.Row[tuple[int, str, str]]:
    stmt = (sa.select(NODES.c.id, NODES.c.uuid, NODES.c.reservation)
            .where(query.ident_clause(NODES, ident, by_name=True)))
    row = session.execute(stmt).first()
    if row is None:
        raise exception.NodeNotFound(node=ident)
    return row


def reserve(session: Session, tag: str, ident: int | str) -> Row:
    """Take the lock of a node for ``tag`` and return the node row.

    The compare-and-set UPDATE is the transaction's first statement, so the
    read that follows a lost race sees the winner's commit on every backend
    (MySQL's REPEATABLE READ snapshot starts at that read). Deadlocks, which
    InnoDB may report between racing writers, are retried by the caller's
    transaction wrapper.

    :raises NodeNotFound: if there is no such node.
    :raises NodeLocked: naming the current holder if already locked.
    """
    result = session.execute(
        sa.update(NODES)
        .where(query.ident_clause(NODES, ident, by_name=True),
               NODES.c.reservation.is_(None))
        .values(reservation=tag))
    node_id, uuid, holder = _current(session, ident)
    if result.rowcount != 1:
        raise exception.NodeLocked(node=uuid, host=holder)
    return nodes.get_one(session, "id", node_id,
                         lambda: exception.NodeNotFound(node=ident))


def release(session: Session, tag: str, ident: int | str) -> None:
    """Give back a lock held by ``tag``.

    :raises NodeNotFound: if there is no such node.
    :raises NodeNotLocked: if the node is not locked at all.
    :raises NodeLocked: if someone other than ``tag`` holds it.
    """
    result = session.execute(
        sa.update(NODES)
        .where(query.ident_clause(NODES, ident, by_name=True),
               NODES.c.reservation == tag)
        .values(reservation=None))
    _, uuid, holder = _current(session, ident)
    if result.rowcount == 1:
        return
    if holder is None:
        raise exception.NodeNotLocked(node=uuid)
    raise exception.NodeLocked(node=uuid, host=holder)


def clear_reservations(session: Session, hostname: str) -> int:
    """Drop every lock held by ``hostname`` (after a conductor restart).

    :returns: the number of nodes unlocked.
    """
    result = session.execute(
        sa.update(NODES).where(NODES.c.reservation == hostname)
        .values(reservation=None))
    return int(result.rowcount)


def clear_target_power_state(session: Session, hostname: str) -> int:
    """Reset the power target of nodes locked by ``hostname``.

    :returns: the number of nodes changed.
    """
    result = session.execute(
        sa.update(NODES)
        .where(NODES.c.reservation == hostname,
               NODES.c.target_power_state.is_not(None))
        .values(target_power_state=None, last_error=ABORTED_POWER_MESSAGE,
                updated_at=query.utcnow()))
    return int(result.rowcount)
