"""The volume connector and volume target representations (1.32)."""
from __future__ import annotations

import datetime

from wsme import types as wtypes

from ironic.api import microversions as mv
from ironic.api.types import Field, by_name

_text = wtypes.text
_json = wtypes.DictType(wtypes.text, wtypes.text)
_time = datetime.datetime

CONNECTOR_FIELDS: tuple[Field, ...] = (
    Field("uuid", _text, mv.VOLUME, create=True),
    Field("created_at", _time, mv.VOLUME),
    Field("updated_at", _time, mv.VOLUME),
    Field("connector_id", _text, mv.VOLUME, create=True, patch=True),
    Field("extra", _json, mv.VOLUME, create=True, patch=True),
    Field("type", _text, mv.VOLUME, create=True, patch=True),
    Field("node_uuid", _text, mv.VOLUME, create=True, patch=True),
)
CONNECTOR_BY_NAME = by_name(CONNECTOR_FIELDS)
CONNECTOR_LIST_FIELDS = ("uuid", "connector_id", "type", "node_uuid")
CONNECTOR_SORTABLE = frozenset({"id", "uuid", "type", "connector_id", "created_at",
                                "updated_at"})

TARGET_FIELDS: tuple[Field, ...] = (
    Field("uuid", _text, mv.VOLUME, create=True),
    Field("created_at", _time, mv.VOLUME),
    Field("updated_at", _time, mv.VOLUME),
    Field("boot_index", int, mv.VOLUME, create=True, patch=True),
    Field("extra", _json, mv.VOLUME, create=True, patch=True),
    Field("properties", _json, mv.VOLUME, create=True, patch=True),
    Field("volume_id", _text, mv.VOLUME, create=True, patch=True),
    Field("volume_type", _text, mv.VOLUME, create=True, patch=True),
    Field("node_uuid", _text, mv.VOLUME, create=True, patch=True),
)
TARGET_BY_NAME = by_name(TARGET_FIELDS)
TARGET_LIST_FIELDS = ("uuid", "boot_index", "volume_id", "volume_type", "node_uuid")
TARGET_SORTABLE = frozenset({"id", "uuid", "volume_type", "volume_id", "boot_index",
                             "created_at", "updated_at"})
