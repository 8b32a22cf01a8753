"""Applying RFC 6902 patches to API resources, Ironic style.

Only ``add``, ``replace`` and ``remove`` are accepted, on a top-level writable
field or inside one (``/driver_info/ipmi_address``). Removing a top-level field
resets it (``{}`` for dict fields, ``None`` otherwise). Only the fields a patch
touches are copied, so patching a node costs in proportion to the patch.
"""
from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

import jsonpatch
import jsonpointer

from ironic.api import microversions as mv
from ironic.api import schemas
from ironic.api.convert import secrets
from ironic.api.types import Field
from ironic.common import exception


def roots(ops: list[dict[str, Any]]) -> list[str]:
    """The top-level field names a patch touches, in order of first use."""
    seen: dict[str, None] = {}
    for op in ops:
        seen.setdefault(jsonpointer.JsonPointer(op["path"]).parts[0], None)
    return list(seen)


def check(ops: Any, fields: dict[str, Field], version: mv.Version) -> list[str]:
    """Validate a patch document against the writable fields at ``version``.

    :returns: the touched top-level fields.
    :raises: Invalid for schema errors and non-writable paths (400),
        NotAcceptable for fields newer than ``version`` (406).
    """
    schemas.validate(schemas.PATCH_VALIDATOR, ops, "patch")
    try:
        touched = roots(ops)
    except jsonpointer.JsonPointerException as e:
        raise exception.Invalid(f"Invalid patch path: {e}") from None
    writable = [name for name, f in fields.items() if f.patch and f.since <= version]
    for name in touched:
        field = fields.get(name)
        if field is not None and field.patch and field.since > version:
            raise exception.NotAcceptable()
        if field is None or not field.patch:
            raise exception.Invalid(f"Cannot patch /{name}. Only the following can "
                                    f"be updated: {', '.join(writable)}")
    for op in ops:
        if op["op"] != "remove" and "value" not in op:
            raise exception.Invalid(f"Schema error for patch: 'value' is a required "
                                    f"property for '{op['op']}' on {op['path']}")
    return touched


def apply(current: dict[str, Any], ops: list[dict[str, Any]],
          dict_fields: Iterable[str]) -> dict[str, Any]:
    """Apply ``ops`` to ``current`` (touched fields only) and return the result.

    :raises: PatchError (400) when an operation cannot be applied; secret
        values are masked in the message.
    """
    dicts = frozenset(dict_fields)
    doc = {k: (copy.deepcopy(v) if isinstance(v, (dict, list)) else v)
           for k, v in current.items()}
    for op in ops:
        parts = jsonpointer.JsonPointer(op["path"]).parts
        if op["op"] == "remove" and len(parts) == 1:
            doc[parts[0]] = {} if parts[0] in dicts else None
            continue
        if len(parts) > 1 and doc.get(parts[0]) is None and parts[0] in dicts:
            doc[parts[0]] = {}
        try:
            doc = jsonpatch.apply_patch(doc, [op], in_place=True)
        except (jsonpatch.JsonPatchException, jsonpointer.JsonPointerException,
                TypeError) as e:
            shown = dict(op)
            if "value" in shown and isinstance(shown["value"], dict):
                shown["value"] = secrets.mask(shown["value"])
            if len(parts) > 1 and secrets.is_secret_key(parts[-1]) and "value" in shown:
                shown["value"] = secrets.MASK
            raise exception.PatchError(patch=shown, reason=_reason(e, doc)) from None
    return doc


def _reason(error: Exception, doc: dict[str, Any]) -> str:
    text = str(error)
    # jsonpatch echoes the containing document; never show its secrets.
    for value in doc.values():
        if isinstance(value, dict) and value and str(value) in text:
            text = text.replace(str(value), str(secrets.mask(value)))
    return text
