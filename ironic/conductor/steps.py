"""The steps engine shared by cleaning, deployment and servicing.

A *plan* is the list of steps a flow will run, as plain dicts (Ironic's shape:
``interface``, ``step``, ``args``, ``priority``, ``abortable``,
``requires_ramdisk``). It is stored in the node's ``driver_internal_info``
(``<kind>_steps`` and ``<kind>_step_index``) so that a flow resumed after a
callback, or by another conductor, carries on where it stopped. The step
running now is shown on the node (``clean_step``, ``deploy_step`` or
``service_step``).

* :func:`automated_plan` orders what the driver declares by priority (ties by
  interface, as Ironic orders them); priority 0 steps never run by default.
* :func:`validate_user_steps` checks steps a user asked for against what the
  driver offers: existence, unexpected and missing arguments, ramdisk needs.
* :func:`run` executes the remaining steps until one waits or holds.

Reserved step names (``power_on``, ``power_off``, ``reboot``, ``hold``,
``wait``) are handled here rather than by a driver, as in Ironic.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from typing import Any

from ironic.common import exception
from ironic.common import states
from ironic.drivers import steps as driver_steps

LOG = logging.getLogger(__name__)
StepKind = driver_steps.StepKind
StepResult = driver_steps.StepResult

_BY_INTERFACE = {"vendor": 7, "power": 6, "management": 5, "firmware": 4,
                 "deploy": 3, "bios": 2, "raid": 1}
INTERFACE_PRIORITY: dict[StepKind, dict[str, int]] = {
    StepKind.CLEAN: _BY_INTERFACE,
    StepKind.DEPLOY: _BY_INTERFACE,
    StepKind.SERVICE: {**_BY_INTERFACE, "network": 8},
}
"""Tie-breaker between steps of equal priority: higher interface runs first."""

POWER_STEPS = {"power_on": states.POWER_ON, "power_off": states.POWER_OFF,
               "reboot": states.REBOOT}
"""Reserved step names the conductor turns into power actions."""

RESERVED_STEPS = frozenset({*POWER_STEPS, "hold", "wait"})
"""Step names the conductor handles itself, on any interface."""

MAX_WAIT_STEP_S = 30
"""Longest pause a ``wait`` step with ``seconds`` may ask for."""


def node_field(kind: StepKind) -> str:
    """The node field showing the current step (``clean_step`` ...)."""
    return f"{kind}_step"


def _steps_key(kind: StepKind) -> str:
    return f"{kind}_steps"


def _index_key(kind: StepKind) -> str:
    return f"{kind}_step_index"


# --- discovery ---------------------------------------------------------------


def driver_steps_of(task: Any, kind: StepKind) -> dict[tuple[str, str], dict[str, Any]]:
    """Every step of ``kind`` the node's enabled interfaces declare, by id."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for iface in task.driver.all_interfaces:
        impl = getattr(task.driver, iface, None)
        if impl is None or not impl.supported:
            continue
        for declared in driver_steps.collect(impl, kind):
            found[(iface, declared.name)] = declared.as_dict()
    return found


def _sort_key(kind: StepKind) -> Any:
    ranks = INTERFACE_PRIORITY[kind]
    return lambda s: (s["priority"], ranks.get(s["interface"], 0))


def automated_plan(task: Any, kind: StepKind,
                   overrides: Iterable[dict[str, Any]] = ()) -> list[dict[str, Any]]:
    """Driver steps with a positive priority, highest first.

    :param overrides: user or template steps for deploy: they may change a
        driver step's priority (0 disables it) and arguments.
    """
    plan = {key: {**value, "args": {}}
            for key, value in driver_steps_of(task, kind).items()}
    for requested in overrides:
        key = (requested["interface"], requested["step"])
        plan[key] = {**plan.get(key, {}), **requested}
    chosen = [s for s in plan.values() if s.get("priority", 0) > 0]
    return sorted(chosen, key=_sort_key(kind), reverse=True)


# --- validation of requested steps ---------------------------------------------


def validate_user_steps(task: Any, kind: StepKind, requested: list[Any] | None, *,
                        disable_ramdisk: bool = False) -> list[dict[str, Any]]:
    """Check user steps against the driver and return them normalised.

    Each returned step has the driver's ``abortable`` and ``requires_ramdisk``;
    clean and service steps also take the driver's priority, deploy steps keep
    the priority the user gave.

    :raises: InvalidParameterValue naming every problem found.
    """
    offered = driver_steps_of(task, kind)
    errors: list[str] = []
    result = []
    for user in requested or []:
        step, problems = _validate_one(kind, user, offered, disable_ramdisk)
        errors.extend(problems)
        if step is not None:
            result.append(step)
    if errors:
        raise exception.InvalidParameterValue(
            err=f"Validation of {kind} steps failed: {'; '.join(errors)}")
    return result


def _validate_one(kind: StepKind, user: Any, offered: dict[tuple[str, str], Any],
                  disable_ramdisk: bool) -> tuple[dict[str, Any] | None, list[str]]:
    if (not isinstance(user, dict) or not isinstance(user.get("interface"), str)
            or not isinstance(user.get("step"), str)):
        return None, [f"{kind} step {user!r} needs string 'interface' and 'step'"]
    args = user.get("args") or {}
    if not isinstance(args, dict):
        return None, [(f"{kind} step {user['interface']}.{user['step']}: "
                       f"'args' must be an object")]
    if user["step"] in RESERVED_STEPS:
        return {"interface": user["interface"], "step": user["step"], "args": args,
                "priority": user.get("priority", 0), "abortable": False,
                "requires_ramdisk": False}, []
    driver = offered.get((user["interface"], user["step"]))
    if driver is None:
        return None, [(f"node does not support this {kind} step: "
                       f"{user['interface']}.{user['step']}")]
    return _check_args(kind, user, driver, args, disable_ramdisk)


def _check_args(kind: StepKind, user: dict[str, Any], driver: dict[str, Any],
                args: dict[str, Any],
                disable_ramdisk: bool) -> tuple[dict[str, Any] | None, list[str]]:
    name = f"{user['interface']}.{user['step']}"
    argsinfo = driver.get("argsinfo") or {}
    problems = []
    unexpected = sorted(set(args) - set(argsinfo))
    if unexpected:
        problems.append(f"{kind} step {name} has these unexpected arguments: "
                        f"{', '.join(unexpected)}")
    priority = user.get("priority", driver["priority"]) if kind is StepKind.DEPLOY \
        else driver["priority"]
    if kind is not StepKind.DEPLOY or priority > 0:
        missing = sorted(a for a, info in argsinfo.items()
                         if info.get("required") and a not in args)
        if missing:
            problems.append(f"{kind} step {name} is missing these required "
                            f"arguments: {', '.join(missing)}")
        if disable_ramdisk and driver.get("requires_ramdisk", True):
            problems.append(f"{kind} step {name} requires booting a ramdisk")
    step = {**driver, "args": args, "priority": priority}
    return (None if problems else step), problems


# --- the plan stored on the node -----------------------------------------------


def store(node: Any, kind: StepKind, plan: list[dict[str, Any]]) -> None:
    """Record ``plan`` as the steps still to run, none started yet."""
    node.set_driver_internal_info(_steps_key(kind), plan)
    node.set_driver_internal_info(_index_key(kind), None)
    setattr(node, node_field(kind), {})


def clear(node: Any, kind: StepKind) -> None:
    """Forget the plan and the current step (flow finished, failed or aborted)."""
    info = dict(node.driver_internal_info or {})
    for key in (_steps_key(kind), _index_key(kind)):
        info.pop(key, None)
    node.driver_internal_info = info
    setattr(node, node_field(kind), None)


def current(node: Any, kind: StepKind) -> dict[str, Any]:
    """The step running (or waiting) now, or ``{}``."""
    return dict(getattr(node, node_field(kind)) or {})


def _plan(node: Any, kind: StepKind) -> list[dict[str, Any]]:
    return list((node.driver_internal_info or {}).get(_steps_key(kind)) or [])


def _next_index(node: Any, kind: StepKind) -> int:
    index = (node.driver_internal_info or {}).get(_index_key(kind))
    return 0 if index is None else int(index) + 1


# --- execution ---------------------------------------------------------------


def process(task: Any, event: str, **kwargs: Any) -> None:
    """``task.process_event`` keeping the flow's current target.

    Manual cleaning heads for ``manageable`` rather than the ``available``
    its states default to; every event on the way must keep that target.
    """
    target = task.node.target_provision_state
    if target is not None and target in task.fsm and task.fsm.is_stable(target):
        kwargs.setdefault("target_state", target)
    task.process_event(event, **kwargs)


def run(task: Any, kind: StepKind, *, wait_event: str = states.Event.WAIT) -> StepResult:
    """Run the remaining steps of the stored plan in order.

    Returns ``DONE`` when every step finished (the caller completes the flow),
    or ``WAIT``/``HOLD`` after moving the node to the flow's wait or hold
    state; the awaited callback resumes with the step after the waiting one.
    Exceptions from steps propagate: the flow's failure handler records them.

    :raises: StepAborted when an operator asked to abort after this step.
    """
    node = task.node
    plan = _plan(node, kind)
    for index in range(_next_index(node, kind), len(plan)):
        _check_abort_after(node, kind)
        step = plan[index]
        node.set_driver_internal_info(_index_key(kind), index)
        setattr(node, node_field(kind), step)
        task.node.save()
        LOG.info("Node %s: running %s step %s.%s", node.uuid, kind,
                 step["interface"], step["step"])
        result = execute(task, step)
        if result is StepResult.WAIT:
            process(task, wait_event)
            return result
        if result is StepResult.HOLD:
            process(task, states.Event.HOLD)
            return result
    _check_abort_after(node, kind)
    return StepResult.DONE


def _check_abort_after(node: Any, kind: StepKind) -> None:
    if current(node, kind).get("abort_after"):
        raise StepAborted(kind=kind, step=current(node, kind).get("step"))


def execute(task: Any, step: dict[str, Any]) -> StepResult:
    """Run one step (a driver method or a reserved step) and return its result."""
    name = step["step"]
    if name in POWER_STEPS:
        task.driver.power.set_power_state(task, POWER_STEPS[name])
        task.node.power_state = task.driver.power.get_power_state(task)
        return StepResult.DONE
    if name == "hold":
        return StepResult.HOLD
    if name == "wait":
        seconds = (step.get("args") or {}).get("seconds")
        if seconds is None:
            return StepResult.WAIT
        time.sleep(min(max(float(seconds), 0.0), MAX_WAIT_STEP_S))
        return StepResult.DONE
    impl = getattr(task.driver, step["interface"])
    result = getattr(impl, name)(task, **(step.get("args") or {}))
    return result if isinstance(result, StepResult) else StepResult.DONE


class StepAborted(exception.IronicError):
    """An operator asked to abort once the current (non-abortable) step ended."""

    _msg_fmt = "By request, the %(kind)s operation was aborted after step %(step)s"
