"""Console: serial or graphical console access to a node."""
from __future__ import annotations

import abc
from typing import TYPE_CHECKING, Any, ClassVar

from ironic.drivers.interfaces.base import BaseInterface

if TYPE_CHECKING:
    from ironic.drivers.task import Task


class ConsoleInterface(BaseInterface):
    """Start, stop and describe a node's console."""

    interface_type: ClassVar[str] = "console"

    @abc.abstractmethod
    def start_console(self, task: Task) -> None:
        """Start the console; re-entrant."""

    @abc.abstractmethod
    def stop_console(self, task: Task) -> None:
        """Stop the console; re-entrant."""

    @abc.abstractmethod
    def get_console(self, task: Task) -> dict[str, Any]:
        """``{"type": ..., "url": ...}`` of the running console."""
