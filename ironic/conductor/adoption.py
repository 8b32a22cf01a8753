"""Adoption: taking an already deployed node under management as ``active``.

``adopt`` from ``manageable`` (or ``adopt failed``) moves the node to
``adopting``; a worker validates the interfaces a deployed node needs and lets
the deploy interface take the node over, without touching the workload.
Failure lands in ``adopt failed`` with ``last_error``.
"""
from __future__ import annotations

from typing import Any

from ironic.common import states
from ironic.conductor import failures
from ironic.conductor import task_manager

Event = states.Event

FLOW = failures.Flow(name="Adoption")

_VALIDATED = ("power", "management", "boot", "deploy")
"""Interfaces an adopted node must have configured."""


@task_manager.require_exclusive_lock
def start(task: Any, spawn: task_manager.Spawn) -> None:
    """Queue adoption. :raises: InvalidStateRequested"""
    task.process_event(Event.ADOPT, callback=spawn, call_args=(run, task),
                       err_handler=failures.spawn_failed)


@failures.on_error(FLOW)
def run(task: Any) -> None:
    """Validate, take over, record the power state, become ``active``."""
    for kind in _VALIDATED:
        getattr(task.driver, kind).validate(task)
    task.driver.deploy.take_over(task)
    task.node.power_state = task.driver.power.get_power_state(task)
    task.process_event(Event.DONE)
