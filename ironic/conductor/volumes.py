"""Volume connector and target flows: update and delete under the node lock.

A node's storage attachments may only change while nothing can be using them:
updates need the node powered off; deletions need it powered off or not yet
in service (``enroll`` / ``manageable``).
"""
from __future__ import annotations

import logging
from typing import Any

from ironic.common import exception
from ironic.common import states

LOG = logging.getLogger(__name__)

_DELETABLE_STATES = frozenset({states.ENROLL, states.MANAGEABLE})
"""Provision states in which attachments may be deleted whatever the power state."""


def _check(task: Any, action: str, *, allow_unused: bool) -> None:
    node = task.node
    if node.power_state == states.POWER_OFF:
        return
    if allow_unused and node.provision_state in _DELETABLE_STATES:
        return
    raise exception.InvalidStateRequested(action=action, node=node.uuid,
                                          state=node.power_state)


def update(task: Any, item: Any, what: str) -> Any:
    """Save a changed connector or target of a powered-off node.

    :param what: ``connector`` or ``target`` (used in messages).
    :raises: InvalidStateRequested (400) unless the node is powered off;
        the object's duplicate errors (409).
    """
    _check(task, f"volume {what} update", allow_unused=False)
    item.save()
    LOG.info("Node %s: volume %s %s updated", task.node.uuid, what, item.uuid)
    return item


def destroy(task: Any, item: Any, what: str) -> None:
    """Delete a connector or target.

    :raises: InvalidStateRequested (400) unless the node is powered off or
        in ``enroll``/``manageable``.
    """
    _check(task, f"volume {what} deletion", allow_unused=True)
    item.destroy()
    LOG.info("Node %s: volume %s %s deleted", task.node.uuid, what, item.uuid)
