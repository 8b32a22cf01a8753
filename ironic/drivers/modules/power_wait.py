"""Waiting for a BMC to report a power state, shared by every power interface."""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from ironic.common import exception

if TYPE_CHECKING:
    from ironic.drivers.task import Task


def wait_for(task: Task, read: Callable[[Task], str], target: str, *,
             timeout_s: float, interval_s: float) -> None:
    """Poll ``read(task)`` every ``interval_s`` until it reports ``target``.

    :raises: PowerStateTimeout after ``timeout_s``, or whatever ``read`` raises.
    """
    deadline = time.monotonic() + timeout_s
    current = read(task)
    while current != target:
        if time.monotonic() >= deadline:
            raise exception.PowerStateTimeout(node=task.node.uuid, target=target,
                                              timeout=timeout_s, state=current)
        time.sleep(interval_s)
        current = read(task)
