"""driver_info of Redfish nodes: field descriptions and parsing into RedfishInfo.

``parse(node)`` never contacts the BMC; every error names the node and field.
"""
from __future__ import annotations

import dataclasses
import os
import urllib.parse
from typing import Any

from oslo_utils import strutils

from ironic.common import exception
from ironic.conf import CONF

AUTH_TYPES = ("basic", "session", "auto")
"""Accepted redfish_auth_type values."""

REQUIRED_PROPERTIES = {
    "redfish_address": ("URL of the Redfish service, such as "
                        "https://bmc.example.com or http://127.0.0.1:8000; "
                        "https:// is assumed when no scheme is given. Required."),
}
OPTIONAL_PROPERTIES = {
    "redfish_system_id": ("Path of the ComputerSystem resource, such as "
                          "/redfish/v1/Systems/1. Optional when the service "
                          "has exactly one system."),
    "redfish_username": "User name on the Redfish service. Optional.",
    "redfish_password": "Password of redfish_username. Optional.",
    "redfish_verify_ca": ("Whether to verify the BMC's TLS certificate "
                          "(true/false), or the path of a CA bundle to verify "
                          "it with. Default true. Optional."),
    "redfish_auth_type": ("Authentication method: basic, session or auto "
                          "(session, falling back to basic). Default: "
                          "[redfish] auth_type. Optional."),
}
COMMON_PROPERTIES = {**REQUIRED_PROPERTIES, **OPTIONAL_PROPERTIES}
"""Every driver_info field the Redfish interfaces read."""

_KNOWN = set(COMMON_PROPERTIES)


@dataclasses.dataclass(frozen=True)
class RedfishInfo:
    """How to reach one node's Redfish system; hashable to key sessions."""

    address: str
    system_id: str | None = None
    username: str | None = None
    password: str | None = dataclasses.field(default=None, repr=False)
    verify_ca: bool | str = True
    auth_type: str = "auto"

    @property
    def session_key(self) -> tuple[Any, ...]:
        """What a cached client session is shared by: BMC and credentials."""
        return (self.address, self.username, self.password, self.verify_ca,
                self.auth_type)


def _invalid(node: Any, field: str, reason: str) -> exception.InvalidParameterValue:
    return exception.InvalidParameterValue(
        err=f"Node {node.uuid}: invalid driver_info {field}: {reason}")


def _address(node: Any, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _invalid(node, "redfish_address", f"{value!r} is not a URL")
    text = value.strip()
    if "://" not in text:
        text = "https://" + text
    parsed = urllib.parse.urlsplit(text)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise _invalid(node, "redfish_address",
                       f"{value!r} is not an http(s) URL with a host name")
    try:
        parsed.port  # noqa: B018 (raises ValueError for a bad port)
    except ValueError:
        raise _invalid(node, "redfish_address", f"{value!r} has an invalid port") from None
    return text.rstrip("/")


def _verify_ca(node: Any, value: Any) -> bool | str:
    if value is None or isinstance(value, bool):
        return True if value is None else value
    try:
        return strutils.bool_from_string(value, strict=True)
    except ValueError:
        pass
    if isinstance(value, str) and os.path.exists(value):
        return value
    raise _invalid(node, "redfish_verify_ca",
                   f"{value!r} is neither a boolean nor an existing CA bundle path")


def parse(node: Any) -> RedfishInfo:
    """The node's Redfish driver_info as a :class:`RedfishInfo`.

    :raises: MissingParameterValue when redfish_address is missing,
        InvalidParameterValue naming the first invalid or unknown field.
    """
    info = dict(node.driver_info or {})
    unknown = sorted(k for k in info if k.startswith("redfish_") and k not in _KNOWN)
    if unknown:
        raise exception.InvalidParameterValue(
            err=f"Node {node.uuid}: unknown driver_info field(s) "
                f"{', '.join(unknown)}; Redfish fields are {', '.join(sorted(_KNOWN))}")
    if not info.get("redfish_address"):
        raise exception.MissingParameterValue(
            err=f"Node {node.uuid}: missing driver_info redfish_address "
                f"(the URL of the Redfish service)")
    system_id = info.get("redfish_system_id")
    if system_id is not None and (not isinstance(system_id, str)
                                  or not system_id.strip()):
        raise _invalid(node, "redfish_system_id", f"{system_id!r} is not a path")
    auth_type = str(info.get("redfish_auth_type") or CONF.redfish.auth_type)
    if auth_type not in AUTH_TYPES:
        raise _invalid(node, "redfish_auth_type",
                       f"{auth_type!r} is not one of {', '.join(AUTH_TYPES)}")
    for field in ("redfish_username", "redfish_password"):
        if info.get(field) is not None and not isinstance(info[field], str):
            raise _invalid(node, field, "must be a string")
    return RedfishInfo(
        address=_address(node, info["redfish_address"]),
        system_id=system_id.strip() if system_id else None,
        username=info.get("redfish_username"),
        password=info.get("redfish_password"),
        verify_ca=_verify_ca(node, info.get("redfish_verify_ca")),
        auth_type=auth_type,
    )
