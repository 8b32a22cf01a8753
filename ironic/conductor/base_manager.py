"""Conductor service lifecycle: start, heartbeat, pools, periodic tasks, stop.

On start the conductor checks its driver configuration, releases node locks a
previous run of this host left behind, registers itself (hardware types and
interfaces) in the conductors table, starts its worker pool and its periodic
tasks (heartbeat, hash-ring refresh and every task of
:mod:`ironic.conductor.periodics`) on a separate pool, and starts serving RPC
through the transport chosen by ``[DEFAULT] rpc_transport``.

On stop (SIGTERM) it stops taking RPC, stops its periodics, lets running
workers finish for up to ``[conductor] graceful_shutdown_timeout`` seconds,
releases its locks (work that did not finish is handed back: takeover on the
new owner resumes or fails it), unregisters so the hash ring moves its nodes
elsewhere, and tells the other conductors to refresh their rings.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from typing import Any

import futurist
from futurist import periodics as fperiodics
from futurist import rejection

from ironic import objects
from ironic.common import context as ir_context
from ironic.common import exception
from ironic.conductor import object_indirection
from ironic.conductor import periodics
from ironic.conductor import rpcapi
from ironic.conductor import takeover
from ironic.conductor import transports
from ironic.conf import CONF
from ironic.drivers import factory

LOG = logging.getLogger(__name__)

NODE_ROUTING_FIELDS = ("id", "uuid", "driver", "conductor_group", "reservation",
                       "maintenance", "provision_state", "power_state")
"""Fields :meth:`BaseConductorManager.iter_nodes` always loads."""


class BaseConductorManager(object_indirection.ObjectIndirectionMixin):
    """The service part of a conductor; endpoints live in ConductorManager."""

    def __init__(self, host: str | None = None, topic: str | None = None) -> None:
        self.host = host or CONF.host
        self.topic = topic or rpcapi.MANAGER_TOPIC
        self.conductor: Any = None
        self._executor: futurist.ThreadPoolExecutor | None = None
        self._periodic: fperiodics.PeriodicWorker | None = None
        self._periodic_thread: threading.Thread | None = None
        self._server: Any = None
        self._ring_hosts: dict[str, frozenset[str]] = {}
        self._started = False
        self._stopping = threading.Event()

    # --- lifecycle ---------------------------------------------------------

    def init_host(self) -> None:
        """Start serving: register, start workers, periodics and RPC.

        :raises: ConfigInvalid if the driver configuration is unusable.
        """
        factory.check_configuration()
        context = ir_context.get_admin_context()
        self._release_stale_locks(context)
        self._register(context)
        size = CONF.conductor.workers_pool_size
        self._executor = futurist.ThreadPoolExecutor(
            max_workers=size, check_and_reject=rejection.reject_when_reached(size))
        self._ring_hosts = {}
        self.check_ring_membership()  # baseline: includes this conductor
        self._start_periodics()
        transports.register_local_manager(self.host, self)
        self._server = transports.start_server(self)
        self._started = True
        self._announce_membership_change()
        LOG.info("Conductor %s started (group %r, hardware types %s, transport %s)",
                 self.host, CONF.conductor.conductor_group,
                 ", ".join(CONF.enabled_hardware_types), CONF.rpc_transport)

    def del_host(self) -> None:
        """Stop serving: stop RPC and periodics, drain workers, release, unregister."""
        if not self._started:
            return
        self._started = False
        self._stopping.set()
        if self._server is not None:
            self._server.stop()
        transports.unregister_local_manager(self.host)
        if self._periodic is not None:
            self._periodic.stop()
            self._periodic.wait()
        if self._periodic_thread is not None:
            self._periodic_thread.join(timeout=10)
        self._drain_workers()
        context = ir_context.get_admin_context()
        self._release_stale_locks(context)
        try:
            self.conductor.unregister()
        except exception.ConductorNotFound:
            LOG.warning("Conductor %s was already unregistered", self.host)
        self._announce_membership_change()
        LOG.info("Conductor %s stopped", self.host)

    def _drain_workers(self) -> None:
        if self._executor is None:
            return
        timeout = CONF.conductor.graceful_shutdown_timeout
        done = threading.Event()

        def wait_all() -> None:
            self._executor.shutdown(wait=True)  # type: ignore[union-attr]
            done.set()
        threading.Thread(target=wait_all, daemon=True).start()
        if not done.wait(timeout if timeout > 0 else None):
            LOG.warning("Conductor %s: workers still running after %ss; handing "
                        "their nodes back", self.host, timeout)

    # --- workers -----------------------------------------------------------

    def spawn_worker(self, func: Callable[..., Any], *args: Any,
                     **kwargs: Any) -> Any:
        """Run ``func`` in the worker pool and return its future.

        :raises: NoFreeConductorWorker when every worker is busy or stopping.
        """
        if self._executor is None or self._stopping.is_set():
            raise exception.NoFreeConductorWorker()
        try:
            return self._executor.submit(func, *args, **kwargs)
        except (futurist.RejectedSubmission, RuntimeError):
            raise exception.NoFreeConductorWorker() from None

    # --- node ownership ----------------------------------------------------

    def owns(self, node: Any) -> bool:
        """Whether the hash ring maps ``node`` to this conductor."""
        if (node.conductor_group or "").lower() != \
                (CONF.conductor.conductor_group or "").lower():
            return False
        ring = rpcapi.ring_manager().get_ring(node.driver, node.conductor_group)
        if ring is None:
            return False
        return self.host in ring.get_hosts(
            node.uuid, CONF.conductor.hash_distribution_replicas)

    def iter_nodes(self, filters: dict[str, Any] | None = None,
                   fields: tuple[str, ...] = ()) -> Iterator[Any]:
        """Nodes of this conductor's group that the hash ring maps to it.

        :param filters: node list filters (e.g. ``{"maintenance": False}``).
        :param fields: extra fields to load besides :data:`NODE_ROUTING_FIELDS`.
        """
        wanted = dict(filters or {})
        wanted["conductor_group"] = CONF.conductor.conductor_group or ""
        context = ir_context.get_admin_context()
        nodes = objects.Node.list(context, filters=wanted,
                                  fields=set(NODE_ROUTING_FIELDS) | set(fields))
        for node in nodes:
            if self.owns(node):
                yield node

    # --- periodic tasks ----------------------------------------------------

    def keepalive(self) -> None:
        """Record that this conductor is alive; re-register if the row vanished."""
        try:
            self.conductor.touch()
        except exception.ConductorNotFound:
            LOG.warning("Conductor %s: registration lost, registering again",
                        self.host)
            self._register(ir_context.get_admin_context())

    def refresh_hash_ring(self, context: Any = None) -> None:
        """RPC cast (fanout from conductors joining or leaving): forget the rings.

        The next lookup rebuilds them; the periodic ring check notices the
        membership change and runs takeover.
        """
        rpcapi.ring_manager().reset()

    def check_ring_membership(self) -> bool:
        """Rebuild the rings; on a membership change take nodes over at once.

        :returns: whether the membership changed since the last check.
        """
        manager = rpcapi.ring_manager()
        manager.reset()
        hosts = {key: ring.hosts for key, ring in manager.rings.items()}
        changed = hosts != self._ring_hosts
        first = not self._ring_hosts
        self._ring_hosts = hosts
        if changed and not first and not self._stopping.is_set():
            LOG.info("Conductor %s: hash ring membership changed; taking over "
                     "nodes now mapped here", self.host)
            takeover.take_over(self, ir_context.get_admin_context())
        return changed

    def _periodic_callables(self) -> list[tuple[Callable[..., Any], tuple[()],
                                                dict[str, Any]]]:
        beat = fperiodics.periodic(spacing=CONF.conductor.heartbeat_interval,
                                   run_immediately=False)(self._safe("heartbeat",
                                                                     self.keepalive))
        ring = fperiodics.periodic(
            spacing=max(CONF.conductor.hash_ring_reset_interval, 1),
            run_immediately=False)(self._safe("hash ring refresh",
                                              self.check_ring_membership))
        found: list[tuple[Callable[..., Any], tuple[()], dict[str, Any]]] = [
            (beat, (), {}), (ring, (), {})]
        for task, spacing in periodics.enabled():
            body = self._safe(task.name, self._runner(task.func))
            found.append((fperiodics.periodic(
                spacing=spacing, run_immediately=task.run_immediately)(body), (), {}))
        return found

    def _runner(self, func: periodics.PeriodicFunc) -> Callable[[], None]:
        def run() -> None:
            if not self._stopping.is_set():
                func(self, ir_context.get_admin_context())
        return run

    def _start_periodics(self) -> None:
        callables = self._periodic_callables()
        size = CONF.conductor.periodic_max_workers
        self._periodic = fperiodics.PeriodicWorker(
            callables, executor_factory=lambda: futurist.ThreadPoolExecutor(
                max_workers=size))
        self._periodic_thread = threading.Thread(
            target=self._periodic.start, name=f"conductor-periodics-{self.host}",
            daemon=True)
        self._periodic_thread.start()

    def _safe(self, name: str, func: Callable[[], Any]) -> Callable[[], None]:
        def run() -> None:
            try:
                func()
            except Exception:
                # One failed run (e.g. database restarting) must not stop the next.
                LOG.exception("Conductor %s: periodic task %s failed", self.host, name)
        run.__name__ = name.replace(".", "_").replace(" ", "_")
        return run

    # --- registration ------------------------------------------------------

    def _register(self, context: Any) -> None:
        hardware_types = list(CONF.enabled_hardware_types)
        group = CONF.conductor.conductor_group
        try:
            self.conductor = objects.Conductor.register(
                context, self.host, hardware_types, group)
        except exception.ConductorAlreadyRegistered:
            LOG.warning("Conductor %s was registered already (unclean stop?); "
                        "taking the registration over", self.host)
            self.conductor = objects.Conductor.register(
                context, self.host, hardware_types, group, update_existing=True)
        self.conductor.register_hardware_interfaces(factory.hardware_interface_rows())

    def _release_stale_locks(self, context: Any) -> None:
        objects.Node.clear_target_power_state_for_conductor(context, self.host)
        count = objects.Node.clear_reservations_for_conductor(context, self.host)
        if count:
            LOG.warning("Conductor %s: released %s node lock(s) it held",
                        self.host, count)

    def _announce_membership_change(self) -> None:
        try:
            transports.fanout_cast(ir_context.get_admin_context(), "refresh_hash_ring",
                                   version="1.1")
        except Exception:
            # Peers also refresh periodically; a lost fanout only delays them.
            LOG.warning("Conductor %s: could not announce the ring change",
                        self.host, exc_info=True)
