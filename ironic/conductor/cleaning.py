"""Cleaning: automated (on provide and after tear down) and manual.

* Automated cleaning runs the driver's clean steps with a positive priority,
  highest first, then makes the node ``available``. It is skipped when the
  node's ``automated_clean`` is false, or when it is unset and
  ``[conductor] automated_clean`` is false.
* Manual cleaning (``clean`` with ``clean_steps`` from ``manageable``) runs the
  requested steps in the order given, validated against the driver first, and
  returns the node to ``manageable``.

A step that returns ``WAIT`` leaves the node in ``clean wait`` until
:func:`resume` (``continue_node_clean``); ``HOLD`` leaves it in ``clean hold``
until ``unhold``. :func:`abort` stops a waiting or held cleaning;
:func:`check_timeouts` fails cleanings whose callback never came.
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
KIND = steps.StepKind.CLEAN


def _power_off_quietly(task: Any) -> None:
    task.driver.power.set_power_state(task, states.POWER_OFF)
    task.node.power_state = task.driver.power.get_power_state(task)


FLOW = failures.Flow(name="Cleaning", step_kind=KIND, cleanup=_power_off_quietly)
"""Failures land in ``clean failed``, keeping the target (manual: manageable)."""

ABORTED = "By request, the clean operation was aborted"
"""``last_error`` of an aborted cleaning (Ironic's wording)."""

TIMED_OUT = ("Timeout reached while cleaning the node. Please check if the "
             "ramdisk responsible for the cleaning is running on the node.")
"""``last_error`` of a cleaning whose callback never came."""


def is_automated_clean_enabled(node: Any) -> bool:
    """The node's ``automated_clean`` if set, else ``[conductor] automated_clean``."""
    if node.automated_clean is None:
        return bool(CONF.conductor.automated_clean)
    return bool(node.automated_clean)


def _check_not_maintenance(task: Any, op: str) -> None:
    if task.node.maintenance:
        raise exception.NodeInMaintenance(op=op, node=task.node.uuid)


# --- starting -------------------------------------------------------------------


@task_manager.require_exclusive_lock
def start_automated(task: Any, spawn: task_manager.Spawn) -> None:
    """``provide``: clean a manageable node (if enabled) and make it available.

    :raises: NodeInMaintenance, InvalidStateRequested
    """
    _check_not_maintenance(task, "provide")
    task.process_event(Event.PROVIDE, callback=spawn,
                       call_args=(run_automated, task),
                       err_handler=failures.spawn_failed)


@task_manager.require_exclusive_lock
def start_manual(task: Any, spawn: task_manager.Spawn, clean_steps: list[Any], *,
                 disable_ramdisk: bool = False) -> None:
    """``clean``: run ``clean_steps`` on a manageable node, back to manageable.

    :raises: NodeInMaintenance, InvalidParameterValue (steps the driver does
        not offer, bad arguments), InvalidStateRequested
    """
    _check_not_maintenance(task, "cleaning")
    if task.node.provision_state != states.MANAGEABLE:
        raise exception.InvalidStateRequested(action="clean", node=task.node.uuid,
                                              state=task.node.provision_state)
    task.driver.power.validate(task)
    task.driver.network.validate(task)
    plan = steps.validate_user_steps(task, KIND, clean_steps,
                                     disable_ramdisk=bool(disable_ramdisk))
    task.process_event(Event.CLEAN, target_state=states.MANAGEABLE, callback=spawn,
                       call_args=(run_manual, task, plan),
                       err_handler=failures.spawn_failed)


@failures.on_error(FLOW)
def run_automated(task: Any) -> None:
    """Worker: plan the automated steps (if enabled) and run them."""
    node = task.node
    if not is_automated_clean_enabled(node):
        LOG.info("Node %s: automated cleaning is disabled, skipping it", node.uuid)
        steps.clear(node, KIND)
        task.process_event(Event.DONE)
        return
    steps.store(node, KIND, steps.automated_plan(task, KIND))
    _run_steps(task)


@failures.on_error(FLOW)
def run_manual(task: Any, plan: list[dict[str, Any]]) -> None:
    """Worker: run the validated manual steps."""
    steps.store(task.node, KIND, plan)
    _run_steps(task)


def _run_steps(task: Any) -> None:
    if steps.run(task, KIND) is steps.StepResult.DONE:
        _finish(task)


def _finish(task: Any) -> None:
    node = task.node
    manual = node.target_provision_state == states.MANAGEABLE
    _power_off_quietly(task)
    steps.clear(node, KIND)
    task.process_event(Event.MANAGE if manual else Event.DONE)
    LOG.info("Node %s: %s cleaning finished", node.uuid,
             "manual" if manual else "automated")


# --- resuming, holding, aborting --------------------------------------------------


@task_manager.require_exclusive_lock
def resume(task: Any, spawn: task_manager.Spawn) -> None:
    """``continue_node_clean``: the awaited step finished; run the next ones.

    :raises: InvalidStateRequested unless the node is in ``clean wait``.
    """
    _require_state(task, "continue cleaning", states.CLEANWAIT)
    steps.process(task, Event.RESUME, callback=spawn, call_args=(run_next, task),
                  err_handler=failures.spawn_failed)


@failures.on_error(FLOW)
def run_next(task: Any) -> None:
    """Worker: continue after the step that waited."""
    _run_steps(task)


@task_manager.require_exclusive_lock
def unhold(task: Any) -> None:
    """Release a held cleaning: it waits for the next callback (as Ironic)."""
    steps.process(task, Event.UNHOLD)


@task_manager.require_exclusive_lock
def abort(task: Any, spawn: task_manager.Spawn) -> None:
    """Abort a waiting or held cleaning.

    A step that is not abortable is marked ``abort_after``: cleaning stops
    once it completes.
    """
    node = task.node
    current = steps.current(node, KIND)
    if (node.provision_state == states.CLEANWAIT and current
            and not current.get("abortable")):
        LOG.info("Node %s: clean step %s is not abortable; cleaning stops after it",
                 node.uuid, current.get("step"))
        node.clean_step = {**current, "abort_after": True}
        node.save()
        return
    message = ABORTED + (f" during or after the completion of step "
                         f"\"{current['step']}\"" if current.get("step") else "")
    steps.process(task, Event.ABORT, last_error=message, callback=spawn,
                  call_args=(_after_abort, task), err_handler=failures.spawn_failed)


def _after_abort(task: Any) -> None:
    """Worker: forget the plan and power off, best effort."""
    steps.clear(task.node, KIND)
    failures.best_effort(_power_off_quietly, task, "power off after aborted cleaning")
    task.node.save()


def _require_state(task: Any, action: str, *allowed: str) -> None:
    if task.node.provision_state not in allowed:
        raise exception.InvalidStateRequested(action=action, node=task.node.uuid,
                                              state=task.node.provision_state)


def check_timeouts(context: Any, manager: Any = None) -> int:
    """Fail cleanings waiting longer than ``[conductor] clean_callback_timeout``.

    :returns: how many nodes were moved to ``clean failed``.
    """
    return failures.fail_timed_out(
        context, state=states.CLEANWAIT,
        timeout_s=CONF.conductor.clean_callback_timeout, flow=FLOW,
        message=TIMED_OUT, manager=manager)


@periodics.register(spacing_opt="check_provision_state_interval",
                    name="cleaning.check_timeouts")
def _periodic_check_timeouts(manager: Any, context: Any) -> None:
    check_timeouts(context, manager)
