"""Boot: preparing what a node boots (ramdisk or instance) and cleaning it up."""
from __future__ import annotations

import abc
from typing import TYPE_CHECKING, Any, ClassVar

from ironic.drivers.interfaces.base import BaseInterface

if TYPE_CHECKING:
    from ironic.drivers.task import Task


class BootInterface(BaseInterface):
    """Make a node boot the ramdisk or the deployed instance."""

    interface_type: ClassVar[str] = "boot"

    @abc.abstractmethod
    def prepare_ramdisk(self, task: Task, ramdisk_params: dict[str, Any]) -> None:
        """Arrange for the next boot to load the deploy/rescue ramdisk."""

    @abc.abstractmethod
    def clean_up_ramdisk(self, task: Task) -> None:
        """Remove what ``prepare_ramdisk`` set up."""

    @abc.abstractmethod
    def prepare_instance(self, task: Task) -> None:
        """Arrange for the next boot to load the deployed instance."""

    @abc.abstractmethod
    def clean_up_instance(self, task: Task) -> None:
        """Remove what ``prepare_instance`` set up."""
