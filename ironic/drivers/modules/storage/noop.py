"""No-op storage: nodes boot from their local disks."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ironic.drivers.interfaces.storage import StorageInterface

if TYPE_CHECKING:
    from ironic.drivers.task import Task


class NoopStorage(StorageInterface):
    """No volumes are ever attached."""

    def get_properties(self) -> dict[str, str]:
        return {}

    def validate(self, task: Task) -> None:
        return None

    def attach_volumes(self, task: Task) -> None:
        return None

    def detach_volumes(self, task: Task) -> None:
        return None

    def should_write_image(self, task: Task) -> bool:
        return True
