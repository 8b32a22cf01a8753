"""Flat network: every node shares one provider network; VIFs are recorded only.

VIF ids are kept in the ``tenant_vif_port_id`` key of a port's (or
portgroup's) ``internal_info``, so they survive conductor restarts. One VIF
per port or portgroup. Without an explicit ``port_uuid`` or ``portgroup_uuid``
(API 1.67) a VIF goes to the first free one: portgroups first, then PXE-enabled
ports, then the other ports; a port inside a portgroup is only used on its own
when the portgroup allows standalone ports.
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
        for item in _items(task):
            if vif_of(item) == vif_id:
                raise exception.VifAlreadyAttached(
                    vif=vif_id, object_type=_kind(item), object_uuid=item.uuid)
        target = _requested(task, vif_info) or _first_free(task)
        if target is None:
            raise exception.NoFreePhysicalPorts(vif=vif_id)
        if vif_of(target) is not None:
            raise exception.Conflict(
                f"Unable to attach VIF {vif_id}: {_kind(target)} {target.uuid} "
                f"already has VIF {vif_of(target)} attached")
        target.internal_info = {**(target.internal_info or {}), VIF_KEY: vif_id}

    def vif_detach(self, task: Task, vif_id: str) -> None:
        for item in _items(task):
            if vif_of(item) == vif_id:
                info = dict(item.internal_info or {})
                info.pop(VIF_KEY, None)
                item.internal_info = info
                return
        raise exception.VifNotAttached(vif=vif_id, node=task.node.uuid)


def vif_of(item: Any) -> str | None:
    """The VIF attached to a port or portgroup, if any."""
    return (item.internal_info or {}).get(VIF_KEY)


def _kind(item: Any) -> str:
    return "Portgroup" if hasattr(item, "standalone_ports_supported") else "Port"


def _items(task: Task) -> list[Any]:
    return [*task.portgroups, *task.ports]


def _attached(task: Task) -> list[str]:
    return [vif for item in _items(task) if (vif := vif_of(item))]


def _requested(task: Task, vif_info: dict[str, Any]) -> Any:
    """The port or portgroup the caller named (the API checked it exists)."""
    for key, items in (("port_uuid", task.ports), ("portgroup_uuid", task.portgroups)):
        wanted = vif_info.get(key)
        if wanted is None:
            continue
        for item in items:
            if item.uuid == wanted:
                return item
        raise exception.InvalidParameterValue(
            err=f"{key} {wanted} does not belong to node {task.node.uuid}")
    return None


def _first_free(task: Task) -> Any:
    groups = {g.id: g for g in task.portgroups}

    def usable_alone(port: Any) -> bool:
        group = groups.get(getattr(port, "portgroup_id", None))
        return group is None or group.standalone_ports_supported is not False
    candidates = [
        *task.portgroups,
        *sorted((p for p in task.ports if usable_alone(p)),
                key=lambda p: (getattr(p, "pxe_enabled", None) is False,
                               getattr(p, "id", None) or 0)),
    ]
    return next((item for item in candidates if vif_of(item) is None), None)
