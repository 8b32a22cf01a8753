"""Inspect: discovering a node's hardware properties."""
from __future__ import annotations

import abc
from typing import TYPE_CHECKING, ClassVar

from ironic.common import exception
from ironic.drivers.interfaces.base import BaseInterface

if TYPE_CHECKING:
    from ironic.drivers.steps import StepResult
    from ironic.drivers.task import Task


class InspectInterface(BaseInterface):
    """Collect hardware properties into ``task.node.properties``."""

    interface_type: ClassVar[str] = "inspect"

    @abc.abstractmethod
    def inspect_hardware(self, task: Task) -> StepResult:
        """Inspect; ``DONE`` when finished here, ``WAIT`` for in-band results."""

    def abort(self, task: Task) -> None:
        """Stop an inspection that is waiting.

        :raises: UnsupportedDriverExtension unless overridden.
        """
        raise exception.UnsupportedDriverExtension(
            driver=task.node.driver, extension="abort")
