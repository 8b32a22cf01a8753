"""Failure handling written once for every flow.

Each flow module describes itself with a frozen :class:`Flow` (its name for
messages, the step kind whose progress must be cleared, an optional
best-effort clean-up). :func:`fail` records the error in ``last_error``, runs
the clean-up, clears step progress and processes the ``fail`` event, which
the state machine maps to the flow's failed state (``deploy failed``,
``clean failed``, ``enroll`` for verification, ``error`` for tear down, ...).
:func:`on_error` applies it to a worker entry point; :func:`spawn_failed`
puts a node back where it was when no worker could take the job.
"""
from __future__ import annotations

import contextlib
import dataclasses
import functools
import logging
from collections.abc import Callable, Iterator
from typing import Any

from oslo_db import exception as db_exc
from sqlalchemy import exc as sa_exc

from ironic import objects
from ironic.common import exception
from ironic.common import states
from ironic.conductor import task_manager
from ironic.drivers import steps as driver_steps

LOG = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class Flow:
    """What :func:`fail` needs to know about a flow."""

    name: str
    """Word used in messages, e.g. ``Deploy`` -> "Deploy failed: ..."."""
    step_kind: driver_steps.StepKind | None = None
    """Kind of steps whose plan and current step are cleared on failure."""
    cleanup: Callable[[Any], None] | None = None
    """Best-effort tear-down run before the node moves to the failed state."""


def fail(task: Any, flow: Flow | str, error: Exception | str) -> None:
    """Record ``error``, clean up, and move the node to the flow's failed state.

    Logs a traceback only for errors we did not raise on purpose. If the
    node's state no longer accepts ``fail`` (the error came after the flow
    finished), only ``last_error`` is recorded.
    """
    if isinstance(flow, str):
        flow = Flow(name=flow)
    node = task.node
    message = _message(node, flow, error)
    LOG.error("Node %s: %s", node.uuid, message,
              exc_info=(error if isinstance(error, Exception)
                        and not isinstance(error, exception.IronicError) else None))
    if flow.cleanup is not None:
        best_effort(flow.cleanup, task, f"clean-up after failed {flow.name}")
    if flow.step_kind is not None:
        _clear_steps(node, flow.step_kind)
    target = node.target_provision_state
    try:
        task.process_event(states.Event.FAIL, last_error=message,
                           target_state=target if _is_stable(task, target) else None)
    except exception.InvalidStateRequested:
        LOG.warning("Node %s: %s happened in state %s, which has no failed state; "
                    "only recording it", node.uuid, flow.name, node.provision_state)
        node.last_error = message
        node.save()


def _message(node: Any, flow: Flow, error: Exception | str) -> str:
    if flow.step_kind is not None:
        step = getattr(node, f"{flow.step_kind}_step", None) or {}
        if step.get("step"):
            return (f"{flow.name} step {step.get('interface')}.{step['step']} "
                    f"failed: {error}")
    return f"{flow.name} failed: {error}"


def _clear_steps(node: Any, kind: driver_steps.StepKind) -> None:
    info = dict(node.driver_internal_info or {})
    info.pop(f"{kind}_steps", None)
    info.pop(f"{kind}_step_index", None)
    node.driver_internal_info = info
    setattr(node, f"{kind}_step", None)


def _is_stable(task: Any, state: str | None) -> bool:
    return state is not None and state in task.fsm and task.fsm.is_stable(state)


def best_effort(action: Callable[[Any], None], task: Any, what: str) -> None:
    """Run ``action(task)``; log (never raise) its failure.

    For clean-ups after a flow already failed or was aborted: their error
    must not hide the recorded one.
    """
    try:
        action(task)
    except Exception as e:  # noqa: BLE001 - logged, the node already records why
        LOG.warning("Node %s: %s failed: %s", task.node.uuid, what, e)


def on_error(flow: Flow) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a worker entry point ``fn(task, ...)``: any exception fails the flow.

    This is the boundary where a broad ``except Exception`` belongs (STYLE 9).
    """
    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def wrapper(task: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return func(task, *args, **kwargs)
            except Exception as e:  # noqa: BLE001 - worker boundary (STYLE 9)
                fail(task, flow, e)
                return None
        return wrapper
    return decorate


def spawn_failed(error: Exception, node: Any, prev_state: str | None,
                 prev_target: str | None) -> None:
    """Put ``node`` back where it was when its work could not be started.

    Used as the ``err_handler`` of ``TaskManager.process_event``: the event
    was processed but no worker took the job (NoFreeConductorWorker).
    """
    node.provision_state = prev_state
    node.target_provision_state = prev_target
    node.last_error = f"No free conductor workers available: {error}"
    node.save()
    LOG.warning("Node %s: could not start work (%s); back to %s", node.uuid,
                error, prev_state)


_BUSY_WORDS = ("database is locked", "database is busy", "lock wait timeout",
               "deadlock")


@contextlib.contextmanager
def database_busy_is_retryable() -> Iterator[None]:
    """Turn a busy or deadlocked database into DatabaseBusy (503: retry later).

    :raises: DatabaseBusy
    """
    try:
        yield
    except (db_exc.DBDeadlock, db_exc.DBConnectionError) as e:
        raise exception.DatabaseBusy(reason=type(e).__name__) from e
    except (db_exc.DBError, sa_exc.OperationalError) as e:
        text = str(e).lower()
        if any(word in text for word in _BUSY_WORDS):
            raise exception.DatabaseBusy(reason=text.splitlines()[0][:200]) from e
        raise


def fail_timed_out(context: Any, *, state: str, timeout_s: int, flow: Flow,
                   message: str, started_filter: str = "provisioned_before",
                   manager: Any = None) -> int:
    """Fail every unlocked node waiting in ``state`` for over ``timeout_s``.

    Nodes in maintenance are left alone, as Ironic does. A node locked by
    someone else, or that left ``state`` before we got its lock, is skipped.

    :param manager: the running conductor: only the nodes its hash ring maps
        to it are checked. Without one (tests, tools) every node is.
    :returns: how many nodes were failed.
    """
    if timeout_s <= 0:
        return 0
    filters = {"provision_state": state, started_filter: timeout_s,
               "reserved": False, "maintenance": False}
    nodes = (manager.iter_nodes(filters=filters) if manager is not None
             else objects.Node.list(context, filters=filters, fields=["uuid"]))
    failed = 0
    for node in nodes:
        try:
            with task_manager.acquire(context, node.uuid,
                                      purpose=f"{flow.name} timeout") as task:
                if task.node.provision_state != state:
                    continue
                fail(task, flow, message)
                failed += 1
        except (exception.NodeLocked, exception.NodeNotFound):
            LOG.debug("Node %s: skipped by the %s timeout check", node.uuid,
                      flow.name)
    return failed
