"""Rescue: booting a rescue ramdisk on an active node and back."""
from __future__ import annotations

import abc
from typing import TYPE_CHECKING, ClassVar

from ironic.drivers.interfaces.base import BaseInterface

if TYPE_CHECKING:
    from ironic.drivers.steps import StepResult
    from ironic.drivers.task import Task


class RescueInterface(BaseInterface):
    """Rescue and unrescue an active node."""

    interface_type: ClassVar[str] = "rescue"

    @abc.abstractmethod
    def rescue(self, task: Task) -> StepResult:
        """Boot the rescue ramdisk; ``WAIT`` until it calls back."""

    @abc.abstractmethod
    def unrescue(self, task: Task) -> None:
        """Return to the deployed instance."""

    def clean_up(self, task: Task) -> None:
        """Release what ``rescue`` set up."""
