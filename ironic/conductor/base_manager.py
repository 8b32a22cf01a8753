"""Conductor service lifecycle: start, heartbeat, worker pool, stop.

On start the conductor checks its driver configuration, releases node locks a
previous run of this host left behind, registers itself (hardware types and
interfaces) in the conductors table, starts its worker pool and a periodic
heartbeat, and becomes reachable by in-process RPC. On stop it does the
reverse: stops periodics, waits for workers, releases its locks and
unregisters so the hash ring moves its nodes elsewhere.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import futurist
from futurist import periodics
from futurist import rejection

from ironic import objects
from ironic.common import context as ir_context
from ironic.common import exception
from ironic.conductor import transports
from ironic.conf import CONF
from ironic.drivers import factory

LOG = logging.getLogger(__name__)


class BaseConductorManager:
    """The service part of a conductor; endpoints live in ConductorManager."""

    def __init__(self, host: str | None = None, topic: str | None = None) -> None:
        self.host = host or CONF.host
        self.topic = topic
        self.conductor: Any = None
        self._executor: futurist.ThreadPoolExecutor | None = None
        self._periodic: periodics.PeriodicWorker | None = None
        self._periodic_thread: threading.Thread | None = None
        self._started = False

    # --- lifecycle ---------------------------------------------------------

    def init_host(self) -> None:
        """Start serving: register, start workers and the heartbeat.

        :raises: ConfigInvalid if the driver configuration is unusable.
        """
        factory.check_configuration()
        context = ir_context.get_admin_context()
        self._release_stale_locks(context)
        self._register(context)
        size = CONF.conductor.workers_pool_size
        self._executor = futurist.ThreadPoolExecutor(
            max_workers=size, check_and_reject=rejection.reject_when_reached(size))
        self._start_periodics()
        transports.register_local_manager(self.host, self)
        self._started = True
        LOG.info("Conductor %s started with hardware types %s", self.host,
                 ", ".join(CONF.enabled_hardware_types))

    def del_host(self) -> None:
        """Stop serving: stop periodics and workers, release locks, unregister."""
        if not self._started:
            return
        self._started = False
        transports.unregister_local_manager(self.host)
        if self._periodic is not None:
            self._periodic.stop()
            self._periodic.wait()
        if self._periodic_thread is not None:
            self._periodic_thread.join(timeout=10)
        if self._executor is not None:
            self._executor.shutdown(wait=True)
        context = ir_context.get_admin_context()
        self._release_stale_locks(context)
        try:
            self.conductor.unregister()
        except exception.ConductorNotFound:
            LOG.warning("Conductor %s was already unregistered", self.host)
        LOG.info("Conductor %s stopped", self.host)

    # --- workers -----------------------------------------------------------

    def spawn_worker(self, func: Callable[..., Any], *args: Any,
                     **kwargs: Any) -> Any:
        """Run ``func`` in the worker pool and return its future.

        :raises: NoFreeConductorWorker when every worker is busy.
        """
        if self._executor is None:
            raise exception.NoFreeConductorWorker()
        try:
            return self._executor.submit(func, *args, **kwargs)
        except futurist.RejectedSubmission:
            raise exception.NoFreeConductorWorker() from None

    # --- heartbeat ---------------------------------------------------------

    def keepalive(self) -> None:
        """Record that this conductor is alive; re-register if the row vanished."""
        try:
            self.conductor.touch()
        except exception.ConductorNotFound:
            LOG.warning("Conductor %s: registration lost, registering again",
                        self.host)
            self._register(ir_context.get_admin_context())

    def _start_periodics(self) -> None:
        def beat() -> None:
            self._safe_heartbeat()
        beat = periodics.periodic(spacing=CONF.conductor.heartbeat_interval,
                                  run_immediately=False)(beat)
        self._periodic = periodics.PeriodicWorker([(beat, (), {})])
        self._periodic_thread = threading.Thread(
            target=self._periodic.start, name=f"conductor-periodics-{self.host}",
            daemon=True)
        self._periodic_thread.start()

    def _safe_heartbeat(self) -> None:
        try:
            self.keepalive()
        except Exception:
            # One failed beat (e.g. database restarting) must not stop the next.
            LOG.exception("Conductor %s: heartbeat failed", self.host)

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
