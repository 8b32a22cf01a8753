"""Queries on a node's traits and tags: small sets of strings per node.

Both tables have the same shape (node_id + one string), so one set of
functions serves both, parametrised by ``TRAITS`` or ``TAGS``.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ironic.common import exception
from ironic.db.sqlalchemy import models
from ironic.db.sqlalchemy import query
from ironic.db.sqlalchemy.query import Row

NODES = models.Node.__table__

MAX_TRAITS_PER_NODE = 50
"""Ironic's limit on the number of traits of one node."""


@dataclasses.dataclass(frozen=True)
class Label:
    """One kind of node label: its table, value column and errors."""

    table: sa.Table
    column: str
    not_found: Callable[[int | str, str], Exception]
    limit: int | None = None


TRAITS = Label(models.NodeTrait.__table__, "trait",
               lambda node, value: exception.NodeTraitNotFound(node_id=node, trait=value),
               limit=MAX_TRAITS_PER_NODE)
"""Node traits (at most 50 per node)."""

TAGS = Label(models.NodeTag.__table__, "tag",
             lambda node, value: exception.NodeTagNotFound(node_id=node, tag=value))
"""Node tags."""


def _node_id(session: Session, ident: int | str) -> int:
    node_id = session.execute(
        sa.select(NODES.c.id)
        .where(query.ident_clause(NODES, ident, by_name=True))).scalar()
    if node_id is None:
        raise exception.NodeNotFound(node=ident)
    return int(node_id)


def _too_many(label: Label, ident: int | str, count: int) -> None:
    if label.limit is not None and count > label.limit:
        raise exception.InvalidParameterValue(
            err=f"Could not modify {label.column}s for node {ident} as it would "
                f"exceed the maximum number of {label.column}s per node "
                f"({label.limit}).")


def get_by_node(session: Session, label: Label, ident: int | str) -> list[Row]:
    """The node's labels, sorted.

    :raises NodeNotFound:
    """
    node_id = _node_id(session, ident)
    table = label.table
    stmt = sa.select(*table.c).where(table.c.node_id == node_id).order_by(
        table.c[label.column])
    return query.to_rows(session.execute(stmt))


def replace(session: Session, label: Label, ident: int | str,
            values: Iterable[str], version: str | None = None) -> list[Row]:
    """Make the node's labels exactly ``values``.

    :raises NodeNotFound:
    :raises InvalidParameterValue: if more than the allowed number.
    """
    unique = sorted(set(values))
    _too_many(label, ident, len(unique))
    node_id = _node_id(session, ident)
    table = label.table
    session.execute(sa.delete(table).where(table.c.node_id == node_id))
    now = query.utcnow()
    if unique:
        session.execute(sa.insert(table), [
            {"node_id": node_id, label.column: value, "version": version,
             "created_at": now} for value in unique])
    return get_by_node(session, label, node_id)


def add(session: Session, label: Label, ident: int | str, value: str,
        version: str | None = None) -> Row:
    """Add one label; adding an existing one just returns it.

    :raises NodeNotFound:
    :raises InvalidParameterValue: if the node would have too many.
    """
    node_id = _node_id(session, ident)
    table = label.table
    col = table.c[label.column]
    where = sa.and_(table.c.node_id == node_id, col == value)
    row = session.execute(sa.select(*table.c).where(where)).first()
    if row is None:
        count = session.execute(sa.select(sa.func.count()).select_from(table)
                                .where(table.c.node_id == node_id)).scalar_one()
        _too_many(label, ident, count + 1)
        session.execute(sa.insert(table).values(
            {"node_id": node_id, label.column: value, "version": version,
             "created_at": query.utcnow()}))
    return query.to_rows(session.execute(sa.select(*table.c).where(where)))[0]


def delete(session: Session, label: Label, ident: int | str, value: str) -> None:
    """Remove one label.

    :raises NodeNotFound:
    :raises NodeTraitNotFound/NodeTagNotFound: if the node does not have it.
    """
    node_id = _node_id(session, ident)
    table = label.table
    result = session.execute(sa.delete(table).where(
        table.c.node_id == node_id, table.c[label.column] == value))
    if not result.rowcount:
        raise label.not_found(ident, value)


def exists(session: Session, label: Label, ident: int | str, value: str) -> bool:
    """Whether the node has the label.

    :raises NodeNotFound:
    """
    node_id = _node_id(session, ident)
    table = label.table
    row = session.execute(sa.select(table.c.node_id).where(
        table.c.node_id == node_id, table.c[label.column] == value)).first()
    return row is not None
