"""Query building shared by the per-table modules.

Column selection, plain equality filters, sorting with marker pagination that
orders NULLs the same way on SQLite, PostgreSQL and MySQL, identifier lookup
(integer id, UUID or name) and the translation of unique-constraint
violations into the project's exceptions.
"""
from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from oslo_db import exception as db_exc
from oslo_utils import uuidutils
from sqlalchemy.orm import Session

from ironic.common import exception

Row = dict[str, Any]
"""A table row as returned by the DB API: column name to value, JSON decoded."""

SORT_DIRS = ("asc", "desc")
"""Accepted sort directions."""

IN_CHUNK = 500
"""How many ids go into one ``IN (...)`` list when loading related rows."""


def utcnow() -> datetime.datetime:
    """The current time as a naive UTC datetime, as stored in the database."""
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)


def columns(table: sa.Table, fields: Iterable[str] | None,
            always: Sequence[str] = ("id", "uuid")) -> list[sa.Column[Any]]:
    """Columns of ``table`` to load: all, or ``fields`` plus ``always``.

    Names in ``fields`` that are not columns (derived fields) are skipped.
    """
    if not fields:
        return list(table.c)
    wanted = set(fields).union(always)
    return [col for col in table.c if col.name in wanted]


def to_rows(result: sa.engine.Result[Any]) -> list[Row]:
    """All rows of ``result`` as plain dicts."""
    keys = tuple(result.keys())
    return [dict(zip(keys, row)) for row in result.all()]


def plain_filter(stmt: sa.Select[Any], column: sa.ColumnElement[Any],
                 value: Any) -> sa.Select[Any]:
    """Equality filter: ``None`` means IS NULL, a list/tuple/set means IN."""
    if value is None:
        return stmt.where(column.is_(None))
    if isinstance(value, (list, tuple, set, frozenset)):
        return stmt.where(column.in_(list(value)))
    return stmt.where(column == value)


def ident_column(ident: int | str, by_name: bool = False) -> tuple[str, int | str]:
    """Which column an identifier names, and the value to compare it with.

    An integer (or a string of digits) is an id, a UUID-like string a uuid,
    and anything else a name when ``by_name`` is allowed (else a uuid).
    """
    if isinstance(ident, int) and not isinstance(ident, bool):
        return "id", ident
    if isinstance(ident, str) and ident.isdigit():
        return "id", int(ident)
    if uuidutils.is_uuid_like(ident) or not by_name:
        return "uuid", ident
    return "name", ident


def ident_clause(table: sa.Table, ident: int | str,
                 by_name: bool = False) -> sa.ColumnElement[bool]:
    """WHERE clause for an integer id, a UUID, or (if allowed) a name."""
    column, value = ident_column(ident, by_name)
    return table.c[column] == value


def check_sort(table: sa.Table, sort_key: str | None, sort_dir: str | None,
               extra_keys: Mapping[str, sa.ColumnElement[Any]] | None = None
               ) -> tuple[sa.ColumnElement[Any], str]:
    """Validate sort options and return the sort column and direction.

    :raises InvalidParameterValue: on an unknown sort key or direction.
    """
    sort_dir = (sort_dir or "asc").lower()
    if sort_dir not in SORT_DIRS:
        raise exception.InvalidParameterValue(
            err=f"Invalid sort direction: {sort_dir}. Acceptable values are "
                "'asc' or 'desc'")
    key = sort_key or "id"
    if extra_keys and key in extra_keys:
        return extra_keys[key], sort_dir
    if key not in table.c:
        raise exception.InvalidParameterValue(
            err=f'The sort_key value "{key}" is an invalid field for sorting')
    return table.c[key], sort_dir


def paginate(stmt: sa.Select[Any], table: sa.Table, *,
             sort_col: sa.ColumnElement[Any], sort_dir: str,
             marker: Row | None, limit: int | None,
             dialect: str = "sqlite") -> sa.Select[Any]:
    """Order by (sort column, id), continue after ``marker``, apply ``limit``.

    NULLs sort first in ascending order and last in descending order on every
    backend (SQLite's and MySQL's native order; PostgreSQL is told so), so a
    page boundary never depends on the database.
    """
    id_col = table.c.id
    nullable = getattr(sort_col, "nullable", True) and sort_col is not id_col
    desc = sort_dir == "desc"
    order: list[Any] = []
    if sort_col is not id_col:
        ordered = sort_col.desc() if desc else sort_col.asc()
        if nullable and dialect == "postgresql":
            ordered = ordered.nulls_last() if desc else ordered.nulls_first()
        order.append(ordered)
    order.append(id_col.desc() if desc else id_col.asc())
    stmt = stmt.order_by(*order)
    if marker is not None:
        stmt = stmt.where(_after_marker(sort_col, id_col, marker, desc, nullable))
    if limit:
        stmt = stmt.limit(limit)
    return stmt


def dialect_name(session: Session) -> str:
    """The name of the database dialect the session talks to."""
    return str(session.get_bind().dialect.name)


def _after_marker(sort_col: Any, id_col: Any, marker: Row, desc: bool,
                  nullable: bool) -> sa.ColumnElement[bool]:
    marker_id = marker["id"]
    if sort_col is id_col:
        return id_col < marker_id if desc else id_col > marker_id
    value = marker["__sort__"]
    if value is None:
        same = sa.and_(sort_col.is_(None),
                       id_col < marker_id if desc else id_col > marker_id)
        return same if desc else sa.or_(same, sort_col.is_not(None))
    beyond = sort_col < value if desc else sort_col > value
    same = sa.and_(sort_col == value,
                   id_col < marker_id if desc else id_col > marker_id)
    if desc and nullable:
        return sa.or_(beyond, same, sort_col.is_(None))
    return sa.or_(beyond, same)


def load_marker(session: Session, table: sa.Table, marker: Any,
                sort_col: sa.ColumnElement[Any],
                not_found: Callable[[Any], Exception],
                from_clause: Any = None) -> Row | None:
    """Fetch the id and sort value of the marker row.

    :param marker: a UUID, an integer id, or an object with ``id``/``uuid``.
    :raises: ``not_found(marker)`` when there is no such row.
    """
    if marker is None:
        return None
    ident = getattr(marker, "uuid", None) or getattr(marker, "id", None) or marker
    stmt = sa.select(table.c.id, sort_col.label("__sort__"))
    if from_clause is not None:
        stmt = stmt.select_from(from_clause)
    row = session.execute(stmt.where(ident_clause(table, ident))).first()
    if row is None:
        raise not_found(ident)
    return {"id": row[0], "__sort__": row[1]}


def chunks(ids: Sequence[Any]) -> Iterable[Sequence[Any]]:
    """``ids`` in slices small enough for one IN list."""
    for start in range(0, len(ids), IN_CHUNK):
        yield ids[start:start + IN_CHUNK]


def prepare_insert(values: Mapping[str, Any], table: sa.Table,
                   version: str | None = None) -> dict[str, Any]:
    """Values limited to ``table``'s columns, with a UUID and created_at."""
    data = {k: v for k, v in values.items() if k in table.c and k != "id"}
    if "uuid" in table.c and not data.get("uuid"):
        data["uuid"] = uuidutils.generate_uuid()
    data.setdefault("created_at", utcnow())
    if version is not None:
        data["version"] = version
    return data


def update_values(values: Mapping[str, Any], table: sa.Table,
                  kind: str) -> dict[str, Any]:
    """Values limited to ``table``'s columns, refusing UUID/id changes.

    :raises InvalidParameterValue: if ``uuid`` or ``id`` is being changed.
    """
    for key in ("uuid", "id"):
        if key in values:
            raise exception.InvalidParameterValue(
                err=f"Cannot overwrite {key.upper()} for an existing {kind}.")
    data = {k: v for k, v in values.items() if k in table.c}
    data["updated_at"] = utcnow()
    return data


def duplicate_error(exc: db_exc.DBDuplicateEntry, values: Mapping[str, Any],
                    errors: Mapping[str, Callable[[Mapping[str, Any]], Exception]]
                    ) -> Exception:
    """Turn a unique violation into the error registered for its column.

    :param errors: column name (or ``"a,b"`` for a composite key) to a
        function building the exception from the written values.
    """
    cols = list(exc.columns or [])
    for key in (",".join(cols), *cols):
        if key in errors:
            return errors[key](values)
    # Some backends do not report the columns; guess from the written values.
    for key, make in errors.items():
        if all(values.get(part) is not None for part in key.split(",")):
            return make(values)
    return exc
