"""Provisioning flows for synchronous drivers: verify, clean, deploy, inspect, ...

Each flow moves the node along the state machine and calls the driver. The
fake-hardware interfaces finish at once, so flows run to their stable state
inside the caller's lock. A step or driver call that returns ``WAIT`` leaves
the node in the flow's wait state for a callback (not implemented yet: such
nodes can be aborted). Failures go through :func:`failures.fail`.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from ironic.common import exception
from ironic.common import states
from ironic.conductor import failures
from ironic.conf import CONF
from ironic.drivers import steps

LOG = logging.getLogger(__name__)
Event = states.Event


def _run(task: Any, flow: str, body: Callable[[], None]) -> None:
    """Run ``body``; any error fails the flow instead of escaping."""
    try:
        body()
    except Exception as e:
        failures.fail(task, flow, e)


def _require_supported(task: Any, kind: str) -> None:
    impl = getattr(task.driver, kind)
    if not impl.supported:
        raise exception.UnsupportedDriverExtension(driver=task.node.driver,
                                                   extension=kind)
    impl.validate(task)


def _check_not_maintenance(task: Any, op: str) -> None:
    if task.node.maintenance:
        raise exception.NodeInMaintenance(op=op, node=task.node.uuid)


def _power_off(task: Any) -> None:
    task.driver.power.set_power_state(task, states.POWER_OFF)
    task.node.power_state = task.driver.power.get_power_state(task)


# --- enroll -> manageable --------------------------------------------------


def manage(task: Any) -> None:
    """Verify credentials from enroll, or return a node to manageable."""
    if task.node.provision_state != states.ENROLL:
        task.process_event(Event.MANAGE)
        return
    task.process_event(Event.MANAGE)

    def verify() -> None:
        task.driver.power.validate(task)
        task.driver.management.validate(task)
        task.node.power_state = task.driver.power.get_power_state(task)
        task.process_event(Event.DONE)
    _run(task, "verify", verify)


# --- cleaning -------------------------------------------------------------


def provide(task: Any) -> None:
    """Clean (automated, if enabled) a manageable node and make it available."""
    _check_not_maintenance(task, "provide")
    task.process_event(Event.PROVIDE)
    _run(task, "cleaning", lambda: _clean(task, None, manual=False))


def clean(task: Any, clean_steps: list[dict[str, Any]]) -> None:
    """Run the requested clean steps on a manageable node, back to manageable."""
    _check_not_maintenance(task, "clean")
    requested = _find_steps(task, steps.StepKind.CLEAN, clean_steps)
    task.process_event(Event.CLEAN, target_state=states.MANAGEABLE)
    _run(task, "cleaning", lambda: _clean(task, requested, manual=True))


def _clean(task: Any, requested: list[tuple[Any, dict[str, Any]]] | None, *,
           manual: bool) -> None:
    if requested is None:
        requested = _automated_steps(task) if CONF.conductor.automated_clean else []
    task.node.clean_step = {}
    for method, args in requested:
        if _execute(task, method, args, wait_event=Event.WAIT):
            return
    _power_off(task)
    task.process_event(Event.MANAGE if manual else Event.DONE)


def _automated_steps(task: Any) -> list[tuple[Any, dict[str, Any]]]:
    found = []
    for kind in task.driver.all_interfaces:
        impl = getattr(task.driver, kind)
        if not impl.supported:
            continue
        for declared in steps.collect(impl, steps.StepKind.CLEAN):
            if declared.info.priority > 0:
                found.append((declared.info.priority, getattr(impl, declared.name)))
    found.sort(key=lambda item: -item[0])
    return [(method, {}) for _, method in found]


def _find_steps(task: Any, kind: steps.StepKind,
                requested: list[dict[str, Any]]) -> list[tuple[Any, dict[str, Any]]]:
    """Resolve ``[{"interface", "step", "args"}]`` to bound driver methods.

    :raises: InvalidParameterValue for a step the driver does not declare.
    """
    resolved = []
    for item in requested or []:
        iface_name, name = item.get("interface"), item.get("step")
        impl = getattr(task.driver, str(iface_name), None)
        declared = ({d.name for d in steps.collect(impl, kind)}
                    if impl is not None and impl.supported else set())
        if name not in declared:
            raise exception.InvalidParameterValue(
                err=f"Node {task.node.uuid}: {kind} step {iface_name}.{name} "
                    f"is not available for this node")
        resolved.append((getattr(impl, name), dict(item.get("args") or {})))
    return resolved


def _execute(task: Any, method: Any, args: dict[str, Any], *,
             wait_event: Event) -> bool:
    """Run one step; True when the flow must stop (wait or hold)."""
    result = method(task, **args)
    if result is steps.StepResult.WAIT:
        task.process_event(wait_event)
        return True
    if result is steps.StepResult.HOLD:
        task.process_event(Event.HOLD)
        return True
    return False


# --- deployment and tear down ---------------------------------------------


def deploy(task: Any, *, rebuild: bool, configdrive: Any = None,
           deploy_steps: list[dict[str, Any]] | None = None) -> None:
    """Deploy (or redeploy) the instance described by ``instance_info``."""
    node = task.node
    _check_not_maintenance(task, "rebuild" if rebuild else "provisioning")
    if rebuild and node.protected:
        raise exception.NodeProtected(node=node.uuid)
    for kind in ("power", "management", "boot", "deploy", "network", "storage"):
        getattr(task.driver, kind).validate(task)
    extra = _find_steps(task, steps.StepKind.DEPLOY, deploy_steps or [])
    task.process_event(Event.REBUILD if rebuild else Event.DEPLOY)
    if configdrive is not None:
        node.instance_info = {**(node.instance_info or {}), "configdrive": configdrive}

    def run() -> None:
        task.driver.deploy.prepare(task)
        if _execute(task, task.driver.deploy.deploy, {}, wait_event=Event.WAIT):
            return
        for method, args in extra:
            if _execute(task, method, args, wait_event=Event.WAIT):
                return
        task.driver.power.set_power_state(task, states.POWER_ON)
        node.power_state = task.driver.power.get_power_state(task)
        task.process_event(Event.DONE)
    _run(task, "deploy", run)


def tear_down(task: Any) -> None:
    """Remove the instance, then clean the node back to available."""
    node = task.node
    if node.protected:
        raise exception.NodeProtected(node=node.uuid)
    task.driver.power.validate(task)
    task.process_event(Event.DELETE)

    def run() -> None:
        task.driver.deploy.tear_down(task)
        task.driver.deploy.clean_up(task)
        node.power_state = task.driver.power.get_power_state(task)
        node.instance_info = {}
        node.instance_uuid = None
        node.driver_internal_info = {
            k: v for k, v in (node.driver_internal_info or {}).items()
            if k in ("fake_power_state", "fake_boot_device")}
        task.process_event(Event.CLEAN)
        _clean(task, None, manual=False)
    _run(task, "tear down", run)


# --- inspection, adoption, rescue, holds ----------------------------------


def inspect(task: Any) -> None:
    """Inspect a manageable node's hardware."""
    _require_supported(task, "inspect")
    task.process_event(Event.INSPECT)

    def run() -> None:
        if _execute(task, task.driver.inspect.inspect_hardware, {},
                    wait_event=Event.WAIT):
            return
        task.process_event(Event.DONE)
    _run(task, "inspection", run)


def adopt(task: Any) -> None:
    """Take an already deployed node under management as active."""
    task.process_event(Event.ADOPT)

    def run() -> None:
        for kind in ("power", "management", "boot", "deploy"):
            getattr(task.driver, kind).validate(task)
        task.driver.deploy.take_over(task)
        task.node.power_state = task.driver.power.get_power_state(task)
        task.process_event(Event.DONE)
    _run(task, "adoption", run)


def rescue(task: Any, rescue_password: str) -> None:
    """Boot the rescue ramdisk on an active node."""
    _check_not_maintenance(task, "rescue")
    _require_supported(task, "rescue")
    task.process_event(Event.RESCUE)
    task.node.instance_info = {**(task.node.instance_info or {}),
                               "rescue_password": rescue_password}

    def run() -> None:
        if _execute(task, task.driver.rescue.rescue, {}, wait_event=Event.WAIT):
            return
        task.process_event(Event.DONE)
    _run(task, "rescue", run)


def unrescue(task: Any) -> None:
    """Return a rescued node to its instance."""
    _require_supported(task, "rescue")
    task.process_event(Event.UNRESCUE)

    def run() -> None:
        task.driver.rescue.unrescue(task)
        info = dict(task.node.instance_info or {})
        info.pop("rescue_password", None)
        task.node.instance_info = info
        task.process_event(Event.DONE)
    _run(task, "unrescue", run)


def abort(task: Any) -> None:
    """Stop a waiting or held operation."""
    task.process_event(Event.ABORT, last_error="Aborted by request")


def unhold(task: Any) -> None:
    """Release a node held by a step."""
    task.process_event(Event.UNHOLD)


ACTIONS: dict[str, Callable[[Any], None]] = {
    "manage": manage, "provide": provide, "inspect": inspect, "adopt": adopt,
    "abort": abort, "unhold": unhold,
}
"""Verbs of do_provisioning_action -> flow."""


def do_action(task: Any, action: str) -> None:
    """Dispatch a provisioning verb.

    :raises: InvalidParameterValue for an unknown verb, InvalidStateRequested
    """
    flow = ACTIONS.get(action)
    if flow is None:
        raise exception.InvalidParameterValue(
            err=f"Unknown provisioning action {action!r}; expected one of "
                f"{', '.join(sorted(ACTIONS))}")
    if not task.fsm.is_actionable_event(states.VERBS.get(action, action)):
        raise exception.InvalidStateRequested(action=action, node=task.node.uuid,
                                              state=task.node.provision_state)
    flow(task)
