"""Storage: attaching remote volumes a node boots from or uses."""
from __future__ import annotations

import abc
from typing import TYPE_CHECKING, ClassVar

from ironic.drivers.interfaces.base import BaseInterface

if TYPE_CHECKING:
    from ironic.drivers.task import Task


class StorageInterface(BaseInterface):
    """Attach and detach volumes."""

    interface_type: ClassVar[str] = "storage"

    @abc.abstractmethod
    def attach_volumes(self, task: Task) -> None:
        """Attach the node's volume targets."""

    @abc.abstractmethod
    def detach_volumes(self, task: Task) -> None:
        """Detach the node's volume targets."""

    @abc.abstractmethod
    def should_write_image(self, task: Task) -> bool:
        """False when the node boots from a volume and needs no image."""
