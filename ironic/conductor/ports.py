"""Port and portgroup flows: changes checked against the node's state and driver."""
from __future__ import annotations

import logging
from typing import Any

from ironic.common import exception
from ironic.common import states

LOG = logging.getLogger(__name__)

_VIF_KEY = "tenant_vif_port_id"
_STRICT_STATES = (states.ACTIVE, states.DEPLOYING, states.DEPLOYWAIT)
"""States in which a port carrying a VIF may not change its address."""


def create(task: Any, port: Any) -> Any:
    """Let the network interface see the new port, then store it.

    :raises: MACAlreadyExists, PortAlreadyExists, InvalidParameterValue
    """
    task.driver.network.port_changed(task, port)
    port.create()
    return port


def update(task: Any, port: Any) -> Any:
    """Save the changes of ``port``.

    :raises: InvalidState when moving the address of a port in use,
        MACAlreadyExists
    """
    delta = port.obj_what_changed()
    if "address" in delta and _has_vif(port) and not task.node.maintenance \
            and task.node.provision_state in _STRICT_STATES:
        raise exception.InvalidState(
            f"Cannot update the address of port {port.uuid}: it has a VIF "
            f"attached and node {task.node.uuid} is in state "
            f"{task.node.provision_state}")
    if "node_id" in delta and _has_vif(port):
        raise exception.InvalidState(
            f"Cannot move port {port.uuid} to another node while a VIF is attached")
    task.driver.network.port_changed(task, port)
    port.save()
    return port


def destroy(task: Any, port: Any) -> None:
    """Delete ``port`` unless the node is deployed with a VIF on it.

    :raises: InvalidState
    """
    if (_has_vif(port) and not task.node.maintenance
            and task.node.provision_state == states.ACTIVE):
        raise exception.InvalidState(
            f"Cannot delete port {port.uuid}: node {task.node.uuid} is active "
            f"and the port has a VIF attached; detach it or use maintenance")
    port.destroy()


def update_portgroup(task: Any, portgroup: Any) -> Any:
    """Save the changes of ``portgroup``.

    :raises: PortgroupNotEmpty when moving a portgroup that has ports,
        PortgroupMACAlreadyExists
    """
    delta = portgroup.obj_what_changed()
    if "node_id" in delta and any(p.portgroup_id == portgroup.id for p in task.ports):
        raise exception.PortgroupNotEmpty(portgroup=portgroup.uuid)
    task.driver.network.portgroup_changed(task, portgroup)
    portgroup.save()
    return portgroup


def destroy_portgroup(task: Any, portgroup: Any) -> None:
    """Delete ``portgroup`` if no port belongs to it.

    :raises: PortgroupNotEmpty
    """
    if any(p.portgroup_id == portgroup.id for p in task.ports):
        raise exception.PortgroupNotEmpty(portgroup=portgroup.uuid)
    portgroup.destroy()


def _has_vif(item: Any) -> bool:
    return bool((item.internal_info or {}).get(_VIF_KEY)
                or (getattr(item, "extra", None) or {}).get("vif_port_id"))
