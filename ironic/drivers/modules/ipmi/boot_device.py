"""Boot device over IPMI: System Boot Options parameter 5 (boot flags).

Shared by the management interface (set/get) and the power interface (which
repeats the device before power on when ``ipmi_force_boot_device`` is set).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ironic.common import exception
from ironic.drivers.modules.ipmi import client
from ironic.drivers.modules.ipmi import info as ipmi_info

if TYPE_CHECKING:
    from ironic.drivers.task import Task

DEVICES = {"pxe": 0x04, "disk": 0x08, "safe": 0x0C, "cdrom": 0x14, "bios": 0x18}
"""Boot device name -> boot flags data 2 selector (already shifted, bits 5:2)."""

PERSISTENT_DEVICE_KEY = "persistent_boot_device"
"""driver_internal_info key of the device last set with persistent=True."""

_SET_OPTIONS = 0x08
_GET_OPTIONS = 0x09
_FLAG_VALID = 0x80
_FLAG_PERSISTENT = 0x40
_FLAG_UEFI = 0x20


def send(task: Task, device: str, *, persistent: bool) -> None:
    """Ask the BMC to boot from ``device`` next time (or always).

    :raises: InvalidParameterValue for an unknown device; BMC errors.
    """
    node = task.node
    if device not in DEVICES:
        raise exception.InvalidParameterValue(
            err=f"Node {node.uuid}: invalid boot device {device}; supported "
                f"devices: {', '.join(DEVICES)}")
    info = ipmi_info.parse(node)
    if info.disable_boot_timeout:
        # Parameter 3 (boot info acknowledge) = 8: keep the flags past the
        # BMC's 60-second boot flag valid timer.
        client.raw(node.uuid, info, 0x00, _SET_OPTIONS, (0x03, 0x08),
                   action="disable the boot flag timeout")
    flags = _FLAG_VALID
    if persistent:
        flags |= _FLAG_PERSISTENT
    if _wants_uefi(node):
        flags |= _FLAG_UEFI
    client.raw(node.uuid, info, 0x00, _SET_OPTIONS,
               (0x05, flags, DEVICES[device], 0x00, 0x00, 0x00),
               action=f"set boot device {device}")


def read(task: Task) -> dict[str, Any]:
    """``{"boot_device": name | None, "persistent": bool | None}`` from the BMC.

    ``None`` means the BMC has no boot override (the BIOS order applies).

    :raises: BMCMalformedResponse for an answer that is not parameter 5;
        BMC errors.
    """
    node = task.node
    info = ipmi_info.parse(node)
    data = client.raw(node.uuid, info, 0x00, _GET_OPTIONS, (0x05, 0x00, 0x00),
                      action="get boot device")
    if len(data) < 4 or (data[1] & 0x7F) != 0x05:
        raise exception.BMCMalformedResponse(
            node=node.uuid, address=info.endpoint,
            reason=f"Get System Boot Options returned {data.hex() or 'nothing'}")
    flags, selector = data[2], data[3] & 0x3C
    if not flags & _FLAG_VALID or selector == 0:
        return {"boot_device": None, "persistent": None}
    names = {v: k for k, v in DEVICES.items()}
    return {"boot_device": names.get(selector),
            "persistent": bool(flags & _FLAG_PERSISTENT)}


def _wants_uefi(node: Any) -> bool:
    mode = getattr(node, "boot_mode", None)
    if mode:
        return bool(mode == "uefi")
    capabilities = str((node.properties or {}).get("capabilities") or "")
    return "boot_mode:uefi" in capabilities
