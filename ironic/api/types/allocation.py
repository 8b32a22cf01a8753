"""The allocation, deploy template and runbook representations."""
from __future__ import annotations

import datetime

from wsme import types as wtypes

from ironic.api import microversions as mv
from ironic.api.types import Field, by_name

_text = wtypes.text
_list = wtypes.ArrayType(wtypes.text)
_json = wtypes.DictType(wtypes.text, wtypes.text)
_steps = wtypes.ArrayType(_json)
_time = datetime.datetime

ALLOCATION_FIELDS: tuple[Field, ...] = (
    Field("uuid", _text, mv.ALLOCATIONS, create=True),
    Field("created_at", _time, mv.ALLOCATIONS),
    Field("updated_at", _time, mv.ALLOCATIONS),
    Field("candidate_nodes", _list, mv.ALLOCATIONS, create=True),
    Field("extra", _json, mv.ALLOCATIONS, create=True, patch=True),
    Field("last_error", _text, mv.ALLOCATIONS),
    Field("name", _text, mv.ALLOCATIONS, create=True, patch=True),
    Field("owner", _text, mv.ALLOCATION_OWNER, create=True),
    Field("resource_class", _text, mv.ALLOCATIONS, create=True),
    Field("state", _text, mv.ALLOCATIONS),
    Field("traits", _list, mv.ALLOCATIONS, create=True),
    Field("node_uuid", _text, mv.ALLOCATIONS),
)
ALLOCATION_BY_NAME = by_name(ALLOCATION_FIELDS)

DEPLOY_TEMPLATE_FIELDS: tuple[Field, ...] = (
    Field("uuid", _text, mv.DEPLOY_TEMPLATES, create=True),
    Field("created_at", _time, mv.DEPLOY_TEMPLATES),
    Field("updated_at", _time, mv.DEPLOY_TEMPLATES),
    Field("extra", _json, mv.DEPLOY_TEMPLATES, create=True, patch=True),
    Field("name", _text, mv.DEPLOY_TEMPLATES, create=True, patch=True),
    Field("steps", _steps, mv.DEPLOY_TEMPLATES, create=True, patch=True),
)
DEPLOY_TEMPLATE_BY_NAME = by_name(DEPLOY_TEMPLATE_FIELDS)
DEPLOY_TEMPLATE_LIST_FIELDS = ("uuid", "name")

RUNBOOKS = mv.RUNBOOKS
"""``/v1/runbooks`` and ``runbook`` in provision requests."""

RUNBOOK_FIELDS: tuple[Field, ...] = (
    Field("uuid", _text, RUNBOOKS, create=True),
    Field("created_at", _time, RUNBOOKS),
    Field("updated_at", _time, RUNBOOKS),
    Field("name", _text, RUNBOOKS, create=True, patch=True),
    Field("extra", _json, RUNBOOKS, create=True, patch=True),
    Field("public", bool, RUNBOOKS, create=True, patch=True),
    Field("owner", _text, RUNBOOKS, create=True, patch=True),
    Field("disable_ramdisk", bool, RUNBOOKS, create=True, patch=True),
    Field("steps", _steps, RUNBOOKS, create=True, patch=True),
)
RUNBOOK_BY_NAME = by_name(RUNBOOK_FIELDS)
RUNBOOK_LIST_FIELDS = ("uuid", "name")
