"""ConductorManager: the RPC endpoints of a conductor.

Each endpoint takes the node lock (shared when it only reads), runs the checks
that need the lock, and hands off to one flow function. Flows live in
:mod:`nodes`, :mod:`ports`, :mod:`power`, :mod:`management`, :mod:`traits`,
:mod:`volumes` and the provisioning flows (:mod:`verify`, :mod:`cleaning`,
:mod:`deployments`, :mod:`servicing`, :mod:`inspection`, :mod:`rescue`,
:mod:`adoption`). Endpoints that are not implemented yet raise
OperationNotAvailable (a 400 at the API), never an unexpected error.
"""
from __future__ import annotations

import contextlib
import logging
import secrets
from collections.abc import Iterator
from typing import Any

from ironic.common import context as ir_context
from ironic.common import exception
from ironic.common import states
from ironic.conductor import allocations
from ironic.conductor import adoption
from ironic.conductor import base_manager
from ironic.conductor import cleaning
from ironic.conductor import deployments
from ironic.conductor import failures
from ironic.conductor import inspection
from ironic.conductor import management
from ironic.conductor import nodes
from ironic.conductor import ports
from ironic.conductor import power
from ironic.conductor import rescue
from ironic.conductor import servicing
from ironic.conductor import task_manager
from ironic.conductor import verify
from ironic.conductor import traits as node_traits
from ironic.conductor import vifs
from ironic.conductor import volumes
from ironic.drivers import factory

LOG = logging.getLogger(__name__)

RPC_API_VERSION = "1.3"
"""Version of the RPC API these endpoints implement; history in :mod:`rpcapi`."""

acquire = task_manager.acquire


def _not_available(operation: str) -> exception.OperationNotAvailable:
    return exception.OperationNotAvailable(operation=operation)


class ConductorManager(base_manager.BaseConductorManager):
    """RPC endpoints; one thin method per ConductorAPI call."""

    RPC_API_VERSION = RPC_API_VERSION

    def init_host(self) -> None:
        """Start serving, then pick up allocations a previous run left pending."""
        super().init_host()
        try:
            allocations.resume(ir_context.get_admin_context(), self.conductor.id,
                               self.spawn_worker)
        except Exception:
            # Pending allocations stay "allocating"; the conductor still serves.
            LOG.exception("Conductor %s: resuming allocations failed", self.host)

    # --- nodes -------------------------------------------------------------

    def create_node(self, context: Any, node_obj: Any) -> Any:
        """Store a new node with validated, defaulted interfaces."""
        return nodes.create(node_obj)

    def update_node(self, context: Any, node_obj: Any,
                    reset_interfaces: bool = False) -> Any:
        """Validate and save a changed node."""
        with acquire(context, node_obj.uuid, load_driver=False,
                     purpose="node update") as task:
            return nodes.update(task, node_obj, reset_interfaces=reset_interfaces)

    def destroy_node(self, context: Any, node_id: Any) -> None:
        """Delete a node that is not in use."""
        with acquire(context, node_id, purpose="node deletion") as task:
            nodes.destroy(task)

    def validate_driver_interfaces(self, context: Any, node_id: Any) -> dict[str, Any]:
        """Result and reason per interface; no BMC contact."""
        with acquire(context, node_id, shared=True,
                     purpose="driver interface validation") as task:
            return nodes.validate_interfaces(task)

    def add_node_traits(self, context: Any, node_id: Any, traits: list[str],
                        replace: bool = False) -> None:
        """Add or replace node traits."""
        with acquire(context, node_id, load_driver=False,
                     purpose="add node traits") as task:
            node_traits.add(task, traits, replace=replace)

    def remove_node_traits(self, context: Any, node_id: Any,
                           traits: list[str] | None) -> None:
        """Remove some or all node traits."""
        with acquire(context, node_id, load_driver=False,
                     purpose="remove node traits") as task:
            node_traits.remove(task, traits)

    # --- power and management ---------------------------------------------

    def change_node_power_state(self, context: Any, node_id: Any, new_state: str,
                                timeout: int | None = None) -> None:
        """Power on, off, reboot (soft variants too)."""
        with acquire(context, node_id, purpose="changing node power state") as task:
            power.change(task, new_state, timeout=timeout)

    def set_boot_device(self, context: Any, node_id: Any, device: str,
                        persistent: bool = False) -> None:
        """Set the next boot device."""
        with acquire(context, node_id, purpose="setting boot device") as task:
            management.set_boot_device(task, device, persistent)

    def get_boot_device(self, context: Any, node_id: Any) -> dict[str, Any]:
        """The current boot device."""
        with acquire(context, node_id, purpose="getting boot device") as task:
            return management.get_boot_device(task)

    def get_supported_boot_devices(self, context: Any, node_id: Any) -> list[str]:
        """Boot devices the node accepts."""
        with acquire(context, node_id, shared=True,
                     purpose="getting supported boot devices") as task:
            return management.get_supported_boot_devices(task)

    def set_boot_mode(self, context: Any, node_id: Any, new_state: str) -> None:
        """Switch the boot mode (bios/uefi)."""
        with acquire(context, node_id, purpose="setting boot mode") as task:
            management.set_boot_mode(task, new_state)

    def set_secure_boot_state(self, context: Any, node_id: Any,
                              new_state: bool) -> None:
        """Turn UEFI secure boot on or off."""
        with acquire(context, node_id, purpose="setting secure boot state") as task:
            management.set_secure_boot_state(task, new_state)

    def inject_nmi(self, context: Any, node_id: Any) -> None:
        """Send an NMI."""
        with acquire(context, node_id, purpose="inject nmi") as task:
            management.inject_nmi(task)

    def set_console_mode(self, context: Any, node_id: Any, enabled: bool) -> None:
        """Enable or disable the console."""
        with acquire(context, node_id, purpose="setting console mode") as task:
            management.set_console_mode(task, enabled)

    def get_console_information(self, context: Any, node_id: Any) -> dict[str, Any]:
        """Console connection information."""
        with acquire(context, node_id, shared=True,
                     purpose="getting console information") as task:
            return management.get_console_information(task)

    def set_target_raid_config(self, context: Any, node_id: Any,
                               target_raid_config: dict[str, Any]) -> None:
        """Validate and store a target RAID configuration."""
        with acquire(context, node_id, purpose="setting target RAID config") as task:
            management.set_target_raid_config(task, target_raid_config)

    def get_supported_indicators(self, context: Any, node_id: Any,
                                 component: str | None = None) -> dict[str, Any]:
        """Indicators per component."""
        with acquire(context, node_id, shared=True,
                     purpose="getting supported indicators") as task:
            return management.get_supported_indicators(task, component)

    def get_indicator_state(self, context: Any, node_id: Any, component: str,
                            indicator: str) -> str:
        """The state of one indicator."""
        with acquire(context, node_id, shared=True,
                     purpose="getting indicator state") as task:
            return management.get_indicator_state(task, component, indicator)

    def set_indicator_state(self, context: Any, node_id: Any, component: str,
                            indicator: str, state: str) -> None:
        """Set one indicator."""
        with acquire(context, node_id, purpose="setting indicator state") as task:
            management.set_indicator_state(task, component, indicator, state)

    def attach_virtual_media(self, context: Any, node_id: Any, device_type: str,
                             image_url: str,
                             image_download_source: str = "local") -> None:
        """Insert an image into a virtual media device (the BMC fetches it)."""
        with acquire(context, node_id, purpose="attaching virtual media") as task:
            management.attach_virtual_media(task, device_type, image_url)

    def detach_virtual_media(self, context: Any, node_id: Any,
                             device_types: list[str] | None = None) -> None:
        """Eject virtual media."""
        with acquire(context, node_id, purpose="detaching virtual media") as task:
            management.detach_virtual_media(task, device_types)

    def get_virtual_media(self, context: Any, node_id: Any) -> list[dict[str, Any]]:
        """The node's virtual media slots."""
        with acquire(context, node_id, shared=True,
                     purpose="getting virtual media") as task:
            return management.get_virtual_media(task)

    # --- provisioning ------------------------------------------------------
    # Each endpoint validates under the node lock and queues the work in a
    # worker (the lock goes with it), so the API can answer 202 at once.

    def do_node_deploy(self, context: Any, node_id: Any, rebuild: bool = False,
                       configdrive: Any = None,
                       deploy_steps: list[dict[str, Any]] | None = None) -> None:
        """Deploy or rebuild. :raises: InvalidStateRequested, NodeLocked,
        NodeInMaintenance, NodeProtected, InstanceDeployFailure,
        InvalidParameterValue, NoFreeConductorWorker"""
        with _provisioning(context, node_id, "node deployment") as task:
            deployments.start(task, self.spawn_worker, rebuild=rebuild,
                              configdrive=configdrive, deploy_steps=deploy_steps)

    def continue_node_deploy(self, context: Any, node_id: Any) -> None:
        """Resume a deployment waiting in ``wait call-back``."""
        with _provisioning(context, node_id, "continue node deploy") as task:
            deployments.resume(task, self.spawn_worker)

    def do_node_tear_down(self, context: Any, node_id: Any) -> None:
        """Tear down an instance, then clean. :raises: NodeProtected, ..."""
        with _provisioning(context, node_id, "node tear down") as task:
            deployments.tear_down(task, self.spawn_worker)

    def do_provisioning_action(self, context: Any, node_id: Any, action: str) -> None:
        """manage, provide, inspect, adopt, abort, unhold (and clean/service
        without steps, which are refused)."""
        with _provisioning(context, node_id, f"provision action {action}") as task:
            _provision_action(task, self.spawn_worker, action)

    def inspect_hardware(self, context: Any, node_id: Any) -> None:
        """Inspect hardware. :raises: UnsupportedDriverExtension, ..."""
        with _provisioning(context, node_id, "hardware inspection") as task:
            inspection.start(task, self.spawn_worker)

    def do_node_clean(self, context: Any, node_id: Any,
                      clean_steps: list[dict[str, Any]],
                      disable_ramdisk: bool | None = None) -> None:
        """Manual cleaning with ``clean_steps``."""
        with _provisioning(context, node_id, "node manual cleaning") as task:
            cleaning.start_manual(task, self.spawn_worker, clean_steps,
                                  disable_ramdisk=bool(disable_ramdisk))

    def continue_node_clean(self, context: Any, node_id: Any) -> None:
        """Resume a cleaning waiting in ``clean wait``."""
        with _provisioning(context, node_id, "continue node clean") as task:
            cleaning.resume(task, self.spawn_worker)

    def do_node_service(self, context: Any, node_id: Any,
                        service_steps: list[dict[str, Any]],
                        disable_ramdisk: bool | None = None) -> None:
        """Run ``service_steps`` on an active node."""
        with _provisioning(context, node_id, "node servicing") as task:
            servicing.start(task, self.spawn_worker, service_steps,
                            disable_ramdisk=bool(disable_ramdisk))

    def continue_node_service(self, context: Any, node_id: Any) -> None:
        """Resume a servicing waiting in ``service wait``."""
        with _provisioning(context, node_id, "continue node service") as task:
            servicing.resume(task, self.spawn_worker)

    def do_node_rescue(self, context: Any, node_id: Any, rescue_password: str) -> None:
        """Rescue an active node."""
        with _provisioning(context, node_id, "node rescue") as task:
            rescue.start(task, self.spawn_worker, rescue_password)

    def do_node_unrescue(self, context: Any, node_id: Any) -> None:
        """Leave rescue."""
        with _provisioning(context, node_id, "node unrescue") as task:
            rescue.stop(task, self.spawn_worker)

    def heartbeat(self, context: Any, node_id: Any, callback_url: str,
                  **agent: Any) -> None:
        """A ramdisk agent check-in (placeholder: no real agent yet).

        Records the callback URL; for a node waiting for a callback in
        deploy, clean, service or rescue (and not in maintenance) it counts
        as the awaited callback and resumes the flow.
        """
        with _provisioning(context, node_id, "heartbeat") as task:
            task.node.set_driver_internal_info("agent_url", callback_url)
            resume = _RESUME_ON_HEARTBEAT.get(task.node.provision_state)
            if resume is None or task.node.maintenance:
                task.node.save()
                return
            resume(task, self.spawn_worker)

    def get_node_with_token(self, context: Any, node_id: Any) -> Any:
        """The node with a new agent token for the ramdisk's lookup (1.3).

        A token is issued once per ramdisk boot: when the node already has
        one, the copy returned carries the mask ``******`` instead.
        """
        with acquire(context, node_id, load_driver=False,
                     purpose="generate agent token") as task:
            node = task.node
            if node.driver_internal_info.get("agent_secret_token"):
                node.set_driver_internal_info("agent_secret_token", "******")
                return node
            node.set_driver_internal_info("agent_secret_token",
                                          secrets.token_urlsafe(32))
            node.save()
            return node

    def continue_inspection(self, context: Any, node_id: Any,
                            inventory: dict[str, Any],
                            plugin_data: dict[str, Any] | None = None) -> None:
        """Store the ramdisk's inventory and finish the inspection (1.3)."""
        with _provisioning(context, node_id, "continue inspection") as task:
            inspection.continue_with_data(task, inventory, plugin_data)

    # --- ports and portgroups ---------------------------------------------

    def create_port(self, context: Any, port_obj: Any) -> Any:
        """Store a new port."""
        with acquire(context, port_obj.node_id, shared=True,
                     purpose="port create") as task:
            return ports.create(task, port_obj)

    def update_port(self, context: Any, port_obj: Any) -> Any:
        """Save a changed port."""
        with acquire(context, port_obj.node_id, purpose="port update") as task:
            return ports.update(task, port_obj)

    def destroy_port(self, context: Any, port: Any) -> None:
        """Delete a port."""
        with acquire(context, port.node_id, purpose="port deletion") as task:
            ports.destroy(task, port)

    def update_portgroup(self, context: Any, portgroup_obj: Any) -> Any:
        """Save a changed portgroup."""
        with acquire(context, portgroup_obj.node_id,
                     purpose="update portgroup") as task:
            return ports.update_portgroup(task, portgroup_obj)

    def destroy_portgroup(self, context: Any, portgroup: Any) -> None:
        """Delete an empty portgroup."""
        with acquire(context, portgroup.node_id, purpose="portgroup deletion") as task:
            ports.destroy_portgroup(task, portgroup)

    def vif_attach(self, context: Any, node_id: Any, vif_info: dict[str, Any]) -> None:
        """Attach a VIF to a free (or the requested) port or portgroup."""
        with acquire(context, node_id, purpose="attach vif") as task:
            vifs.attach(task, vif_info)

    def vif_detach(self, context: Any, node_id: Any, vif_id: str) -> None:
        """Detach a VIF."""
        with acquire(context, node_id, purpose="detach vif") as task:
            vifs.detach(task, vif_id)

    def vif_list(self, context: Any, node_id: Any) -> list[dict[str, Any]]:
        """VIFs attached to a node."""
        with acquire(context, node_id, shared=True, purpose="list vifs") as task:
            return vifs.list_vifs(task)

    # --- drivers -----------------------------------------------------------

    def get_driver_properties(self, context: Any, driver_name: str) -> dict[str, str]:
        """driver_info fields of a hardware type."""
        return factory.driver_properties(driver_name)

    def get_raid_logical_disk_properties(self, context: Any,
                                         driver_name: str) -> dict[str, str]:
        """Logical disk keys the hardware type's RAID interface understands."""
        return factory.raid_logical_disk_properties(driver_name)

    def get_node_vendor_passthru_methods(self, context: Any,
                                         node_id: Any) -> dict[str, Any]:
        """Vendor methods of a node."""
        with acquire(context, node_id, shared=True,
                     purpose="listing vendor methods") as task:
            return management.vendor_methods(task)

    def get_driver_vendor_passthru_methods(self, context: Any,
                                           driver_name: str) -> dict[str, Any]:
        """Hardware types have no driver-level vendor methods."""
        factory.get_hardware_type(driver_name)
        return {}

    def vendor_passthru(self, context: Any, node_id: Any, driver_method: str,
                        http_method: str, info: dict[str, Any]) -> Any:
        """Not available yet."""
        raise _not_available("vendor passthru")

    def driver_vendor_passthru(self, context: Any, driver_name: str,
                               driver_method: str, http_method: str,
                               info: dict[str, Any]) -> Any:
        """Not available yet."""
        raise _not_available("driver vendor passthru")

    # --- allocations and volumes ------------------------------------------

    def create_allocation(self, context: Any, allocation: Any) -> Any:
        """Store an allocation and pick its node in a worker (or backfill)."""
        return allocations.start(context, allocation, self.spawn_worker,
                                 getattr(self.conductor, "id", None))

    def destroy_allocation(self, context: Any, allocation: Any) -> None:
        """Delete an allocation and free its node."""
        allocations.destroy(context, allocation)

    def update_volume_connector(self, context: Any, connector: Any) -> Any:
        """Save a changed volume connector of a powered-off node."""
        with acquire(context, connector.node_id,
                     purpose="volume connector update") as task:
            return volumes.update(task, connector, "connector")

    def destroy_volume_connector(self, context: Any, connector: Any) -> None:
        """Delete a volume connector."""
        with acquire(context, connector.node_id,
                     purpose="volume connector deletion") as task:
            volumes.destroy(task, connector, "connector")

    def update_volume_target(self, context: Any, target: Any) -> Any:
        """Save a changed volume target of a powered-off node."""
        with acquire(context, target.node_id, purpose="volume target update") as task:
            return volumes.update(task, target, "target")

    def destroy_volume_target(self, context: Any, target: Any) -> None:
        """Delete a volume target."""
        with acquire(context, target.node_id, purpose="volume target deletion") as task:
            volumes.destroy(task, target, "target")


@contextlib.contextmanager
def _provisioning(context: Any, node_id: Any, purpose: str) -> Iterator[Any]:
    """The exclusive task of a provisioning endpoint; a busy database is a 503."""
    with (failures.database_busy_is_retryable(),
          acquire(context, node_id, purpose=purpose) as task):
        yield task


def _abort(task: Any, spawn: Any) -> None:
    flow = _ABORTS.get(task.node.provision_state)
    if flow is None:
        raise exception.InvalidStateRequested(action="abort", node=task.node.uuid,
                                              state=task.node.provision_state)
    flow(task, spawn)


def _unhold(task: Any, spawn: Any) -> None:
    state = task.node.provision_state
    if state == states.SERVICEHOLD:
        servicing.unhold(task, spawn)
    elif state == states.CLEANHOLD:
        cleaning.unhold(task)
    elif state == states.DEPLOYHOLD:
        deployments.unhold(task)
    else:
        raise exception.InvalidStateRequested(action="unhold", node=task.node.uuid,
                                              state=state)


def _refuse(action: str) -> Any:
    def refuse(task: Any, spawn: Any) -> None:
        raise exception.InvalidParameterValue(
            err=f"The {action} provisioning action needs its steps; use "
                f"do_node_{action}")
    return refuse


_ABORTS = {
    states.CLEANWAIT: cleaning.abort, states.CLEANHOLD: cleaning.abort,
    states.DEPLOYWAIT: deployments.abort, states.DEPLOYHOLD: deployments.abort,
    states.SERVICEWAIT: servicing.abort, states.SERVICEHOLD: servicing.abort,
    states.SERVICEFAIL: servicing.abort, states.RESCUEWAIT: rescue.abort,
    states.INSPECTWAIT: inspection.abort,
}
"""Provision state -> the flow that aborts it (the states Ironic allows)."""

_ACTIONS = {
    "manage": verify.manage, "provide": cleaning.start_automated,
    "inspect": inspection.start, "adopt": adoption.start, "abort": _abort,
    "unhold": _unhold, "clean": _refuse("clean"), "service": _refuse("service"),
}
"""do_provisioning_action verbs -> flow."""

_RESUME_ON_HEARTBEAT = {
    states.DEPLOYWAIT: deployments.resume, states.CLEANWAIT: cleaning.resume,
    states.SERVICEWAIT: servicing.resume, states.RESCUEWAIT: rescue.resume,
}
"""Wait states a heartbeat resumes (the fake agent finished its step)."""


def _provision_action(task: Any, spawn: Any, action: str) -> None:
    flow = _ACTIONS.get(action)
    if flow is None:
        raise exception.InvalidParameterValue(
            err=f"Unknown provisioning action {action!r}; expected one of "
                f"{', '.join(sorted(_ACTIONS))}")
    flow(task, spawn)
