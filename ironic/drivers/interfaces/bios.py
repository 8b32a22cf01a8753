"""BIOS: applying, resetting and caching firmware settings."""
from __future__ import annotations

import abc
from typing import TYPE_CHECKING, Any, ClassVar

from ironic.drivers.interfaces.base import BaseInterface

if TYPE_CHECKING:
    from ironic.drivers.steps import StepResult
    from ironic.drivers.task import Task


class BIOSInterface(BaseInterface):
    """Read and change BIOS settings."""

    interface_type: ClassVar[str] = "bios"

    @abc.abstractmethod
    def apply_configuration(self, task: Task,
                            settings: list[dict[str, Any]]) -> StepResult:
        """Apply ``[{"name": ..., "value": ...}]`` settings."""

    @abc.abstractmethod
    def factory_reset(self, task: Task) -> StepResult:
        """Restore factory defaults."""

    @abc.abstractmethod
    def cache_bios_settings(self, task: Task) -> list[dict[str, Any]]:
        """Current settings, for the conductor to store."""
