"""Request bodies of ``/v1/inspection_rules``: a rule, its conditions and actions.

Operator and action names are Ironic's. A condition's ``op`` may start with
``!`` to invert it (``invert: true`` does the same).
"""
from __future__ import annotations

from ironic.api import schemas

CONDITION_OPS = ("eq", "lt", "gt", "is-true", "is-false", "is-none", "is-empty",
                 "contains", "matches", "one-of")
"""Condition operators."""

ACTION_OPS = ("fail", "set-attribute", "extend-attribute", "del-attribute",
              "add-trait", "remove-trait", "set-capability", "unset-capability",
              "set-plugin-data", "extend-plugin-data", "unset-plugin-data", "log",
              "set-port-attribute", "extend-port-attribute", "del-port-attribute",
              "api-call")
"""Action names."""

PHASES = ("main",)
MAX_PRIORITY = 9999

_ARGS = {"type": ["array", "object"]}
_LOOP = {"type": ["array", "object"]}

CONDITION = {
    "type": "object",
    "properties": {
        "op": {"type": "string",
               "pattern": "^!?(" + "|".join(CONDITION_OPS) + ")$"},
        "args": _ARGS,
        "invert": {"type": "boolean"},
        "loop": _LOOP,
        "multiple": {"type": "string", "enum": ["any", "all", "first", "last"]},
    },
    "required": ["op", "args"],
    "additionalProperties": False,
}
"""One condition."""

ACTION = {
    "type": "object",
    "properties": {
        "op": {"type": "string", "enum": list(ACTION_OPS)},
        "args": _ARGS,
        "loop": _LOOP,
    },
    "required": ["op", "args"],
    "additionalProperties": False,
}
"""One action."""

_PROPS = {
    "uuid": schemas.NULLABLE_UUID,
    "description": schemas.NULLABLE_STRING,
    "priority": {"type": "integer", "minimum": 0, "maximum": MAX_PRIORITY},
    "sensitive": schemas.BOOL,
    "phase": {"type": "string", "enum": list(PHASES)},
    "conditions": {"type": ["array", "null"], "items": CONDITION},
    "actions": {"type": "array", "items": ACTION, "minItems": 1},
}
CREATE = schemas.compile({"type": "object", "properties": _PROPS,
                          "required": ["actions"], "additionalProperties": False})
PATCHED = schemas.compile({"type": "object", "properties": _PROPS,
                           "required": ["actions"]})

REQUIRED_ARGS = {
    "eq": 2, "lt": 2, "gt": 2, "is-true": 1, "is-false": 1, "is-none": 1,
    "is-empty": 1, "contains": 2, "matches": 2, "one-of": 2,
    "fail": ("msg",), "set-attribute": ("path", "value"),
    "extend-attribute": ("path", "value"), "del-attribute": ("path",),
    "add-trait": ("name",), "remove-trait": ("name",),
    "set-capability": ("name",), "unset-capability": ("name",),
    "set-plugin-data": ("path", "value"), "extend-plugin-data": ("path", "value"),
    "unset-plugin-data": ("path",), "log": ("msg",),
    "set-port-attribute": ("port_id", "path", "value"),
    "extend-port-attribute": ("port_id", "path", "value"),
    "del-port-attribute": ("port_id", "path"), "api-call": ("url",),
}
"""Per operator: how many positional arguments it needs, or which keyword
arguments (also their count when given positionally)."""
