"""VIF flows: attach, detach and list a node's virtual interfaces.

The network interface records VIFs on the node's ports and portgroups; this
module adds what a single node's driver cannot see: a VIF may be attached to
one node only, so an attach first looks for the VIF on every other port and
portgroup.
"""
from __future__ import annotations

from typing import Any

from ironic import objects
from ironic.common import exception

VIF_KEY = "tenant_vif_port_id"
"""internal_info key the network interfaces keep a VIF id under."""


def attach(task: Any, vif_info: dict[str, Any]) -> None:
    """Attach ``vif_info["id"]`` to a free (or the requested) port or portgroup.

    :raises: VifAlreadyAttached (409) when the VIF is attached here or to
        another node, NoFreePhysicalPorts (409), InvalidParameterValue
    """
    _check_not_attached_elsewhere(task, vif_info["id"])
    task.driver.network.validate(task)
    task.driver.network.vif_attach(task, vif_info)
    _save_changed(task)


def detach(task: Any, vif_id: str) -> None:
    """Detach ``vif_id`` from the node. :raises: VifNotAttached (400)"""
    task.driver.network.vif_detach(task, vif_id)
    _save_changed(task)


def list_vifs(task: Any) -> list[dict[str, Any]]:
    """``[{"id": vif}]`` attached to the node."""
    return task.driver.network.vif_list(task)  # type: ignore[no-any-return]


def _check_not_attached_elsewhere(task: Any, vif_id: str) -> None:
    for cls, kind in ((objects.Portgroup, "Portgroup"), (objects.Port, "Port")):
        for item in cls.list(task.context, filters={"internal_info_mentions": vif_id}):
            if (item.node_id != task.node.id
                    and (item.internal_info or {}).get(VIF_KEY) == vif_id):
                raise exception.VifAlreadyAttached(vif=vif_id, object_type=kind,
                                                   object_uuid=item.uuid)


def _save_changed(task: Any) -> None:
    for item in (*task.ports, *task.portgroups):
        if item.obj_what_changed():
            item.save()
    if task.node.obj_what_changed():
        task.node.save()
