"""ConductorAPI: the client side of conductor RPC, used by the API service.

One thin method per RPC call, with Ironic's names and signatures. Each method
names the endpoint, the RPC version and its arguments; the transport selected
by ``[DEFAULT] rpc_transport`` (see :mod:`ironic.conductor.transports`) carries
them. ``get_topic_for`` picks a node's conductor with a consistent hash ring
over live conductors per conductor group and hardware type; driver-level calls
go to any live conductor running the hardware type.

RPC API version history (bump the minor version for every new method or
argument, and add the release that first sends it to :data:`RELEASE_MAPPING`):

* 1.0 - the foundation: node, port, portgroup, volume, VIF, power,
  management, provisioning, driver and vendor endpoints, create_allocation,
  heartbeat, continue_node_deploy/continue_node_clean (casts).
* 1.1 - versioned-object indirection (object_action,
  object_class_action_versions, object_backport_versions), destroy_allocation,
  refresh_hash_ring (fanout cast sent by conductors joining or leaving).
* 1.2 - indicators (get_supported_indicators, get_indicator_state,
  set_indicator_state) and virtual media (attach_virtual_media,
  detach_virtual_media, get_virtual_media).
* 1.3 - ramdisk agent: get_node_with_token (lookup), continue_inspection.

Rolling upgrades: with ``[DEFAULT] pin_release_version`` set, the client never
sends a version newer than that release spoke (:meth:`ConductorAPI.can_send_version`);
methods that would need one raise RPCVersionCapped (503) instead.
"""
from __future__ import annotations

from typing import Any

from ironic import objects
from ironic.common import context as ir_context
from ironic.common import exception
from ironic.common import hash_ring
from ironic.conductor import transports
from ironic.conf import CONF

MANAGER_TOPIC = transports.TOPIC
"""Base topic; a conductor listens on ``<topic>.<hostname>``."""

RPC_API_VERSION = "1.3"
"""Version of the conductor RPC API this client speaks."""

RELEASE_MAPPING: dict[str, str] = {"0.1": "1.0", "0.2": "1.1", "0.3": "1.2", "0.4": "1.3"}
"""``[DEFAULT] pin_release_version`` value -> newest RPC version that release speaks."""


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def version_cap() -> str:
    """The newest RPC version this client may send.

    :raises: ConfigInvalid for an unknown ``pin_release_version``.
    """
    pinned = CONF.pin_release_version
    if not pinned:
        return RPC_API_VERSION
    try:
        return RELEASE_MAPPING[pinned]
    except KeyError:
        raise exception.ConfigInvalid(
            error_msg=f"pin_release_version {pinned!r} is not a known release; "
                      f"known: {', '.join(sorted(RELEASE_MAPPING))}") from None

_ring_manager: hash_ring.HashRingManager | None = None


def _load_rings() -> dict[str, set[str]]:
    ctx = ir_context.get_admin_context()
    active = objects.Conductor.get_active_hardware_type_dict(ctx, use_groups=True)
    rings: dict[str, set[str]] = {}
    for key, hosts in active.items():
        group, _, hw_type = key.rpartition(":")
        rings.setdefault(hash_ring.ring_key(hw_type, group), set()).update(hosts)
        # Lookups without a group (driver-level calls) may use any conductor.
        rings.setdefault(hash_ring.ring_key(hw_type, "*"), set()).update(hosts)
    return rings


def ring_manager() -> hash_ring.HashRingManager:
    """The process-wide hash ring cache."""
    global _ring_manager
    if _ring_manager is None:
        _ring_manager = hash_ring.HashRingManager(_load_rings)
    return _ring_manager


class ConductorAPI:
    """Client side of the conductor RPC API."""

    RPC_API_VERSION = RPC_API_VERSION

    def __init__(self, topic: str | None = None) -> None:
        self.topic = topic or MANAGER_TOPIC
        self.transport = transports.get_transport()
        self.version_cap = version_cap()

    # --- versions ----------------------------------------------------------

    def can_send_version(self, version: str) -> bool:
        """Whether every conductor (per the version pin) understands ``version``."""
        return _version(version) <= _version(self.version_cap)

    def can_send_create_port(self) -> bool:
        """Whether create_port can be sent (RPC 1.0)."""
        return self.can_send_version("1.0")

    def can_send_rescue(self) -> bool:
        """Whether do_node_rescue/do_node_unrescue can be sent (RPC 1.0)."""
        return self.can_send_version("1.0")

    def _check_version(self, method: str, version: str) -> None:
        if not self.can_send_version(version):
            raise exception.RPCVersionCapped(method=method, version=version,
                                             cap=self.version_cap,
                                             release=CONF.pin_release_version)

    # --- routing -----------------------------------------------------------

    def get_conductor_for(self, node: Any) -> str:
        """Hostname of the conductor responsible for ``node``.

        :raises: NoValidHost if no live conductor serves its driver and group.
        """
        ring = ring_manager().get_ring(node.driver, node.conductor_group)
        if ring is None:
            raise exception.NoValidHost(reason=_no_conductor(node.driver,
                                                             node.conductor_group))
        hosts = ring.get_hosts(node.uuid, CONF.conductor.hash_distribution_replicas)
        return hosts[0]

    def get_topic_for(self, node: Any) -> str:
        """The topic of the conductor responsible for ``node``.

        :raises: NoValidHost
        """
        return f"{self.topic}.{self.get_conductor_for(node)}"

    def get_topic_for_driver(self, driver_name: str) -> str:
        """The topic of some live conductor running hardware type ``driver_name``.

        :raises: NoValidHost
        """
        ring = ring_manager().get_ring(driver_name, "*")
        if ring is None:
            raise exception.NoValidHost(
                reason=f"No conductor service registered which supports "
                       f"driver {driver_name}.")
        return f"{self.topic}.{ring.get_hosts(driver_name)[0]}"

    def get_random_topic(self) -> str:
        """The topic of any live conductor.

        :raises: NoValidHost
        """
        for ring in ring_manager().rings.values():
            return f"{self.topic}.{sorted(ring.hosts)[0]}"
        raise exception.NoValidHost(reason="No conductor service is registered.")

    def _host(self, topic: str | None) -> str | None:
        if topic and topic.startswith(self.topic + "."):
            return topic[len(self.topic) + 1:]
        return None

    def _target(self, topic: str | None) -> str | None:
        if topic is None and CONF.rpc_transport == "json-rpc":
            topic = self.get_random_topic()  # no shared queue over HTTP
        return self._host(topic)

    def _call(self, context: Any, topic: str | None, method: str,
              version: str = "1.0", **kwargs: Any) -> Any:
        self._check_version(method, version)
        try:
            return self.transport.call(context, self._target(topic), method,
                                       version=version, **kwargs)
        except exception.ServiceUnavailable:
            ring_manager().reset()  # the conductor may be gone: look again next time
            raise

    def _cast(self, context: Any, topic: str | None, method: str,
              version: str = "1.0", **kwargs: Any) -> None:
        self._check_version(method, version)
        self.transport.cast(context, self._target(topic), method,
                            version=version, **kwargs)

    # --- versioned-object indirection (1.1) --------------------------------

    def object_class_action_versions(self, context: Any, objname: str, objmethod: str,
                                     object_versions: dict[str, str], args: Any,
                                     kwargs: Any) -> Any:
        """Run a class method of a versioned object on a conductor."""
        return self._call(context, None, "object_class_action_versions", "1.1",
                          objname=objname, objmethod=objmethod,
                          object_versions=object_versions, args=args, kwargs=kwargs)

    def object_action(self, context: Any, objinst: Any, objmethod: str,
                      args: Any, kwargs: Any) -> Any:
        """Run a method of a versioned object on a conductor; ``(updates, result)``."""
        return self._call(context, None, "object_action", "1.1", objinst=objinst,
                          objmethod=objmethod, args=args, kwargs=kwargs)

    def object_backport_versions(self, context: Any, objinst: Any,
                                 object_versions: dict[str, str]) -> Any:
        """``objinst`` as a primitive in older object versions."""
        return self._call(context, None, "object_backport_versions", "1.1",
                          objinst=objinst, object_versions=object_versions)

    # --- nodes -------------------------------------------------------------

    def create_node(self, context: Any, node_obj: Any, topic: str | None = None) -> Any:
        """Validate interfaces and store a new node. :raises: DriverNotFound,
        InterfaceNotFoundInEntrypoint, IncompatibleInterface, NoValidDefaultForInterface
        """
        return self._call(context, topic, "create_node", node_obj=node_obj)

    def update_node(self, context: Any, node_obj: Any, topic: str | None = None,
                    reset_interfaces: bool = False) -> Any:
        """Save changes of a node. :raises: NodeLocked, InvalidParameterValue,
        InvalidState, NodeAssociated
        """
        return self._call(context, topic, "update_node", node_obj=node_obj,
                          reset_interfaces=reset_interfaces)

    def destroy_node(self, context: Any, node_id: Any, topic: str | None = None) -> None:
        """Delete a node. :raises: NodeLocked, NodeAssociated, InvalidState,
        NodeProtected
        """
        return self._call(context, topic, "destroy_node", node_id=node_id)

    def validate_driver_interfaces(self, context: Any, node_id: Any,
                                   topic: str | None = None) -> dict[str, Any]:
        """``{kind: {"result": bool, "reason": str}}``; never contacts the BMC."""
        return self._call(context, topic, "validate_driver_interfaces", node_id=node_id)

    def add_node_traits(self, context: Any, node_id: Any, traits: list[str],
                        replace: bool = False, topic: str | None = None) -> None:
        """Add (or with ``replace``, set) node traits. :raises: NodeLocked"""
        return self._call(context, topic, "add_node_traits", node_id=node_id,
                          traits=traits, replace=replace)

    def remove_node_traits(self, context: Any, node_id: Any, traits: list[str] | None,
                           topic: str | None = None) -> None:
        """Remove the given traits (all when None). :raises: NodeTraitNotFound"""
        return self._call(context, topic, "remove_node_traits", node_id=node_id,
                          traits=traits)

    # --- power and management ---------------------------------------------

    def change_node_power_state(self, context: Any, node_id: Any, new_state: str,
                                topic: str | None = None,
                                timeout: int | None = None) -> None:
        """Change power state. :raises: NodeLocked, InvalidParameterValue"""
        return self._call(context, topic, "change_node_power_state", node_id=node_id,
                          new_state=new_state, timeout=timeout)

    def set_boot_device(self, context: Any, node_id: Any, device: str,
                        persistent: bool = False, topic: str | None = None) -> None:
        """Set the next boot device. :raises: NodeLocked, InvalidParameterValue"""
        return self._call(context, topic, "set_boot_device", node_id=node_id,
                          device=device, persistent=persistent)

    def get_boot_device(self, context: Any, node_id: Any,
                        topic: str | None = None) -> dict[str, Any]:
        """``{"boot_device": ..., "persistent": ...}``."""
        return self._call(context, topic, "get_boot_device", node_id=node_id)

    def get_supported_boot_devices(self, context: Any, node_id: Any,
                                   topic: str | None = None) -> list[str]:
        """Boot devices the node's management interface accepts."""
        return self._call(context, topic, "get_supported_boot_devices", node_id=node_id)

    def set_boot_mode(self, context: Any, node_id: Any, new_state: str,
                      topic: str | None = None) -> None:
        """Switch the boot mode to ``bios`` or ``uefi``. :raises: NodeLocked,
        InvalidState, UnsupportedDriverExtension, InvalidParameterValue
        """
        return self._call(context, topic, "set_boot_mode", node_id=node_id,
                          new_state=new_state)

    def set_secure_boot_state(self, context: Any, node_id: Any, new_state: bool,
                              topic: str | None = None) -> None:
        """Turn UEFI secure boot on or off. :raises: NodeLocked, InvalidState,
        UnsupportedDriverExtension
        """
        return self._call(context, topic, "set_secure_boot_state", node_id=node_id,
                          new_state=new_state)

    def inject_nmi(self, context: Any, node_id: Any, topic: str | None = None) -> None:
        """Send an NMI. :raises: NodeLocked, UnsupportedDriverExtension"""
        return self._call(context, topic, "inject_nmi", node_id=node_id)

    def set_console_mode(self, context: Any, node_id: Any, enabled: bool,
                         topic: str | None = None) -> None:
        """Enable or disable the console. :raises: UnsupportedDriverExtension"""
        return self._call(context, topic, "set_console_mode", node_id=node_id,
                          enabled=enabled)

    def get_console_information(self, context: Any, node_id: Any,
                                topic: str | None = None) -> dict[str, Any]:
        """Console type and URL. :raises: NodeConsoleNotEnabled"""
        return self._call(context, topic, "get_console_information", node_id=node_id)

    def set_target_raid_config(self, context: Any, node_id: Any,
                               target_raid_config: dict[str, Any],
                               topic: str | None = None) -> None:
        """Store a validated target RAID configuration."""
        return self._call(context, topic, "set_target_raid_config", node_id=node_id,
                          target_raid_config=target_raid_config)

    # --- indicators and virtual media (1.2) -------------------------------

    def get_supported_indicators(self, context: Any, node_id: Any,
                                 component: str | None = None,
                                 topic: str | None = None) -> dict[str, Any]:
        """``{component: {indicator: {"readonly", "states"}}}``. :raises:
        UnsupportedDriverExtension, InvalidParameterValue
        """
        return self._call(context, topic, "get_supported_indicators", "1.2",
                          node_id=node_id, component=component)

    def get_indicator_state(self, context: Any, node_id: Any, component: str,
                            indicator: str, topic: str | None = None) -> str:
        """``ON``, ``OFF``, ``BLINKING`` or ``UNKNOWN``. :raises:
        UnsupportedDriverExtension, InvalidParameterValue
        """
        return self._call(context, topic, "get_indicator_state", "1.2",
                          node_id=node_id, component=component, indicator=indicator)

    def set_indicator_state(self, context: Any, node_id: Any, component: str,
                            indicator: str, state: str,
                            topic: str | None = None) -> None:
        """Set one indicator. :raises: NodeLocked, UnsupportedDriverExtension,
        InvalidParameterValue
        """
        return self._call(context, topic, "set_indicator_state", "1.2",
                          node_id=node_id, component=component, indicator=indicator,
                          state=state)

    def attach_virtual_media(self, context: Any, node_id: Any, device_type: str,
                             image_url: str, image_download_source: str = "local",
                             topic: str | None = None) -> None:
        """Insert an image as ``device_type``. :raises: NodeLocked,
        UnsupportedDriverExtension, InvalidParameterValue
        """
        return self._call(context, topic, "attach_virtual_media", "1.2",
                          node_id=node_id, device_type=device_type,
                          image_url=image_url,
                          image_download_source=image_download_source)

    def detach_virtual_media(self, context: Any, node_id: Any,
                             device_types: list[str] | None = None,
                             topic: str | None = None) -> None:
        """Eject media (every device type when None). :raises: NodeLocked,
        UnsupportedDriverExtension
        """
        return self._call(context, topic, "detach_virtual_media", "1.2",
                          node_id=node_id, device_types=device_types)

    def get_virtual_media(self, context: Any, node_id: Any,
                          topic: str | None = None) -> list[dict[str, Any]]:
        """The node's virtual media slots. :raises: UnsupportedDriverExtension"""
        return self._call(context, topic, "get_virtual_media", "1.2", node_id=node_id)

    # --- provisioning ------------------------------------------------------

    def do_node_deploy(self, context: Any, node_id: Any, rebuild: bool = False,
                       configdrive: Any = None, topic: str | None = None,
                       deploy_steps: list[dict[str, Any]] | None = None) -> None:
        """Start a deployment. :raises: InvalidStateRequested, NodeLocked"""
        return self._call(context, topic, "do_node_deploy", node_id=node_id,
                          rebuild=rebuild, configdrive=configdrive,
                          deploy_steps=deploy_steps)

    def do_node_tear_down(self, context: Any, node_id: Any,
                          topic: str | None = None) -> None:
        """Start a tear down. :raises: InvalidStateRequested, NodeLocked"""
        return self._call(context, topic, "do_node_tear_down", node_id=node_id)

    def do_provisioning_action(self, context: Any, node_id: Any, action: str,
                               topic: str | None = None) -> None:
        """manage, provide, inspect, abort, adopt, unhold. :raises:
        InvalidStateRequested
        """
        return self._call(context, topic, "do_provisioning_action", node_id=node_id,
                          action=action)

    def inspect_hardware(self, context: Any, node_id: Any,
                         topic: str | None = None) -> None:
        """Start inspection. :raises: InvalidStateRequested, UnsupportedDriverExtension"""
        return self._call(context, topic, "inspect_hardware", node_id=node_id)

    def do_node_clean(self, context: Any, node_id: Any,
                      clean_steps: list[dict[str, Any]],
                      disable_ramdisk: bool | None = None,
                      topic: str | None = None) -> None:
        """Start manual cleaning. :raises: InvalidStateRequested"""
        return self._call(context, topic, "do_node_clean", node_id=node_id,
                          clean_steps=clean_steps, disable_ramdisk=disable_ramdisk)

    def do_node_service(self, context: Any, node_id: Any,
                        service_steps: list[dict[str, Any]],
                        disable_ramdisk: bool | None = None,
                        topic: str | None = None) -> None:
        """Start servicing an active node."""
        return self._call(context, topic, "do_node_service", node_id=node_id,
                          service_steps=service_steps, disable_ramdisk=disable_ramdisk)

    def do_node_rescue(self, context: Any, node_id: Any, rescue_password: str,
                       topic: str | None = None) -> None:
        """Start rescue."""
        return self._call(context, topic, "do_node_rescue", node_id=node_id,
                          rescue_password=rescue_password)

    def do_node_unrescue(self, context: Any, node_id: Any,
                         topic: str | None = None) -> None:
        """Leave rescue."""
        return self._call(context, topic, "do_node_unrescue", node_id=node_id)

    def continue_node_deploy(self, context: Any, node_id: Any,
                             topic: str | None = None) -> None:
        """Resume a waiting deployment."""
        return self._cast(context, topic, "continue_node_deploy", node_id=node_id)

    def continue_node_clean(self, context: Any, node_id: Any,
                            topic: str | None = None) -> None:
        """Resume a waiting cleaning."""
        return self._cast(context, topic, "continue_node_clean", node_id=node_id)

    def heartbeat(self, context: Any, node_id: Any, callback_url: str,
                  agent_version: str | None = None, agent_token: str | None = None,
                  agent_verify_ca: str | None = None,
                  agent_status: str | None = None,
                  agent_status_message: str | None = None,
                  topic: str | None = None) -> None:
        """Record a ramdisk agent heartbeat."""
        return self._call(context, topic, "heartbeat", node_id=node_id,
                          callback_url=callback_url, agent_version=agent_version,
                          agent_token=agent_token, agent_verify_ca=agent_verify_ca,
                          agent_status=agent_status,
                          agent_status_message=agent_status_message)

    def get_node_with_token(self, context: Any, node_id: Any,
                            topic: str | None = None) -> Any:
        """The node with a fresh agent token (masked if one was issued)."""
        return self._call(context, topic, "get_node_with_token", "1.3", node_id=node_id)

    def continue_inspection(self, context: Any, node_id: Any, inventory: dict[str, Any],
                            plugin_data: dict[str, Any] | None = None,
                            topic: str | None = None) -> None:
        """Store inspection data and finish inspection. :raises:
        InvalidStateRequested unless the node is in ``inspect wait``
        """
        return self._call(context, topic, "continue_inspection", "1.3",
                          node_id=node_id, inventory=inventory, plugin_data=plugin_data)

    # --- ports, portgroups, VIFs ------------------------------------------

    def create_port(self, context: Any, port_obj: Any, topic: str | None = None) -> Any:
        """Store a new port. :raises: MACAlreadyExists, InvalidParameterValue"""
        return self._call(context, topic, "create_port", port_obj=port_obj)

    def update_port(self, context: Any, port_obj: Any, topic: str | None = None) -> Any:
        """Save changes of a port. :raises: NodeLocked, MACAlreadyExists"""
        return self._call(context, topic, "update_port", port_obj=port_obj)

    def destroy_port(self, context: Any, port: Any, topic: str | None = None) -> None:
        """Delete a port. :raises: NodeLocked, InvalidState"""
        return self._call(context, topic, "destroy_port", port=port)

    def update_portgroup(self, context: Any, portgroup_obj: Any,
                         topic: str | None = None) -> Any:
        """Save changes of a portgroup. :raises: NodeLocked"""
        return self._call(context, topic, "update_portgroup",
                          portgroup_obj=portgroup_obj)

    def destroy_portgroup(self, context: Any, portgroup: Any,
                          topic: str | None = None) -> None:
        """Delete a portgroup. :raises: NodeLocked, PortgroupNotEmpty"""
        return self._call(context, topic, "destroy_portgroup", portgroup=portgroup)

    def vif_attach(self, context: Any, node_id: Any, vif_info: dict[str, Any],
                   topic: str | None = None) -> None:
        """Attach a VIF. :raises: NoFreePhysicalPorts"""
        return self._call(context, topic, "vif_attach", node_id=node_id,
                          vif_info=vif_info)

    def vif_detach(self, context: Any, node_id: Any, vif_id: str,
                   topic: str | None = None) -> None:
        """Detach a VIF."""
        return self._call(context, topic, "vif_detach", node_id=node_id, vif_id=vif_id)

    def vif_list(self, context: Any, node_id: Any,
                 topic: str | None = None) -> list[dict[str, Any]]:
        """VIFs attached to a node."""
        return self._call(context, topic, "vif_list", node_id=node_id)

    # --- drivers -----------------------------------------------------------

    def get_driver_properties(self, context: Any, driver_name: str,
                              topic: str | None = None) -> dict[str, str]:
        """``driver_info`` field -> description. :raises: DriverNotFound"""
        return self._call(context, topic, "get_driver_properties",
                          driver_name=driver_name)

    def get_raid_logical_disk_properties(self, context: Any, driver_name: str,
                                         topic: str | None = None) -> dict[str, str]:
        """Logical disk keys -> description. :raises: UnsupportedDriverExtension"""
        return self._call(context, topic, "get_raid_logical_disk_properties",
                          driver_name=driver_name)

    def vendor_passthru(self, context: Any, node_id: Any, driver_method: str,
                        http_method: str, info: dict[str, Any],
                        topic: str | None = None) -> Any:
        """Call a node vendor method."""
        return self._call(context, topic, "vendor_passthru", node_id=node_id,
                          driver_method=driver_method, http_method=http_method,
                          info=info)

    def get_node_vendor_passthru_methods(self, context: Any, node_id: Any,
                                         topic: str | None = None) -> dict[str, Any]:
        """Vendor methods of a node's vendor interface."""
        return self._call(context, topic, "get_node_vendor_passthru_methods",
                          node_id=node_id)

    def get_driver_vendor_passthru_methods(self, context: Any, driver_name: str,
                                           topic: str | None = None) -> dict[str, Any]:
        """Driver-level vendor methods."""
        return self._call(context, topic, "get_driver_vendor_passthru_methods",
                          driver_name=driver_name)

    def driver_vendor_passthru(self, context: Any, driver_name: str,
                               driver_method: str, http_method: str,
                               info: dict[str, Any], topic: str | None = None) -> Any:
        """Call a driver-level vendor method."""
        return self._call(context, topic, "driver_vendor_passthru",
                          driver_name=driver_name, driver_method=driver_method,
                          http_method=http_method, info=info)

    # --- allocations and volumes ------------------------------------------

    def create_allocation(self, context: Any, allocation: Any,
                          topic: str | None = None) -> Any:
        """Store an allocation and start looking for a node."""
        return self._call(context, topic, "create_allocation", allocation=allocation)

    def destroy_allocation(self, context: Any, allocation: Any,
                           topic: str | None = None) -> None:
        """Delete an allocation and free its node.

        :raises: InvalidState when its node runs an instance outside
            maintenance, NodeLocked, AllocationNotFound
        """
        return self._call(context, topic, "destroy_allocation", "1.1",
                          allocation=allocation)

    def destroy_volume_connector(self, context: Any, connector: Any,
                                 topic: str | None = None) -> None:
        """Delete a volume connector."""
        return self._call(context, topic, "destroy_volume_connector",
                          connector=connector)

    def update_volume_connector(self, context: Any, connector: Any,
                                topic: str | None = None) -> Any:
        """Save changes of a volume connector."""
        return self._call(context, topic, "update_volume_connector",
                          connector=connector)

    def destroy_volume_target(self, context: Any, target: Any,
                              topic: str | None = None) -> None:
        """Delete a volume target."""
        return self._call(context, topic, "destroy_volume_target", target=target)

    def update_volume_target(self, context: Any, target: Any,
                             topic: str | None = None) -> Any:
        """Save changes of a volume target."""
        return self._call(context, topic, "update_volume_target", target=target)


def _no_conductor(driver: str, group: str | None) -> str:
    return (f"No conductor service registered which supports driver {driver} "
            f"for conductor group \"{group or ''}\".")
