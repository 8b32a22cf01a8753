"""Deploy: writing an instance onto a node and tearing it down again."""
from __future__ import annotations

import abc
from typing import TYPE_CHECKING, ClassVar

from ironic.drivers.interfaces.base import BaseInterface

if TYPE_CHECKING:
    from ironic.drivers.steps import StepResult
    from ironic.drivers.task import Task


class DeployInterface(BaseInterface):
    """Deploy and tear down instances."""

    interface_type: ClassVar[str] = "deploy"

    @abc.abstractmethod
    def prepare(self, task: Task) -> None:
        """Get the node ready for deployment (networks, boot)."""

    @abc.abstractmethod
    def deploy(self, task: Task) -> StepResult:
        """Write the instance; ``WAIT`` when a callback will finish it."""

    @abc.abstractmethod
    def tear_down(self, task: Task) -> None:
        """Remove the instance and power the node off."""

    @abc.abstractmethod
    def clean_up(self, task: Task) -> None:
        """Release what ``prepare`` and ``deploy`` set up."""

    def take_over(self, task: Task) -> None:
        """Adopt responsibility for an active node from another conductor."""
