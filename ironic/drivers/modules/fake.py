"""Fake implementations of every interface: no hardware, state kept on the node.

Power state and boot device live in the node's ``driver_internal_info`` (the
conductor saves it), so they survive restarts and are visible through the API.
The plain fakes are synchronous and succeed unless the request itself is
invalid. The ``fake-async`` deploy, inspect and rescue fakes return ``WAIT``
from their steps instead: the node stays in the flow's wait state until the
conductor is told to resume (``continue_node_deploy``, ``continue_node_clean``,
a heartbeat, ...), which counts the waiting step as finished.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ironic.common import exception
from ironic.common import states
from ironic.drivers import steps
from ironic.drivers.interfaces.bios import BIOSInterface
from ironic.drivers.interfaces.boot import BootInterface
from ironic.drivers.interfaces.console import ConsoleInterface
from ironic.drivers.interfaces.deploy import DeployInterface
from ironic.drivers.interfaces.firmware import FirmwareInterface
from ironic.drivers.interfaces.inspect import InspectInterface
from ironic.drivers.interfaces.management import ManagementInterface
from ironic.drivers.interfaces.power import PowerInterface
from ironic.drivers.interfaces.raid import RAIDInterface
from ironic.drivers.interfaces.rescue import RescueInterface
from ironic.drivers.interfaces.storage import StorageInterface
from ironic.drivers.interfaces.vendor import VendorInterface

if TYPE_CHECKING:
    from ironic.drivers.task import Task

POWER_KEY = "fake_power_state"
"""driver_internal_info key of the fake power state."""
BOOT_DEVICE_KEY = "fake_boot_device"
"""driver_internal_info key of the fake boot device ({device, persistent})."""
INDICATORS_KEY = "fake_indicators"
"""driver_internal_info key of the fake indicator states ({"name@component": state})."""
VMEDIA_KEY = "fake_vmedia"
"""driver_internal_info key of the fake virtual media ({device_type: image_url})."""

_INDICATORS = {
    "system": {"led": {"readonly": False, "states": ["BLINKING", "OFF", "ON"]}},
    "chassis": {"led-0": {"readonly": True, "states": ["OFF", "ON"]}},
}
"""The fake node's indicators: a settable system LED, a read-only chassis LED."""
_VMEDIA_DEVICES = ("cdrom", "disk", "floppy")

_POWER_RESULT = {
    states.POWER_ON: states.POWER_ON,
    states.POWER_OFF: states.POWER_OFF,
    states.REBOOT: states.POWER_ON,
    states.SOFT_REBOOT: states.POWER_ON,
    states.SOFT_POWER_OFF: states.POWER_OFF,
}


def _set_internal(task: Task, key: str, value: Any) -> None:
    task.node.driver_internal_info = {**(task.node.driver_internal_info or {}),
                                      key: value}


class _NoConfig:
    """Fakes need no driver_info and validate everything."""

    def get_properties(self) -> dict[str, str]:
        return {}

    def validate(self, task: Task) -> None:
        return None


class FakePower(_NoConfig, PowerInterface):
    """Power state kept in driver_internal_info; every change succeeds."""

    def get_power_state(self, task: Task) -> str:
        info = task.node.driver_internal_info or {}
        return str(info.get(POWER_KEY) or task.node.power_state or states.POWER_OFF)

    def set_power_state(self, task: Task, target: str, *,
                        timeout_s: float | None = None) -> None:
        if target not in _POWER_RESULT:
            raise exception.InvalidParameterValue(
                err=f"set_power_state called with an invalid power state: {target}")
        _set_internal(task, POWER_KEY, _POWER_RESULT[target])

    def reboot(self, task: Task, *, timeout_s: float | None = None) -> None:
        _set_internal(task, POWER_KEY, states.POWER_ON)

    def get_supported_power_states(self, task: Task) -> list[str]:
        return list(_POWER_RESULT)


class FakeManagement(_NoConfig, ManagementInterface):
    """Boot device kept in driver_internal_info; boot mode and secure boot
    recorded directly on the node's ``boot_mode`` and ``secure_boot`` fields."""

    SUPPORTED_DEVICES = ("pxe", "disk")
    SUPPORTED_BOOT_MODES = ("bios", "uefi")

    def get_supported_boot_devices(self, task: Task) -> list[str]:
        return list(self.SUPPORTED_DEVICES)

    def set_boot_device(self, task: Task, device: str,
                        persistent: bool = False) -> None:
        if device not in self.SUPPORTED_DEVICES:
            raise exception.InvalidParameterValue(
                err=f"Invalid boot device {device} specified. Supported "
                    f"devices: {', '.join(self.SUPPORTED_DEVICES)}")
        _set_internal(task, BOOT_DEVICE_KEY,
                      {"boot_device": device, "persistent": bool(persistent)})

    def get_boot_device(self, task: Task) -> dict[str, Any]:
        stored = (task.node.driver_internal_info or {}).get(BOOT_DEVICE_KEY)
        return dict(stored) if stored else {"boot_device": "pxe",
                                            "persistent": False}

    def inject_nmi(self, task: Task) -> None:
        return None

    def get_supported_boot_modes(self, task: Task) -> list[str]:
        return list(self.SUPPORTED_BOOT_MODES)

    def set_boot_mode(self, task: Task, mode: str) -> None:
        if mode not in self.SUPPORTED_BOOT_MODES:
            raise exception.InvalidParameterValue(
                err=f"Invalid boot mode {mode} specified. Supported boot modes: "
                    f"{', '.join(self.SUPPORTED_BOOT_MODES)}")
        task.node.boot_mode = mode

    def set_secure_boot_state(self, task: Task, state: bool) -> None:
        task.node.secure_boot = bool(state)

    def get_sensors_data(self, task: Task) -> dict[str, Any]:
        return {}

    def get_supported_indicators(self, task: Task) -> dict[str, dict[str, Any]]:
        return {component: {name: dict(fields, states=list(fields["states"]))
                            for name, fields in names.items()}
                for component, names in _INDICATORS.items()}

    def _indicator(self, task: Task, component: str, indicator: str) -> dict[str, Any]:
        fields = _INDICATORS.get(component, {}).get(indicator)
        if fields is None:
            raise exception.InvalidParameterValue(
                err=f"Node {task.node.uuid}: no indicator {indicator} on "
                    f"component {component}")
        return fields

    def set_indicator_state(self, task: Task, component: str, indicator: str,
                            state: str) -> None:
        fields = self._indicator(task, component, indicator)
        if fields["readonly"] or state not in fields["states"]:
            raise exception.InvalidParameterValue(
                err=f"Node {task.node.uuid}: indicator {indicator}@{component} "
                    f"cannot be set to {state}")
        current = dict((task.node.driver_internal_info or {}).get(INDICATORS_KEY) or {})
        current[f"{indicator}@{component}"] = state
        _set_internal(task, INDICATORS_KEY, current)

    def get_indicator_state(self, task: Task, component: str, indicator: str) -> str:
        self._indicator(task, component, indicator)
        current = (task.node.driver_internal_info or {}).get(INDICATORS_KEY) or {}
        return str(current.get(f"{indicator}@{component}", "OFF"))

    def attach_virtual_media(self, task: Task, device_type: str,
                             image_url: str) -> None:
        if device_type not in _VMEDIA_DEVICES:
            raise exception.InvalidParameterValue(
                err=f"Node {task.node.uuid}: invalid virtual media device type "
                    f"{device_type}")
        current = dict((task.node.driver_internal_info or {}).get(VMEDIA_KEY) or {})
        current[device_type] = image_url
        _set_internal(task, VMEDIA_KEY, current)

    def detach_virtual_media(self, task: Task,
                             device_types: list[str] | None = None) -> None:
        current = dict((task.node.driver_internal_info or {}).get(VMEDIA_KEY) or {})
        for device_type in device_types or list(current):
            current.pop(device_type, None)
        _set_internal(task, VMEDIA_KEY, current)

    def get_virtual_media(self, task: Task) -> list[dict[str, Any]]:
        current = (task.node.driver_internal_info or {}).get(VMEDIA_KEY) or {}
        return [{"media_types": [device], "inserted": device in current,
                 "image": current.get(device)} for device in _VMEDIA_DEVICES]


class FakeBoot(_NoConfig, BootInterface):
    """Nothing to prepare.

    It documents two placeholder driver_info fields, as Ironic's fake boot
    interface does, so that ``driver property list fake-hardware`` shows
    what a driver with properties looks like; validation never needs them.
    """

    def get_properties(self) -> dict[str, str]:
        return {"B1": "B1 description. Required.", "B2": "B2 description. Required."}

    def prepare_ramdisk(self, task: Task, ramdisk_params: dict[str, Any]) -> None:
        return None

    def clean_up_ramdisk(self, task: Task) -> None:
        return None

    def prepare_instance(self, task: Task) -> None:
        return None

    def clean_up_instance(self, task: Task) -> None:
        return None


class FakeDeploy(_NoConfig, DeployInterface):
    """Deployment finishes at once."""

    def prepare(self, task: Task) -> None:
        return None

    @steps.step(steps.StepKind.DEPLOY, priority=100)
    def deploy(self, task: Task) -> steps.StepResult:
        return steps.StepResult.DONE

    def tear_down(self, task: Task) -> None:
        _set_internal(task, POWER_KEY, states.POWER_OFF)

    def clean_up(self, task: Task) -> None:
        return None


class FakeAsyncDeploy(FakeDeploy):
    """Like ``fake`` but every step waits for a callback (``fake-async``).

    Deployment waits in ``wait call-back``; automated cleaning runs
    ``erase_devices`` and waits in ``clean wait``; ``wait_for_callback`` is a
    manual clean, deploy and service step that waits too. Each finishes when
    the conductor resumes the flow.
    """

    @steps.step(steps.StepKind.DEPLOY, priority=100)
    def deploy(self, task: Task) -> steps.StepResult:
        return steps.StepResult.WAIT

    @steps.step(steps.StepKind.CLEAN, priority=10, abortable=True)
    def erase_devices(self, task: Task) -> steps.StepResult:
        return steps.StepResult.WAIT

    @steps.step(steps.StepKind.CLEAN, priority=0, abortable=True)
    @steps.step(steps.StepKind.DEPLOY, priority=0)
    @steps.step(steps.StepKind.SERVICE, priority=0, abortable=True)
    def wait_for_callback(self, task: Task) -> steps.StepResult:
        return steps.StepResult.WAIT


class FakeInspect(_NoConfig, InspectInterface):
    """Inspection finds nothing new and finishes at once."""

    def inspect_hardware(self, task: Task) -> steps.StepResult:
        return steps.StepResult.DONE

    def abort(self, task: Task) -> None:
        return None


class FakeAsyncInspect(FakeInspect):
    """Inspection waits in ``inspect wait`` until resumed (``fake-async``)."""

    def inspect_hardware(self, task: Task) -> steps.StepResult:
        return steps.StepResult.WAIT


class FakeRAID(_NoConfig, RAIDInterface):
    """Pretends the target RAID configuration was built."""

    @steps.step(steps.StepKind.CLEAN, priority=0)
    def create_configuration(self, task: Task, create_root_volume: bool = True,
                             create_nonroot_volumes: bool = True) -> steps.StepResult:
        target = task.node.target_raid_config or {}
        task.node.raid_config = dict(target)
        return steps.StepResult.DONE

    @steps.step(steps.StepKind.CLEAN, priority=0)
    def delete_configuration(self, task: Task) -> steps.StepResult:
        task.node.raid_config = {}
        return steps.StepResult.DONE


_BIOS_ARGS = {"settings": steps.ArgInfo("A list of {name, value} settings",
                                        required=True)}


class FakeBIOS(_NoConfig, BIOSInterface):
    """Accepts any settings."""

    @steps.step(steps.StepKind.CLEAN, priority=0, argsinfo=_BIOS_ARGS)
    @steps.step(steps.StepKind.DEPLOY, priority=0, argsinfo=_BIOS_ARGS)
    @steps.step(steps.StepKind.SERVICE, priority=0, argsinfo=_BIOS_ARGS)
    def apply_configuration(self, task: Task,
                            settings: list[dict[str, Any]]) -> steps.StepResult:
        return steps.StepResult.DONE

    @steps.step(steps.StepKind.CLEAN, priority=0)
    @steps.step(steps.StepKind.DEPLOY, priority=0)
    @steps.step(steps.StepKind.SERVICE, priority=0)
    def factory_reset(self, task: Task) -> steps.StepResult:
        return steps.StepResult.DONE

    def cache_bios_settings(self, task: Task) -> list[dict[str, Any]]:
        return []


class FakeConsole(_NoConfig, ConsoleInterface):
    """A console that is always reachable at a fake URL."""

    def start_console(self, task: Task) -> None:
        return None

    def stop_console(self, task: Task) -> None:
        return None

    def get_console(self, task: Task) -> dict[str, Any]:
        return {"type": "shellinabox", "url": "http://localhost:4201"}


class FakeVendor(VendorInterface):
    """Two demonstration vendor methods."""

    def get_properties(self) -> dict[str, str]:
        return {"A1": "A1 description. Required.", "A2": "A2 description. Optional."}

    def validate(self, task: Task) -> None:
        return None

    def vendor_routes(self) -> dict[str, dict[str, Any]]:
        return {"first_method": {"http_methods": ["POST"], "async": True,
                                 "description": "Echo 'bar'", "attach": False,
                                 "require_exclusive_lock": True}}

    def call(self, task: Task, method: str, http_method: str,
             **kwargs: Any) -> Any:
        if method != "first_method":
            raise exception.InvalidParameterValue(
                err=f"Unsupported vendor method {method}")
        return {"bar": kwargs.get("bar")}


class FakeRescue(_NoConfig, RescueInterface):
    """Rescue and unrescue finish at once."""

    def rescue(self, task: Task) -> steps.StepResult:
        return steps.StepResult.DONE

    def unrescue(self, task: Task) -> None:
        return None


class FakeAsyncRescue(FakeRescue):
    """Rescue waits in ``rescue wait`` until resumed (``fake-async``)."""

    def rescue(self, task: Task) -> steps.StepResult:
        return steps.StepResult.WAIT


class FakeFirmware(_NoConfig, FirmwareInterface):
    """Accepts any firmware update."""

    @steps.step(steps.StepKind.CLEAN, priority=0, argsinfo={
        "settings": steps.ArgInfo("A list of {component, url} items", required=True)})
    def update(self, task: Task, settings: list[dict[str, Any]]) -> steps.StepResult:
        return steps.StepResult.DONE

    def cache_firmware_components(self, task: Task) -> list[dict[str, Any]]:
        return []


class FakeStorage(_NoConfig, StorageInterface):
    """No volumes; the image is always written."""

    def attach_volumes(self, task: Task) -> None:
        return None

    def detach_volumes(self, task: Task) -> None:
        return None

    def should_write_image(self, task: Task) -> bool:
        return True
