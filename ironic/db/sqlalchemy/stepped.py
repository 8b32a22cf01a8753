"""Queries shared by resources that own an ordered list of steps.

Deploy templates and runbooks are both a row plus step rows pointing at it;
:class:`Stepped` holds what differs (tables, the foreign key, the field that
orders the steps) and does the loading, replacing and deleting of steps once.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ironic.db.sqlalchemy import crud
from ironic.db.sqlalchemy import query
from ironic.db.sqlalchemy.query import Row


@dataclasses.dataclass(frozen=True)
class Stepped:
    """A resource whose rows carry ``steps`` from a table of their own."""

    resource: crud.Resource
    steps: sa.Table
    owner_key: str
    """The steps table's column naming the owning row's id."""
    position_key: str
    """The step field that orders steps (``priority`` or ``order``)."""

    def attach_steps(self, session: Session, rows: list[Row]) -> list[Row]:
        """Fill ``row['steps']`` for every row with one query per chunk."""
        by_id: dict[int, list[Row]] = {}
        for row in rows:
            row["steps"] = by_id.setdefault(row["id"], [])
        owner = self.steps.c[self.owner_key]
        for part in query.chunks(list(by_id)):
            stmt = sa.select(*self.steps.c).where(owner.in_(part)) \
                .order_by(self.steps.c.id)
            for step in query.to_rows(session.execute(stmt)):
                by_id[step[self.owner_key]].append(step)
        return rows

    def get(self, session: Session, ident: int | str) -> Row:
        """One row by id, UUID or name, with steps. :raises: the resource's NotFound."""
        return self.attach_steps(session, [crud.get(session, self.resource, ident)])[0]

    def get_by_name(self, session: Session, name: str) -> Row:
        """:raises: the resource's NotFound."""
        table = self.resource.table
        row = crud.get_where(session, self.resource, table.c.name == name, name)
        return self.attach_steps(session, [row])[0]

    def get_list(self, session: Session, **kwargs: Any) -> list[Row]:
        """Rows with their steps (same arguments as ``crud.get_list``)."""
        return self.attach_steps(session, crud.get_list(session, self.resource, **kwargs))

    def _write_steps(self, session: Session, owner_id: int,
                     steps: Iterable[Mapping[str, Any]], version: str | None) -> None:
        session.execute(sa.delete(self.steps).where(self.steps.c[self.owner_key] == owner_id))
        now = query.utcnow()
        rows = [{self.owner_key: owner_id, "interface": s["interface"],
                 "step": s["step"], "args": s.get("args") or {},
                 self.position_key: s[self.position_key], "version": version,
                 "created_at": now}
                for s in steps]
        if rows:
            session.execute(sa.insert(self.steps), rows)

    def create(self, session: Session, values: Mapping[str, Any],
               version: str | None = None) -> Row:
        """Insert a row with its ``steps``. :raises: the resource's duplicates."""
        row = crud.create(session, self.resource, values, version)
        self._write_steps(session, row["id"], values.get("steps") or [], version)
        return self.get(session, row["id"])

    def update(self, session: Session, ident: int | str, values: Mapping[str, Any],
               version: str | None = None) -> Row:
        """Update a row; ``steps`` in ``values`` replaces all of its steps.

        :raises: the resource's NotFound or duplicate-name error.
        """
        row = crud.update(session, self.resource, ident, values, version)
        if "steps" in values:
            self._write_steps(session, row["id"], values["steps"] or [], version)
        return self.get(session, row["id"])

    def destroy(self, session: Session, ident: int | str) -> None:
        """Delete a row and its steps. :raises: the resource's NotFound."""
        row_id = crud.find_id(session, self.resource, ident)
        session.execute(sa.delete(self.steps).where(self.steps.c[self.owner_key] == row_id))
        table = self.resource.table
        session.execute(sa.delete(table).where(table.c.id == row_id))
