"""Periodic power-state sync and recovery from power failures.

Every ``[conductor] sync_power_state_interval`` seconds a conductor reads the
power state of each node it owns on the hash ring, with up to
``sync_power_state_workers`` BMCs asked at once. Nodes in maintenance, nodes
that are locked or have a power action in flight, and nodes waiting for a
ramdisk callback or still in enroll are skipped, as Ironic does.

When the hardware disagrees with the database, the database state is forced on
the hardware (``force_power_state_during_sync = True``) or the hardware state is
recorded (``False``). A node whose BMC cannot be read, or that does not take the
forced state, is tried again on later runs; after
``power_state_sync_max_retries`` failed runs it is put in maintenance with
fault ``power failure`` and a reason naming the node and the cause.

Every ``power_failure_recovery_interval`` seconds the conductor reads the
power state of its nodes in maintenance with that fault; a node whose BMC
answers again leaves maintenance.
"""
from __future__ import annotations

import concurrent.futures
import logging
import threading
from typing import Any

from ironic.common import exception
from ironic.common import states
from ironic.conductor import periodics
from ironic.conductor import task_manager
from ironic.conf import CONF

LOG = logging.getLogger(__name__)

POWER_FAILURE = "power failure"
"""``fault`` of a node put in maintenance because its power could not be synced."""

SYNC_EXCLUDED_STATES = frozenset({states.ENROLL, states.DEPLOYWAIT, states.CLEANWAIT,
                                  states.ADOPTFAIL, states.INSPECTWAIT,
                                  states.RESCUEWAIT, states.SERVICEWAIT})
"""Provision states in which the power state is not synced."""

_LOADED_FIELDS = ("target_power_state", "fault")


class _FailureCounts:
    """Failed sync attempts per node, per conductor process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[str, int] = {}

    def bump(self, uuid: str) -> int:
        with self._lock:
            self._counts[uuid] = self._counts.get(uuid, 0) + 1
            return self._counts[uuid]

    def reset(self, uuid: str) -> None:
        with self._lock:
            self._counts.pop(uuid, None)

    def get(self, uuid: str) -> int:
        with self._lock:
            return self._counts.get(uuid, 0)


FAILURES = _FailureCounts()
"""Failure counts of this process (a conductor that takes a node over starts at 0)."""


@periodics.register(spacing_opt="sync_power_state_interval")
def sync_power_states(manager: Any, context: Any) -> None:
    """Sync the power state of every eligible node this conductor owns."""
    candidates = [n.uuid for n in manager.iter_nodes(
        filters={"maintenance": False, "reserved": False}, fields=_LOADED_FIELDS)
        if _eligible(n)]
    if not candidates:
        return
    workers = min(CONF.conductor.sync_power_state_workers, len(candidates))
    with concurrent.futures.ThreadPoolExecutor(
            max_workers=workers, thread_name_prefix="power-sync") as pool:
        for _ in pool.map(lambda uuid: _sync_one_safely(context, uuid), candidates):
            pass


def _eligible(node: Any) -> bool:
    return (not node.maintenance and node.reservation is None
            and node.target_power_state is None
            and node.provision_state not in SYNC_EXCLUDED_STATES)


def _sync_one_safely(context: Any, uuid: str) -> None:
    try:
        sync_node(context, uuid)
    except (exception.NodeLocked, exception.NodeNotFound):
        # Busy (someone else will touch the BMC) or deleted meanwhile.
        LOG.debug("Power sync: node %s skipped (locked or gone)", uuid)
    except Exception:
        LOG.exception("Power sync of node %s failed unexpectedly", uuid)


def sync_node(context: Any, uuid: str) -> None:
    """Sync one node's power state, counting failures toward maintenance.

    :raises: NodeLocked, NodeNotFound
    """
    with task_manager.acquire(context, uuid, shared=True,
                              purpose="power state sync") as task:
        node = task.node
        if not _eligible(node):
            return
        try:
            actual = task.driver.power.get_power_state(task)
        except Exception as e:
            _count_failure(task, None, f"cannot read the power state: {_describe(e)}")
            return
        if actual == node.power_state and actual != states.ERROR:
            FAILURES.reset(node.uuid)
            return
        if node.power_state is None or not CONF.conductor.force_power_state_during_sync:
            _record(task, actual)
            return
        _force(task, actual)


def _record(task: Any, actual: str) -> None:
    task.upgrade_lock(purpose="power state sync")
    node = task.node
    if actual == states.ERROR:
        _count_failure(task, actual, "the BMC reports the power state as error")
        return
    LOG.info("Power sync: node %s was %s in the database, the hardware is %s; "
             "recording the hardware state", node.uuid, node.power_state, actual)
    node.power_state = actual
    node.save()
    FAILURES.reset(node.uuid)


def _force(task: Any, actual: str) -> None:
    expected = task.node.power_state
    task.upgrade_lock(purpose="power state sync")
    node = task.node  # reloaded under the exclusive lock
    if node.power_state != expected:
        return  # changed meanwhile; the next run looks again
    LOG.warning("Power sync: node %s is %s on the hardware but %s in the database; "
                "setting the hardware to %s", node.uuid, actual, expected, expected)
    try:
        task.driver.power.set_power_state(task, expected)
        actual = task.driver.power.get_power_state(task)
    except Exception as e:
        _count_failure(task, actual, f"cannot set the power state to "
                                     f"'{expected}': {_describe(e)}")
        return
    if actual != expected:
        _count_failure(task, actual, f"the power state is still '{actual}' after "
                                     f"setting it to '{expected}'")
        return
    node.save()  # drivers may keep state on the node (the fake one does)
    FAILURES.reset(node.uuid)


def _count_failure(task: Any, actual: str | None, cause: str) -> None:
    node = task.node
    count = FAILURES.bump(node.uuid)
    limit = CONF.conductor.power_state_sync_max_retries
    if count <= limit:
        LOG.warning("Power sync of node %s failed (%s of %s attempts): %s",
                    node.uuid, count, limit, cause)
        return
    task.upgrade_lock(purpose="power failure maintenance")
    node = task.node
    reason = (f"During sync_power_state, max retries exceeded for node "
              f"{node.uuid}: {cause}. Switching node to maintenance mode.")
    LOG.error(reason)
    node.maintenance = True
    node.fault = POWER_FAILURE
    node.maintenance_reason = reason
    node.last_error = reason
    if actual is not None and actual != states.ERROR:
        node.power_state = actual
    node.save()
    FAILURES.reset(node.uuid)


@periodics.register(spacing_opt="power_failure_recovery_interval")
def recover_power_failures(manager: Any, context: Any) -> None:
    """Take nodes out of maintenance once their BMC answers again."""
    for node in manager.iter_nodes(filters={"maintenance": True, "fault": POWER_FAILURE,
                                            "reserved": False}):
        try:
            _recover_one(context, node.uuid)
        except (exception.NodeLocked, exception.NodeNotFound):
            continue
        except Exception:
            LOG.exception("Power failure recovery of node %s failed", node.uuid)


def _recover_one(context: Any, uuid: str) -> None:
    with task_manager.acquire(context, uuid, shared=True,
                              purpose="power failure recovery") as task:
        if not (task.node.maintenance and task.node.fault == POWER_FAILURE):
            return
        try:
            actual = task.driver.power.get_power_state(task)
        except Exception as e:
            LOG.info("Node %s is still unreachable: %s", uuid, _describe(e))
            return
        if actual == states.ERROR:
            return
        task.upgrade_lock(purpose="power failure recovery")
        node = task.node
        node.power_state = actual
        node.maintenance = False
        node.maintenance_reason = None
        node.fault = None
        node.save()
        LOG.info("Node %s answers again (power %s); maintenance cleared", uuid, actual)


def _describe(error: Exception) -> str:
    text = str(error) or type(error).__name__
    return text if isinstance(error, exception.IronicError) else \
        f"{type(error).__name__}: {text}"
