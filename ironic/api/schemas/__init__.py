"""jsonschema request bodies, compiled once, and the helper that applies them."""
from __future__ import annotations

from typing import Any

import jsonschema

from ironic.common import exception


def compile(schema: dict[str, Any]) -> jsonschema.protocols.Validator:
    """A reusable validator for ``schema`` (Draft 7)."""
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def validate(validator: Any, data: Any, what: str) -> None:
    """Validate ``data``; the first error becomes Ironic's 400 message.

    :raises: Invalid ("Schema error for <what>: ...").
    """
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        raise exception.Invalid(f"Schema error for {what}: {error.message}")


NULLABLE_STRING = {"type": ["string", "null"], "maxLength": 255}
STRING = {"type": "string", "maxLength": 255}
NULLABLE_OBJECT = {"type": ["object", "null"]}
NULLABLE_BOOL = {"type": ["boolean", "null"]}
BOOL = {"type": "boolean"}
NULLABLE_UUID = {"type": ["string", "null"]}

PATCH = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "op": {"type": "string", "enum": ["add", "replace", "remove"]},
            "path": {"type": "string", "pattern": "^(/[^/]+)+$"},
            "value": {},
        },
        "required": ["op", "path"],
        "additionalProperties": False,
    },
}
"""RFC 6902 patches restricted to the operations Ironic accepts."""

PATCH_VALIDATOR = compile(PATCH)
