"""Verification: checking a node's credentials on its way out of ``enroll``.

``manage`` from ``enroll`` moves the node to ``verifying`` and a worker asks the
power interface for the power state; success lands in ``manageable``, failure
goes back to ``enroll`` with ``last_error``. From the other states that accept
``manage`` (``available``, ``clean failed``, ``inspect failed``, ``adopt
failed``) the node simply returns to ``manageable``.
"""
from __future__ import annotations

import logging
from typing import Any

from ironic.common import states
from ironic.conductor import failures
from ironic.conductor import task_manager

LOG = logging.getLogger(__name__)
Event = states.Event

FLOW = failures.Flow(name="Verification")
"""Failures land in ``enroll`` (the state machine's fail target)."""


@task_manager.require_exclusive_lock
def manage(task: Any, spawn: task_manager.Spawn) -> None:
    """Verify an enrolled node in a worker, or return a node to manageable.

    :raises: InvalidStateRequested
    """
    if task.node.provision_state != states.ENROLL:
        task.process_event(Event.MANAGE)
        return
    task.process_event(Event.MANAGE, callback=spawn, call_args=(run, task),
                       err_handler=failures.spawn_failed)


@failures.on_error(FLOW)
def run(task: Any) -> None:
    """Check the power and management configuration and read the power state."""
    task.driver.power.validate(task)
    task.driver.management.validate(task)
    task.node.power_state = task.driver.power.get_power_state(task)
    task.process_event(Event.DONE)
