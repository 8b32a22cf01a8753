"""Network: wiring a node's ports to provisioning, cleaning and tenant networks."""
from __future__ import annotations

import abc
from typing import TYPE_CHECKING, Any, ClassVar

from ironic.drivers.interfaces.base import BaseInterface

if TYPE_CHECKING:
    from ironic.drivers.task import Task


class NetworkInterface(BaseInterface):
    """Attach VIFs and switch a node between networks."""

    interface_type: ClassVar[str] = "network"

    @abc.abstractmethod
    def vif_list(self, task: Task) -> list[dict[str, Any]]:
        """``[{"id": vif_id}]`` attached to the node's ports and portgroups."""

    @abc.abstractmethod
    def vif_attach(self, task: Task, vif_info: dict[str, Any]) -> None:
        """Attach ``vif_info["id"]`` to a free port or portgroup.

        :raises: NoFreePhysicalPorts, VifAlreadyAttached
        """

    @abc.abstractmethod
    def vif_detach(self, task: Task, vif_id: str) -> None:
        """Detach a VIF.

        :raises: VifNotAttached
        """

    def port_changed(self, task: Task, port: Any) -> None:
        """React to a change of ``port`` before it is saved."""

    def portgroup_changed(self, task: Task, portgroup: Any) -> None:
        """React to a change of ``portgroup`` before it is saved."""

    def add_provisioning_network(self, task: Task) -> None:
        """Plug the node into the provisioning network."""

    def remove_provisioning_network(self, task: Task) -> None:
        """Unplug the node from the provisioning network."""

    def configure_tenant_networks(self, task: Task) -> None:
        """Plug the node into its tenant networks."""

    def unconfigure_tenant_networks(self, task: Task) -> None:
        """Unplug the node from its tenant networks."""
