"""Redfish RAID interface (entry point ``redfish``): volumes through the
Storage resource, where the BMC offers volume creation.

The sushy-tools emulator lists one controller and drive but cannot create
volumes; ``create_configuration`` then fails with a clear message naming the
node and the BMC's answer.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ironic.common import exception
from ironic.drivers import steps
from ironic.drivers.interfaces.raid import RAIDInterface
from ironic.drivers.modules.redfish import info as redfish_info
from ironic.drivers.modules.redfish import session

if TYPE_CHECKING:
    from ironic.drivers.task import Task

RAID_TYPES = {"0": "RAID0", "1": "RAID1", "5": "RAID5", "6": "RAID6",
              "1+0": "RAID10", "5+0": "RAID50", "6+0": "RAID60"}
"""Our raid_level -> Redfish RAIDType."""
_GIB = 1024 ** 3


def _volume_payload(disk: dict[str, Any], drives: list[Any]) -> dict[str, Any]:
    payload: dict[str, Any] = {"RAIDType": RAID_TYPES[str(disk["raid_level"])],
                               "Links": {"Drives": [{"@odata.id": d.path}
                                                    for d in drives]}}
    if disk.get("size_gb") not in (None, "MAX"):
        payload["CapacityBytes"] = int(disk["size_gb"]) * _GIB
    if disk.get("volume_name"):
        payload["Name"] = disk["volume_name"]
    return payload


class RedfishRAID(RAIDInterface):
    """Logical disks as Redfish volumes."""

    def get_properties(self) -> dict[str, str]:
        return dict(redfish_info.COMMON_PROPERTIES)

    def validate(self, task: Task) -> None:
        redfish_info.parse(task.node)
        if task.node.target_raid_config:
            self.validate_raid_config(task, task.node.target_raid_config)

    def validate_raid_config(self, task: Task, raid_config: dict[str, Any]) -> None:
        super().validate_raid_config(task, raid_config)
        for disk in raid_config["logical_disks"]:
            if str(disk["raid_level"]) not in RAID_TYPES:
                raise exception.InvalidParameterValue(
                    err=f"Node {task.node.uuid}: RAID level {disk['raid_level']} "
                        f"is not supported over Redfish; supported: "
                        f"{', '.join(RAID_TYPES)}")

    @steps.step(steps.StepKind.CLEAN, priority=0, requires_ramdisk=False)
    @steps.step(steps.StepKind.DEPLOY, priority=0, requires_ramdisk=False)
    def create_configuration(self, task: Task, create_root_volume: bool = True,
                             create_nonroot_volumes: bool = True) -> steps.StepResult:
        target = task.node.target_raid_config or {}
        if not target.get("logical_disks"):
            raise exception.MissingParameterValue(
                err=f"Node {task.node.uuid} has no target_raid_config")
        self.validate_raid_config(task, target)
        disks = [d for d in target["logical_disks"]
                 if (create_root_volume if d.get("is_root_volume")
                     else create_nonroot_volumes)]

        def create(system: Any) -> list[str]:
            storages = system.storage.get_members()
            if not storages:
                raise exception.BMCFeatureUnsupported(
                    node=task.node.uuid, feature="RAID",
                    reason="the system has no storage controller")
            storage = storages[0]
            created = []
            for disk in disks:
                created.append(storage.volumes.create(
                    _volume_payload(disk, list(storage.drives))))
            return [getattr(v, "identity", str(v)) for v in created]
        session.call(task.node, "create RAID volumes", create)
        task.node.raid_config = dict(target)
        return steps.StepResult.DONE

    @steps.step(steps.StepKind.CLEAN, priority=0, requires_ramdisk=False)
    @steps.step(steps.StepKind.DEPLOY, priority=0, requires_ramdisk=False)
    def delete_configuration(self, task: Task) -> steps.StepResult:
        def delete(system: Any) -> None:
            for storage in system.storage.get_members():
                for volume in storage.volumes.get_members():
                    volume.delete()
        session.call(task.node, "delete RAID volumes", delete)
        task.node.raid_config = {}
        return steps.StepResult.DONE
