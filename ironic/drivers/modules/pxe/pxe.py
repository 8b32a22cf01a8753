"""PXE boot interface (entry point ``pxe``): validation only, for now.

Booting the deploy ramdisk needs a TFTP/HTTP boot server and the ramdisk
agent, which this release does not have. The interface still validates what
Ironic's validates (deploy kernel and ramdisk in driver_info, a port to boot
from), so nodes of the ipmi and redfish hardware types show an honest
``node validate`` result; preparing a boot answers "not available yet".
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ironic.common import exception
from ironic.drivers.interfaces.boot import BootInterface

if TYPE_CHECKING:
    from ironic.drivers.task import Task

REQUIRED_PROPERTIES = {
    "deploy_kernel": "UUID or URL of the deployment kernel. Required.",
    "deploy_ramdisk": "UUID or URL of the deployment ramdisk. Required.",
}
OPTIONAL_PROPERTIES = {
    "rescue_kernel": "UUID or URL of the rescue kernel. Required for rescue.",
    "rescue_ramdisk": "UUID or URL of the rescue ramdisk. Required for rescue.",
    "kernel_append_params": ("Additional kernel parameters for the ramdisk. "
                             "Optional."),
}


def check_deploy_images(task: Task) -> None:
    """deploy_kernel and deploy_ramdisk must be in driver_info.

    :raises: MissingParameterValue naming the missing fields.
    """
    info = task.node.driver_info or {}
    missing = [f for f in REQUIRED_PROPERTIES if not info.get(f)]
    if missing:
        raise exception.MissingParameterValue(
            err=f"Node {task.node.uuid}: missing driver_info "
                f"{', '.join(missing)} (needed to boot the deploy ramdisk)")


def check_has_port(task: Task) -> None:
    """The node needs a port (a MAC) to network boot.

    :raises: MissingParameterValue
    """
    if not task.ports:
        raise exception.MissingParameterValue(
            err=f"Node {task.node.uuid} has no ports: network boot needs the "
                f"MAC address of a port; create one with 'baremetal port create'")


def not_available(what: str) -> exception.OperationNotAvailable:
    """The error for ramdisk-agent work this release does not do yet."""
    return exception.OperationNotAvailable(operation=what)


class PXEBoot(BootInterface):
    """Network boot of the deploy ramdisk over PXE (validation only)."""

    boot_method: str = "PXE"

    def get_properties(self) -> dict[str, str]:
        return {**REQUIRED_PROPERTIES, **OPTIONAL_PROPERTIES}

    def validate(self, task: Task) -> None:
        check_deploy_images(task)
        check_has_port(task)

    def prepare_ramdisk(self, task: Task, ramdisk_params: dict[str, Any]) -> None:
        raise not_available(f"{self.boot_method} boot of the deploy ramdisk")

    def clean_up_ramdisk(self, task: Task) -> None:
        # Nothing is ever prepared, so there is nothing to remove.
        return None

    def prepare_instance(self, task: Task) -> None:
        raise not_available(f"{self.boot_method} boot of the deployed instance")

    def clean_up_instance(self, task: Task) -> None:
        return None
