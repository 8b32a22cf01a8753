"""Create, read, update, delete and list for tables described by a ``Resource``.

Each per-table module (ports, portgroups, chassis, allocations, ...) declares
one ``Resource``: its table, the SELECT with its derived (joined) columns, its
filters, and which exception each unique constraint or missing row raises.
The functions here do the rest the same way for all of them.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import sqlalchemy as sa
from oslo_db import exception as db_exc
from sqlalchemy.orm import Session

from ironic.common import exception
from ironic.db.sqlalchemy import query
from ironic.db.sqlalchemy.query import Row

ErrorFactory = Callable[[Mapping[str, Any]], Exception]
FilterHook = Callable[[Session, sa.Select[Any], Mapping[str, Any]], sa.Select[Any]]


@dataclasses.dataclass(frozen=True)
class Resource:
    """How one table is queried and how its errors are reported."""

    table: sa.Table
    kind: str
    """Human name used in messages (``"Port"``)."""
    not_found: Callable[[Any], Exception]
    duplicates: Mapping[str, ErrorFactory] = dataclasses.field(default_factory=dict)
    """Unique column (or ``"a,b"``) to the error raised when it is violated."""
    plain_filters: tuple[str, ...] = ()
    special_filters: Mapping[str, FilterHook] = dataclasses.field(default_factory=dict)
    """Filter name to a hook adding that filter (it reads its own value)."""
    joins: Mapping[str, tuple[sa.Table, Any, sa.ColumnElement[Any]]] = \
        dataclasses.field(default_factory=dict)
    """Derived field to (joined table, ON clause, selected column)."""
    by_name: bool = False
    """Whether a non-UUID string identifier is looked up as a name."""
    references: ErrorFactory | None = None
    """Error for a foreign-key violation on write (unknown parent)."""

    def select(self, fields: Iterable[str] | None = None) -> sa.Select[Any]:
        """SELECT of the wanted columns plus the wanted derived fields."""
        wanted = set(fields) if fields else None
        cols: list[Any] = query.columns(self.table, wanted)
        source: Any = self.table
        for name, (table, on, col) in self.joins.items():
            if wanted is None or name in wanted:
                source = source.outerjoin(table, on)
                cols.append(col.label(name))
        return sa.select(*cols).select_from(source)


def get_where(session: Session, res: Resource, where: sa.ColumnElement[bool],
              ident: Any) -> Row:
    """The one row matching ``where``.

    :raises: ``res.not_found(ident)`` if there is none.
    """
    rows = query.to_rows(session.execute(res.select().where(where)))
    if not rows:
        raise res.not_found(ident)
    return rows[0]


def get(session: Session, res: Resource, ident: int | str) -> Row:
    """A row by integer id, UUID or (if the resource has names) name."""
    return get_where(session, res,
                     query.ident_clause(res.table, ident, by_name=res.by_name), ident)


def get_list(session: Session, res: Resource,
             filters: Mapping[str, Any] | None = None, limit: int | None = None,
             marker: Any = None, sort_key: str | None = None,
             sort_dir: str | None = None,
             fields: Iterable[str] | None = None) -> list[Row]:
    """Rows matching ``filters``, sorted and paginated after ``marker``.

    :raises InvalidParameterValue: on an unknown filter or sort key.
    :raises: ``res.not_found`` if the marker does not exist.
    """
    sort_col, sort_dir = query.check_sort(res.table, sort_key, sort_dir)
    marker_row = query.load_marker(session, res.table, marker, sort_col,
                                   res.not_found)
    stmt = apply_filters(session, res, res.select(fields), filters or {})
    stmt = query.paginate(stmt, res.table, sort_col=sort_col, sort_dir=sort_dir,
                          marker=marker_row, limit=limit,
                          dialect=query.dialect_name(session))
    return query.to_rows(session.execute(stmt))


def apply_filters(session: Session, res: Resource, stmt: sa.Select[Any],
                  filters: Mapping[str, Any]) -> sa.Select[Any]:
    """Add the WHERE clauses for ``filters``.

    :raises InvalidParameterValue: on a filter the resource does not know.
    """
    unknown = set(filters) - set(res.plain_filters) - set(res.special_filters)
    if unknown:
        raise exception.InvalidParameterValue(
            err=f"Unsupported {res.kind.lower()} filter(s): "
                f"{', '.join(sorted(unknown))}")
    for key, value in filters.items():
        if key in res.special_filters:
            stmt = res.special_filters[key](session, stmt, filters)
        else:
            stmt = query.plain_filter(stmt, res.table.c[key], value)
    return stmt


def _translate(res: Resource, exc: Exception, values: Mapping[str, Any]) -> Exception:
    if isinstance(exc, db_exc.DBDuplicateEntry):
        return query.duplicate_error(exc, values, res.duplicates)
    if isinstance(exc, db_exc.DBReferenceError) and res.references:
        return res.references(values)
    return exc


def create(session: Session, res: Resource, values: Mapping[str, Any],
           version: str | None = None) -> Row:
    """Insert a row and return it as read back (with derived fields).

    :raises: the resource's duplicate or reference errors.
    """
    data = query.prepare_insert(values, res.table, version)
    try:
        result = session.execute(sa.insert(res.table).values(**data))
    except (db_exc.DBDuplicateEntry, db_exc.DBReferenceError) as exc:
        raise _translate(res, exc, data) from exc
    key = result.inserted_primary_key
    if "id" in res.table.c:
        return get_where(session, res, res.table.c.id == key[0], key[0])
    where = sa.and_(*(col == data[col.name] for col in res.table.primary_key))
    return get_where(session, res, where, key)


def update(session: Session, res: Resource, ident: int | str,
           values: Mapping[str, Any], version: str | None = None) -> Row:
    """Update one row by identifier and return it as read back.

    :raises: ``res.not_found``, or the resource's duplicate/reference errors.
    :raises InvalidParameterValue: on an attempt to change the UUID or id.
    """
    data = query.update_values(values, res.table, res.kind)
    if version is not None:
        data["version"] = version
    where = query.ident_clause(res.table, ident, by_name=res.by_name)
    row_id = session.execute(sa.select(res.table.c.id).where(where)).scalar()
    if row_id is None:
        raise res.not_found(ident)
    try:
        session.execute(sa.update(res.table).where(res.table.c.id == row_id)
                        .values(**data))
    except (db_exc.DBDuplicateEntry, db_exc.DBReferenceError) as exc:
        raise _translate(res, exc, data) from exc
    return get_where(session, res, res.table.c.id == row_id, ident)


def find_id(session: Session, res: Resource, ident: int | str) -> int:
    """The integer id of a row.

    :raises: ``res.not_found`` if there is none.
    """
    where = query.ident_clause(res.table, ident, by_name=res.by_name)
    row_id = session.execute(sa.select(res.table.c.id).where(where)).scalar()
    if row_id is None:
        raise res.not_found(ident)
    return int(row_id)


def delete(session: Session, res: Resource, ident: int | str) -> int:
    """Delete one row by identifier and return its id.

    :raises: ``res.not_found`` if there is none.
    """
    row_id = find_id(session, res, ident)
    session.execute(sa.delete(res.table).where(res.table.c.id == row_id))
    return row_id
