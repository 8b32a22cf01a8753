"""Management: boot devices, NMI, sensors; everything a BMC does besides power."""
from __future__ import annotations

import abc
from typing import TYPE_CHECKING, Any, ClassVar

from ironic.common import exception
from ironic.drivers.interfaces.base import BaseInterface

if TYPE_CHECKING:
    from ironic.drivers.task import Task


class ManagementInterface(BaseInterface):
    """Out-of-band management of a node."""

    interface_type: ClassVar[str] = "management"

    @abc.abstractmethod
    def get_supported_boot_devices(self, task: Task) -> list[str]:
        """Boot devices ``set_boot_device`` accepts (``pxe``, ``disk``, ...)."""

    @abc.abstractmethod
    def set_boot_device(self, task: Task, device: str,
                        persistent: bool = False) -> None:
        """Boot from ``device`` next time (or always when ``persistent``).

        :raises: InvalidParameterValue for an unsupported device.
        """

    @abc.abstractmethod
    def get_boot_device(self, task: Task) -> dict[str, Any]:
        """``{"boot_device": str | None, "persistent": bool | None}``."""

    def inject_nmi(self, task: Task) -> None:
        """Send a non-maskable interrupt to the node.

        :raises: UnsupportedDriverExtension unless overridden.
        """
        raise exception.UnsupportedDriverExtension(
            driver=task.node.driver, extension="inject_nmi")

    def get_sensors_data(self, task: Task) -> dict[str, Any]:
        """Sensor readings grouped by sensor type; none by default."""
        return {}

    def get_supported_boot_modes(self, task: Task) -> list[str]:
        """Boot modes (``bios``, ``uefi``) ``set_boot_mode`` accepts.

        :raises: UnsupportedDriverExtension unless overridden.
        """
        raise exception.UnsupportedDriverExtension(
            driver=task.node.driver, extension="set_boot_mode")

    def set_boot_mode(self, task: Task, mode: str) -> None:
        """Make the node boot in ``mode`` from now on and record it on
        ``task.node.boot_mode``.

        :raises: UnsupportedDriverExtension unless overridden;
            InvalidParameterValue for a mode the node does not support.
        """
        raise exception.UnsupportedDriverExtension(
            driver=task.node.driver, extension="set_boot_mode")

    def set_secure_boot_state(self, task: Task, state: bool) -> None:
        """Turn UEFI secure boot on or off and record it on
        ``task.node.secure_boot``.

        :raises: UnsupportedDriverExtension unless overridden.
        """
        raise exception.UnsupportedDriverExtension(
            driver=task.node.driver, extension="set_secure_boot_state")

    # --- indicators (LEDs) ---------------------------------------------------

    def get_supported_indicators(self, task: Task) -> dict[str, dict[str, Any]]:
        """``{component: {indicator: {"readonly": bool, "states": [...]}}}``;
        components are ``system``, ``chassis`` or ``disk``, states ``ON``,
        ``OFF``, ``BLINKING`` (``UNKNOWN`` is only ever read).

        :raises: UnsupportedDriverExtension unless overridden.
        """
        raise exception.UnsupportedDriverExtension(
            driver=task.node.driver, extension="get_supported_indicators")

    def set_indicator_state(self, task: Task, component: str, indicator: str,
                            state: str) -> None:
        """Set one indicator of ``component`` to ``state``.

        :raises: UnsupportedDriverExtension unless overridden;
            InvalidParameterValue for an unknown indicator or state.
        """
        raise exception.UnsupportedDriverExtension(
            driver=task.node.driver, extension="set_indicator_state")

    def get_indicator_state(self, task: Task, component: str, indicator: str) -> str:
        """The state of one indicator of ``component``.

        :raises: UnsupportedDriverExtension unless overridden;
            InvalidParameterValue for an unknown indicator.
        """
        raise exception.UnsupportedDriverExtension(
            driver=task.node.driver, extension="get_indicator_state")

    # --- virtual media -------------------------------------------------------

    def attach_virtual_media(self, task: Task, device_type: str,
                             image_url: str) -> None:
        """Insert the image at ``image_url`` as a ``cdrom``/``floppy``/``disk``.

        :raises: UnsupportedDriverExtension unless overridden;
            InvalidParameterValue for a device type the BMC cannot offer.
        """
        raise exception.UnsupportedDriverExtension(
            driver=task.node.driver, extension="attach_virtual_media")

    def detach_virtual_media(self, task: Task,
                             device_types: list[str] | None = None) -> None:
        """Eject the media of ``device_types`` (all when None); re-entrant.

        :raises: UnsupportedDriverExtension unless overridden.
        """
        raise exception.UnsupportedDriverExtension(
            driver=task.node.driver, extension="detach_virtual_media")

    def get_virtual_media(self, task: Task) -> list[dict[str, Any]]:
        """Every virtual media slot: ``{"media_types": [...], "inserted": bool,
        "image": str | None}``.

        :raises: UnsupportedDriverExtension unless overridden.
        """
        raise exception.UnsupportedDriverExtension(
            driver=task.node.driver, extension="get_virtual_media")
