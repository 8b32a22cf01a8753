"""Redfish virtual media boot (entry point ``redfish-virtual-media``).

With ``deploy_iso`` (a URL) in driver_info the deploy ramdisk is booted by
inserting that ISO into the BMC's virtual CD and booting from it once.
Building an ISO from ``deploy_kernel``/``deploy_ramdisk`` needs an image
service this release does not have, so that path answers "not available
yet". No port is needed: nothing boots from the network.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ironic.common import exception
from ironic.drivers.interfaces.boot import BootInterface
from ironic.drivers.modules.pxe import pxe
from ironic.drivers.modules.redfish import info as redfish_info
from ironic.drivers.modules.redfish import management
from ironic.drivers.modules.redfish import virtual_media

if TYPE_CHECKING:
    from ironic.drivers.task import Task

PROPERTIES = {
    "deploy_iso": ("URL of a bootable ISO with the deploy ramdisk; replaces "
                   "deploy_kernel and deploy_ramdisk. Optional."),
    "deploy_kernel": "URL of the deployment kernel (needs ISO building; not "
                     "available yet). Optional when deploy_iso is given.",
    "deploy_ramdisk": "URL of the deployment ramdisk (needs ISO building; not "
                      "available yet). Optional when deploy_iso is given.",
}


class RedfishVirtualMediaBoot(BootInterface):
    """Boot ISO images from the BMC's virtual CD drive."""

    def get_properties(self) -> dict[str, str]:
        return {**redfish_info.COMMON_PROPERTIES, **PROPERTIES}

    def validate(self, task: Task) -> None:
        redfish_info.parse(task.node)
        info = task.node.driver_info or {}
        if info.get("deploy_iso"):
            return
        missing = [f for f in ("deploy_kernel", "deploy_ramdisk") if not info.get(f)]
        if missing:
            raise exception.MissingParameterValue(
                err=f"Node {task.node.uuid}: missing driver_info "
                    f"{', '.join(missing)} (or deploy_iso) to boot the deploy ramdisk")

    def prepare_ramdisk(self, task: Task, ramdisk_params: dict[str, Any]) -> None:
        iso = (task.node.driver_info or {}).get("deploy_iso")
        if not iso:
            raise pxe.not_available("building a deploy ISO from deploy_kernel "
                                    "and deploy_ramdisk")
        virtual_media.eject(task, ["cdrom"])
        virtual_media.insert(task, iso, "cdrom")
        management.RedfishManagement().set_boot_device(task, "cdrom",
                                                       persistent=False)

    def clean_up_ramdisk(self, task: Task) -> None:
        virtual_media.eject(task, ["cdrom"])

    def prepare_instance(self, task: Task) -> None:
        virtual_media.eject(task, ["cdrom"])
        management.RedfishManagement().set_boot_device(task, "disk",
                                                       persistent=True)

    def clean_up_instance(self, task: Task) -> None:
        virtual_media.eject(task, ["cdrom"])
