"""Deployment: deploy, rebuild, continue, abort, tear down, timeouts.

:func:`start` validates the node under the lock (maintenance, protection on
rebuild, interfaces, ``instance_info``, requested deploy steps, config drive),
moves it to ``deploying`` and hands the rest to a worker after the lock is
passed on, so the API answers 202 at once. The worker stores the config drive,
prepares the deploy interface and runs the deploy steps (the driver's, with
the steps of matching deploy templates and the user's ``deploy_steps``
merged by priority). A step returning ``WAIT``
leaves the node in ``wait call-back`` until :func:`resume`
(``continue_node_deploy``); once all steps ran the node is powered on and
``active``. Failures land in ``deploy failed`` with ``last_error``.

:func:`tear_down` (``deleted``/``undeploy``) removes the instance and goes on
into automated cleaning in the same worker.
"""
from __future__ import annotations

import logging
from typing import Any

from ironic.common import exception
from ironic.common import states
from ironic.conductor import cleaning
from ironic.conductor import configdrive as config_drive
from ironic.conductor import deploy_templates
from ironic.conductor import failures
from ironic.conductor import periodics
from ironic.conductor import steps
from ironic.conductor import task_manager
from ironic.conf import CONF

LOG = logging.getLogger(__name__)
Event = states.Event
KIND = steps.StepKind.DEPLOY


def _clean_up_quietly(task: Any) -> None:
    task.driver.deploy.clean_up(task)


FLOW = failures.Flow(name="Deploy", step_kind=KIND, cleanup=_clean_up_quietly)
TEAR_DOWN_FLOW = failures.Flow(name="Tear down")
"""Tear down failures land in ``error``."""

ABORTED = "By request, the deploy operation was aborted"
TIMED_OUT = "Timeout reached while waiting for callback for node {node}"

_VALIDATED = ("power", "management", "boot", "deploy", "network", "storage")
"""Interfaces validated before a deployment starts."""

_SIZE_FIELDS = ("root_gb", "swap_mb", "ephemeral_gb")
"""instance_info fields Nova sets that must be non-negative integers."""


# --- starting -------------------------------------------------------------------


@task_manager.require_exclusive_lock
def start(task: Any, spawn: task_manager.Spawn, *, rebuild: bool,
          configdrive: Any = None,
          deploy_steps: list[Any] | None = None) -> None:
    """Validate and queue a deployment (or rebuild).

    :raises: InvalidStateRequested, NodeInMaintenance, NodeProtected,
        InstanceDeployFailure (invalid driver or instance information),
        InvalidParameterValue (deploy steps, config drive)
    """
    node = task.node
    event = Event.REBUILD if rebuild else Event.DEPLOY
    if not task.fsm.is_actionable_event(event):
        raise exception.InvalidStateRequested(
            action="rebuild" if rebuild else "deploy", node=node.uuid,
            state=node.provision_state)
    if node.maintenance:
        raise exception.NodeInMaintenance(
            op="rebuild" if rebuild else "provisioning", node=node.uuid)
    if rebuild and node.protected:
        raise exception.NodeProtected(node=node.uuid)
    _validate(task)
    # Template steps first: the user's deploy_steps override them (as Ironic).
    requested = steps.validate_user_steps(
        task, KIND, [*deploy_templates.steps_for(task), *(deploy_steps or [])])
    built = config_drive.prepare(node, configdrive)
    task.process_event(event, callback=spawn, call_args=(run, task),
                       call_kwargs={"configdrive": built, "requested": requested},
                       err_handler=failures.spawn_failed)


def _validate(task: Any) -> None:
    try:
        check_instance_info(task.node.instance_info)
        for kind in _VALIDATED:
            getattr(task.driver, kind).validate(task)
    except exception.InvalidParameterValue as e:
        raise exception.InstanceDeployFailure(
            reason=f"RPC do_node_deploy failed to validate deploy or power info "
                   f"for node {task.node.uuid}. Error: {e}") from e


def check_instance_info(info: Any) -> None:
    """Check the ``instance_info`` fields Nova and metalsmith set, when present.

    :raises: InvalidParameterValue naming the field.
    """
    if not isinstance(info, dict):
        raise exception.InvalidParameterValue(err="instance_info must be an object")
    for field in _SIZE_FIELDS:
        value = info.get(field)
        if value is None or value == "":
            continue
        try:
            number = int(str(value))
        except ValueError:
            number = -1
        if number < 0:
            raise exception.InvalidParameterValue(
                err=f"instance_info/{field} must be a non-negative integer, "
                    f"got {value!r}")
    source = info.get("image_source")
    if source is not None and (not isinstance(source, str) or not source.strip()):
        raise exception.InvalidParameterValue(
            err="instance_info/image_source must be a non-empty string")
    capabilities = info.get("capabilities")
    if capabilities is not None and not isinstance(capabilities, (dict, str)):
        raise exception.InvalidParameterValue(
            err="instance_info/capabilities must be an object or a JSON string")


@failures.on_error(FLOW)
def run(task: Any, *, configdrive: str | None,
        requested: list[dict[str, Any]]) -> None:
    """Worker: store the config drive, prepare, plan and run the deploy steps."""
    node = task.node
    if configdrive is not None:
        node.instance_info = {**(node.instance_info or {}), "configdrive": configdrive}
    task.driver.deploy.prepare(task)
    steps.store(node, KIND, steps.automated_plan(task, KIND, overrides=requested))
    _run_steps(task)


def _run_steps(task: Any) -> None:
    if steps.run(task, KIND) is steps.StepResult.DONE:
        _finish(task)


def _finish(task: Any) -> None:
    node = task.node
    task.driver.power.set_power_state(task, states.POWER_ON)
    node.power_state = task.driver.power.get_power_state(task)
    steps.clear(node, KIND)
    task.process_event(Event.DONE)


# --- callbacks, holds, aborts ---------------------------------------------------


@task_manager.require_exclusive_lock
def resume(task: Any, spawn: task_manager.Spawn) -> None:
    """``continue_node_deploy``: the awaited step finished; run the next ones.

    :raises: InvalidStateRequested unless the node is in ``wait call-back``.
    """
    if task.node.provision_state != states.DEPLOYWAIT:
        raise exception.InvalidStateRequested(
            action="continue deployment", node=task.node.uuid,
            state=task.node.provision_state)
    task.process_event(Event.RESUME, callback=spawn, call_args=(run_next, task),
                       err_handler=failures.spawn_failed)


@failures.on_error(FLOW)
def run_next(task: Any) -> None:
    """Worker: continue after the step that waited."""
    _run_steps(task)


@task_manager.require_exclusive_lock
def unhold(task: Any) -> None:
    """Release a held deployment: it waits for the next callback (as Ironic)."""
    task.process_event(Event.UNHOLD)


@task_manager.require_exclusive_lock
def abort(task: Any, spawn: task_manager.Spawn) -> None:
    """Abort a waiting (API 1.110) or held deployment into ``deploy failed``.

    A waiting step that is not abortable is marked ``abort_after`` instead.
    """
    node = task.node
    current = steps.current(node, KIND)
    if (node.provision_state == states.DEPLOYWAIT and current
            and not current.get("abortable")):
        LOG.info("Node %s: deploy step %s is not abortable; deployment stops "
                 "after it", node.uuid, current.get("step"))
        node.deploy_step = {**current, "abort_after": True}
        node.save()
        return
    task.process_event(Event.ABORT, last_error=ABORTED, callback=spawn,
                       call_args=(_after_abort, task),
                       err_handler=failures.spawn_failed)


def _after_abort(task: Any) -> None:
    steps.clear(task.node, KIND)
    failures.best_effort(_clean_up_quietly, task, "clean up after aborted deployment")
    task.node.save()


def check_timeouts(context: Any, manager: Any = None) -> int:
    """Fail deployments waiting longer than ``[conductor] deploy_callback_timeout``.

    :returns: how many nodes were moved to ``deploy failed``.
    """
    return failures.fail_timed_out(
        context, state=states.DEPLOYWAIT,
        timeout_s=CONF.conductor.deploy_callback_timeout, flow=FLOW,
        message=TIMED_OUT.format(node="the node"), manager=manager)


# --- tear down ---------------------------------------------------------------------


@task_manager.require_exclusive_lock
def tear_down(task: Any, spawn: task_manager.Spawn) -> None:
    """``deleted``/``undeploy``: remove the instance, then clean the node.

    :raises: InvalidStateRequested, NodeProtected, InvalidParameterValue
    """
    node = task.node
    if not task.fsm.is_actionable_event(Event.DELETE):
        raise exception.InvalidStateRequested(action="undeploy", node=node.uuid,
                                              state=node.provision_state)
    if node.protected:
        raise exception.NodeProtected(node=node.uuid)
    task.driver.power.validate(task)
    task.driver.deploy.validate(task)
    was_rescued = node.provision_state in _RESCUE_STATES
    task.process_event(Event.DELETE, callback=spawn, call_args=(run_tear_down, task),
                       call_kwargs={"was_rescued": was_rescued},
                       err_handler=failures.spawn_failed)


_RESCUE_STATES = frozenset({states.RESCUE, states.RESCUEWAIT, states.RESCUEFAIL,
                            states.UNRESCUEFAIL})
"""States whose tear down must also clean up the rescue environment."""


@failures.on_error(TEAR_DOWN_FLOW)
def run_tear_down(task: Any, *, was_rescued: bool = False) -> None:
    """Worker: tear the instance down, forget it, continue into cleaning."""
    node = task.node
    if was_rescued and task.driver.rescue.supported:
        task.driver.rescue.clean_up(task)
    task.driver.deploy.tear_down(task)
    task.driver.deploy.clean_up(task)
    node.power_state = task.driver.power.get_power_state(task)
    node.instance_info = {}
    node.instance_uuid = None
    for kind in (steps.StepKind.DEPLOY, steps.StepKind.SERVICE):
        steps.clear(node, kind)
    task.process_event(Event.CLEAN)
    cleaning.run_automated(task)


@periodics.register(spacing_opt="check_provision_state_interval",
                    name="deployments.check_timeouts")
def _periodic_check_timeouts(manager: Any, context: Any) -> None:
    check_timeouts(context, manager)
