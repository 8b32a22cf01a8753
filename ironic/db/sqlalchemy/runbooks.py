"""Queries on runbooks and their steps; rows carry ``steps``.

Loading and writing the steps is shared with deploy templates (:mod:`stepped`).
"""
from __future__ import annotations

from ironic.common import exception
from ironic.db.sqlalchemy import crud
from ironic.db.sqlalchemy import models
from ironic.db.sqlalchemy import stepped

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


_STEPPED = stepped.Stepped(RESOURCE, STEPS, owner_key="runbook_id", position_key="order")

get = _STEPPED.get
get_by_name = _STEPPED.get_by_name
get_list = _STEPPED.get_list
create = _STEPPED.create
update = _STEPPED.update
destroy = _STEPPED.destroy
