"""Redfish out-of-band inspection (entry point ``redfish``).

Reads CPUs, memory, disks and NICs from the BMC into the node's properties
(``cpus``, ``cpu_arch``, ``memory_mb``, ``local_gb``, boot mode capability)
and asks the conductor (``task.record_inspected_ports``) for a port for every
NIC MAC the node does not have yet.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from ironic.common import exception
from ironic.drivers import steps
from ironic.drivers.interfaces.inspect import InspectInterface
from ironic.drivers.modules.redfish import info as redfish_info
from ironic.drivers.modules.redfish import session

if TYPE_CHECKING:
    from ironic.drivers.task import Task

LOG = logging.getLogger(__name__)

_ARCH = {("x86", "x86-64"): "x86_64", ("x86", None): "x86_64",
         ("ARM", "ARM-A64"): "aarch64", ("ARM", None): "aarch64",
         ("IA-64", None): "ia64", ("MIPS", None): "mips64"}
_GIB = 1024 ** 3


def _value(field: Any) -> Any:
    return getattr(field, "value", field)


def _cpu(system: Any) -> tuple[int | None, str | None]:
    count, arch = system.processors.summary
    instruction_set = None
    members = system.processors.get_members()
    if members:
        instruction_set = _value(members[0].instruction_set)
    arch_name = _ARCH.get((_value(arch), instruction_set)) or _ARCH.get(
        (_value(arch), None))
    return count, arch_name


def _disks_bytes(system: Any) -> list[int]:
    sizes: list[int] = []
    try:
        for storage in system.storage.get_members():
            sizes.extend(d.capacity_bytes for d in storage.drives if d.capacity_bytes)
    except session.Error as e:
        LOG.debug("No Storage resource (%s); trying SimpleStorage", e)
    if not sizes:
        try:
            for simple in system.simple_storage.get_members():
                sizes.extend(d.capacity_bytes for d in simple.devices
                             if d.capacity_bytes)
        except session.Error as e:
            LOG.debug("No SimpleStorage resource: %s", e)
    return sizes


def read_inventory(task: Task) -> dict[str, Any]:
    """What the BMC says about the node's hardware."""
    def read(system: Any) -> dict[str, Any]:
        cpus, arch = _cpu(system)
        memory = system.memory_summary
        nics = system.ethernet_interfaces.summary or {}
        return {"cpus": cpus, "cpu_arch": arch,
                "memory_gib": memory.size_gib if memory else None,
                "disks": _disks_bytes(system),
                "macs": sorted(mac.lower() for mac, state in nics.items()
                               if mac and _value(state) != "Disabled"),
                "boot_mode": _value(system.boot.mode)}
    return session.call(task.node, "inspect hardware", read)


def _properties(task: Task, inventory: dict[str, Any]) -> dict[str, Any]:
    props = dict(task.node.properties or {})
    missing = []
    if inventory["cpus"]:
        props["cpus"] = int(inventory["cpus"])
    else:
        missing.append("cpus")
    if inventory["cpu_arch"]:
        props["cpu_arch"] = inventory["cpu_arch"]
    if inventory["memory_gib"]:
        props["memory_mb"] = int(float(inventory["memory_gib"]) * 1024)
    else:
        missing.append("memory_mb")
    if inventory["disks"]:
        # One GiB less than the largest disk, for partition alignment (as Ironic).
        props["local_gb"] = max(int(max(inventory["disks"]) / _GIB) - 1, 0)
    mode = {"UEFI": "uefi", "Legacy": "bios"}.get(inventory["boot_mode"] or "")
    if mode:
        caps = [c for c in str(props.get("capabilities") or "").split(",")
                if c and not c.startswith("boot_mode:")]
        props["capabilities"] = ",".join([*caps, f"boot_mode:{mode}"])
    if missing:
        raise exception.BMCMalformedResponse(
            node=task.node.uuid, address=redfish_info.parse(task.node).address,
            reason=f"inspection found no {', '.join(missing)}")
    return props


class RedfishInspect(InspectInterface):
    """Out-of-band inspection over Redfish."""

    def get_properties(self) -> dict[str, str]:
        return dict(redfish_info.COMMON_PROPERTIES)

    def validate(self, task: Task) -> None:
        redfish_info.parse(task.node)

    def inspect_hardware(self, task: Task) -> steps.StepResult:
        inventory = read_inventory(task)
        task.node.properties = _properties(task, inventory)
        task.record_inspected_ports(inventory["macs"])
        return steps.StepResult.DONE
