"""Flat network: every node shares one provider network; VIFs are recorded only.

VIF ids are kept in the ``tenant_vif_port_id`` key of a port's (or
portgroup's) ``internal_info``, so they survive conductor restarts.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ironic.common import exception
from ironic.drivers.interfaces.network import NetworkInterface

if TYPE_CHECKING:
    from ironic.drivers.task import Task

VIF_KEY = "tenant_vif_port_id"
"""internal_info key holding the VIF attached to a port or portgroup."""


class FlatNetwork(NetworkInterface):
    """All nodes on one flat network; no switch configuration."""

    def get_properties(self) -> dict[str, str]:
        return {}

    def validate(self, task: Task) -> None:
        return None

    def vif_list(self, task: Task) -> list[dict[str, Any]]:
        return [{"id": vif} for vif in _attached(task)]

    def vif_attach(self, task: Task, vif_info: dict[str, Any]) -> None:
        vif_id = vif_info["id"]
        if vif_id in _attached(task):
            raise exception.Conflict(
                f"Unable to attach VIF {vif_id}: it is already attached to "
                f"node {task.node.uuid}")
        for item in (*task.portgroups, *task.ports):
            if (item.internal_info or {}).get(VIF_KEY) is None:
                item.internal_info = {**(item.internal_info or {}), VIF_KEY: vif_id}
                return
        raise exception.NoFreePhysicalPorts(vif=vif_id)

    def vif_detach(self, task: Task, vif_id: str) -> None:
        for item in (*task.portgroups, *task.ports):
            info = dict(item.internal_info or {})
            if info.get(VIF_KEY) == vif_id:
                info.pop(VIF_KEY)
                item.internal_info = info
                return
        raise exception.NotFound(
            f"Unable to detach VIF {vif_id} from node {task.node.uuid}: "
            f"it is not attached")


def _attached(task: Task) -> list[str]:
    return [vif for item in (*task.portgroups, *task.ports)
            if (vif := (item.internal_info or {}).get(VIF_KEY))]
