"""driver_info of IPMI nodes: field descriptions and parsing into IPMIInfo.

``parse(node)`` is the only reader of ``ipmi_*`` fields. It never contacts the
BMC, so every interface's ``validate()`` can call it. Every error names the
field and the node.
"""
from __future__ import annotations

import dataclasses
from typing import Any

from oslo_utils import strutils

from ironic.common import exception

PRIV_LEVELS = {"ADMINISTRATOR": 4, "OPERATOR": 3, "USER": 2, "CALLBACK": 1}
"""ipmi_priv_level value -> IPMI privilege level number."""

BRIDGING = ("no", "single", "dual")
"""Accepted ipmi_bridging values (``dual`` is refused: pyghmi has no double bridging)."""

CIPHER_SUITES = (3, 17)
"""Cipher suites pyghmi negotiates (17 first, then 3)."""

REQUIRED_PROPERTIES = {
    "ipmi_address": "IP address or hostname of the node's BMC. Required.",
}
OPTIONAL_PROPERTIES = {
    "ipmi_username": "User name on the BMC; default is the NULL user. Optional.",
    "ipmi_password": "Password of ipmi_username. Optional.",
    "ipmi_port": "UDP port of the BMC's RMCP+ service; default is 623. Optional.",
    "ipmi_priv_level": ("Privilege level of the session; default is "
                        "ADMINISTRATOR. One of " + ", ".join(PRIV_LEVELS)
                        + ". Optional."),
    "ipmi_hex_kg_key": ("Kg key for IPMI 2.0 authentication, as hexadecimal "
                        "(at most 40 digits). Optional."),
    "ipmi_bridging": ("Bridging type; default is \"no\". \"single\" sends "
                      "every request through ipmi_target_channel/"
                      "ipmi_target_address; \"dual\" is not supported by this "
                      "driver. Optional."),
    "ipmi_transit_channel": ("Transit channel of a bridged request; only with "
                             "ipmi_bridging \"dual\" (not supported). Optional."),
    "ipmi_transit_address": ("Transit address of a bridged request; only with "
                             "ipmi_bridging \"dual\" (not supported). Optional."),
    "ipmi_target_channel": ("Destination channel of a bridged request. "
                            "Required when ipmi_bridging is \"single\"."),
    "ipmi_target_address": ("Destination IPMB address of a bridged request "
                            "(0-255, decimal or 0x hex). Required when "
                            "ipmi_bridging is \"single\"."),
    "ipmi_local_address": ("Local IPMB address of bridged requests. Accepted "
                           "for compatibility; pyghmi uses its own. Optional."),
    "ipmi_protocol_version": ("IPMI protocol version; only \"2.0\" "
                              "(RMCP+) is supported. Optional."),
    "ipmi_force_boot_device": ("Whether the driver re-sends the node's boot "
                               "device before every power on, for BMCs that "
                               "forget it; default False. Optional."),
    "ipmi_disable_boot_timeout": ("Whether the driver disables the BMC's "
                                  "60-second boot flag timeout before setting "
                                  "a boot device; default True. Optional."),
    "ipmi_cipher_suite": ("Cipher suite to require: 3 or 17. pyghmi offers 17 "
                          "and falls back to 3. Optional."),
}
CONSOLE_PROPERTIES = {
    "ipmi_terminal_port": ("TCP port of the node's serial console proxy. "
                           "Required to enable the console."),
}
COMMON_PROPERTIES = {**REQUIRED_PROPERTIES, **OPTIONAL_PROPERTIES}
"""Every driver_info field the IPMI power and management interfaces read."""

_KNOWN = set(COMMON_PROPERTIES) | set(CONSOLE_PROPERTIES)


@dataclasses.dataclass(frozen=True)
class IPMIInfo:
    """How to reach one node's BMC; hashable, so it can key sessions."""

    address: str
    port: int = 623
    username: str = ""
    password: str = dataclasses.field(default="", repr=False)
    priv_level: int = 4
    kg_key: bytes | None = dataclasses.field(default=None, repr=False)
    target_channel: int | None = None
    target_address: int | None = None
    force_boot_device: bool = False
    disable_boot_timeout: bool = True
    terminal_port: int | None = None

    @property
    def endpoint(self) -> str:
        """``address:port``, the BMC as messages name it."""
        return f"{self.address}:{self.port}"

    @property
    def bridge_request(self) -> dict[str, int] | None:
        """pyghmi's bridge request for single bridging, else None."""
        if self.target_address is None:
            return None
        return {"addr": self.target_address, "channel": self.target_channel or 0}


def _invalid(node: Any, field: str, reason: str) -> exception.InvalidParameterValue:
    return exception.InvalidParameterValue(
        err=f"Node {node.uuid}: invalid driver_info {field}: {reason}")


def _int(node: Any, info: dict[str, Any], field: str, *, low: int, high: int,
         default: int | None = None) -> int | None:
    value = info.get(field)
    if value is None or value == "":
        return default
    try:
        number = int(value, 0) if isinstance(value, str) else int(value)
    except (TypeError, ValueError):
        raise _invalid(node, field, f"{value!r} is not an integer") from None
    if isinstance(value, bool) or not low <= number <= high:
        raise _invalid(node, field, f"{value!r} is not between {low} and {high}")
    return number


def _bool(node: Any, info: dict[str, Any], field: str, default: bool) -> bool:
    value = info.get(field)
    if value is None:
        return default
    try:
        return strutils.bool_from_string(value, strict=True)
    except ValueError:
        raise _invalid(node, field, f"{value!r} is not a boolean") from None


def _kg_key(node: Any, value: Any) -> bytes | None:
    if value in (None, ""):
        return None
    text = str(value)
    if len(text) % 2 or len(text) > 40:
        raise _invalid(node, "ipmi_hex_kg_key",
                       "expected an even number of hexadecimal digits, at most 40")
    try:
        return bytes.fromhex(text)
    except ValueError:
        raise _invalid(node, "ipmi_hex_kg_key", "not hexadecimal") from None


def _check_unknown(node: Any, info: dict[str, Any]) -> None:
    unknown = sorted(k for k in info if k.startswith("ipmi_") and k not in _KNOWN)
    if unknown:
        raise exception.InvalidParameterValue(
            err=f"Node {node.uuid}: unknown driver_info field(s) "
                f"{', '.join(unknown)}; IPMI fields are {', '.join(sorted(_KNOWN))}")


def _check_versions(node: Any, info: dict[str, Any]) -> None:
    version = str(info.get("ipmi_protocol_version") or "2.0")
    if version != "2.0":
        raise _invalid(node, "ipmi_protocol_version",
                       f"{version!r} is not supported; only 2.0 (RMCP+) is")
    suite = _int(node, info, "ipmi_cipher_suite", low=0, high=255)
    if suite is not None and suite not in CIPHER_SUITES:
        raise _invalid(node, "ipmi_cipher_suite",
                       f"{suite} is not supported; use 3 or 17")


def _bridging(node: Any, info: dict[str, Any]) -> tuple[int | None, int | None]:
    bridging = str(info.get("ipmi_bridging") or "no")
    if bridging not in BRIDGING:
        raise _invalid(node, "ipmi_bridging",
                       f"{bridging!r} is not one of {', '.join(BRIDGING)}")
    if bridging == "dual":
        raise _invalid(node, "ipmi_bridging",
                       "\"dual\" bridging is not supported by this driver (pyghmi "
                       "bridges one level only)")
    for field in ("ipmi_transit_channel", "ipmi_transit_address",
                  "ipmi_local_address"):
        _int(node, info, field, low=0, high=255)
    if bridging == "no":
        return None, None
    channel = _int(node, info, "ipmi_target_channel", low=0, high=15)
    address = _int(node, info, "ipmi_target_address", low=0, high=255)
    if channel is None or address is None:
        raise exception.MissingParameterValue(
            err=f"Node {node.uuid}: ipmi_bridging \"single\" needs "
                f"ipmi_target_channel and ipmi_target_address in driver_info")
    return channel, address


def parse(node: Any) -> IPMIInfo:
    """The node's IPMI driver_info as an :class:`IPMIInfo`.

    :raises: MissingParameterValue when ipmi_address is missing,
        InvalidParameterValue naming the first invalid or unknown field.
    """
    info = dict(node.driver_info or {})
    _check_unknown(node, info)
    address = info.get("ipmi_address")
    if not address:
        raise exception.MissingParameterValue(
            err=f"Node {node.uuid}: missing driver_info ipmi_address "
                f"(the BMC's IP address or hostname)")
    if not isinstance(address, str) or any(c.isspace() for c in address):
        raise _invalid(node, "ipmi_address", f"{address!r} is not a host name")
    priv = str(info.get("ipmi_priv_level") or "ADMINISTRATOR").upper()
    if priv not in PRIV_LEVELS:
        raise _invalid(node, "ipmi_priv_level",
                       f"{info.get('ipmi_priv_level')!r} is not one of "
                       f"{', '.join(PRIV_LEVELS)}")
    _check_versions(node, info)
    channel, target = _bridging(node, info)
    for field in ("ipmi_username", "ipmi_password"):
        if info.get(field) is not None and not isinstance(info[field], str):
            raise _invalid(node, field, "must be a string")
    return IPMIInfo(
        address=address,
        port=_int(node, info, "ipmi_port", low=1, high=65535, default=623) or 623,
        username=info.get("ipmi_username") or "",
        password=info.get("ipmi_password") or "",
        priv_level=PRIV_LEVELS[priv],
        kg_key=_kg_key(node, info.get("ipmi_hex_kg_key")),
        target_channel=channel, target_address=target,
        force_boot_device=_bool(node, info, "ipmi_force_boot_device", False),
        disable_boot_timeout=_bool(node, info, "ipmi_disable_boot_timeout", True),
        terminal_port=_int(node, info, "ipmi_terminal_port", low=1, high=65535),
    )
