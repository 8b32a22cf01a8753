"""Direct deploy interface (entry point ``direct``): validation, adoption and
tear down; writing images needs the ramdisk agent, not available yet.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ironic.common import exception
from ironic.common import states
from ironic.drivers import steps
from ironic.drivers.interfaces.deploy import DeployInterface
from ironic.drivers.modules.pxe import pxe

if TYPE_CHECKING:
    from ironic.drivers.task import Task

_CHECKSUM_FIELDS = ("image_checksum", "image_os_hash_value")


class AgentDeploy(DeployInterface):
    """Deploy by having the ramdisk agent write the image (not available yet)."""

    def get_properties(self) -> dict[str, str]:
        return {}

    def validate(self, task: Task) -> None:
        """instance_info must say what to deploy.

        :raises: MissingParameterValue naming the missing instance_info field.
        """
        info = task.node.instance_info or {}
        source = info.get("image_source")
        if not source:
            raise exception.MissingParameterValue(
                err=f"Node {task.node.uuid}: cannot validate image information: "
                    f"instance_info image_source is missing")
        is_url = str(source).startswith(("http://", "https://"))
        if is_url and not any(info.get(f) for f in _CHECKSUM_FIELDS):
            raise exception.MissingParameterValue(
                err=f"Node {task.node.uuid}: image_source is a URL, so "
                    f"instance_info needs image_checksum or image_os_hash_value")

    def prepare(self, task: Task) -> None:
        raise pxe.not_available("deployment through the ramdisk agent")

    @steps.step(steps.StepKind.DEPLOY, priority=100)
    def deploy(self, task: Task) -> steps.StepResult:
        raise pxe.not_available("deployment through the ramdisk agent")

    def tear_down(self, task: Task) -> None:
        task.driver.power.set_power_state(task, states.POWER_OFF)

    def clean_up(self, task: Task) -> None:
        return None

    def take_over(self, task: Task) -> None:
        return None
