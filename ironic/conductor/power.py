"""Power flow: change a node's power state through its power interface."""
from __future__ import annotations

import logging
from typing import Any

from ironic.common import exception
from ironic.common import states

LOG = logging.getLogger(__name__)

_RESULT = {states.POWER_ON: states.POWER_ON, states.POWER_OFF: states.POWER_OFF,
           states.REBOOT: states.POWER_ON, states.SOFT_REBOOT: states.POWER_ON,
           states.SOFT_POWER_OFF: states.POWER_OFF}
"""Requested power action -> power state the node ends in."""


def check_change(task: Any, new_state: str) -> None:
    """Refuse a power action the node's driver does not support.

    :raises: InvalidParameterValue
    """
    supported = task.driver.power.get_supported_power_states(task)
    if new_state not in supported:
        raise exception.InvalidParameterValue(
            err=f"The requested power state {new_state} is not supported by "
                f"the power interface of node {task.node.uuid}; supported: "
                f"{', '.join(supported)}")
    task.driver.power.validate(task)


def change(task: Any, new_state: str, timeout: int | None = None) -> None:
    """Perform a power action and record the result on the node.

    On driver failure ``last_error`` is set, the previous power state is kept,
    and the error is raised.

    :raises: InvalidParameterValue, DriverError
    """
    check_change(task, new_state)
    node = task.node
    node.target_power_state = _RESULT[new_state]
    node.last_error = None
    try:
        if new_state in (states.REBOOT, states.SOFT_REBOOT):
            task.driver.power.reboot(task, timeout_s=timeout)
        else:
            task.driver.power.set_power_state(task, new_state, timeout_s=timeout)
        node.power_state = task.driver.power.get_power_state(task)
    except exception.IronicError as e:
        node.last_error = f"Failed to change power state to '{new_state}': {e}"
        node.target_power_state = None
        node.save()
        raise
    node.target_power_state = None
    node.save()
    LOG.info("Node %s: power state is now %s", node.uuid, node.power_state)
