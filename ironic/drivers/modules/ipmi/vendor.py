"""IPMI vendor passthru (entry point ``ipmitool``): ``send_raw`` and ``bmc_reset``."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ironic.common import exception
from ironic.drivers.interfaces.vendor import VendorInterface
from ironic.drivers.modules.ipmi import client
from ironic.drivers.modules.ipmi import info as ipmi_info

if TYPE_CHECKING:
    from ironic.drivers.task import Task

_ROUTES = {
    "send_raw": {"http_methods": ["POST"], "async": True, "attach": False,
                 "require_exclusive_lock": True,
                 "description": "Send a raw IPMI command: raw_bytes is a "
                                "string of bytes such as '0x00 0x01' "
                                "(netfn, command, data...)."},
    "bmc_reset": {"http_methods": ["POST"], "async": True, "attach": False,
                  "require_exclusive_lock": True,
                  "description": "Reset the BMC; warm=true for a warm reset."},
}


def parse_raw_bytes(node: Any, raw_bytes: Any) -> tuple[int, int, tuple[int, ...]]:
    """``"0x00 0x01 ..."`` -> (netfn, command, data).

    :raises: InvalidParameterValue naming ``raw_bytes``.
    """
    try:
        values = [int(b, 0) for b in str(raw_bytes).split()]
    except ValueError:
        values = []
    if len(values) < 2 or any(not 0 <= v <= 255 for v in values):
        raise exception.InvalidParameterValue(
            err=f"Node {node.uuid}: invalid raw_bytes {raw_bytes!r}; expected "
                f"at least a net function and a command, as bytes like '0x00 0x01'")
    return values[0], values[1], tuple(values[2:])


class IPMIVendor(VendorInterface):
    """Raw commands and BMC reset over IPMI."""

    def get_properties(self) -> dict[str, str]:
        return dict(ipmi_info.COMMON_PROPERTIES)

    def validate(self, task: Task) -> None:
        ipmi_info.parse(task.node)

    def vendor_routes(self) -> dict[str, dict[str, Any]]:
        return {name: dict(route) for name, route in _ROUTES.items()}

    def call(self, task: Task, method: str, http_method: str,
             **kwargs: Any) -> Any:
        info = ipmi_info.parse(task.node)
        if method == "send_raw":
            netfn, command, data = parse_raw_bytes(task.node, kwargs.get("raw_bytes"))
            answer = client.raw(task.node.uuid, info, netfn, command, data,
                                action="send a raw command")
            return {"raw_response": answer.hex()}
        if method == "bmc_reset":
            warm = str(kwargs.get("warm", "false")).lower() in ("1", "true", "yes")
            client.raw(task.node.uuid, info, 0x06, 0x03 if warm else 0x02,
                       action="reset the BMC")
            return None
        raise exception.InvalidParameterValue(
            err=f"Node {task.node.uuid}: unsupported vendor method {method}; "
                f"supported: {', '.join(_ROUTES)}")
