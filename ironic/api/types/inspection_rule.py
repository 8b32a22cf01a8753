"""The inspection rule representation (``/v1/inspection_rules``, 1.96)."""
from __future__ import annotations

import datetime

from wsme import types as wtypes

from ironic.api import microversions as mv
from ironic.api.types import Field, by_name

_RULES = mv.INSPECTION_RULES
_items = wtypes.ArrayType(wtypes.DictType(wtypes.text, wtypes.text))
_time = datetime.datetime

FIELDS: tuple[Field, ...] = (
    Field("uuid", wtypes.text, _RULES, create=True),
    Field("created_at", _time, _RULES),
    Field("updated_at", _time, _RULES),
    Field("description", wtypes.text, _RULES, create=True, patch=True),
    Field("priority", int, _RULES, create=True, patch=True),
    Field("sensitive", bool, _RULES, create=True, patch=True),
    Field("phase", wtypes.text, _RULES, create=True, patch=True),
    Field("conditions", _items, _RULES, create=True, patch=True),
    Field("actions", _items, _RULES, create=True, patch=True),
)
BY_NAME = by_name(FIELDS)
LIST_FIELDS = ("uuid", "description", "priority", "phase", "sensitive")
"""Fields of a list entry without ``detail`` or ``fields``."""
HIDDEN_WHEN_SENSITIVE = ("conditions", "actions")
"""Fields shown as null for a rule marked ``sensitive``."""
