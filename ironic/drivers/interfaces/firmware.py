"""Firmware: updating and caching firmware component versions."""
from __future__ import annotations

import abc
from typing import TYPE_CHECKING, Any, ClassVar

from ironic.drivers.interfaces.base import BaseInterface

if TYPE_CHECKING:
    from ironic.drivers.steps import StepResult
    from ironic.drivers.task import Task


class FirmwareInterface(BaseInterface):
    """Update firmware components."""

    interface_type: ClassVar[str] = "firmware"

    @abc.abstractmethod
    def update(self, task: Task, settings: list[dict[str, Any]]) -> StepResult:
        """Apply firmware images ``[{"component": ..., "url": ...}]``."""

    @abc.abstractmethod
    def cache_firmware_components(self, task: Task) -> list[dict[str, Any]]:
        """Current component versions, for the conductor to store."""
