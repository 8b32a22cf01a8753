"""Rescue and unrescue: booting a rescue ramdisk on an ``active`` node and back.

``rescue`` with a ``rescue_password`` (from ``active``, ``rescue``, ``rescue
failed`` or ``unrescue failed``) stores the password in ``instance_info`` and
asks the rescue interface in a worker: ``DONE`` reaches ``rescue``, ``WAIT``
leaves the node in ``rescue wait`` until the ramdisk calls back
(:func:`resume`), ``abort`` or ``[conductor] rescue_callback_timeout``.
``unrescue`` returns to ``active`` and forgets the password. Failures land in
``rescue failed`` / ``unrescue failed`` with ``last_error``.
"""
from __future__ import annotations

import logging
from typing import Any

from ironic.common import exception
from ironic.common import states
from ironic.conductor import failures
from ironic.conductor import periodics
from ironic.conductor import task_manager
from ironic.conf import CONF
from ironic.drivers import steps as driver_steps

LOG = logging.getLogger(__name__)
Event = states.Event

PASSWORD_KEY = "rescue_password"
"""instance_info key of the rescue password (masked by the API)."""


def _clean_up_quietly(task: Any) -> None:
    _forget_password(task.node)
    task.driver.rescue.clean_up(task)


FLOW = failures.Flow(name="Rescue", cleanup=_clean_up_quietly)
UNRESCUE_FLOW = failures.Flow(name="Unrescue")
ABORTED = "By request, the rescue operation was aborted."
TIMED_OUT = ("Timeout reached while waiting for rescue ramdisk callback for "
             "node")


def _forget_password(node: Any) -> None:
    info = dict(node.instance_info or {})
    if info.pop(PASSWORD_KEY, None) is not None:
        node.instance_info = info


def _check_rescue_supported(task: Any, action: str) -> None:
    if not task.fsm.is_actionable_event(action):
        raise exception.InvalidStateRequested(action=action, node=task.node.uuid,
                                              state=task.node.provision_state)
    if not task.driver.rescue.supported:
        raise exception.UnsupportedDriverExtension(driver=task.node.driver,
                                                   extension="rescue")


@task_manager.require_exclusive_lock
def start(task: Any, spawn: task_manager.Spawn, rescue_password: str) -> None:
    """Validate and queue a rescue.

    :raises: InvalidStateRequested, NodeInMaintenance,
        UnsupportedDriverExtension, InvalidParameterValue
    """
    node = task.node
    _check_rescue_supported(task, Event.RESCUE)
    if node.maintenance:
        raise exception.NodeInMaintenance(op="rescuing", node=node.uuid)
    if not isinstance(rescue_password, str) or not rescue_password.strip():
        raise exception.InvalidParameterValue(
            err="A non-empty rescue_password is required to rescue a node")
    task.driver.power.validate(task)
    task.driver.rescue.validate(task)
    node.instance_info = {**(node.instance_info or {}), PASSWORD_KEY: rescue_password}
    task.process_event(Event.RESCUE, callback=spawn, call_args=(run, task),
                       err_handler=failures.spawn_failed)


@failures.on_error(FLOW)
def run(task: Any) -> None:
    """Worker: boot the rescue environment; finish now or wait for its callback."""
    if task.driver.rescue.rescue(task) is driver_steps.StepResult.WAIT:
        task.process_event(Event.WAIT)
        return
    task.process_event(Event.DONE)


@task_manager.require_exclusive_lock
def resume(task: Any, spawn: task_manager.Spawn) -> None:
    """The rescue ramdisk called back: the node is rescued.

    :raises: InvalidStateRequested unless the node is in ``rescue wait``.
    """
    if task.node.provision_state != states.RESCUEWAIT:
        raise exception.InvalidStateRequested(
            action="continue rescue", node=task.node.uuid,
            state=task.node.provision_state)
    task.process_event(Event.RESUME)
    task.process_event(Event.DONE)


@task_manager.require_exclusive_lock
def stop(task: Any, spawn: task_manager.Spawn) -> None:
    """``unrescue``: queue the return to the instance.

    :raises: InvalidStateRequested, UnsupportedDriverExtension
    """
    _check_rescue_supported(task, Event.UNRESCUE)
    task.driver.power.validate(task)
    task.process_event(Event.UNRESCUE, callback=spawn, call_args=(run_stop, task),
                       err_handler=failures.spawn_failed)


@failures.on_error(UNRESCUE_FLOW)
def run_stop(task: Any) -> None:
    """Worker: leave the rescue environment and forget the password."""
    task.driver.rescue.unrescue(task)
    _forget_password(task.node)
    task.process_event(Event.DONE)


@task_manager.require_exclusive_lock
def abort(task: Any, spawn: task_manager.Spawn) -> None:
    """Abort a waiting rescue into ``rescue failed``; clean up in a worker."""
    _forget_password(task.node)
    task.process_event(Event.ABORT, last_error=ABORTED, callback=spawn,
                       call_args=(_after_abort, task),
                       err_handler=failures.spawn_failed)


def _after_abort(task: Any) -> None:
    failures.best_effort(task.driver.rescue.clean_up, task,
                         "clean up after aborted rescue")


def check_timeouts(context: Any, manager: Any = None) -> int:
    """Fail rescues waiting longer than ``[conductor] rescue_callback_timeout``.

    :returns: how many nodes were moved to ``rescue failed``.
    """
    return failures.fail_timed_out(
        context, state=states.RESCUEWAIT,
        timeout_s=CONF.conductor.rescue_callback_timeout, flow=FLOW,
        message=TIMED_OUT, manager=manager)


@periodics.register(spacing_opt="check_provision_state_interval",
                    name="rescue.check_timeouts")
def _periodic_check_timeouts(manager: Any, context: Any) -> None:
    check_timeouts(context, manager)
