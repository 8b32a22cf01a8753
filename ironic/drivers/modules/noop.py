"""``no-*`` implementations of optional interfaces: every action is refused.

Validation and every action raise UnsupportedDriverExtension (a 400 at the
API), so node validation reports these interfaces as unusable with a reason.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, NoReturn

from ironic.common import exception
from ironic.drivers.interfaces.bios import BIOSInterface
from ironic.drivers.interfaces.console import ConsoleInterface
from ironic.drivers.interfaces.firmware import FirmwareInterface
from ironic.drivers.interfaces.inspect import InspectInterface
from ironic.drivers.interfaces.raid import RAIDInterface
from ironic.drivers.interfaces.rescue import RescueInterface
from ironic.drivers.interfaces.vendor import VendorInterface

if TYPE_CHECKING:
    from ironic.drivers.task import Task


class _Unsupported:
    """Shared behaviour: everything, including validation, is refused."""

    supported = False
    interface_type: str

    def get_properties(self) -> dict[str, str]:
        return {}

    def validate(self, task: Task) -> None:
        self._refuse(task)

    def _refuse(self, task: Task | None, *args: Any, **kwargs: Any) -> NoReturn:
        driver = task.node.driver if task is not None else "this driver"
        raise exception.UnsupportedDriverExtension(
            driver=driver, extension=self.interface_type)


class NoBIOS(_Unsupported, BIOSInterface):
    """BIOS settings are not supported."""

    apply_configuration = factory_reset = cache_bios_settings = _Unsupported._refuse


class NoConsole(_Unsupported, ConsoleInterface):
    """No console access."""

    start_console = stop_console = get_console = _Unsupported._refuse


class NoFirmware(_Unsupported, FirmwareInterface):
    """Firmware updates are not supported."""

    update = cache_firmware_components = _Unsupported._refuse


class NoInspect(_Unsupported, InspectInterface):
    """Inspection is not supported."""

    inspect_hardware = abort = _Unsupported._refuse


class NoRAID(_Unsupported, RAIDInterface):
    """RAID configuration is not supported."""

    create_configuration = delete_configuration = _Unsupported._refuse

    def validate_raid_config(self, task: Task, raid_config: dict[str, Any]) -> None:
        self._refuse(task)


class NoRescue(_Unsupported, RescueInterface):
    """Rescue is not supported."""

    rescue = unrescue = _Unsupported._refuse


class NoVendor(_Unsupported, VendorInterface):
    """No vendor passthru methods."""

    call = _Unsupported._refuse

    def vendor_routes(self) -> dict[str, dict[str, Any]]:
        return {}
