"""The node representation: every field with its type and introducing version."""
from __future__ import annotations

import datetime

from wsme import types as wtypes

from ironic.api import microversions as mv
from ironic.api.types import Field, by_name

_text = wtypes.text
_dict = wtypes.DictType(wtypes.text, wtypes.ArrayType(wtypes.text))  # JSON object
_json = wtypes.DictType(wtypes.text, wtypes.text)
_time = datetime.datetime
_uuid = wtypes.text  # validated by the request schemas

_INTERFACE_VERSIONS = (
    ("network_interface", mv.NETWORK_INTERFACE),
    ("boot_interface", mv.DYNAMIC_INTERFACES),
    ("console_interface", mv.DYNAMIC_INTERFACES),
    ("deploy_interface", mv.DYNAMIC_INTERFACES),
    ("inspect_interface", mv.DYNAMIC_INTERFACES),
    ("management_interface", mv.DYNAMIC_INTERFACES),
    ("power_interface", mv.DYNAMIC_INTERFACES),
    ("raid_interface", mv.DYNAMIC_INTERFACES),
    ("vendor_interface", mv.DYNAMIC_INTERFACES),
    ("storage_interface", mv.STORAGE_INTERFACE),
    ("rescue_interface", mv.RESCUE_INTERFACE),
    ("bios_interface", mv.BIOS),
    ("firmware_interface", mv.FIRMWARE_INTERFACE),
)

FIELDS: tuple[Field, ...] = (
    Field("uuid", _uuid, create=True),
    Field("created_at", _time),
    Field("updated_at", _time),
    Field("automated_clean", bool, mv.AUTOMATED_CLEAN, create=True, patch=True),
    Field("boot_mode", _text, mv.BOOT_MODE, create=True),
    Field("chassis_uuid", _uuid, create=True, patch=True),
    Field("clean_step", _json, mv.CLEAN_STEP),
    Field("conductor_group", _text, mv.CONDUCTOR_GROUP, create=True, patch=True),
    Field("console_enabled", bool, create=True),
    Field("deploy_step", _json, mv.DEPLOY_STEP),
    Field("description", _text, mv.DESCRIPTION, create=True, patch=True),
    Field("disable_power_off", bool, mv.DISABLE_POWER_OFF, create=True, patch=True),
    Field("driver", _text, create=True, patch=True),
    Field("driver_info", _json, create=True, patch=True),
    Field("driver_internal_info", _json, mv.DRIVER_INTERNAL_INFO),
    Field("extra", _json, create=True, patch=True),
    Field("fault", _text, mv.FAULT),
    Field("health", _text, mv.HEALTH),
    Field("inspection_finished_at", _time, mv.INSPECTION),
    Field("inspection_started_at", _time, mv.INSPECTION),
    Field("instance_info", _json, create=True, patch=True),
    Field("instance_name", _text, mv.INSTANCE_NAME, create=True, patch=True),
    Field("instance_uuid", _uuid, create=True, patch=True),
    Field("last_error", _text),
    Field("lessee", _text, mv.LESSEE, create=True, patch=True),
    Field("maintenance", bool, create=True, patch=True),
    Field("maintenance_reason", _text),
    Field("name", _text, mv.NAMES, create=True, patch=True),
    Field("network_data", _json, mv.NETWORK_DATA, create=True, patch=True),
    Field("owner", _text, mv.OWNER, create=True, patch=True),
    Field("parent_node", _text, mv.CHILD_NODES, create=True, patch=True),
    Field("power_state", _text),
    Field("properties", _json, create=True, patch=True),
    Field("protected", bool, mv.PROTECTED, create=True, patch=True),
    Field("protected_reason", _text, mv.PROTECTED, create=True, patch=True),
    Field("provision_state", _text),
    Field("provision_updated_at", _time),
    Field("raid_config", _json, mv.RAID),
    Field("reservation", _text),
    Field("resource_class", _text, mv.RESOURCE_CLASS, create=True, patch=True),
    Field("retired", bool, mv.RETIRED, create=True, patch=True),
    Field("retired_reason", _text, mv.RETIRED, create=True, patch=True),
    Field("secure_boot", bool, mv.BOOT_MODE, create=True),
    Field("service_step", _json, mv.SERVICE),
    Field("shard", _text, mv.SHARDS, create=True, patch=True),
    Field("target_power_state", _text),
    Field("target_provision_state", _text),
    Field("target_raid_config", _json, mv.RAID),
    Field("traits", wtypes.ArrayType(_text), mv.TRAITS),
    Field("conductor", _text, mv.CONDUCTORS),
    Field("allocation_uuid", _uuid, mv.ALLOCATIONS),
) + tuple(Field(name, _text, since, create=True, patch=True)
          for name, since in _INTERFACE_VERSIONS)

BY_NAME = by_name(FIELDS)

INTERFACE_FIELDS: tuple[str, ...] = tuple(name for name, _ in _INTERFACE_VERSIONS)

LIST_FIELDS: tuple[str, ...] = ("uuid", "instance_uuid", "maintenance", "power_state",
                                "provision_state", "name")
"""Fields of the plain (non-detailed) list, before version filtering."""

LINKED_SUBRESOURCES: tuple[tuple[str, mv.Version], ...] = (
    ("ports", mv.MIN), ("states", mv.MIN), ("portgroups", mv.PORTGROUP_SUBRESOURCES),
    ("volume", mv.VOLUME),
)
"""Sub-resource links shown on a single (or detailed) node."""

SECRET_DICTS: tuple[str, ...] = ("driver_info", "instance_info")
"""Fields whose secret-looking keys are masked on output."""

STATE_FIELDS: tuple[str, ...] = (
    "console_enabled", "last_error", "power_state", "provision_state",
    "target_power_state", "target_provision_state", "provision_updated_at",
    "raid_config", "target_raid_config", "boot_mode", "secure_boot")
"""Fields of ``GET /v1/nodes/{node}/states``."""
