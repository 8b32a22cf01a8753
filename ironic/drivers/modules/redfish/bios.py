"""Redfish BIOS interface (entry point ``redfish``): read, apply, factory reset.

``apply_configuration`` and ``factory_reset`` are clean and deploy steps.
BMCs that apply BIOS changes at once (the sushy-tools emulator does) finish
the step in place; BMCs that stage them for the next boot get a power cycle
when the node is on, and the step then checks the result, so a change that
did not take effect fails the step with a clear message.

The settings are stored on the node (``/v1/nodes/{node}/bios``) after every
read or change.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from ironic.common import exception
from ironic.common import states
from ironic.drivers import steps
from ironic.drivers.interfaces.bios import BIOSInterface
from ironic.drivers.modules.redfish import info as redfish_info
from ironic.drivers.modules.redfish import session

if TYPE_CHECKING:
    from ironic.drivers.task import Task

LOG = logging.getLogger(__name__)

SETTINGS_ARGS = {"settings": steps.ArgInfo(
    "A list of BIOS settings to apply, each {\"name\": ..., \"value\": ...}",
    required=True)}

_REGISTRY_FIELDS = {"attribute_type": "attribute_type",
                    "allowable_values": "allowable_values",
                    "lower_bound": "lower_bound", "upper_bound": "upper_bound",
                    "min_length": "min_length", "max_length": "max_length",
                    "read_only": "read_only", "reset_required": "reset_required",
                    "unique": "unique"}


def _check_settings(task: Task, settings: Any) -> dict[str, Any]:
    if not isinstance(settings, list) or not settings:
        raise exception.InvalidParameterValue(
            err=f"Node {task.node.uuid}: BIOS settings must be a non-empty list "
                f"of {{\"name\", \"value\"}} objects")
    wanted = {}
    for item in settings:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) \
                or "value" not in item:
            raise exception.InvalidParameterValue(
                err=f"Node {task.node.uuid}: invalid BIOS setting {item!r}; "
                    f"expected {{\"name\": ..., \"value\": ...}}")
        wanted[item["name"]] = item["value"]
    return wanted


def _differences(current: dict[str, Any], wanted: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in wanted.items() if str(current.get(k)) != str(v)}


def _registry(system: Any) -> dict[str, dict[str, Any]]:
    """Attribute metadata by name; empty when the BMC publishes no registry."""
    try:
        registry = system.bios.get_attribute_registry()
    except session.Error as e:
        LOG.debug("No BIOS attribute registry: %s", e)
        return {}
    entries = getattr(registry, "registry_entries", None)
    found = {}
    for attr in getattr(entries, "attributes", None) or []:
        found[attr.name] = {
            field: getattr(attr, source) for field, source in _REGISTRY_FIELDS.items()
            if getattr(attr, source, None) is not None}
    return found


def read_settings(task: Task) -> list[dict[str, Any]]:
    """The BMC's BIOS settings with registry metadata where published."""
    def read(system: Any) -> list[dict[str, Any]]:
        registry = _registry(system)
        return [{"name": name, "value": None if value is None else str(value),
                 **registry.get(name, {})}
                for name, value in sorted(system.bios.attributes.items())]
    return session.call(task.node, "read BIOS settings", read)


def store_settings(task: Task, settings: list[dict[str, Any]]) -> None:
    """Make the node's stored BIOS settings equal ``settings`` (the conductor
    writes them, through the Task service)."""
    task.store_bios_settings(settings)


class RedfishBIOS(BIOSInterface):
    """BIOS settings over Redfish."""

    def get_properties(self) -> dict[str, str]:
        return dict(redfish_info.COMMON_PROPERTIES)

    def validate(self, task: Task) -> None:
        redfish_info.parse(task.node)

    def cache_bios_settings(self, task: Task) -> list[dict[str, Any]]:
        settings = read_settings(task)
        store_settings(task, settings)
        return settings

    @steps.step(steps.StepKind.CLEAN, priority=0, argsinfo=SETTINGS_ARGS,
                requires_ramdisk=False)
    @steps.step(steps.StepKind.DEPLOY, priority=0, argsinfo=SETTINGS_ARGS,
                requires_ramdisk=False)
    def apply_configuration(self, task: Task,
                            settings: list[dict[str, Any]]) -> steps.StepResult:
        wanted = _check_settings(task, settings)
        current = session.call(task.node, "read BIOS settings",
                               lambda s: dict(s.bios.attributes))
        unknown = sorted(set(wanted) - set(current))
        if unknown:
            raise exception.InvalidParameterValue(
                err=f"Node {task.node.uuid}: unknown BIOS setting(s) "
                    f"{', '.join(unknown)}")
        todo = _differences(current, wanted)
        if todo:
            session.call(task.node, "apply BIOS settings",
                         lambda s: s.bios.set_attributes(todo))
            self._settle(task, lambda now: not _differences(now, wanted),
                         "BIOS settings " + ", ".join(sorted(todo)))
        self.cache_bios_settings(task)
        return steps.StepResult.DONE

    @steps.step(steps.StepKind.CLEAN, priority=0, requires_ramdisk=False)
    @steps.step(steps.StepKind.DEPLOY, priority=0, requires_ramdisk=False)
    def factory_reset(self, task: Task) -> steps.StepResult:
        session.call(task.node, "reset BIOS settings", lambda s: s.bios.reset_bios())
        self.cache_bios_settings(task)
        return steps.StepResult.DONE

    def _settle(self, task: Task, is_done: Any, what: str) -> None:
        """Check a change took effect, power cycling once if the BMC staged it."""
        def current() -> dict[str, Any]:
            return session.call(task.node, "read BIOS settings",
                                lambda s: dict(s.bios.attributes))
        if is_done(current()):
            return
        if task.driver.power.get_power_state(task) == states.POWER_ON:
            task.driver.power.reboot(task)
            if is_done(current()):
                return
        raise exception.BMCCommandFailed(
            node=task.node.uuid, address=redfish_info.parse(task.node).address,
            action=f"apply {what}",
            reason="the BMC accepted the change but it has not taken effect; it "
                   "may apply on the next boot of the node")
