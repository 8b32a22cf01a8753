"""Request bodies of ``/v1/allocations``, ``/v1/deploy_templates`` and ``/v1/runbooks``."""
from __future__ import annotations

from ironic.api import schemas

TRAIT = {"type": "string", "maxLength": 255,
         "pattern": "^(CUSTOM_[A-Z0-9_]+|[A-Z][A-Z0-9_]*)$"}
"""A standard (os-traits style, upper case) or CUSTOM_ trait name."""

CUSTOM_TRAIT = {"type": "string", "maxLength": 255, "pattern": "^CUSTOM_[A-Z0-9_]+$"}
"""Deploy template names: custom traits only."""

ALLOCATION_CREATE = schemas.compile({
    "type": "object",
    "properties": {
        "uuid": {"type": ["string", "null"]},
        "name": {"type": ["string", "null"], "maxLength": 255},
        "resource_class": {"type": ["string", "null"], "maxLength": 80},
        "traits": {"type": ["array", "null"], "items": TRAIT},
        "candidate_nodes": {"type": ["array", "null"], "items": {"type": "string"}},
        "extra": schemas.NULLABLE_OBJECT,
        "owner": {"type": ["string", "null"], "maxLength": 255},
        "node": {"type": ["string", "null"]},
    },
    "additionalProperties": False,
})

ALLOCATION_PATCHED = schemas.compile({
    "type": "object",
    "properties": {"name": {"type": ["string", "null"], "maxLength": 255},
                   "extra": schemas.NULLABLE_OBJECT},
})

STEP = {
    "type": "object",
    "properties": {
        "interface": {"type": "string",
                      "enum": ["bios", "deploy", "firmware", "management", "power",
                               "raid", "vendor"]},
        "step": {"type": "string", "minLength": 1, "maxLength": 255},
        "args": {"type": "object"},
        "priority": {"anyOf": [{"type": "integer", "minimum": 0},
                               {"type": "string", "pattern": "^[0-9]+$"}]},
    },
    "required": ["interface", "step", "args", "priority"],
    "additionalProperties": False,
}
"""One deploy step of a template (Ironic 1.55 schema)."""

_TEMPLATE_PROPS = {
    "uuid": {"type": ["string", "null"]},
    "name": CUSTOM_TRAIT,
    "steps": {"type": "array", "items": STEP, "minItems": 1},
    "extra": schemas.NULLABLE_OBJECT,
}
TEMPLATE_CREATE = schemas.compile({"type": "object", "properties": _TEMPLATE_PROPS,
                                   "required": ["name", "steps"],
                                   "additionalProperties": False})
TEMPLATE_PATCHED = schemas.compile({"type": "object", "properties": _TEMPLATE_PROPS,
                                    "required": ["name", "steps"]})

RUNBOOK_STEP = {
    "type": "object",
    "properties": {
        "interface": STEP["properties"]["interface"],
        "step": STEP["properties"]["step"],
        "args": {"type": "object"},
        "order": {"anyOf": [{"type": "integer", "minimum": 0},
                            {"type": "string", "pattern": "^[0-9]+$"}]},
    },
    "required": ["interface", "step", "args", "order"],
    "additionalProperties": False,
}
"""One step of a runbook (Ironic 1.92 schema): ``order`` instead of a priority."""

_RUNBOOK_PROPS = {
    "uuid": {"type": ["string", "null"]},
    "name": {"anyOf": [TRAIT, CUSTOM_TRAIT]},
    "steps": {"type": "array", "items": RUNBOOK_STEP, "minItems": 1},
    "disable_ramdisk": {"type": ["boolean", "null"]},
    "public": {"type": ["boolean", "null"]},
    "owner": {"type": ["string", "null"], "maxLength": 255},
    "extra": schemas.NULLABLE_OBJECT,
}
RUNBOOK_CREATE = schemas.compile({"type": "object", "properties": _RUNBOOK_PROPS,
                                  "required": ["name", "steps"],
                                  "additionalProperties": False})
RUNBOOK_PATCHED = schemas.compile({"type": "object", "properties": _RUNBOOK_PROPS,
                                   "required": ["name", "steps"]})
