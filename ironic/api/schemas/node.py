"""Request bodies of node creation and the value types of patchable fields."""
from __future__ import annotations

from ironic.api import schemas as s
from ironic.api.types import node as node_type

_INTERFACE = {"type": ["string", "null"], "maxLength": 255}

PROPERTIES = {
    "uuid": {"type": ["string", "null"]},
    "name": {"type": ["string", "null"], "maxLength": 255},
    "driver": s.STRING,
    "driver_info": s.NULLABLE_OBJECT,
    "extra": s.NULLABLE_OBJECT,
    "instance_info": s.NULLABLE_OBJECT,
    "properties": s.NULLABLE_OBJECT,
    "network_data": s.NULLABLE_OBJECT,
    "instance_uuid": s.NULLABLE_UUID,
    "instance_name": s.NULLABLE_STRING,
    "chassis_uuid": s.NULLABLE_UUID,
    "resource_class": {"type": ["string", "null"], "maxLength": 80},
    "conductor_group": {"type": ["string", "null"], "maxLength": 255,
                        "pattern": "^[a-zA-Z0-9_.:-]*$"},
    "automated_clean": s.NULLABLE_BOOL,
    "maintenance": s.NULLABLE_BOOL,
    "console_enabled": s.NULLABLE_BOOL,
    "protected": s.NULLABLE_BOOL,
    "protected_reason": {"type": ["string", "null"]},
    "retired": s.NULLABLE_BOOL,
    "retired_reason": {"type": ["string", "null"]},
    "owner": s.NULLABLE_STRING,
    "lessee": s.NULLABLE_STRING,
    "description": {"type": ["string", "null"], "maxLength": 4096},
    "shard": s.NULLABLE_STRING,
    "parent_node": s.NULLABLE_STRING,
    "boot_mode": {"type": ["string", "null"], "enum": ["uefi", "bios", None]},
    "secure_boot": s.NULLABLE_BOOL,
    "disable_power_off": s.NULLABLE_BOOL,
}
PROPERTIES.update({name: _INTERFACE for name in node_type.INTERFACE_FIELDS})

CREATE = {
    "type": "object",
    "properties": PROPERTIES,
    "required": ["driver"],
    "additionalProperties": False,
}
CREATE_VALIDATOR = s.compile(CREATE)

PATCHED = {
    "type": "object",
    "properties": {name: PROPERTIES[name] for name in PROPERTIES
                   if node_type.BY_NAME[name].patch},
}
"""The values of patched fields after the patch is applied."""
PATCHED_VALIDATOR = s.compile(PATCHED)
