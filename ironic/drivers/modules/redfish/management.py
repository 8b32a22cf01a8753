"""Redfish management interface (entry point ``redfish``): boot device, boot
mode, secure boot, indicator LED, NMI and virtual media."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ironic.common import exception
from ironic.drivers.interfaces.management import ManagementInterface
from ironic.drivers.modules.redfish import info as redfish_info
from ironic.drivers.modules.redfish import session
from ironic.drivers.modules.redfish import virtual_media

if TYPE_CHECKING:
    from ironic.drivers.task import Task

BOOT_DEVICES = {"pxe": session.BootSource.PXE, "disk": session.BootSource.HDD,
                "cdrom": session.BootSource.CD, "bios": session.BootSource.BIOS_SETUP,
                "usb": session.BootSource.USB}
"""Our boot device names -> Redfish BootSourceOverrideTarget."""

BOOT_MODES = {"bios": session.BootSourceOverrideMode.LEGACY,
              "uefi": session.BootSourceOverrideMode.UEFI}

INDICATOR_STATES = {"on": session.IndicatorLED.LIT,
                    "off": session.IndicatorLED.OFF,
                    "blinking": session.IndicatorLED.BLINKING}
"""Ironic's indicator states (lower-cased) -> Redfish IndicatorLED."""


class RedfishManagement(ManagementInterface):
    """Out-of-band management over Redfish."""

    def get_properties(self) -> dict[str, str]:
        return dict(redfish_info.COMMON_PROPERTIES)

    def validate(self, task: Task) -> None:
        redfish_info.parse(task.node)

    def get_supported_boot_devices(self, task: Task) -> list[str]:
        return list(BOOT_DEVICES)

    def set_boot_device(self, task: Task, device: str,
                        persistent: bool = False) -> None:
        if device not in BOOT_DEVICES:
            raise exception.InvalidParameterValue(
                err=f"Node {task.node.uuid}: invalid boot device {device}; "
                    f"supported: {', '.join(BOOT_DEVICES)}")
        enabled = (session.BootSourceOverrideEnabled.CONTINUOUS if persistent
                   else session.BootSourceOverrideEnabled.ONCE)
        session.call(task.node, f"set boot device {device}",
                     lambda s: s.set_system_boot_options(
                         target=BOOT_DEVICES[device], enabled=enabled))

    def get_boot_device(self, task: Task) -> dict[str, Any]:
        def read(system: Any) -> dict[str, Any]:
            boot = system.boot
            names = {v: k for k, v in BOOT_DEVICES.items()}
            if boot.enabled == session.BootSourceOverrideEnabled.DISABLED:
                return {"boot_device": None, "persistent": None}
            return {"boot_device": names.get(boot.target),
                    "persistent": boot.enabled
                    == session.BootSourceOverrideEnabled.CONTINUOUS}
        return session.call(task.node, "get boot device", read)

    def get_supported_boot_modes(self, task: Task) -> list[str]:
        return list(BOOT_MODES)

    def set_boot_mode(self, task: Task, mode: str) -> None:
        if mode not in BOOT_MODES:
            raise exception.InvalidParameterValue(
                err=f"Node {task.node.uuid}: invalid boot mode {mode}; "
                    f"supported: {', '.join(BOOT_MODES)}")
        session.call(task.node, f"set boot mode {mode}",
                     lambda s: s.set_system_boot_options(mode=BOOT_MODES[mode]))
        task.node.boot_mode = mode

    def get_boot_mode(self, task: Task) -> str | None:
        """The boot mode the BMC reports (``bios``/``uefi``), None if unknown."""
        mode = session.call(task.node, "get boot mode", lambda s: s.boot.mode)
        return {v: k for k, v in BOOT_MODES.items()}.get(mode)

    def set_secure_boot_state(self, task: Task, state: bool) -> None:
        def apply(system: Any) -> None:
            if system.secure_boot is None:
                raise exception.BMCFeatureUnsupported(
                    node=task.node.uuid, feature="secure boot",
                    reason="the system has no SecureBoot resource")
            system.secure_boot.set_enabled(bool(state))
        session.call(task.node, "set secure boot", apply)
        task.node.secure_boot = bool(state)

    def inject_nmi(self, task: Task) -> None:
        session.call(task.node, "inject NMI",
                     lambda s: s.reset_system(session.ResetType.NMI))

    # --- indicators (Ironic's /v1/nodes/{node}/management/indicators) -------

    def get_supported_indicators(self, task: Task) -> dict[str, dict[str, Any]]:
        """The system's indicator LED: ``{"system": {"led": {...}}}``."""
        return {"system": {"led": {"readonly": False,
                                   "states": [s.upper() for s in INDICATOR_STATES]}}}

    def set_indicator_state(self, task: Task, component: str, indicator: str,
                            state: str) -> None:
        """Light, blink or turn off the system's indicator LED.

        :raises: InvalidParameterValue for another component or state.
        """
        value = INDICATOR_STATES.get(str(state).lower())
        if component != "system" or indicator != "led" or value is None:
            raise exception.InvalidParameterValue(
                err=f"Node {task.node.uuid}: indicator {component}/{indicator} "
                    f"state {state} is not supported; use system/led with "
                    f"ON, OFF or BLINKING")
        session.call(task.node, "set indicator", lambda s: s.set_indicator_led(value))

    def get_indicator_state(self, task: Task, component: str, indicator: str) -> str:
        """The system indicator LED state: ON, OFF, BLINKING or UNKNOWN."""
        value = session.call(task.node, "get indicator", lambda s: s.indicator_led)
        names = {v: k.upper() for k, v in INDICATOR_STATES.items()}
        return names.get(value, "UNKNOWN")

    # --- virtual media (Ironic's /v1/nodes/{node}/vmedia) -------------------

    def attach_virtual_media(self, task: Task, device_type: str,
                             image_url: str) -> None:
        """Insert the image at ``image_url`` into a ``cdrom``/``floppy`` slot."""
        virtual_media.insert(task, image_url, device_type)

    def detach_virtual_media(self, task: Task,
                             device_types: list[str] | None = None) -> None:
        """Eject media from the given (default: every) slot type."""
        virtual_media.eject(task, device_types)

    def get_virtual_media(self, task: Task) -> list[dict[str, Any]]:
        """Every slot's media types, whether it holds an image, and which."""
        return virtual_media.describe(task)
