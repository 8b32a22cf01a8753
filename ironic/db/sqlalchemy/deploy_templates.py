"""Queries on deploy templates and their steps; rows carry ``steps``."""
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

TEMPLATES = models.DeployTemplate.__table__
STEPS = models.DeployTemplateStep.__table__

RESOURCE = crud.Resource(
    table=TEMPLATES,
    kind="DeployTemplate",
    not_found=lambda ident: exception.DeployTemplateNotFound(template=ident),
    duplicates={
        "name": lambda v: exception.DeployTemplateDuplicateName(name=v["name"]),
        "uuid": lambda v: exception.DeployTemplateAlreadyExists(uuid=v["uuid"]),
    },
    plain_filters=("id", "uuid", "name"),
    by_name=True,
)
"""How deploy templates are queried."""


def _attach_steps(session: Session, rows: list[Row]) -> list[Row]:
    by_id: dict[int, list[Row]] = {}
    for row in rows:
        row["steps"] = by_id.setdefault(row["id"], [])
    for part in query.chunks(list(by_id)):
        stmt = sa.select(*STEPS.c).where(STEPS.c.deploy_template_id.in_(part)) \
            .order_by(STEPS.c.id)
        for step in query.to_rows(session.execute(stmt)):
            by_id[step["deploy_template_id"]].append(step)
    return rows


def get(session: Session, ident: int | str) -> Row:
    """:raises DeployTemplateNotFound:"""
    return _attach_steps(session, [crud.get(session, RESOURCE, ident)])[0]


def get_by_name(session: Session, name: str) -> Row:
    """:raises DeployTemplateNotFound:"""
    row = crud.get_where(session, RESOURCE, TEMPLATES.c.name == name, name)
    return _attach_steps(session, [row])[0]


def get_list(session: Session, **kwargs: Any) -> list[Row]:
    """Templates with their steps (same arguments as ``crud.get_list``)."""
    return _attach_steps(session, crud.get_list(session, RESOURCE, **kwargs))


def get_by_names(session: Session, names: Iterable[str]) -> list[Row]:
    """Templates whose names are in ``names`` (unknown names are skipped)."""
    stmt = RESOURCE.select().where(TEMPLATES.c.name.in_(list(names))) \
        .order_by(TEMPLATES.c.id)
    return _attach_steps(session, query.to_rows(session.execute(stmt)))


def _write_steps(session: Session, template_id: int, steps: Iterable[Mapping[str, Any]],
                 version: str | None) -> None:
    session.execute(sa.delete(STEPS).where(STEPS.c.deploy_template_id == template_id))
    now = query.utcnow()
    rows = [{"deploy_template_id": template_id, "interface": s["interface"],
             "step": s["step"], "args": s.get("args") or {},
             "priority": s["priority"], "version": version, "created_at": now}
            for s in steps]
    if rows:
        session.execute(sa.insert(STEPS), rows)


def create(session: Session, values: Mapping[str, Any],
           version: str | None = None) -> Row:
    """Insert a template with its ``steps``.

    :raises DeployTemplateAlreadyExists, DeployTemplateDuplicateName:
    """
    row = crud.create(session, RESOURCE, values, version)
    _write_steps(session, row["id"], values.get("steps") or [], version)
    return get(session, row["id"])


def update(session: Session, ident: int | str, values: Mapping[str, Any],
           version: str | None = None) -> Row:
    """Update a template; ``steps`` in ``values`` replaces all its steps.

    :raises DeployTemplateNotFound, DeployTemplateDuplicateName:
    """
    row = crud.update(session, RESOURCE, ident, values, version)
    if "steps" in values:
        _write_steps(session, row["id"], values["steps"] or [], version)
    return get(session, row["id"])


def destroy(session: Session, ident: int | str) -> None:
    """Delete a template and its steps. :raises DeployTemplateNotFound:"""
    row_id = crud.find_id(session, RESOURCE, ident)
    session.execute(sa.delete(STEPS).where(STEPS.c.deploy_template_id == row_id))
    session.execute(sa.delete(TEMPLATES).where(TEMPLATES.c.id == row_id))
