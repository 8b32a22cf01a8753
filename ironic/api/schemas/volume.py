"""Request bodies of volume connectors and volume targets (1.32)."""
from __future__ import annotations

from ironic.api import schemas as s

_MAX_INT = 2 ** 31 - 1
"""Largest value of the INTEGER ``boot_index`` column."""

CONNECTOR_PROPERTIES = {
    "uuid": s.NULLABLE_UUID,
    "node_uuid": {"type": "string"},
    "type": {"type": "string", "minLength": 1, "maxLength": 32},
    "connector_id": {"type": "string", "minLength": 1, "maxLength": 255},
    "extra": s.NULLABLE_OBJECT,
}
CONNECTOR_CREATE = s.compile({
    "type": "object", "properties": CONNECTOR_PROPERTIES,
    "required": ["node_uuid", "type", "connector_id"],
    "additionalProperties": False})
CONNECTOR_PATCHED = s.compile({
    "type": "object", "properties": CONNECTOR_PROPERTIES,
    "required": ["node_uuid", "type", "connector_id"]})

TARGET_PROPERTIES = {
    "uuid": s.NULLABLE_UUID,
    "node_uuid": {"type": "string"},
    "volume_type": {"type": "string", "maxLength": 64},
    "volume_id": {"type": "string", "maxLength": 36},
    "boot_index": {"type": "integer", "minimum": 0, "maximum": _MAX_INT},
    "properties": s.NULLABLE_OBJECT,
    "extra": s.NULLABLE_OBJECT,
}
TARGET_CREATE = s.compile({
    "type": "object", "properties": TARGET_PROPERTIES,
    "required": ["node_uuid", "volume_type", "volume_id", "boot_index"],
    "additionalProperties": False})
TARGET_PATCHED = s.compile({
    "type": "object", "properties": TARGET_PROPERTIES,
    "required": ["node_uuid", "volume_type", "volume_id", "boot_index"]})
