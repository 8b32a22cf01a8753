"""Provision and power states, provision events, and the transition table.

State names are the strings stored in the database and shown by the API; they
are Ironic's. Nothing outside this module spells a state or event as a literal.

TODO(#2): the transition table and build_machine() are added by the state
machine work of the foundation issue.
"""
from __future__ import annotations

import enum
from typing import Final

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
