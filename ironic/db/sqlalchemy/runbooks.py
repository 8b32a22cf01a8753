"""Queries on runbooks and their steps; rows carry ``steps``."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ironic.common import exception
from ironic.db.sqlalchemy import crud
from ironic.db.sqlalchemy import models
from ironic.db.sqlalchemy import query
from ironic.db.sqlalchemy.query import Row

RUNBOOKS = models.Runbook.__table__
STEPS = models.RunbookStep.__table__

RESOURCE = crud.Resource(
    table=RUNBOOKS,
    kind="Runbook",
    not_found=lambda ident: exception.RunbookNotFound(runbook=ident),
    duplicates={
        "name": lambda v: exception.RunbookDuplicateName(name=v["name"]),
        "uuid": lambda v: exception.RunbookAlreadyExists(uuid=v["uuid"]),
    },
    plain_filters=("id", "uuid", "name", "owner", "public"),
    by_name=True,
)
"""How runbooks are queried."""


def _attach_steps(session: Session, rows: list[Row]) -> list[Row]:
    by_id: dict[int, list[Row]] = {}
    for row in rows:
        row["steps"] = by_id.setdefault(row["id"], [])
    for part in query.chunks(list(by_id)):
        stmt = sa.select(*STEPS.c).where(STEPS.c.runbook_id.in_(part)) \
            .order_by(STEPS.c.id)
        for step in query.to_rows(session.execute(stmt)):
            by_id[step["runbook_id"]].append(step)
    return rows


def get(session: Session, ident: int | str) -> Row:
    """:raises RunbookNotFound:"""
    return _attach_steps(session, [crud.get(session, RESOURCE, ident)])[0]


def get_by_name(session: Session, name: str) -> Row:
    """:raises RunbookNotFound:"""
    row = crud.get_where(session, RESOURCE, RUNBOOKS.c.name == name, name)
    return _attach_steps(session, [row])[0]


def get_list(session: Session, **kwargs: Any) -> list[Row]:
    """Runbooks with their steps (same arguments as ``crud.get_list``)."""
    return _attach_steps(session, crud.get_list(session, RESOURCE, **kwargs))


def _write_steps(session: Session, runbook_id: int, steps: Iterable[Mapping[str, Any]],
                 version: str | None) -> None:
    session.execute(sa.delete(STEPS).where(STEPS.c.runbook_id == runbook_id))
    now = query.utcnow()
    rows = [{"runbook_id": runbook_id, "interface": s["interface"],
             "step": s["step"], "args": s.get("args") or {},
             "order": s["order"], "version": version, "created_at": now}
            for s in steps]
    if rows:
        session.execute(sa.insert(STEPS), rows)


def create(session: Session, values: Mapping[str, Any],
           version: str | None = None) -> Row:
    """Insert a runbook with its ``steps``.

    :raises RunbookAlreadyExists, RunbookDuplicateName:
    """
    row = crud.create(session, RESOURCE, values, version)
    _write_steps(session, row["id"], values.get("steps") or [], version)
    return get(session, row["id"])


def update(session: Session, ident: int | str, values: Mapping[str, Any],
           version: str | None = None) -> Row:
    """Update a runbook; ``steps`` in ``values`` replaces all its steps.

    :raises RunbookNotFound, RunbookDuplicateName:
    """
    row = crud.update(session, RESOURCE, ident, values, version)
    if "steps" in values:
        _write_steps(session, row["id"], values["steps"] or [], version)
    return get(session, row["id"])


def destroy(session: Session, ident: int | str) -> None:
    """Delete a runbook and its steps. :raises RunbookNotFound:"""
    row_id = crud.find_id(session, RESOURCE, ident)
    session.execute(sa.delete(STEPS).where(STEPS.c.runbook_id == row_id))
    session.execute(sa.delete(RUNBOOKS).where(RUNBOOKS.c.id == row_id))
