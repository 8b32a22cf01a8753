"""The port and portgroup representations."""
from __future__ import annotations

import datetime

from wsme import types as wtypes

from ironic.api import microversions as mv
from ironic.api.types import Field, by_name

_text = wtypes.text
_json = wtypes.DictType(wtypes.text, wtypes.text)
_time = datetime.datetime

PORT_FIELDS: tuple[Field, ...] = (
    Field("uuid", _text, create=True),
    Field("address", _text, create=True, patch=True),
    Field("node_uuid", _text, create=True, patch=True),
    Field("extra", _json, create=True, patch=True),
    Field("created_at", _time),
    Field("updated_at", _time),
    Field("internal_info", _json, mv.PORT_INTERNAL_INFO),
    Field("local_link_connection", _json, mv.PORT_LOCAL_LINK, create=True, patch=True),
    Field("pxe_enabled", bool, mv.PORT_LOCAL_LINK, create=True, patch=True),
    Field("portgroup_uuid", _text, mv.PORTGROUP_SUBRESOURCES, create=True, patch=True),
    Field("physical_network", _text, mv.PHYSICAL_NETWORK, create=True, patch=True),
    Field("is_smartnic", bool, mv.SMARTNIC, create=True, patch=True),
    Field("name", _text, mv.PORT_NAME, create=True, patch=True),
    Field("description", _text, mv.PORT_DESCRIPTION, create=True, patch=True),
    Field("vendor", _text, mv.PORT_VENDOR, create=True, patch=True),
    Field("category", _text, mv.PORT_CATEGORY, create=True, patch=True),
)
PORT_BY_NAME = by_name(PORT_FIELDS)
PORT_LIST_FIELDS = ("uuid", "address")

PORTGROUP_FIELDS: tuple[Field, ...] = (
    Field("uuid", _text, mv.PORTGROUPS, create=True),
    Field("name", _text, mv.PORTGROUPS, create=True, patch=True),
    Field("address", _text, mv.PORTGROUPS, create=True, patch=True),
    Field("node_uuid", _text, mv.PORTGROUPS, create=True, patch=True),
    Field("extra", _json, mv.PORTGROUPS, create=True, patch=True),
    Field("internal_info", _json, mv.PORTGROUPS),
    Field("standalone_ports_supported", bool, mv.PORTGROUPS, create=True, patch=True),
    Field("created_at", _time, mv.PORTGROUPS),
    Field("updated_at", _time, mv.PORTGROUPS),
    Field("mode", _text, mv.PORTGROUP_MODE, create=True, patch=True),
    Field("properties", _json, mv.PORTGROUP_MODE, create=True, patch=True),
    Field("physical_network", _text, mv.PORTGROUP_PHYSICAL_NETWORK, create=True,
          patch=True),
    Field("category", _text, mv.PORTGROUP_CATEGORY, create=True, patch=True),
)
PORTGROUP_BY_NAME = by_name(PORTGROUP_FIELDS)
PORTGROUP_LIST_FIELDS = ("uuid", "address", "name")

CHASSIS_FIELDS: tuple[Field, ...] = (
    Field("uuid", _text, create=True),
    Field("description", _text, create=True, patch=True),
    Field("extra", _json, create=True, patch=True),
    Field("created_at", _time),
    Field("updated_at", _time),
)
CHASSIS_BY_NAME = by_name(CHASSIS_FIELDS)
CHASSIS_LIST_FIELDS = ("uuid", "description")
