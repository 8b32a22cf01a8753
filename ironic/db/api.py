"""The database API: the only database surface the objects layer may call.

``get_instance()`` returns the process-wide ``Connection``. Every method runs
in its own transaction (a failed write changes nothing) and raises the
project's exceptions (``NodeNotFound``, ``DuplicateName``, ...), never
database-driver errors.

Rows are plain dicts of column name to value; JSON columns are decoded
(``{}``/``[]`` for NULL) and timestamps are naive UTC datetimes. Node rows also
carry ``chassis_uuid``, ``allocation_uuid`` and ``traits`` (a list of trait
rows); port rows ``node_uuid`` and ``portgroup_uuid``; portgroup rows
``node_uuid``. ``ident`` parameters accept an integer id, a UUID, or, for
resources that have names, a name. ``version`` parameters record the object
version that wrote the row. ``marker`` is the UUID (or id) of the last row of
the previous page.
"""
from __future__ import annotations

import abc
import importlib
import threading
from collections.abc import Iterable, Mapping
from typing import Any

Row = dict[str, Any]
Values = Mapping[str, Any]
Fields = Iterable[str] | None

BACKEND = "ironic.db.sqlalchemy.api"
"""Module providing the ``Connection`` implementation (loaded on first use,
since it imports this module for the base class)."""

_LOCK = threading.Lock()
_INSTANCE: Connection | None = None


def get_instance() -> Connection:
    """The shared ``Connection`` (SQLAlchemy implementation)."""
    global _INSTANCE
    if _INSTANCE is None:
        with _LOCK:
            if _INSTANCE is None:
                backend = importlib.import_module(BACKEND)
                _INSTANCE = backend.Connection()
    return _INSTANCE


class Connection(abc.ABC):
    """Every database operation the objects need."""

    # --- nodes -------------------------------------------------------------

    @abc.abstractmethod
    def get_node_list(self, filters: Values | None = None, limit: int | None = None,
                      marker: Any = None, sort_key: str | None = None,
                      sort_dir: str | None = None, fields: Fields = None) -> list[Row]:
        """Nodes matching ``filters`` (see ``Node.list``); ``fields`` limits
        the columns loaded."""

    @abc.abstractmethod
    def get_node(self, ident: int | str) -> Row:
        """A node by id, UUID or name. :raises NodeNotFound:"""

    @abc.abstractmethod
    def get_node_by_name(self, name: str) -> Row:
        """:raises NodeNotFound:"""

    @abc.abstractmethod
    def get_node_by_instance(self, instance_uuid: str) -> Row:
        """:raises InstanceNotFound:"""

    @abc.abstractmethod
    def get_node_by_port_addresses(self, addresses: list[str]) -> Row:
        """The single node with a port having one of ``addresses``.
        :raises NodeNotFound:"""

    @abc.abstractmethod
    def get_shard_list(self) -> list[dict[str, Any]]:
        """``{"name", "count"}`` per shard in use (``None`` for unsharded
        nodes), largest first."""

    @abc.abstractmethod
    def create_node(self, values: Values, version: str | None = None) -> Row:
        """:raises NodeAlreadyExists, DuplicateName, InstanceAssociated:"""

    @abc.abstractmethod
    def update_node(self, ident: int | str, values: Values,
                    version: str | None = None) -> Row:
        """:raises NodeNotFound, DuplicateName, NodeAssociated,
        InstanceAssociated, InvalidParameterValue:"""

    @abc.abstractmethod
    def destroy_node(self, ident: int | str) -> None:
        """Delete a node with its ports, portgroups, traits, tags, volume
        objects, BIOS settings, history, inventory and allocations.
        :raises NodeNotFound:"""

    @abc.abstractmethod
    def reserve_node(self, tag: str, ident: int | str) -> Row:
        """Atomically lock a node for ``tag``.
        :raises NodeNotFound, NodeLocked:"""

    @abc.abstractmethod
    def release_node(self, tag: str, ident: int | str) -> None:
        """:raises NodeNotFound, NodeNotLocked, NodeLocked:"""

    @abc.abstractmethod
    def touch_node_provisioning(self, ident: int | str) -> None:
        """:raises NodeNotFound:"""

    @abc.abstractmethod
    def clear_node_reservations_for_conductor(self, hostname: str) -> int:
        """Release every lock held by ``hostname``; returns the count."""

    @abc.abstractmethod
    def clear_node_target_power_state(self, hostname: str) -> int:
        """Reset target_power_state of nodes locked by ``hostname``."""

    # --- node traits and tags --------------------------------------------------

    @abc.abstractmethod
    def get_node_traits_by_node_id(self, ident: int | str) -> list[Row]:
        """:raises NodeNotFound:"""

    @abc.abstractmethod
    def set_node_traits(self, ident: int | str, traits: Iterable[str],
                        version: str | None = None) -> list[Row]:
        """:raises NodeNotFound, InvalidParameterValue: (over 50 traits)"""

    @abc.abstractmethod
    def unset_node_traits(self, ident: int | str) -> None:
        """:raises NodeNotFound:"""

    @abc.abstractmethod
    def add_node_trait(self, ident: int | str, trait: str,
                       version: str | None = None) -> Row:
        """:raises NodeNotFound, InvalidParameterValue:"""

    @abc.abstractmethod
    def delete_node_trait(self, ident: int | str, trait: str) -> None:
        """:raises NodeNotFound, NodeTraitNotFound:"""

    @abc.abstractmethod
    def node_trait_exists(self, ident: int | str, trait: str) -> bool:
        """:raises NodeNotFound:"""

    @abc.abstractmethod
    def get_node_tags_by_node_id(self, ident: int | str) -> list[Row]:
        """:raises NodeNotFound:"""

    @abc.abstractmethod
    def set_node_tags(self, ident: int | str, tags: Iterable[str],
                      version: str | None = None) -> list[Row]:
        """:raises NodeNotFound:"""

    @abc.abstractmethod
    def unset_node_tags(self, ident: int | str) -> None:
        """:raises NodeNotFound:"""

    @abc.abstractmethod
    def add_node_tag(self, ident: int | str, tag: str,
                     version: str | None = None) -> Row:
        """:raises NodeNotFound:"""

    @abc.abstractmethod
    def delete_node_tag(self, ident: int | str, tag: str) -> None:
        """:raises NodeNotFound, NodeTagNotFound:"""

    @abc.abstractmethod
    def node_tag_exists(self, ident: int | str, tag: str) -> bool:
        """:raises NodeNotFound:"""

    # --- ports, portgroups, chassis ---------------------------------------------

    @abc.abstractmethod
    def get_port_list(self, filters: Values | None = None, limit: int | None = None,
                      marker: Any = None, sort_key: str | None = None,
                      sort_dir: str | None = None, fields: Fields = None) -> list[Row]:
        """Ports matching ``filters`` (see ``Port.list``)."""

    @abc.abstractmethod
    def get_port(self, ident: int | str) -> Row:
        """:raises PortNotFound:"""

    @abc.abstractmethod
    def get_port_by_address(self, address: str) -> Row:
        """:raises PortNotFound:"""

    @abc.abstractmethod
    def get_port_by_name(self, name: str) -> Row:
        """:raises PortNotFound:"""

    @abc.abstractmethod
    def create_port(self, values: Values, version: str | None = None) -> Row:
        """:raises PortAlreadyExists, MACAlreadyExists, PortDuplicateName:"""

    @abc.abstractmethod
    def update_port(self, ident: int | str, values: Values,
                    version: str | None = None) -> Row:
        """:raises PortNotFound, MACAlreadyExists, PortDuplicateName:"""

    @abc.abstractmethod
    def destroy_port(self, ident: int | str) -> None:
        """:raises PortNotFound:"""

    @abc.abstractmethod
    def get_portgroup_list(self, filters: Values | None = None,
                           limit: int | None = None, marker: Any = None,
                           sort_key: str | None = None, sort_dir: str | None = None,
                           fields: Fields = None) -> list[Row]:
        """Portgroups matching ``filters``."""

    @abc.abstractmethod
    def get_portgroup(self, ident: int | str) -> Row:
        """:raises PortgroupNotFound:"""

    @abc.abstractmethod
    def get_portgroup_by_address(self, address: str) -> Row:
        """:raises PortgroupNotFound:"""

    @abc.abstractmethod
    def get_portgroup_by_name(self, name: str) -> Row:
        """:raises PortgroupNotFound:"""

    @abc.abstractmethod
    def create_portgroup(self, values: Values, version: str | None = None) -> Row:
        """:raises PortgroupAlreadyExists, PortgroupMACAlreadyExists,
        PortgroupDuplicateName:"""

    @abc.abstractmethod
    def update_portgroup(self, ident: int | str, values: Values,
                         version: str | None = None) -> Row:
        """:raises PortgroupNotFound, PortgroupMACAlreadyExists,
        PortgroupDuplicateName:"""

    @abc.abstractmethod
    def destroy_portgroup(self, ident: int | str) -> None:
        """:raises PortgroupNotFound, PortgroupNotEmpty:"""

    @abc.abstractmethod
    def get_chassis_list(self, filters: Values | None = None,
                         limit: int | None = None, marker: Any = None,
                         sort_key: str | None = None, sort_dir: str | None = None,
                         fields: Fields = None) -> list[Row]:
        """Chassis matching ``filters``."""

    @abc.abstractmethod
    def get_chassis(self, ident: int | str) -> Row:
        """:raises ChassisNotFound:"""

    @abc.abstractmethod
    def create_chassis(self, values: Values, version: str | None = None) -> Row:
        """:raises ChassisAlreadyExists:"""

    @abc.abstractmethod
    def update_chassis(self, ident: int | str, values: Values,
                       version: str | None = None) -> Row:
        """:raises ChassisNotFound:"""

    @abc.abstractmethod
    def destroy_chassis(self, ident: int | str) -> None:
        """:raises ChassisNotFound, ChassisNotEmpty:"""

    # --- conductors ----------------------------------------------------------------

    @abc.abstractmethod
    def get_conductor_list(self, filters: Values | None = None,
                           limit: int | None = None, marker: Any = None,
                           sort_key: str | None = None, sort_dir: str | None = None,
                           fields: Fields = None) -> list[Row]:
        """Conductors matching ``filters`` (id, hostname, online, group)."""

    @abc.abstractmethod
    def get_conductor(self, hostname: str, online: bool | None = True) -> Row:
        """:raises ConductorNotFound:"""

    @abc.abstractmethod
    def get_conductors_by_liveness(self, alive: bool) -> list[Row]:
        """Conductors with (or without) a recent heartbeat."""

    @abc.abstractmethod
    def register_conductor(self, values: Values, update_existing: bool = False,
                           version: str | None = None) -> Row:
        """:raises ConductorAlreadyRegistered:"""

    @abc.abstractmethod
    def touch_conductor(self, hostname: str, online: bool = True) -> None:
        """:raises ConductorNotFound:"""

    @abc.abstractmethod
    def unregister_conductor(self, hostname: str) -> None:
        """:raises ConductorNotFound:"""

    @abc.abstractmethod
    def register_conductor_hardware_interfaces(
            self, conductor_id: int, interfaces: Iterable[Values],
            version: str | None = None) -> None:
        """Replace the conductor's hardware interface rows."""

    @abc.abstractmethod
    def unregister_conductor_hardware_interfaces(self, conductor_id: int) -> None:
        """Delete the conductor's hardware interface rows."""

    @abc.abstractmethod
    def get_active_hardware_type_dict(self, use_groups: bool = False
                                      ) -> dict[str, set[str]]:
        """Hardware type (``group:type`` with groups) to alive hostnames."""

    @abc.abstractmethod
    def list_hardware_type_interfaces(self, hardware_types: Iterable[str]
                                      ) -> list[Row]:
        """Rows with hardware_type, interface_type, interface_name, default,
        conductor, offered by alive conductors."""

    # --- allocations -------------------------------------------------------------

    @abc.abstractmethod
    def get_allocation_list(self, filters: Values | None = None,
                            limit: int | None = None, marker: Any = None,
                            sort_key: str | None = None, sort_dir: str | None = None,
                            fields: Fields = None) -> list[Row]:
        """Allocations (filters: state, node_id, node_uuid, owner,
        resource_class, conductor_affinity, name, uuid)."""

    @abc.abstractmethod
    def get_allocation(self, ident: int | str) -> Row:
        """By id, UUID or name. :raises AllocationNotFound:"""

    @abc.abstractmethod
    def create_allocation(self, values: Values, version: str | None = None) -> Row:
        """:raises AllocationAlreadyExists, AllocationDuplicateName,
        NodeAssociated:"""

    @abc.abstractmethod
    def update_allocation(self, ident: int | str, values: Values,
                          version: str | None = None, update_node: bool = True) -> Row:
        """A changed node_id also updates the nodes' allocation_id and
        instance_uuid. :raises AllocationNotFound, NodeAssociated:"""

    @abc.abstractmethod
    def destroy_allocation(self, ident: int | str) -> None:
        """Also unlinks the node. :raises AllocationNotFound:"""

    @abc.abstractmethod
    def take_over_allocation(self, ident: int | str, old_conductor_id: int | None,
                             new_conductor_id: int) -> bool:
        """Compare-and-set of conductor_affinity; True if this caller won."""

    # --- deploy templates -----------------------------------------------------------

    @abc.abstractmethod
    def get_deploy_template_list(self, filters: Values | None = None,
                                 limit: int | None = None, marker: Any = None,
                                 sort_key: str | None = None,
                                 sort_dir: str | None = None,
                                 fields: Fields = None) -> list[Row]:
        """Templates, each with ``steps``."""

    @abc.abstractmethod
    def get_deploy_template(self, ident: int | str) -> Row:
        """By id, UUID or name. :raises DeployTemplateNotFound:"""

    @abc.abstractmethod
    def get_deploy_template_by_name(self, name: str) -> Row:
        """:raises DeployTemplateNotFound:"""

    @abc.abstractmethod
    def get_deploy_templates_by_names(self, names: Iterable[str]) -> list[Row]:
        """Templates with the given names; unknown names are skipped."""

    @abc.abstractmethod
    def create_deploy_template(self, values: Values, version: str | None = None) -> Row:
        """``values['steps']``: dicts with interface, step, args, priority.
        :raises DeployTemplateAlreadyExists, DeployTemplateDuplicateName:"""

    @abc.abstractmethod
    def update_deploy_template(self, ident: int | str, values: Values,
                               version: str | None = None) -> Row:
        """``steps`` replaces every step.
        :raises DeployTemplateNotFound, DeployTemplateDuplicateName:"""

    @abc.abstractmethod
    def destroy_deploy_template(self, ident: int | str) -> None:
        """:raises DeployTemplateNotFound:"""

    # --- runbooks ------------------------------------------------------------------

    @abc.abstractmethod
    def get_runbook_list(self, filters: Values | None = None,
                         limit: int | None = None, marker: Any = None,
                         sort_key: str | None = None, sort_dir: str | None = None,
                         fields: Fields = None) -> list[Row]:
        """Runbooks (filters: owner, public), each with ``steps``."""

    @abc.abstractmethod
    def get_runbook(self, ident: int | str) -> Row:
        """By id, UUID or name. :raises RunbookNotFound:"""

    @abc.abstractmethod
    def get_runbook_by_name(self, name: str) -> Row:
        """:raises RunbookNotFound:"""

    @abc.abstractmethod
    def create_runbook(self, values: Values, version: str | None = None) -> Row:
        """``values['steps']``: dicts with interface, step, args, order.
        :raises RunbookAlreadyExists, RunbookDuplicateName:"""

    @abc.abstractmethod
    def update_runbook(self, ident: int | str, values: Values,
                       version: str | None = None) -> Row:
        """``steps`` replaces every step.
        :raises RunbookNotFound, RunbookDuplicateName:"""

    @abc.abstractmethod
    def destroy_runbook(self, ident: int | str) -> None:
        """:raises RunbookNotFound:"""

    # --- inspection rules ----------------------------------------------------------

    @abc.abstractmethod
    def get_inspection_rule_list(self, filters: Values | None = None,
                                 limit: int | None = None, marker: Any = None,
                                 sort_key: str | None = None,
                                 sort_dir: str | None = None,
                                 fields: Fields = None) -> list[Row]:
        """Inspection rules (filters: phase, sensitive, priority)."""

    @abc.abstractmethod
    def get_inspection_rule(self, ident: int | str) -> Row:
        """By id or UUID. :raises InspectionRuleNotFound:"""

    @abc.abstractmethod
    def create_inspection_rule(self, values: Values, version: str | None = None) -> Row:
        """:raises InspectionRuleAlreadyExists:"""

    @abc.abstractmethod
    def update_inspection_rule(self, ident: int | str, values: Values,
                               version: str | None = None) -> Row:
        """:raises InspectionRuleNotFound:"""

    @abc.abstractmethod
    def destroy_inspection_rule(self, ident: int | str) -> None:
        """:raises InspectionRuleNotFound:"""

    @abc.abstractmethod
    def destroy_all_inspection_rules(self) -> int:
        """Delete every inspection rule; returns how many there were."""

    # --- volume connectors and targets ---------------------------------------------

    @abc.abstractmethod
    def get_volume_connector_list(self, filters: Values | None = None,
                                  limit: int | None = None, marker: Any = None,
                                  sort_key: str | None = None,
                                  sort_dir: str | None = None,
                                  fields: Fields = None) -> list[Row]:
        """Connectors (filters: node_id, node_uuid, type, owner, lessee, project)."""

    @abc.abstractmethod
    def get_volume_connector(self, ident: int | str) -> Row:
        """:raises VolumeConnectorNotFound:"""

    @abc.abstractmethod
    def create_volume_connector(self, values: Values, version: str | None = None) -> Row:
        """:raises VolumeConnectorAlreadyExists,
        VolumeConnectorTypeAndIdAlreadyExists:"""

    @abc.abstractmethod
    def update_volume_connector(self, ident: int | str, values: Values,
                                version: str | None = None) -> Row:
        """:raises VolumeConnectorNotFound,
        VolumeConnectorTypeAndIdAlreadyExists:"""

    @abc.abstractmethod
    def destroy_volume_connector(self, ident: int | str) -> None:
        """:raises VolumeConnectorNotFound:"""

    @abc.abstractmethod
    def get_volume_target_list(self, filters: Values | None = None,
                               limit: int | None = None, marker: Any = None,
                               sort_key: str | None = None,
                               sort_dir: str | None = None,
                               fields: Fields = None) -> list[Row]:
        """Targets (filters: node_id, node_uuid, volume_id, volume_type, ...)."""

    @abc.abstractmethod
    def get_volume_target(self, ident: int | str) -> Row:
        """:raises VolumeTargetNotFound:"""

    @abc.abstractmethod
    def create_volume_target(self, values: Values, version: str | None = None) -> Row:
        """:raises VolumeTargetAlreadyExists, VolumeTargetBootIndexAlreadyExists:"""

    @abc.abstractmethod
    def update_volume_target(self, ident: int | str, values: Values,
                             version: str | None = None) -> Row:
        """:raises VolumeTargetNotFound, VolumeTargetBootIndexAlreadyExists:"""

    @abc.abstractmethod
    def destroy_volume_target(self, ident: int | str) -> None:
        """:raises VolumeTargetNotFound:"""

    # --- node history, BIOS settings, inventory ----------------------------------------

    @abc.abstractmethod
    def get_node_history_list(self, filters: Values | None = None,
                              limit: int | None = None, marker: Any = None,
                              sort_key: str | None = None,
                              sort_dir: str | None = None,
                              fields: Fields = None) -> list[Row]:
        """History records (filters: node_id, conductor, event_type, severity)."""

    @abc.abstractmethod
    def get_node_history(self, ident: int | str) -> Row:
        """:raises NodeHistoryNotFound:"""

    @abc.abstractmethod
    def create_node_history(self, values: Values, version: str | None = None) -> Row:
        """:raises NodeNotFound:"""

    @abc.abstractmethod
    def destroy_node_history(self, ident: int | str) -> None:
        """:raises NodeHistoryNotFound:"""

    @abc.abstractmethod
    def bulk_delete_node_history(self, ids: Iterable[int]) -> int:
        """Delete records by id; returns the count."""

    @abc.abstractmethod
    def get_node_history_ids_beyond_limit(self, node_id: int, keep: int) -> list[int]:
        """Ids of a node's records older than its newest ``keep``."""

    @abc.abstractmethod
    def get_nodes_with_history_over(self, keep: int) -> list[int]:
        """Node ids with more than ``keep`` history records."""

    @abc.abstractmethod
    def get_bios_setting_list(self, node_id: int) -> list[Row]:
        """:raises NodeNotFound:"""

    @abc.abstractmethod
    def get_bios_setting(self, node_id: int, name: str) -> Row:
        """:raises NodeNotFound, BIOSSettingNotFound:"""

    @abc.abstractmethod
    def create_bios_setting_list(self, node_id: int, settings: Iterable[Values],
                                 version: str | None = None) -> list[Row]:
        """:raises NodeNotFound, Conflict:"""

    @abc.abstractmethod
    def update_bios_setting_list(self, node_id: int, settings: Iterable[Values],
                                 version: str | None = None) -> list[Row]:
        """:raises NodeNotFound, BIOSSettingListNotFound:"""

    @abc.abstractmethod
    def delete_bios_setting_list(self, node_id: int, names: Iterable[str]) -> None:
        """:raises NodeNotFound, BIOSSettingListNotFound:"""

    @abc.abstractmethod
    def get_node_inventory_by_node_id(self, node_id: int) -> Row:
        """:raises NodeInventoryNotFound:"""

    @abc.abstractmethod
    def create_node_inventory(self, values: Values, version: str | None = None) -> Row:
        """Replaces any previous inventory of the node. :raises NodeNotFound:"""

    @abc.abstractmethod
    def destroy_node_inventory_by_node_id(self, node_id: int) -> None:
        """:raises NodeInventoryNotFound:"""
