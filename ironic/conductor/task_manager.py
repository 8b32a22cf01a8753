"""TaskManager: a node held under a lock, with its driver and state machine.

Tutorial
--------
Every conductor operation on a node runs inside a task::

    with task_manager.acquire(context, node_id, purpose="power change") as task:
        task.driver.power.set_power_state(task, states.POWER_ON)
        task.node.save()

* **Exclusive lock** (the default): the node's ``reservation`` column is set to
  this conductor's host through ``objects.Node.reserve``. Another conductor (or
  another task here) gets NodeLocked after ``[conductor]
  node_locked_retry_attempts`` attempts ``node_locked_retry_interval`` seconds
  apart. The lock is released when the ``with`` block ends, on success,
  failure and exceptions alike.
* **Shared lock** (``shared=True``): the node is only read; no reservation.
  ``upgrade_lock()`` turns it into an exclusive lock.
* **Background work**: ``task.spawn_after(spawn, fn, *args)`` runs ``fn`` in a
  worker once the ``with`` block exits without error; the lock stays held
  until the worker finishes. If the pool is full the caller gets
  NoFreeConductorWorker and the lock is released.
* **State changes**: ``task.process_event(Event.DEPLOY, ...)`` moves the node
  along the provision state machine of :mod:`ironic.common.states` and saves it.
"""
from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

import tenacity
from oslo_utils import uuidutils

from ironic import objects
from ironic.common import exception
from ironic.common import states
from ironic.conf import CONF
from ironic.drivers import factory

LOG = logging.getLogger(__name__)

Spawn = Callable[..., Any]
"""Submits ``fn(*args, **kwargs)`` to a worker pool and returns a future."""


def acquire(context: Any, node_id: Any, shared: bool = False,
            purpose: str = "unspecified action", load_driver: bool = True) -> TaskManager:
    """A TaskManager for ``node_id``; use it as a context manager.

    :raises: NodeNotFound, NodeLocked, DriverNotFound (when loading the driver)
    """
    return TaskManager(context, node_id, shared=shared, purpose=purpose,
                       load_driver=load_driver)


def require_exclusive_lock(func: Callable[..., Any]) -> Callable[..., Any]:
    """Refuse to run ``func(task, ...)`` under a shared lock."""
    @functools.wraps(func)
    def wrapper(task: TaskManager, *args: Any, **kwargs: Any) -> Any:
        if task.shared:
            raise exception.ExclusiveLockRequired()
        return func(task, *args, **kwargs)
    return wrapper


def _reserve(context: Any, node_id: Any) -> Any:
    retrying = tenacity.Retrying(
        retry=tenacity.retry_if_exception_type(exception.NodeLocked),
        stop=tenacity.stop_after_attempt(max(CONF.conductor.node_locked_retry_attempts, 1)),
        wait=tenacity.wait_fixed(CONF.conductor.node_locked_retry_interval),
        reraise=True)
    return retrying(objects.Node.reserve, context, CONF.host, node_id)


class TaskManager:
    """One node, locked, with its driver and provision state machine."""

    def __init__(self, context: Any, node_id: Any, *, shared: bool = False,
                 purpose: str = "unspecified action", load_driver: bool = True) -> None:
        self.context = context
        self.node_id = node_id
        self.shared = shared
        self.purpose = purpose
        self._spawn: tuple[Spawn, Callable[..., Any], tuple[Any, ...],
                           dict[str, Any]] | None = None
        self._on_error: Callable[..., Any] | None = None
        self._ports: list[Any] | None = None
        self._portgroups: list[Any] | None = None
        self.node = (objects.Node.get(context, node_id) if shared
                     else _reserve(context, node_id))
        self._reserved = not shared
        LOG.debug("Node %s: %s lock taken for %s", self.node.uuid,
                  "shared" if shared else "exclusive", purpose)
        try:
            self.fsm = states.build_machine()
            self.fsm.initialize(self.node.provision_state or states.AVAILABLE,
                                _stable_or_none(self.fsm, self.node.target_provision_state))
            self.driver = factory.build_driver(self.node) if load_driver else None
        except Exception:
            self.release_resources()
            raise

    # --- related objects, loaded on first use -----------------------------

    @property
    def ports(self) -> list[Any]:
        """The node's ports."""
        if self._ports is None:
            self._ports = list(objects.Port.list(
                self.context, filters={"node_uuid": self.node.uuid}))
        return self._ports

    @ports.setter
    def ports(self, value: list[Any]) -> None:
        self._ports = list(value)

    @property
    def portgroups(self) -> list[Any]:
        """The node's portgroups."""
        if self._portgroups is None:
            self._portgroups = list(objects.Portgroup.list(
                self.context, filters={"node_uuid": self.node.uuid}))
        return self._portgroups

    @portgroups.setter
    def portgroups(self, value: list[Any]) -> None:
        self._portgroups = list(value)

    # --- services for drivers (the Task protocol) ---------------------------

    def store_bios_settings(self, settings: list[dict[str, Any]]) -> None:
        """Make the node's stored BIOS settings equal ``settings``."""
        bios = objects.BIOSSettingList
        create, update, delete, _ = bios.sync_node_setting(
            self.context, self.node.id, settings)
        if create:
            bios.create(self.context, self.node.id, create)
        if update:
            bios.save(self.context, self.node.id, update)
        if delete:
            bios.delete(self.context, self.node.id, [d["name"] for d in delete])

    def record_inspected_ports(self, macs: list[str]) -> list[str]:
        """Create a PXE-enabled port for each MAC the node has no port for.

        :returns: the MACs a port was created for.
        """
        known = {p.address.lower() for p in self.ports}
        created = []
        for mac in macs:
            if mac.lower() in known:
                continue
            port = objects.Port(self.context, uuid=uuidutils.generate_uuid(),
                                address=mac, node_id=self.node.id, pxe_enabled=True)
            try:
                port.create()
            except exception.MACAlreadyExists:
                LOG.warning("Node %s: NIC %s belongs to a port of another node; "
                            "not creating it", self.node.uuid, mac)
                continue
            LOG.info("Node %s: inspection created port %s", self.node.uuid, mac)
            known.add(mac.lower())
            created.append(mac)
        if created:
            self._ports = None
        return created

    # --- locking -----------------------------------------------------------

    def upgrade_lock(self, purpose: str | None = None) -> None:
        """Take the exclusive lock of a task started shared.

        :raises: NodeLocked
        """
        if not self.shared:
            return
        self.node = _reserve(self.context, self.node.id)
        self.shared = False
        self._reserved = True
        self.purpose = purpose or self.purpose
        self._ports = self._portgroups = None

    def release_resources(self) -> None:
        """Release the node's reservation if this task holds it; idempotent."""
        if not self._reserved:
            return
        self._reserved = False
        try:
            objects.Node.release(self.context, CONF.host, self.node.id)
        except (exception.NodeNotFound, exception.NodeNotLocked):
            # Deleted by this task, or the lock was broken by an operator.
            LOG.debug("Node %s: nothing to release", self.node.uuid)
        except Exception:
            LOG.exception("Node %s: releasing the lock failed", self.node.uuid)

    # --- state machine and background work ---------------------------------

    def process_event(self, event: str, callback: Spawn | None = None,
                      call_args: tuple[Any, ...] = (), call_kwargs: dict[str, Any] | None = None,
                      err_handler: Callable[..., Any] | None = None,
                      target_state: str | None = None,
                      last_error: str | None = None) -> None:
        """Move the node along ``event`` and save it; optionally spawn work.

        :param callback: a Spawn (e.g. the manager's ``spawn_worker``) to run
            ``call_args[0](*call_args[1:], **call_kwargs)`` after unlocking.
        :param err_handler: called as ``err_handler(exc, node, prev_prov,
            prev_target)`` if spawning fails.
        :raises: InvalidStateRequested if the event is not allowed now.
        """
        prev = (self.node.provision_state, self.node.target_provision_state)
        try:
            self.fsm.process_event(event, target_state=target_state)
        except exception.InvalidState:
            raise exception.InvalidStateRequested(
                action=event, node=self.node.uuid,
                state=self.node.provision_state) from None
        self.node.provision_state = self.fsm.current_state
        self.node.target_provision_state = self.fsm.target_state
        self.node.last_error = last_error
        if callback is not None:
            self.set_spawn_error_hook(err_handler, prev)
            self.spawn_after(callback, call_args[0], *call_args[1:],
                             **(call_kwargs or {}))
        self.node.save()
        LOG.info("Node %s moved from %s to %s (target %s) on %s", self.node.uuid,
                 prev[0], self.node.provision_state,
                 self.node.target_provision_state, event)

    def spawn_after(self, spawn: Spawn, fn: Callable[..., Any], *args: Any,
                    **kwargs: Any) -> None:
        """Run ``fn`` in a worker after the ``with`` block; lock kept until done."""
        self._spawn = (spawn, fn, args, kwargs)

    def set_spawn_error_hook(self, handler: Callable[..., Any] | None,
                             prev: tuple[str | None, str | None]) -> None:
        """Call ``handler`` if the spawn of background work fails."""
        self._on_error = (functools.partial(_call_handler, handler, prev)
                          if handler else None)

    def __enter__(self) -> TaskManager:
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc_type is not None or self._spawn is None:
            self.release_resources()
            return
        spawn, fn, args, kwargs = self._spawn
        self._spawn = None
        try:
            future = spawn(fn, *args, **kwargs)
        except Exception as e:
            if self._on_error is not None:
                self._on_error(e, self.node)
            self.release_resources()
            raise
        future.add_done_callback(self._worker_done)

    def _worker_done(self, future: Any) -> None:
        error = future.exception()
        if error is not None:
            LOG.error("Node %s: background %s failed: %s", self.node.uuid,
                      self.purpose, error,
                      exc_info=None if isinstance(error, exception.IronicError) else error)
        self.release_resources()


def _call_handler(handler: Callable[..., Any], prev: tuple[str | None, str | None],
                  error: Exception, node: Any) -> None:
    try:
        handler(error, node, *prev)
    except Exception:
        LOG.exception("Node %s: spawn error handler failed", node.uuid)


def _stable_or_none(fsm: Any, target: str | None) -> str | None:
    if target is None or target not in fsm:
        return None
    return target if fsm.is_stable(target) else None
