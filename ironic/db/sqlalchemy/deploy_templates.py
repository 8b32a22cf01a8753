"""Queries on deploy templates and their steps; rows carry ``steps``.

Loading and writing the steps is shared with runbooks (:mod:`stepped`).
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from ironic.common import exception
from ironic.db.sqlalchemy import crud
from ironic.db.sqlalchemy import models
from ironic.db.sqlalchemy import query
from ironic.db.sqlalchemy import stepped
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


_STEPPED = stepped.Stepped(RESOURCE, STEPS, owner_key="deploy_template_id",
                           position_key="priority")

get = _STEPPED.get
get_by_name = _STEPPED.get_by_name
get_list = _STEPPED.get_list
create = _STEPPED.create
update = _STEPPED.update
destroy = _STEPPED.destroy


def get_by_names(session: Session, names: Iterable[str]) -> list[Row]:
    """Templates whose names are in ``names`` (unknown names are skipped)."""
    stmt = RESOURCE.select().where(TEMPLATES.c.name.in_(list(names))) \
        .order_by(TEMPLATES.c.id)
    return _STEPPED.attach_steps(session, query.to_rows(session.execute(stmt)))
