"""Redfish firmware interface (entry point ``redfish``): UpdateService.SimpleUpdate
as a clean/deploy/service step.

The sushy-tools emulator's fake driver has no UpdateService (it needs the
libvirt or nova drivers), so against it ``update`` fails with a clear
"not supported" naming the node.
"""
from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from ironic.common import exception
from ironic.drivers import steps
from ironic.drivers.interfaces.firmware import FirmwareInterface
from ironic.drivers.modules.redfish import info as redfish_info
from ironic.drivers.modules.redfish import session

if TYPE_CHECKING:
    from ironic.drivers.task import Task

FIRMWARE_ARGS = {"settings": steps.ArgInfo(
    "A list of firmware images: {\"component\": \"bios\"|\"bmc\"|..., \"url\": "
    "...}", required=True)}
_TASK_POLL_S = 2.0
_TASK_TIMEOUT_S = 1800.0


def _check(task: Task, settings: Any) -> list[dict[str, Any]]:
    if not isinstance(settings, list) or not settings or not all(
            isinstance(s, dict) and str(s.get("url", "")).startswith(("http://", "https://"))
            for s in settings):
        raise exception.InvalidParameterValue(
            err=f"Node {task.node.uuid}: firmware settings must be a non-empty list "
                f"of {{\"component\", \"url\"}} objects with http(s) URLs")
    return settings


class RedfishFirmware(FirmwareInterface):
    """Firmware updates through the Redfish UpdateService."""

    def get_properties(self) -> dict[str, str]:
        return dict(redfish_info.COMMON_PROPERTIES)

    def validate(self, task: Task) -> None:
        redfish_info.parse(task.node)

    @steps.step(steps.StepKind.CLEAN, priority=0, argsinfo=FIRMWARE_ARGS,
                requires_ramdisk=False)
    @steps.step(steps.StepKind.DEPLOY, priority=0, argsinfo=FIRMWARE_ARGS,
                requires_ramdisk=False)
    @steps.step(steps.StepKind.SERVICE, priority=0, argsinfo=FIRMWARE_ARGS,
                requires_ramdisk=False)
    def update(self, task: Task, settings: list[dict[str, Any]]) -> steps.StepResult:
        for item in _check(task, settings):
            self._update_one(task, item)
        return steps.StepResult.DONE

    def _update_one(self, task: Task, item: dict[str, Any]) -> None:
        def start(root: Any) -> Any:
            try:
                service = root.get_update_service()
            except session.Error as e:
                raise exception.BMCFeatureUnsupported(
                    node=task.node.uuid, feature="firmware update",
                    reason=f"the BMC has no UpdateService ({e})") from e
            return service.simple_update(item["url"])
        monitor = session.call(task.node, f"update firmware {item.get('component')}",
                               start, system=False)
        deadline = time.monotonic() + _TASK_TIMEOUT_S
        while monitor is not None and getattr(monitor, "is_processing", False):
            if time.monotonic() > deadline:
                raise exception.BMCCommandFailed(
                    node=task.node.uuid, address=redfish_info.parse(task.node).address,
                    action="update firmware", reason="the update task did not finish")
            time.sleep(_TASK_POLL_S)
            session.call(task.node, "poll firmware update",
                         lambda root: monitor.refresh(), system=False)

    def cache_firmware_components(self, task: Task) -> list[dict[str, Any]]:
        def read(system: Any) -> list[dict[str, Any]]:
            found = [{"component": "bios", "current_version": system.bios_version}]
            for manager in system.managers:
                found.append({"component": "bmc",
                              "current_version": manager.firmware_version})
            return [c for c in found if c["current_version"]]
        return session.call(task.node, "read firmware versions", read)
