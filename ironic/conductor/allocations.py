"""Allocations: find a free node for a request, backfill a deployed one, release.

An allocation asks for "any node of resource class X with traits T" (optionally
among candidate nodes, optionally owned by a project). :func:`start` stores it
in state ``allocating`` and runs :func:`allocate` in a worker, which:

1. lists the nodes that could match (available, not in maintenance, no
   instance, a known power state, same resource class and owner,
   all requested traits, among the candidates if any);
2. tries them in random order (a node named like the allocation first), taking
   each node's lock without waiting: a node another conductor is locking right
   now is skipped, not waited for;
3. checks the node again under its lock and binds it: the node gets
   ``allocation_id`` and ``instance_uuid`` (the allocation's UUID), the
   allocation becomes ``active``. The binding is one DB transaction that
   refuses a node which meanwhile got an instance, so two allocations can
   never get the same node.

If no node fits, the allocation goes to ``error`` with ``last_error`` saying
why. If every fitting node was locked, the search is repeated a few times.
:func:`backfill` records an allocation for a node that is already deployed;
:func:`destroy` deletes one and frees its node.
"""
from __future__ import annotations

import contextlib
import logging
import random
import time
from collections.abc import Callable, Iterator
from typing import Any

from oslo_utils import uuidutils

from ironic import objects
from ironic.common import exception
from ironic.common import states
from ironic.conf import CONF

LOG = logging.getLogger(__name__)

Spawn = Callable[..., Any]
"""Submits ``fn(*args)`` to the conductor's worker pool."""

IN_USE_STATES = frozenset({
    states.ACTIVE, states.DEPLOYING, states.DEPLOYWAIT, states.DEPLOYHOLD,
    states.RESCUE, states.RESCUING, states.RESCUEWAIT, states.RESCUEFAIL,
    states.UNRESCUING, states.UNRESCUEFAIL, states.SERVICING, states.SERVICEWAIT,
    states.SERVICEHOLD, states.SERVICEFAIL,
})
"""Node states in which an instance runs: its allocation may only be deleted
in maintenance mode (tear the instance down instead)."""


class _AllLocked(Exception):
    """Every node that matched was locked by someone else; worth another try."""


# --- entry points (called by the manager) ----------------------------------


def start(context: Any, allocation: Any, spawn: Spawn, conductor_id: int | None) -> Any:
    """Store ``allocation`` and pick its node in a worker (or backfill).

    An allocation arriving with ``node_id`` set is a backfill (API 1.58).

    :returns: the stored allocation (``allocating``, or ``active`` when
        backfilled).
    :raises: AllocationAlreadyExists, AllocationDuplicateName,
        NoFreeConductorWorker; for backfills see :func:`backfill`.
    """
    _set_defaults(allocation)
    allocation.conductor_affinity = conductor_id
    if allocation.node_id is not None and allocation.node_id is not None:
        return backfill(context, allocation, allocation.node_id)
    if not allocation.obj_attr_is_set("uuid") or not allocation.uuid:
        allocation.uuid = uuidutils.generate_uuid()
    allocation.state = states.ALLOCATING
    allocation.last_error = None
    allocation.create()
    try:
        spawn(allocate, context, allocation.id)
    except exception.NoFreeConductorWorker:
        _fail(allocation, "no free conductor worker to process it, try again later")
        raise
    return allocation


def allocate(context: Any, allocation_id: int) -> None:
    """Find and bind a node for a stored allocation; never raises.

    Runs in a worker. The outcome is in the allocation's ``state`` and
    ``last_error``.
    """
    try:
        allocation = objects.Allocation.get_by_id(context, allocation_id)
    except exception.AllocationNotFound:
        LOG.info("Allocation %s was deleted before it was processed", allocation_id)
        return
    attempts = max(CONF.conductor.node_locked_retry_attempts, 1)
    for attempt in range(1, attempts + 1):
        try:
            _allocate_once(context, allocation)
            return
        except _AllLocked:
            if attempt == attempts:
                _fail(allocation, "all nodes that match the request are locked "
                                  "by other operations, try again later")
                return
            time.sleep(CONF.conductor.node_locked_retry_interval)
        except exception.AllocationFailed as e:
            _fail(allocation, e.kwargs.get("error") or str(e))
            return
        except exception.AllocationNotFound:
            LOG.info("Allocation %s was deleted while being processed",
                     allocation.uuid)
            return
        except Exception as e:
            LOG.exception("Allocation %s: unexpected error", allocation.uuid)
            _fail(allocation, f"unexpected error: {e}")
            return


def backfill(context: Any, allocation: Any, node_id: int) -> Any:
    """Create ``allocation`` for the already deployed node ``node_id``.

    The allocation takes the node's ``instance_uuid`` as its UUID when the node
    has one; the node must match the resource class, traits and candidates the
    allocation names.

    :raises: NodeNotFound, NodeLocked, AllocationFailed (400) when the node does
        not match, NodeAssociated when the node has another instance or
        allocation, AllocationAlreadyExists, AllocationDuplicateName.
    """
    with _locked_node(context, node_id, wait=True) as node:
        if not allocation.obj_attr_is_set("uuid") or not allocation.uuid:
            allocation.uuid = node.instance_uuid or uuidutils.generate_uuid()
        if node.allocation_id is not None:
            raise exception.NodeAssociated(node=node.uuid,
                                           instance=node.allocation_uuid)
        errors = _backfill_mismatches(node, allocation)
        if errors:
            raise exception.AllocationFailed(
                uuid=allocation.uuid,
                error=f"Cannot backfill an allocation for node {node.uuid}: "
                      + "; ".join(errors))
        if not allocation.obj_attr_is_set("resource_class") \
                or not allocation.resource_class:
            allocation.resource_class = node.resource_class
        allocation.state = states.ACTIVE
        allocation.last_error = None
        allocation.node_id = node.id
        allocation.create()
    LOG.info("Allocation %s backfilled for node %s", allocation.uuid, node.uuid)
    return allocation


def destroy(context: Any, allocation: Any) -> None:
    """Delete ``allocation`` and free its node.

    :raises: InvalidState (409) when the node runs an instance and is not in
        maintenance, NodeLocked, AllocationNotFound.
    """
    if allocation.node_id is None:
        allocation.destroy()
        return
    try:
        with _locked_node(context, allocation.node_id, wait=True) as node:
            if node.provision_state in IN_USE_STATES and not node.maintenance:
                raise exception.InvalidState(
                    f"Cannot remove allocation {allocation.uuid} for node "
                    f"{node.uuid}, because the node is {node.provision_state} "
                    f"(and maintenance mode is off)")
            allocation.destroy()
    except exception.NodeNotFound:
        allocation.destroy()
    LOG.info("Allocation %s deleted, node %s released", allocation.uuid,
             allocation.node_id)


def resume(context: Any, conductor_id: int, spawn: Spawn) -> int:
    """Restart processing of this conductor's allocations left ``allocating``.

    For conductor start-up: a restart must not leave allocations hanging.

    :returns: how many were restarted.
    """
    pending = objects.Allocation.list(
        context, filters={"state": states.ALLOCATING,
                          "conductor_affinity": conductor_id})
    for allocation in pending:
        spawn(allocate, context, allocation.id)
    return len(pending)


# --- matching ---------------------------------------------------------------


def _allocate_once(context: Any, allocation: Any) -> None:
    """One search over the candidates.

    :raises: AllocationFailed when nothing matches, _AllLocked when all
        matching nodes were locked.
    """
    nodes = _order(_candidates(context, allocation), allocation.name)
    if not nodes:
        raise exception.AllocationFailed(uuid=allocation.uuid,
                                         error=_nothing_matches(allocation))
    locked = 0
    for node in nodes:
        try:
            with _locked_node(context, node.id, wait=False) as fresh:
                if not _still_free(fresh, allocation):
                    continue
                allocation.node_id = fresh.id
                allocation.state = states.ACTIVE
                allocation.last_error = None
                try:
                    allocation.save()
                except exception.NodeAssociated:
                    allocation.node_id = None
                    allocation.state = states.ALLOCATING
                    continue
                LOG.info("Allocation %s: node %s allocated", allocation.uuid,
                         fresh.uuid)
                return
        except exception.NodeLocked:
            locked += 1
        except exception.NodeNotFound:
            continue
    if locked:
        raise _AllLocked()
    raise exception.AllocationFailed(uuid=allocation.uuid,
                                     error=_nothing_matches(allocation))


def _candidates(context: Any, allocation: Any) -> list[Any]:
    filters: dict[str, Any] = {
        # Locked nodes stay in: the lock may be another allocation's that
        # is about to give the node up again (see _AllLocked).
        "provision_state": states.AVAILABLE, "maintenance": False,
        "associated": False,
        "resource_class": allocation.resource_class,
    }
    if allocation.candidate_nodes:
        filters["uuid_in"] = list(allocation.candidate_nodes)
    if allocation.owner:
        filters["project"] = allocation.owner
    wanted = set(allocation.traits or ())
    return [n for n in objects.Node.list(context, filters=filters)
            if n.power_state is not None and n.allocation_id is None
            and wanted <= _trait_names(n)]


def _order(nodes: list[Any], name: str | None) -> list[Any]:
    """Random order spreads concurrent allocations over the nodes; a node
    whose name equals the allocation's name is tried first."""
    nodes = list(nodes)
    random.shuffle(nodes)
    if name:
        nodes.sort(key=lambda n: n.name != name)
    return nodes


def _still_free(node: Any, allocation: Any) -> bool:
    """Re-check under the lock what the unlocked listing saw."""
    return (node.provision_state == states.AVAILABLE and not node.maintenance
            and node.instance_uuid is None and node.allocation_id is None
            and node.power_state is not None
            and node.resource_class == allocation.resource_class
            and set(allocation.traits or ()) <= _trait_names(node)
            and (not allocation.owner
                 or allocation.owner in (node.owner, node.lessee)))


def _nothing_matches(allocation: Any) -> str:
    what = (f"none of the requested nodes are available and match the resource "
            f"class {allocation.resource_class}" if allocation.candidate_nodes
            else f"no available nodes match the resource class "
                 f"{allocation.resource_class}")
    if allocation.traits:
        what += f" and the traits {', '.join(sorted(allocation.traits))}"
    if allocation.owner:
        what += f" for owner {allocation.owner}"
    return what


def _backfill_mismatches(node: Any, allocation: Any) -> list[str]:
    errors = []
    if node.provision_state != states.ACTIVE:
        errors.append(f"the node must be in the \"active\" state, but the current "
                      f"state is \"{node.provision_state}\"")
    if allocation.resource_class and node.resource_class != allocation.resource_class:
        errors.append(f"resource class {node.resource_class} does not match the "
                      f"requested resource class {allocation.resource_class}")
    missing = set(allocation.traits or ()) - _trait_names(node)
    if missing:
        errors.append(f"the node lacks the requested traits "
                      f"{', '.join(sorted(missing))}")
    if allocation.candidate_nodes and node.uuid not in allocation.candidate_nodes:
        errors.append("candidate nodes must be empty or contain the target node")
    return errors


def _trait_names(node: Any) -> set[str]:
    return {t.trait for t in (node.traits or ())}


# --- helpers ----------------------------------------------------------------

_DEFAULTS = {"name": None, "owner": None, "resource_class": None, "node_id": None,
             "last_error": None, "traits": list, "candidate_nodes": list,
             "extra": dict}


def _set_defaults(allocation: Any) -> None:
    for name, default in _DEFAULTS.items():
        if not allocation.obj_attr_is_set(name):
            setattr(allocation, name, default() if callable(default) else default)


@contextlib.contextmanager
def _locked_node(context: Any, node_id: int, *, wait: bool) -> Iterator[Any]:
    """The node under its exclusive lock; ``wait=False`` tries only once.

    :raises: NodeLocked, NodeNotFound
    """
    attempts = max(CONF.conductor.node_locked_retry_attempts, 1) if wait else 1
    for attempt in range(1, attempts + 1):
        try:
            node = objects.Node.reserve(context, CONF.host, node_id)
            break
        except exception.NodeLocked:
            if attempt == attempts:
                raise
            time.sleep(CONF.conductor.node_locked_retry_interval)
    try:
        yield node
    finally:
        try:
            objects.Node.release(context, CONF.host, node.id)
        except (exception.NodeNotFound, exception.NodeNotLocked):
            LOG.debug("Node %s: nothing to release after allocation", node.uuid)


def _fail(allocation: Any, error: str) -> None:
    """Move ``allocation`` to ``error`` with a message saying why."""
    message = f"Failed to process allocation {allocation.uuid}: {error}."
    LOG.warning("%s", message)
    allocation.state = states.ERROR
    allocation.last_error = message
    allocation.node_id = None
    try:
        allocation.save(update_node=False)
    except exception.AllocationNotFound:
        LOG.info("Allocation %s was deleted while failing", allocation.uuid)
