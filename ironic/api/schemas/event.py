"""Request body of ``POST /v1/events`` (1.54): network events from Neutron."""
from __future__ import annotations

from ironic.api import schemas

NETWORK_EVENT_TYPES = ("network.bind_port", "network.unbind_port",
                       "network.delete_port")
"""Event types Ironic accepts."""

_UUID = "^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$"

_NETWORK_EVENT = {
    "type": "object",
    "properties": {
        "event": {"type": "string", "enum": list(NETWORK_EVENT_TYPES)},
        "port_id": {"type": "string", "pattern": _UUID},
        "mac_address": {"type": "string",
                        "pattern": "^([0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}$"},
        "status": {"type": "string"},
        "device_id": {"type": ["string", "null"]},
        "binding:host_id": {"type": ["string", "null"]},
        "binding:vnic_type": {"type": ["string", "null"]},
    },
    "required": ["event", "port_id", "mac_address", "status"],
    "additionalProperties": False,
}

EVENTS = schemas.compile({
    "type": "object",
    "properties": {"events": {"type": "array", "minItems": 1, "items": _NETWORK_EVENT}},
    "required": ["events"],
    "additionalProperties": False,
})
