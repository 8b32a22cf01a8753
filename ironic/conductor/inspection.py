"""Inspection: discovering a manageable node's hardware.

``inspect`` (from ``manageable`` or ``inspect failed``) moves the node to
``inspecting`` and a worker asks the inspect interface. ``DONE`` returns the
node to ``manageable``; ``WAIT`` leaves it in ``inspect wait`` until the
in-band data arrives (:func:`resume`), the wait is aborted (:func:`abort`) or
``[conductor] inspect_wait_timeout`` passes (:func:`check_timeouts`).
Failures land in ``inspect failed`` with ``last_error``.
"""
from __future__ import annotations

import datetime
from typing import Any

from ironic import objects
from ironic.common import exception
from ironic.common import states
from ironic.conductor import failures
from ironic.conductor import periodics
from ironic.conductor import task_manager
from ironic.conf import CONF
from ironic.drivers import steps as driver_steps

Event = states.Event

FLOW = failures.Flow(name="Inspection")
ABORTED = "Inspection was aborted by request."
TIMED_OUT = "Timeout reached while inspecting the node"


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)


@task_manager.require_exclusive_lock
def start(task: Any, spawn: task_manager.Spawn) -> None:
    """Validate and queue an inspection.

    :raises: InvalidStateRequested, UnsupportedDriverExtension,
        InvalidParameterValue
    """
    node = task.node
    if not task.fsm.is_actionable_event(Event.INSPECT):
        raise exception.InvalidStateRequested(action="inspect", node=node.uuid,
                                              state=node.provision_state)
    if not task.driver.inspect.supported:
        raise exception.UnsupportedDriverExtension(driver=node.driver,
                                                   extension="inspect")
    task.driver.power.validate(task)
    task.driver.inspect.validate(task)
    node.inspection_started_at = _now()
    node.inspection_finished_at = None
    task.process_event(Event.INSPECT, callback=spawn, call_args=(run, task),
                       err_handler=failures.spawn_failed)


@failures.on_error(FLOW)
def run(task: Any) -> None:
    """Worker: inspect; finish now or wait for the in-band data."""
    if task.driver.inspect.inspect_hardware(task) is driver_steps.StepResult.WAIT:
        task.process_event(Event.WAIT)
        return
    _finish(task)


def _finish(task: Any) -> None:
    task.node.inspection_finished_at = _now()
    task.process_event(Event.DONE)


@task_manager.require_exclusive_lock
def resume(task: Any, spawn: task_manager.Spawn | None = None) -> None:
    """The awaited inspection data arrived: the node is ``manageable`` again.

    :raises: InvalidStateRequested unless the node is in ``inspect wait``.
    """
    if task.node.provision_state != states.INSPECTWAIT:
        raise exception.InvalidStateRequested(
            action="continue inspection", node=task.node.uuid,
            state=task.node.provision_state)
    _finish(task)


@task_manager.require_exclusive_lock
def continue_with_data(task: Any, inventory: dict[str, Any],
                       plugin_data: dict[str, Any] | None) -> None:
    """The ramdisk posted its inventory: store it and finish the inspection.

    :raises: InvalidStateRequested unless the node is in ``inspect wait``.
    """
    node = task.node
    if node.provision_state != states.INSPECTWAIT:
        raise exception.InvalidStateRequested(
            action="continue inspection", node=node.uuid, state=node.provision_state)
    objects.NodeInventory(task.context, node_id=node.id, inventory_data=inventory,
                          plugin_data=plugin_data or {}).create()
    _finish(task)


@task_manager.require_exclusive_lock
def abort(task: Any, spawn: task_manager.Spawn | None = None) -> None:
    """Abort a waiting inspection into ``inspect failed``.

    :raises: UnsupportedDriverExtension if the inspect interface cannot abort.
    """
    task.driver.inspect.abort(task)
    task.node.inspection_finished_at = None
    task.process_event(Event.ABORT, last_error=ABORTED)


def check_timeouts(context: Any, manager: Any = None) -> int:
    """Fail inspections waiting longer than ``[conductor] inspect_wait_timeout``.

    :returns: how many nodes were moved to ``inspect failed``.
    """
    return failures.fail_timed_out(
        context, state=states.INSPECTWAIT,
        timeout_s=CONF.conductor.inspect_wait_timeout, flow=FLOW,
        message=TIMED_OUT, started_filter="inspection_started_before",
        manager=manager)


@periodics.register(spacing_opt="check_provision_state_interval",
                    name="inspection.check_timeouts")
def _periodic_check_timeouts(manager: Any, context: Any) -> None:
    check_timeouts(context, manager)
