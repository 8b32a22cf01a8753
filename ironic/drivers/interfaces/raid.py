"""RAID: building and deleting logical disks from a target RAID configuration."""
from __future__ import annotations

import abc
from typing import TYPE_CHECKING, Any, ClassVar

from ironic.common import exception
from ironic.drivers.interfaces.base import BaseInterface

if TYPE_CHECKING:
    from ironic.drivers.steps import StepResult
    from ironic.drivers.task import Task

RAID_LEVELS = ("JBOD", "0", "1", "2", "5", "6", "1+0", "5+0", "6+0")
"""RAID levels a target configuration may ask for."""

LOGICAL_DISK_PROPERTIES = {
    "raid_level": ("RAID level of the logical disk, one of "
                   + ", ".join(RAID_LEVELS) + ". Required."),
    "size_gb": ("Size of the logical disk in GiB (integer), or 'MAX' for all "
                "remaining space. Required."),
    "volume_name": "Name of the volume; generated when not given. Optional.",
    "is_root_volume": ("Whether this logical disk is the root volume "
                       "(default False). Optional."),
    "share_physical_disks": ("Whether other logical disks may share its "
                             "physical disks (default False). Optional."),
    "disk_type": "Preferred disk type: 'hdd' or 'ssd'. Optional.",
    "interface_type": "Preferred disk interface: 'sata', 'scsi' or 'sas'. Optional.",
    "number_of_physical_disks": ("How many physical disks to use; the minimum "
                                 "for the RAID level by default. Optional."),
    "controller": "RAID controller to use; chosen by the driver by default. Optional.",
    "physical_disks": ("Physical disks to use; chosen by the driver by "
                       "default. Optional."),
}
"""Keys of a logical disk in ``target_raid_config`` -> description."""


class RAIDInterface(BaseInterface):
    """Apply and remove RAID configuration."""

    interface_type: ClassVar[str] = "raid"

    @abc.abstractmethod
    def create_configuration(self, task: Task, create_root_volume: bool = True,
                             create_nonroot_volumes: bool = True) -> StepResult:
        """Build the node's ``target_raid_config``."""

    @abc.abstractmethod
    def delete_configuration(self, task: Task) -> StepResult:
        """Delete every logical disk."""

    def validate_raid_config(self, task: Task, raid_config: dict[str, Any]) -> None:
        """Check a target RAID configuration against the common schema.

        :raises: InvalidParameterValue
        """
        disks = raid_config.get("logical_disks")
        if not isinstance(disks, list) or not disks:
            raise exception.InvalidParameterValue(
                err="RAID configuration needs a non-empty 'logical_disks' list")
        for disk in disks:
            _check_logical_disk(disk)

    def get_logical_disk_properties(self) -> dict[str, str]:
        """Logical disk keys this implementation understands -> description."""
        return dict(LOGICAL_DISK_PROPERTIES)


def _check_logical_disk(disk: Any) -> None:
    if not isinstance(disk, dict):
        raise exception.InvalidParameterValue(err="Each logical disk must be an object")
    unknown = set(disk) - set(LOGICAL_DISK_PROPERTIES)
    if unknown:
        raise exception.InvalidParameterValue(
            err=f"Unknown logical disk properties: {', '.join(sorted(unknown))}")
    if disk.get("raid_level") not in RAID_LEVELS:
        raise exception.InvalidParameterValue(
            err=f"Invalid raid_level {disk.get('raid_level')!r}; valid levels "
                f"are {', '.join(RAID_LEVELS)}")
    size = disk.get("size_gb")
    if size != "MAX" and (not isinstance(size, int) or isinstance(size, bool)
                          or size <= 0):
        raise exception.InvalidParameterValue(
            err=f"Invalid size_gb {size!r}; expected a positive integer or 'MAX'")
