"""Takeover: a conductor picks up the nodes of conductors that stopped or died.

Every ``[conductor] sync_local_state_interval`` seconds each conductor looks
at the nodes the hash ring now maps to it:

1. **Orphaned locks.** A node reserved by a conductor that is offline or
   missed its heartbeat for ``heartbeat_timeout`` seconds is released (only
   if that dead host still holds it: the compare-and-set cannot steal a lock
   from a live conductor).
2. **Abandoned work.** A node in a transient provision state (``deploying``,
   ``cleaning``, ...) that nobody holds was left by a conductor that stopped in
   the middle of the flow. If a flow module registered a resumer for that
   state (:func:`resumes`), the flow continues here; otherwise the flow fails
   with an error naming the state, so the node is never stuck. An interrupted
   power action (``target_power_state`` still set) is completed.
3. **Active nodes new to this conductor** get ``deploy.take_over`` (e.g. to
   rebuild boot configuration) and their ``conductor_affinity`` updated.

Flow modules register resumers::

    from ironic.conductor import takeover

    @takeover.resumes(states.DEPLOYING)
    def resume_deploy(manager, task):
        ...  # task holds the exclusive lock; may task.process_event(..., callback=manager.spawn_worker)
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from ironic import objects
from ironic.common import exception
from ironic.common import states
from ironic.conductor import periodics
from ironic.conductor import task_manager

LOG = logging.getLogger(__name__)

Resumer = Callable[[Any, Any], None]
"""``fn(manager, task)``: continue an abandoned flow under the exclusive lock."""

RUNNING_STATES = frozenset({
    states.VERIFYING, states.DEPLOYING, states.CLEANING, states.INSPECTING,
    states.ADOPTING, states.RESCUING, states.UNRESCUING, states.SERVICING,
    states.DELETING})
"""Provision states in which a conductor thread is working on the node."""

_RESUMERS: dict[str, Resumer] = {}


def resumes(*provision_states: str) -> Callable[[Resumer], Resumer]:
    """Register ``fn(manager, task)`` to continue flows abandoned in these states."""
    def decorate(func: Resumer) -> Resumer:
        for state in provision_states:
            _RESUMERS[state] = func
        return func
    return decorate


def resumer_for(provision_state: str | None) -> Resumer | None:
    """The registered resumer of a state, if any."""
    return _RESUMERS.get(provision_state or "")


@periodics.register(spacing_opt="sync_local_state_interval")
def take_over(manager: Any, context: Any) -> None:
    """Release dead conductors' locks and resume or fail their nodes' work."""
    dead = {c.hostname for c in objects.Conductor.list_offline(context)}
    dead.discard(manager.host)
    if dead:
        release_dead_locks(manager, context, dead)
    for node in manager.iter_nodes(filters={"reserved": False,
                                            "provision_state_in": sorted(RUNNING_STATES)}):
        _guard(recover_abandoned, manager, context, node.uuid)
    for node in manager.iter_nodes(filters={"reserved": False},
                                   fields=("target_power_state",)):
        if node.target_power_state is not None:
            _guard(finish_power_action, manager, context, node.uuid)
    adopt_active_nodes(manager, context)


def release_dead_locks(manager: Any, context: Any, dead: set[str]) -> int:
    """Release locks dead conductors hold on nodes this conductor owns."""
    released = 0
    for node in manager.iter_nodes(filters={"reserved_by_any_of": sorted(dead)}):
        try:
            objects.Node.release(context, node.reservation, node.id)
        except (exception.NodeLocked, exception.NodeNotLocked, exception.NodeNotFound):
            continue  # someone else changed it meanwhile: not ours to touch
        released += 1
        LOG.warning("Takeover: released node %s, locked by dead conductor %s",
                    node.uuid, node.reservation)
    return released


def recover_abandoned(manager: Any, context: Any, uuid: str) -> None:
    """Resume (or fail) the flow of a node left in a running state, unlocked."""
    with task_manager.acquire(context, uuid, purpose="takeover") as task:
        state = task.node.provision_state
        if state not in RUNNING_STATES:
            return  # finished meanwhile
        resumer = resumer_for(state)
        if resumer is not None:
            LOG.info("Takeover: resuming %s of node %s", state, uuid)
            resumer(manager, task)
            return
        message = (f"The conductor working on this node stopped while it was "
                   f"{state}; {manager.host} took the node over and failed the "
                   f"operation, which cannot be resumed.")
        LOG.warning("Takeover: node %s: %s", uuid, message)
        task.process_event(states.Event.FAIL, last_error=message)


def finish_power_action(manager: Any, context: Any, uuid: str) -> None:
    """Complete a power action a dead conductor left half done."""
    with task_manager.acquire(context, uuid, purpose="takeover power") as task:
        node = task.node
        target = node.target_power_state
        if target is None:
            return
        try:
            task.driver.power.set_power_state(task, target)
            node.power_state = task.driver.power.get_power_state(task)
            node.last_error = None
        except Exception as e:
            node.last_error = (f"Takeover by {manager.host}: could not finish the "
                               f"interrupted power action to '{target}': {e}")
        node.target_power_state = None
        node.save()
        LOG.info("Takeover: node %s power action to %s finished", uuid, target)


def adopt_active_nodes(manager: Any, context: Any) -> None:
    """Run ``deploy.take_over`` on active nodes new to this conductor."""
    my_id = manager.conductor.id
    for node in manager.iter_nodes(
            filters={"reserved": False, "maintenance": False,
                     "provision_state": states.ACTIVE},
            fields=("conductor_affinity",)):
        if node.conductor_affinity != my_id:
            _guard(_adopt_one, manager, context, node.uuid)


def _adopt_one(manager: Any, context: Any, uuid: str) -> None:
    with task_manager.acquire(context, uuid, purpose="takeover active") as task:
        if task.node.provision_state != states.ACTIVE:
            return
        task.driver.deploy.take_over(task)
        task.node.conductor_affinity = manager.conductor.id
        task.node.save()


def _guard(func: Callable[..., None], manager: Any, context: Any, uuid: str) -> None:
    try:
        func(manager, context, uuid)
    except (exception.NodeLocked, exception.NodeNotFound):
        LOG.debug("Takeover: node %s skipped (locked or gone)", uuid)
    except Exception:
        LOG.exception("Takeover of node %s failed", uuid)
