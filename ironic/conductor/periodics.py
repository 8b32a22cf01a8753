"""Registry of conductor periodic tasks; flow modules register their own.

How to register a periodic task (for example a callback-timeout check)::

    from ironic.conductor import periodics

    @periodics.register(spacing_opt="check_provision_state_interval")
    def check_deploy_timeouts(manager, context):
        for node in manager.iter_nodes(filters={"provision_state": "wait call-back"}):
            ...

* ``spacing_opt`` names an option of the ``[conductor]`` group (another group
  with ``group=...``) holding the interval in seconds, read when the conductor
  starts. An interval of 0 or less disables the task. ``spacing=`` gives a fixed
  interval instead.
* The function is called as ``fn(manager, context)``: ``manager`` is the running
  :class:`~ironic.conductor.base_manager.BaseConductorManager` (``host``,
  ``spawn_worker``, ``iter_nodes`` for the nodes this conductor owns on the hash
  ring) and ``context`` an admin request context. Exceptions are logged and the
  task runs again at its next interval.
* Tasks run on the conductor's periodic pool, never on the RPC worker pool, so a
  full worker pool cannot stop them. A task that starts node work should lock
  the node with ``task_manager.acquire`` and skip nodes that are locked.
* Registration happens at import time: the module must be imported by the
  conductor. Every flow module imported by :mod:`ironic.conductor.manager` is;
  :data:`CORE_MODULES` lists the ones the service imports itself.
"""
from __future__ import annotations

import dataclasses
import importlib
import logging
from collections.abc import Callable
from typing import Any

from ironic.conf import CONF

LOG = logging.getLogger(__name__)

PeriodicFunc = Callable[[Any, Any], None]
"""``fn(manager, context)``."""

CORE_MODULES = ("ironic.conductor.power_sync", "ironic.conductor.takeover")
"""Modules with periodic tasks that every conductor imports before collecting."""


@dataclasses.dataclass(frozen=True)
class PeriodicTask:
    """One registered periodic task."""

    name: str
    func: PeriodicFunc
    spacing_opt: str | None = None
    group: str = "conductor"
    fixed_spacing: float | None = None
    run_immediately: bool = False

    def spacing(self) -> float | None:
        """Seconds between runs from the configuration; None when disabled."""
        if self.spacing_opt is not None:
            value = getattr(CONF[self.group], self.spacing_opt)
        else:
            value = self.fixed_spacing
        if value is None or value <= 0:
            return None
        return float(value)


_REGISTRY: dict[str, PeriodicTask] = {}


def register(spacing_opt: str | None = None, *, spacing: float | None = None,
             group: str = "conductor", name: str | None = None,
             run_immediately: bool = False) -> Callable[[PeriodicFunc], PeriodicFunc]:
    """Decorator registering ``fn(manager, context)`` as a periodic task.

    :param spacing_opt: option (in ``group``) with the interval in seconds.
    :param spacing: a fixed interval instead of an option.
    :param name: unique task name; defaults to ``module.function``.
    """
    if (spacing_opt is None) == (spacing is None):
        raise ValueError("give exactly one of spacing_opt and spacing")

    def decorate(func: PeriodicFunc) -> PeriodicFunc:
        task_name = name or f"{func.__module__}.{func.__qualname__}"
        _REGISTRY[task_name] = PeriodicTask(
            name=task_name, func=func, spacing_opt=spacing_opt, group=group,
            fixed_spacing=spacing, run_immediately=run_immediately)
        return func
    return decorate


def unregister(name: str) -> None:
    """Forget a task (tests)."""
    _REGISTRY.pop(name, None)


def registered() -> list[PeriodicTask]:
    """Every registered task, after importing :data:`CORE_MODULES`."""
    for module in CORE_MODULES:
        importlib.import_module(module)
    return sorted(_REGISTRY.values(), key=lambda t: t.name)


def enabled() -> list[tuple[PeriodicTask, float]]:
    """Registered tasks with their configured spacing, disabled ones left out."""
    found = []
    for task in registered():
        spacing = task.spacing()
        if spacing is None:
            LOG.info("Periodic task %s is disabled by configuration", task.name)
            continue
        found.append((task, spacing))
    return found
