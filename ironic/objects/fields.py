"""Field types of our objects: oslo.versionedobjects fields plus a few of ours.

Re-exports the OVO field classes we use so object modules import one module.
"""
from __future__ import annotations

import json
from typing import Any

import netaddr
from oslo_versionedobjects import fields as ovo_fields

BooleanField = ovo_fields.BooleanField
IntegerField = ovo_fields.IntegerField
ListOfObjectsField = ovo_fields.ListOfObjectsField
ListOfStringsField = ovo_fields.ListOfStringsField
ObjectField = ovo_fields.ObjectField
StringField = ovo_fields.StringField
UUIDField = ovo_fields.UUIDField


class FlexibleDict(ovo_fields.FieldType):
    """A dict; also accepts its JSON text. ``None`` becomes ``{}`` unless the
    field is nullable."""

    @staticmethod
    def coerce(obj: Any, attr: str, value: Any) -> Any:
        if isinstance(value, str):
            value = json.loads(value)
        return dict(value or {})


class FlexibleDictField(ovo_fields.AutoTypedField):
    AUTO_TYPE = FlexibleDict()

    def _null(self, obj: Any, attr: str) -> Any:
        # Like Ironic: a JSON document field set to None holds an empty dict.
        if self.nullable:
            return {}
        return super()._null(obj, attr)


class FlexibleList(ovo_fields.FieldType):
    """A list; also accepts its JSON text."""

    @staticmethod
    def coerce(obj: Any, attr: str, value: Any) -> Any:
        if isinstance(value, str):
            value = json.loads(value)
        return list(value or [])


class FlexibleListField(ovo_fields.AutoTypedField):
    AUTO_TYPE = FlexibleList()


class MACAddress(ovo_fields.FieldType):
    """A MAC address, normalised to lower-case colon-separated form."""

    @staticmethod
    def coerce(obj: Any, attr: str, value: Any) -> Any:
        text = str(value)
        try:
            mac = netaddr.EUI(text, dialect=netaddr.mac_unix_expanded)
        except (netaddr.AddrFormatError, ValueError, TypeError) as exc:
            raise ValueError(f"Expected a MAC address but received {text}.") from exc
        if mac.version != 48:
            raise ValueError(f"Expected a MAC address but received {text}.")
        return str(mac).lower()


class MACAddressField(ovo_fields.AutoTypedField):
    AUTO_TYPE = MACAddress()


class DateTime(ovo_fields.DateTime):
    """A UTC datetime that keeps its microseconds over RPC (OVO drops them)."""

    def to_primitive(self, obj: Any, attr: str, value: Any) -> Any:
        return value.isoformat()

    def stringify(self, value: Any) -> str:
        return value.isoformat()


class DateTimeField(ovo_fields.DateTimeField):
    def __init__(self, tzinfo_aware: bool = True, **kwargs: Any) -> None:
        super().__init__(tzinfo_aware=tzinfo_aware, **kwargs)
        self.AUTO_TYPE = DateTime(tzinfo_aware=tzinfo_aware)
        self._type = self.AUTO_TYPE
