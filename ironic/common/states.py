"""Provision and power states, provision events, and the transition table.

State names are the strings stored in the database and shown by the API; they
are Ironic's. Nothing outside this module spells a state or event as a literal.

The provision state machine is declared as data: ``STABLE_STATES``, ``TARGETS``
(transient state -> the stable state it heads for) and ``TRANSITIONS`` (one
``(source, event, destination)`` row per legal move). ``build_machine()`` turns
the tables into a fresh :class:`ironic.common.fsm.FSM`.
"""
from __future__ import annotations

import enum
import functools
from typing import Final

from ironic.common import fsm

# --- provision states ------------------------------------------------------

NOSTATE: Final = None
"""Legacy value of AVAILABLE before API 1.2 (shown as None)."""

ENROLL: Final = "enroll"
"""A node is known but its credentials have not been verified."""

VERIFYING: Final = "verifying"
"""Credentials are being checked on the way from enroll to manageable."""

MANAGEABLE: Final = "manageable"
"""Credentials work; the node may be inspected, cleaned or provided."""

AVAILABLE: Final = "available"
"""The node is clean and may be deployed."""

ACTIVE: Final = "active"
"""The node runs a workload."""

DEPLOY: Final = "deploy"
"""Target given by API users asking for a deployment (pre-1.73 name is active)."""

DEPLOYWAIT: Final = "wait call-back"
"""Deployment waits for a callback (for example from the ramdisk agent)."""

DEPLOYING: Final = "deploying"
"""Deployment is in progress."""

DEPLOYFAIL: Final = "deploy failed"
"""Deployment failed."""

DEPLOYDONE: Final = "deploy complete"
"""Deployment finished; internal, never stored."""

DEPLOYHOLD: Final = "deploy hold"
"""A deploy step asked to pause until an operator unholds."""

DELETING: Final = "deleting"
"""The instance is being torn down."""

DELETED: Final = "deleted"
"""Target given by API users asking for tear down."""

UNDEPLOY: Final = "undeploy"
"""Alias of ``deleted`` accepted since API 1.73."""

CLEANING: Final = "cleaning"
"""Cleaning is in progress."""

CLEANWAIT: Final = "clean wait"
"""Cleaning waits for a callback."""

CLEANFAIL: Final = "clean failed"
"""Cleaning failed."""

CLEANHOLD: Final = "clean hold"
"""A clean step asked to pause until an operator unholds."""

ERROR: Final = "error"
"""Tear down failed."""

REBUILD: Final = "rebuild"
"""Target given by API users asking for a redeployment."""

INSPECTING: Final = "inspecting"
"""Inspection is in progress."""

INSPECTFAIL: Final = "inspect failed"
"""Inspection failed."""

INSPECTWAIT: Final = "inspect wait"
"""Inspection waits for the in-band inspector."""

ADOPTING: Final = "adopting"
"""An already deployed node is being taken under management."""

ADOPTFAIL: Final = "adopt failed"
"""Adoption failed."""

RESCUE: Final = "rescue"
"""The node runs the rescue ramdisk."""

RESCUEFAIL: Final = "rescue failed"
"""Rescue failed."""

RESCUEWAIT: Final = "rescue wait"
"""Rescue waits for the rescue ramdisk."""

RESCUING: Final = "rescuing"
"""Rescue is in progress."""

UNRESCUEFAIL: Final = "unrescue failed"
"""Unrescue failed."""

UNRESCUING: Final = "unrescuing"
"""Unrescue is in progress."""

SERVICE: Final = "service"
"""Target given by API users asking for servicing of an active node."""

SERVICING: Final = "servicing"
"""Servicing is in progress."""

SERVICEWAIT: Final = "service wait"
"""Servicing waits for a callback."""

SERVICEFAIL: Final = "service failed"
"""Servicing failed."""

SERVICEHOLD: Final = "service hold"
"""A service step asked to pause until an operator unholds."""

# Verbs accepted by PUT /v1/nodes/{node}/states/provision that are not states.
VERBS: Final = {
    "active": "deploy",
    "deploy": "deploy",
    "deleted": "delete",
    "undeploy": "delete",
    "manage": "manage",
    "provide": "provide",
    "inspect": "inspect",
    "abort": "abort",
    "clean": "clean",
    "adopt": "adopt",
    "rescue": "rescue",
    "unrescue": "unrescue",
    "unhold": "unhold",
    "service": "service",
    "rebuild": "rebuild",
}
"""API provision target -> FSM event name."""

# --- power states ----------------------------------------------------------

POWER_ON: Final = "power on"
POWER_OFF: Final = "power off"
REBOOT: Final = "rebooting"
SOFT_REBOOT: Final = "soft rebooting"
SOFT_POWER_OFF: Final = "soft power off"

# --- allocation states -----------------------------------------------------

ALLOCATING: Final = "allocating"
"""An allocation is looking for a node."""
# An allocation that found its node is ACTIVE; one that failed is ERROR.


# --- provision events and the transition table -----------------------------


class Event(enum.StrEnum):
    """Events that move a node between provision states."""

    MANAGE = "manage"
    """Verify credentials (enroll) or return to manageable (from failures)."""
    PROVIDE = "provide"
    """Make a manageable node available, cleaning it first."""
    INSPECT = "inspect"
    """Collect hardware properties."""
    CLEAN = "clean"
    """Run clean steps (manual from manageable, automated after tear down)."""
    DEPLOY = "deploy"
    """Deploy an instance (API targets ``active`` and ``deploy``)."""
    REBUILD = "rebuild"
    """Redeploy an active node."""
    DELETE = "delete"
    """Tear down an instance (API targets ``deleted`` and ``undeploy``)."""
    RESCUE = "rescue"
    """Boot the rescue ramdisk on an active node."""
    UNRESCUE = "unrescue"
    """Leave rescue and return to the instance."""
    ADOPT = "adopt"
    """Take an already running node under management."""
    ABORT = "abort"
    """Stop a waiting or held operation."""
    HOLD = "hold"
    """A step asked to pause."""
    UNHOLD = "unhold"
    """An operator releases a held node."""
    SERVICE = "service"
    """Run service steps on an active node."""
    WAIT = "wait"
    """The operation continues elsewhere; a callback will resume it."""
    RESUME = "resume"
    """The awaited callback arrived."""
    DONE = "done"
    """The operation finished."""
    FAIL = "fail"
    """The operation failed."""


STABLE_STATES: Final = (ENROLL, MANAGEABLE, AVAILABLE, ACTIVE, ERROR, RESCUE)
"""States a node rests in until a user asks for something."""

TARGETS: Final = {
    VERIFYING: MANAGEABLE,
    DEPLOYING: ACTIVE, DEPLOYWAIT: ACTIVE, DEPLOYFAIL: ACTIVE, DEPLOYHOLD: ACTIVE,
    CLEANING: AVAILABLE, CLEANWAIT: AVAILABLE, CLEANFAIL: AVAILABLE,
    CLEANHOLD: AVAILABLE,
    DELETING: AVAILABLE,
    INSPECTING: MANAGEABLE, INSPECTWAIT: MANAGEABLE, INSPECTFAIL: MANAGEABLE,
    ADOPTING: ACTIVE, ADOPTFAIL: ACTIVE,
    RESCUING: RESCUE, RESCUEWAIT: RESCUE, RESCUEFAIL: RESCUE,
    UNRESCUING: ACTIVE, UNRESCUEFAIL: ACTIVE,
    SERVICING: ACTIVE, SERVICEWAIT: ACTIVE, SERVICEFAIL: ACTIVE,
    SERVICEHOLD: ACTIVE,
}
"""Transient state -> the stable state it heads for (``target_provision_state``).

A flow may name another stable target when it processes an event, for example
manual cleaning heads back to ``manageable`` rather than ``available``.
"""

E = Event
TRANSITIONS: Final[tuple[tuple[str, Event, str], ...]] = (
    # enroll -> manageable, verifying credentials on the way
    (ENROLL, E.MANAGE, VERIFYING),
    (VERIFYING, E.DONE, MANAGEABLE),
    (VERIFYING, E.FAIL, ENROLL),
    # manageable <-> available, through cleaning
    (MANAGEABLE, E.PROVIDE, CLEANING),
    (MANAGEABLE, E.CLEAN, CLEANING),
    (AVAILABLE, E.MANAGE, MANAGEABLE),
    (CLEANING, E.DONE, AVAILABLE),
    (CLEANING, E.FAIL, CLEANFAIL),
    (CLEANING, E.WAIT, CLEANWAIT),
    (CLEANING, E.HOLD, CLEANHOLD),
    (CLEANING, E.MANAGE, MANAGEABLE),
    (CLEANWAIT, E.RESUME, CLEANING),
    (CLEANWAIT, E.FAIL, CLEANFAIL),
    (CLEANWAIT, E.ABORT, CLEANFAIL),
    (CLEANWAIT, E.HOLD, CLEANHOLD),
    (CLEANHOLD, E.UNHOLD, CLEANWAIT),
    (CLEANHOLD, E.ABORT, CLEANFAIL),
    (CLEANFAIL, E.MANAGE, MANAGEABLE),
    # inspection
    (MANAGEABLE, E.INSPECT, INSPECTING),
    (INSPECTING, E.DONE, MANAGEABLE),
    (INSPECTING, E.FAIL, INSPECTFAIL),
    (INSPECTING, E.WAIT, INSPECTWAIT),
    (INSPECTWAIT, E.RESUME, INSPECTING),
    (INSPECTWAIT, E.DONE, MANAGEABLE),
    (INSPECTWAIT, E.FAIL, INSPECTFAIL),
    (INSPECTWAIT, E.ABORT, INSPECTFAIL),
    (INSPECTFAIL, E.INSPECT, INSPECTING),
    (INSPECTFAIL, E.MANAGE, MANAGEABLE),
    # adoption
    (MANAGEABLE, E.ADOPT, ADOPTING),
    (ADOPTING, E.DONE, ACTIVE),
    (ADOPTING, E.FAIL, ADOPTFAIL),
    (ADOPTFAIL, E.ADOPT, ADOPTING),
    (ADOPTFAIL, E.MANAGE, MANAGEABLE),
    # deployment and rebuild
    (AVAILABLE, E.DEPLOY, DEPLOYING),
    (ACTIVE, E.REBUILD, DEPLOYING),
    (DEPLOYING, E.DONE, ACTIVE),
    (DEPLOYING, E.FAIL, DEPLOYFAIL),
    (DEPLOYING, E.WAIT, DEPLOYWAIT),
    (DEPLOYING, E.HOLD, DEPLOYHOLD),
    (DEPLOYWAIT, E.RESUME, DEPLOYING),
    (DEPLOYWAIT, E.FAIL, DEPLOYFAIL),
    (DEPLOYWAIT, E.ABORT, DEPLOYFAIL),
    (DEPLOYWAIT, E.HOLD, DEPLOYHOLD),
    (DEPLOYWAIT, E.DELETE, DELETING),
    (DEPLOYHOLD, E.UNHOLD, DEPLOYWAIT),
    (DEPLOYHOLD, E.ABORT, DEPLOYFAIL),
    (DEPLOYFAIL, E.DEPLOY, DEPLOYING),
    (DEPLOYFAIL, E.REBUILD, DEPLOYING),
    (DEPLOYFAIL, E.DELETE, DELETING),
    # tear down; a successful one continues into automated cleaning
    (ACTIVE, E.DELETE, DELETING),
    (DELETING, E.CLEAN, CLEANING),
    (DELETING, E.FAIL, ERROR),
    (ERROR, E.DELETE, DELETING),
    (ERROR, E.REBUILD, DEPLOYING),
    # rescue
    (ACTIVE, E.RESCUE, RESCUING),
    (RESCUING, E.DONE, RESCUE),
    (RESCUING, E.FAIL, RESCUEFAIL),
    (RESCUING, E.WAIT, RESCUEWAIT),
    (RESCUEWAIT, E.RESUME, RESCUING),
    (RESCUEWAIT, E.FAIL, RESCUEFAIL),
    (RESCUEWAIT, E.ABORT, RESCUEFAIL),
    (RESCUEWAIT, E.DELETE, DELETING),
    (RESCUE, E.RESCUE, RESCUING),
    (RESCUE, E.UNRESCUE, UNRESCUING),
    (RESCUE, E.DELETE, DELETING),
    (RESCUEFAIL, E.RESCUE, RESCUING),
    (RESCUEFAIL, E.UNRESCUE, UNRESCUING),
    (RESCUEFAIL, E.DELETE, DELETING),
    (UNRESCUING, E.DONE, ACTIVE),
    (UNRESCUING, E.FAIL, UNRESCUEFAIL),
    (UNRESCUEFAIL, E.RESCUE, RESCUING),
    (UNRESCUEFAIL, E.UNRESCUE, UNRESCUING),
    (UNRESCUEFAIL, E.DELETE, DELETING),
    # servicing of active nodes
    (ACTIVE, E.SERVICE, SERVICING),
    (SERVICING, E.DONE, ACTIVE),
    (SERVICING, E.FAIL, SERVICEFAIL),
    (SERVICING, E.WAIT, SERVICEWAIT),
    (SERVICING, E.HOLD, SERVICEHOLD),
    (SERVICEWAIT, E.RESUME, SERVICING),
    (SERVICEWAIT, E.FAIL, SERVICEFAIL),
    (SERVICEWAIT, E.ABORT, SERVICEFAIL),
    (SERVICEWAIT, E.HOLD, SERVICEHOLD),
    (SERVICEWAIT, E.DELETE, DELETING),
    (SERVICEHOLD, E.UNHOLD, SERVICEWAIT),
    (SERVICEHOLD, E.SERVICE, SERVICING),
    (SERVICEHOLD, E.ABORT, SERVICEFAIL),
    (SERVICEHOLD, E.FAIL, SERVICEFAIL),
    (SERVICEFAIL, E.SERVICE, SERVICING),
    (SERVICEFAIL, E.ABORT, ACTIVE),
    (SERVICEFAIL, E.HOLD, SERVICEHOLD),
    (SERVICEFAIL, E.WAIT, SERVICEWAIT),
    (SERVICEFAIL, E.RESCUE, RESCUING),
    (SERVICEFAIL, E.DELETE, DELETING),
)
"""Every legal ``(source, event, destination)``; anything else is refused."""
del E

ALL_STATES: Final = STABLE_STATES + tuple(TARGETS)
"""Every provision state a node can be in."""

FAILURE_STATES: Final = frozenset({
    DEPLOYFAIL, CLEANFAIL, INSPECTFAIL, ADOPTFAIL, RESCUEFAIL, UNRESCUEFAIL,
    SERVICEFAIL})
"""States that record a failed operation."""

DELETE_ALLOWED_STATES: Final = (MANAGEABLE, ENROLL, ADOPTFAIL)
"""States in which a node record may be deleted outside maintenance
(``available`` too when ``[conductor] allow_deleting_available_nodes``)."""

UPDATE_ALLOWED_STATES: Final = frozenset({
    DEPLOYFAIL, INSPECTING, INSPECTFAIL, INSPECTWAIT, CLEANFAIL, ERROR,
    VERIFYING, ADOPTFAIL, RESCUEFAIL, UNRESCUEFAIL, SERVICE, SERVICEHOLD,
    SERVICEFAIL})
"""Transient states in which the interfaces of a node may still be changed."""


def build_machine() -> fsm.FSM:
    """A fresh, frozen machine built from the tables above, not initialised.

    Each task takes its own machine and initialises it to the node's state.
    Copies share the frozen tables of one prototype: building the machine
    from the tables for every task cost more than the rest of a node update.
    """
    return _prototype().copy(shallow=True)


@functools.cache
def _prototype() -> fsm.FSM:
    machine = fsm.FSM()
    for state in STABLE_STATES:
        machine.add_state(state, stable=True)
    for state, target in TARGETS.items():
        machine.add_state(state, target=target)
    for source, event, dest in TRANSITIONS:
        machine.add_transition(source, dest, event)
    machine.freeze()
    return machine
