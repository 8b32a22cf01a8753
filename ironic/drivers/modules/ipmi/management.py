"""IPMI management interface (entry point ``ipmitool``): boot device, NMI,
boot mode, sensors."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ironic.common import exception
from ironic.drivers.interfaces.management import ManagementInterface
from ironic.drivers.modules.ipmi import boot_device
from ironic.drivers.modules.ipmi import client
from ironic.drivers.modules.ipmi import info as ipmi_info
from ironic.drivers.modules.ipmi import power as ipmi_power

if TYPE_CHECKING:
    from ironic.drivers.task import Task

BOOT_MODES = ("bios", "uefi")
"""Boot modes; IPMI can only request one per boot, with the boot flags."""


class IPMIManagement(ManagementInterface):
    """Boot device, NMI and sensors over IPMI 2.0."""

    def get_properties(self) -> dict[str, str]:
        return dict(ipmi_info.COMMON_PROPERTIES)

    def validate(self, task: Task) -> None:
        ipmi_info.parse(task.node)

    def get_supported_boot_devices(self, task: Task) -> list[str]:
        return list(boot_device.DEVICES)

    def set_boot_device(self, task: Task, device: str,
                        persistent: bool = False) -> None:
        boot_device.send(task, device, persistent=persistent)
        internal = dict(task.node.driver_internal_info or {})
        if persistent:
            internal[boot_device.PERSISTENT_DEVICE_KEY] = device
        else:
            internal.pop(boot_device.PERSISTENT_DEVICE_KEY, None)
        task.node.driver_internal_info = internal

    def get_boot_device(self, task: Task) -> dict[str, Any]:
        return boot_device.read(task)

    def inject_nmi(self, task: Task) -> None:
        ipmi_power.chassis_control(task, ipmi_power.ChassisAction.NMI,
                                   "inject NMI")

    def get_supported_boot_modes(self, task: Task) -> list[str]:
        return list(BOOT_MODES)

    def set_boot_mode(self, task: Task, mode: str) -> None:
        # IPMI keeps no boot mode: the UEFI bit travels with every boot device
        # request, chosen from node.boot_mode, which the conductor records.
        if mode not in BOOT_MODES:
            raise exception.InvalidParameterValue(
                err=f"Node {task.node.uuid}: invalid boot mode {mode}; "
                    f"supported: {', '.join(BOOT_MODES)}")
        task.node.boot_mode = mode

    def get_sensors_data(self, task: Task) -> dict[str, Any]:
        info = ipmi_info.parse(task.node)
        readings = client.call(task.node.uuid, info,
                               lambda cmd: list(cmd.get_sensor_data()),
                               action="read sensors")
        return group_sensors(readings)


def group_sensors(readings: list[Any]) -> dict[str, dict[str, dict[str, str]]]:
    """pyghmi sensor readings grouped by type, in Ironic's sensor data shape."""
    grouped: dict[str, dict[str, dict[str, str]]] = {}
    for reading in readings:
        value = getattr(reading, "value", None)
        units = getattr(reading, "units", "") or ""
        text = "" if value is None else f"{value} {units}".strip()
        name = str(getattr(reading, "name", "unknown"))
        grouped.setdefault(str(getattr(reading, "type", "Unknown")), {})[name] = {
            "Sensor ID": name,
            "Sensor Reading": text or "disabled",
            "Health": str(getattr(reading, "health", "")),
            "States": ", ".join(getattr(reading, "states", []) or []),
        }
    return grouped
