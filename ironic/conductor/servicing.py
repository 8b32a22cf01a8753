"""Servicing: running ``service_steps`` on an ``active`` node and back.

``service`` (from ``active``, ``service failed`` or ``service hold``) validates
the requested steps against the driver and runs them in the order given in a
worker. ``WAIT`` leaves the node in ``service wait`` until :func:`resume`;
``HOLD`` in ``service hold`` until ``unhold``, which carries on at once.
Failures land in ``service failed``; ``abort`` from there (or from a wait or
hold) returns the node to ``active`` with ``last_error`` set, as Ironic does.
"""
from __future__ import annotations

import logging
from typing import Any

from ironic.common import exception
from ironic.common import states
from ironic.conductor import failures
from ironic.conductor import periodics
from ironic.conductor import steps
from ironic.conductor import task_manager
from ironic.conf import CONF

LOG = logging.getLogger(__name__)
Event = states.Event
KIND = steps.StepKind.SERVICE

FLOW = failures.Flow(name="Servicing", step_kind=KIND)
ABORTED = "By request, the service operation was aborted"
TIMED_OUT = ("Timeout reached while servicing the node. Please check if the "
             "ramdisk responsible for the servicing is running on the node.")


@task_manager.require_exclusive_lock
def start(task: Any, spawn: task_manager.Spawn, service_steps: list[Any], *,
          disable_ramdisk: bool = False) -> None:
    """Validate ``service_steps`` and queue them.

    :raises: InvalidStateRequested, NodeInMaintenance, InvalidParameterValue
    """
    node = task.node
    if not task.fsm.is_actionable_event(Event.SERVICE):
        raise exception.InvalidStateRequested(action="service", node=node.uuid,
                                              state=node.provision_state)
    if node.maintenance:
        raise exception.NodeInMaintenance(op="servicing", node=node.uuid)
    task.driver.power.validate(task)
    task.driver.network.validate(task)
    plan = steps.validate_user_steps(task, KIND, service_steps,
                                     disable_ramdisk=bool(disable_ramdisk))
    task.process_event(Event.SERVICE, callback=spawn, call_args=(run, task, plan),
                       err_handler=failures.spawn_failed)


@failures.on_error(FLOW)
def run(task: Any, plan: list[dict[str, Any]]) -> None:
    """Worker: store and run the steps."""
    steps.store(task.node, KIND, plan)
    _run_steps(task)


def _run_steps(task: Any) -> None:
    if steps.run(task, KIND) is steps.StepResult.DONE:
        steps.clear(task.node, KIND)
        task.process_event(Event.DONE)


@task_manager.require_exclusive_lock
def resume(task: Any, spawn: task_manager.Spawn) -> None:
    """``continue_node_service``: the awaited step finished; run the next ones.

    :raises: InvalidStateRequested unless the node is in ``service wait``.
    """
    if task.node.provision_state != states.SERVICEWAIT:
        raise exception.InvalidStateRequested(
            action="continue servicing", node=task.node.uuid,
            state=task.node.provision_state)
    task.process_event(Event.RESUME, callback=spawn, call_args=(run_next, task),
                       err_handler=failures.spawn_failed)


@failures.on_error(FLOW)
def run_next(task: Any) -> None:
    """Worker: continue after the step that waited or held."""
    _run_steps(task)


@task_manager.require_exclusive_lock
def unhold(task: Any, spawn: task_manager.Spawn) -> None:
    """Release a held servicing and continue with its next step."""
    task.process_event(Event.UNHOLD)
    task.process_event(Event.RESUME, callback=spawn, call_args=(run_next, task),
                       err_handler=failures.spawn_failed)


@task_manager.require_exclusive_lock
def abort(task: Any, spawn: task_manager.Spawn) -> None:
    """Abort servicing (wait, hold or failed) back to ``active``.

    :raises: InvalidState for a failed servicing of a node in maintenance.
    """
    node = task.node
    current = steps.current(node, KIND)
    if node.provision_state == states.SERVICEFAIL:
        if node.maintenance:
            raise exception.InvalidState(
                f"Can not abort service on node \"{node.uuid}\" while it is in "
                f"maintenance mode. Please remove the node from maintenance "
                f"prior to issuing the request to abort the service operation.")
        task.process_event(Event.ABORT, last_error=node.last_error,
                           callback=spawn, call_args=(_after_abort, task),
                           err_handler=failures.spawn_failed)
        return
    if (node.provision_state == states.SERVICEWAIT and current
            and not current.get("abortable")):
        node.service_step = {**current, "abort_after": True}
        node.save()
        return
    task.process_event(Event.FAIL, last_error=ABORTED)
    task.process_event(Event.ABORT, last_error=ABORTED, callback=spawn,
                       call_args=(_after_abort, task),
                       err_handler=failures.spawn_failed)


def _after_abort(task: Any) -> None:
    steps.clear(task.node, KIND)
    task.node.save()


def check_timeouts(context: Any, manager: Any = None) -> int:
    """Fail servicing waiting longer than ``[conductor] service_callback_timeout``.

    :returns: how many nodes were moved to ``service failed``.
    """
    return failures.fail_timed_out(
        context, state=states.SERVICEWAIT,
        timeout_s=CONF.conductor.service_callback_timeout, flow=FLOW,
        message=TIMED_OUT, manager=manager)


@periodics.register(spacing_opt="check_provision_state_interval",
                    name="servicing.check_timeouts")
def _periodic_check_timeouts(manager: Any, context: Any) -> None:
    check_timeouts(context, manager)
