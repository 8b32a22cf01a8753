"""SQLAlchemy implementation of ``ironic.db.api.Connection``.

Each method opens one reader or writer transaction and delegates to a query
module; nothing else happens here.
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from oslo_db import api as oslo_db_api

from ironic.db import api
from ironic.db.sqlalchemy import allocations
from ironic.db.sqlalchemy import bios_settings
from ironic.db.sqlalchemy import chassis
from ironic.db.sqlalchemy import conductors
from ironic.db.sqlalchemy import crud
from ironic.db.sqlalchemy import deploy_templates
from ironic.db.sqlalchemy import enginefacade_setup
from ironic.db.sqlalchemy import inspection_rules
from ironic.db.sqlalchemy import node_delete
from ironic.db.sqlalchemy import node_history
from ironic.db.sqlalchemy import node_inventory
from ironic.db.sqlalchemy import node_labels
from ironic.db.sqlalchemy import node_locks
from ironic.db.sqlalchemy import nodes
from ironic.db.sqlalchemy import portgroups
from ironic.db.sqlalchemy import ports
from ironic.db.sqlalchemy import runbooks
from ironic.db.sqlalchemy import volumes


def _read(fn: Callable[..., Any], *bound: Any) -> Callable[..., Any]:
    """A method running ``fn(session, *bound, *args)`` in a read transaction."""
    @functools.wraps(fn)
    def method(self: Connection, *args: Any, **kwargs: Any) -> Any:
        with enginefacade_setup.reader() as session:
            return fn(session, *bound, *args, **kwargs)
    return method


def _write(fn: Callable[..., Any], *bound: Any) -> Callable[..., Any]:
    """A method running ``fn(session, *bound, *args)`` in a write transaction.

    InnoDB resolves lock cycles between racing writers by aborting one of
    them (seen when several conductors register at once); the aborted
    transaction was rolled back whole, so it is simply run again, up to 5
    times. DB API methods are never nested in another write transaction.
    """
    @oslo_db_api.wrap_db_retry(max_retries=5, retry_on_deadlock=True,
                               retry_interval=0.01, max_retry_interval=0.2)
    @functools.wraps(fn)
    def method(self: Connection, *args: Any, **kwargs: Any) -> Any:
        with enginefacade_setup.writer() as session:
            return fn(session, *bound, *args, **kwargs)
    return method


def _unset(label: node_labels.Label) -> Callable[..., None]:
    def unset(session: Any, ident: int | str) -> None:
        node_labels.replace(session, label, ident, [])
    return unset


class Connection(api.Connection):
    """Database operations on SQLite, PostgreSQL or MySQL/MariaDB."""

    get_node_list = _read(nodes.get_list)
    get_node = _read(nodes.get)
    get_node_by_name = _read(nodes.get_by_name)
    get_node_by_instance = _read(nodes.get_by_instance)
    get_node_by_port_addresses = _read(nodes.get_by_port_addresses)
    get_shard_list = _read(nodes.get_shard_list)
    create_node = _write(nodes.create)
    update_node = _write(nodes.update)
    destroy_node = _write(node_delete.destroy)
    reserve_node = _write(node_locks.reserve)
    release_node = _write(node_locks.release)
    touch_node_provisioning = _write(nodes.touch_provisioning)
    clear_node_reservations_for_conductor = _write(node_locks.clear_reservations)
    clear_node_target_power_state = _write(node_locks.clear_target_power_state)

    get_node_traits_by_node_id = _read(node_labels.get_by_node, node_labels.TRAITS)
    set_node_traits = _write(node_labels.replace, node_labels.TRAITS)
    unset_node_traits = _write(_unset(node_labels.TRAITS))
    add_node_trait = _write(node_labels.add, node_labels.TRAITS)
    delete_node_trait = _write(node_labels.delete, node_labels.TRAITS)
    node_trait_exists = _read(node_labels.exists, node_labels.TRAITS)
    get_node_tags_by_node_id = _read(node_labels.get_by_node, node_labels.TAGS)
    set_node_tags = _write(node_labels.replace, node_labels.TAGS)
    unset_node_tags = _write(_unset(node_labels.TAGS))
    add_node_tag = _write(node_labels.add, node_labels.TAGS)
    delete_node_tag = _write(node_labels.delete, node_labels.TAGS)
    node_tag_exists = _read(node_labels.exists, node_labels.TAGS)

    get_port_list = _read(crud.get_list, ports.RESOURCE)
    get_port = _read(crud.get, ports.RESOURCE)
    get_port_by_address = _read(ports.get_by_address)
    get_port_by_name = _read(ports.get_by_name)
    create_port = _write(crud.create, ports.RESOURCE)
    update_port = _write(crud.update, ports.RESOURCE)
    destroy_port = _write(crud.delete, ports.RESOURCE)

    get_portgroup_list = _read(crud.get_list, portgroups.RESOURCE)
    get_portgroup = _read(crud.get, portgroups.RESOURCE)
    get_portgroup_by_address = _read(portgroups.get_by_address)
    get_portgroup_by_name = _read(portgroups.get_by_name)
    create_portgroup = _write(crud.create, portgroups.RESOURCE)
    update_portgroup = _write(crud.update, portgroups.RESOURCE)
    destroy_portgroup = _write(portgroups.destroy)

    get_chassis_list = _read(crud.get_list, chassis.RESOURCE)
    get_chassis = _read(crud.get, chassis.RESOURCE)
    create_chassis = _write(crud.create, chassis.RESOURCE)
    update_chassis = _write(crud.update, chassis.RESOURCE)
    destroy_chassis = _write(chassis.destroy)

    get_conductor_list = _read(crud.get_list, conductors.RESOURCE)
    get_conductor = _read(conductors.get_by_hostname)
    get_conductors_by_liveness = _read(conductors.list_by_liveness)
    register_conductor = _write(conductors.register)
    touch_conductor = _write(conductors.touch)
    unregister_conductor = _write(conductors.unregister)
    register_conductor_hardware_interfaces = _write(
        conductors.register_hardware_interfaces)
    unregister_conductor_hardware_interfaces = _write(
        conductors.unregister_hardware_interfaces)
    get_active_hardware_type_dict = _read(conductors.active_hardware_types)
    list_hardware_type_interfaces = _read(conductors.hardware_type_interfaces)

    get_allocation_list = _read(crud.get_list, allocations.RESOURCE)
    get_allocation = _read(crud.get, allocations.RESOURCE)
    create_allocation = _write(allocations.create)
    update_allocation = _write(allocations.update)
    destroy_allocation = _write(allocations.destroy)
    take_over_allocation = _write(allocations.take_over)

    get_deploy_template_list = _read(deploy_templates.get_list)
    get_deploy_template = _read(deploy_templates.get)
    get_deploy_template_by_name = _read(deploy_templates.get_by_name)
    get_deploy_templates_by_names = _read(deploy_templates.get_by_names)
    create_deploy_template = _write(deploy_templates.create)
    update_deploy_template = _write(deploy_templates.update)
    destroy_deploy_template = _write(deploy_templates.destroy)

    get_runbook_list = _read(runbooks.get_list)
    get_runbook = _read(runbooks.get)
    get_runbook_by_name = _read(runbooks.get_by_name)
    create_runbook = _write(runbooks.create)
    update_runbook = _write(runbooks.update)
    destroy_runbook = _write(runbooks.destroy)

    get_inspection_rule_list = _read(crud.get_list, inspection_rules.RESOURCE)
    get_inspection_rule = _read(crud.get, inspection_rules.RESOURCE)
    create_inspection_rule = _write(crud.create, inspection_rules.RESOURCE)
    update_inspection_rule = _write(crud.update, inspection_rules.RESOURCE)
    destroy_inspection_rule = _write(crud.delete, inspection_rules.RESOURCE)
    destroy_all_inspection_rules = _write(inspection_rules.destroy_all)

    get_volume_connector_list = _read(crud.get_list, volumes.CONNECTOR_RESOURCE)
    get_volume_connector = _read(crud.get, volumes.CONNECTOR_RESOURCE)
    create_volume_connector = _write(crud.create, volumes.CONNECTOR_RESOURCE)
    update_volume_connector = _write(crud.update, volumes.CONNECTOR_RESOURCE)
    destroy_volume_connector = _write(crud.delete, volumes.CONNECTOR_RESOURCE)
    get_volume_target_list = _read(crud.get_list, volumes.TARGET_RESOURCE)
    get_volume_target = _read(crud.get, volumes.TARGET_RESOURCE)
    create_volume_target = _write(crud.create, volumes.TARGET_RESOURCE)
    update_volume_target = _write(crud.update, volumes.TARGET_RESOURCE)
    destroy_volume_target = _write(crud.delete, volumes.TARGET_RESOURCE)

    get_node_history_list = _read(crud.get_list, node_history.RESOURCE)
    get_node_history = _read(crud.get, node_history.RESOURCE)
    create_node_history = _write(crud.create, node_history.RESOURCE)
    destroy_node_history = _write(crud.delete, node_history.RESOURCE)
    bulk_delete_node_history = _write(node_history.delete_many)
    get_node_history_ids_beyond_limit = _read(node_history.ids_beyond_limit)
    get_nodes_with_history_over = _read(node_history.nodes_with_more_than)

    get_bios_setting_list = _read(bios_settings.get_list)
    get_bios_setting = _read(bios_settings.get)
    create_bios_setting_list = _write(bios_settings.create_list)
    update_bios_setting_list = _write(bios_settings.update_list)
    delete_bios_setting_list = _write(bios_settings.delete_list)

    get_node_inventory_by_node_id = _read(node_inventory.get_by_node_id)
    create_node_inventory = _write(node_inventory.create)
    destroy_node_inventory_by_node_id = _write(node_inventory.destroy_by_node_id)
