"""``/v1/nodes``: node create, list, show, update and delete.

Sub-resources (states, traits, vifs, ...) live in their own modules and are
attached to :class:`NodesController` as attributes.
"""
from __future__ import annotations

import functools

from typing import Any, ClassVar

import pecan
from oslo_utils import uuidutils
from oslo_versionedobjects import fields as fields_base
from pecan import rest

from ironic import objects
from ironic.api import collection, expose, links, loaders, policy, schemas
from ironic.api import microversions as mv
from ironic.api import patch as json_patch
from ironic.api.controllers.v1 import (
    allocations,
    node_hardware,
    node_info,
    node_management,
    node_states,
    portgroups,
    ports,
)
from ironic.api.convert import node as convert
from ironic.api.schemas import node as node_schema
from ironic.api.types import node as node_type
from ironic.common import exception, states

_STRING_FILTERS: dict[str, mv.Version] = {
    "driver": mv.DRIVER_FILTER, "resource_class": mv.RESOURCE_CLASS, "fault": mv.FAULT,
    "conductor_group": mv.CONDUCTOR_GROUP, "owner": mv.OWNER,
    "description_contains": mv.DESCRIPTION, "lessee": mv.LESSEE, "project": mv.LESSEE,
    "parent_node": mv.CHILD_NODES, "instance_uuid": mv.MIN, "chassis_uuid": mv.MIN,
    "provision_state": mv.PROVISION_STATE_FILTER, "shard": mv.SHARDS,
}
_BOOL_FILTERS: dict[str, mv.Version] = {
    "associated": mv.MIN, "maintenance": mv.MIN, "retired": mv.RETIRED,
    "sharded": mv.SHARDS, "include_children": mv.CHILD_NODES,
}
_UUID_FILTERS = ("instance_uuid", "chassis_uuid")
_POST_FILTERS: dict[str, mv.Version] = {"conductor": mv.CONDUCTORS,
                                        "instance_name": mv.INSTANCE_NAME}
"""Filters applied after loading (the database cannot evaluate them)."""
LIST_PARAMS = frozenset(_STRING_FILTERS) | frozenset(_BOOL_FILTERS) | frozenset(
    _POST_FILTERS) | {"limit", "marker", "sort_key", "sort_dir", "fields", "detail"}
"""Every query parameter of ``GET /v1/nodes``."""
PROVISION_STATES = frozenset(
    value for name, value in vars(states).items()
    if name.isupper() and isinstance(value, str) and not name.startswith(
        ("POWER_", "SOFT_", "REBOOT", "VERBS", "ALLOCATING")))
SORTABLE = frozenset(
    f.name for f in node_type.FIELDS
    if f.datatype in (node_type._text, bool, node_type._time)
    and f.name not in ("chassis_uuid", "conductor", "allocation_uuid")) | {"id"}


def _filters(params: dict[str, Any], version: mv.Version) -> dict[str, Any]:
    """Validate filter query parameters into ``Node.list`` filters."""
    result: dict[str, Any] = {}
    for name, since in _STRING_FILTERS.items():
        value = params.get(name)
        if value is None:
            continue
        if version < since:
            raise mv.not_acceptable(since)
        if name in _UUID_FILTERS and not uuidutils.is_uuid_like(value):
            raise exception.InvalidUUID(f"Expected UUID for {name}: {value}")
        if name == "provision_state" and value not in PROVISION_STATES:
            raise exception.Invalid(f'Provision state "{value}" is not valid')
        result[name] = value.split(",") if name == "shard" else value
    for name, since in _BOOL_FILTERS.items():
        value = params.get(name)
        if value is None:
            continue
        if version < since:
            raise mv.not_acceptable(since)
        result[name] = collection.as_bool(name, value)
    if version >= mv.CHILD_NODES and "parent_node" not in result:
        result.setdefault("include_children", False)
    return result


def _post_filter(params: dict[str, Any], version: mv.Version) -> Any:
    """A predicate for the filters applied after loading, or None."""
    wanted: dict[str, str] = {}
    for name, since in _POST_FILTERS.items():
        value = params.get(name)
        if value is None:
            continue
        if version < since:
            raise mv.not_acceptable(since)
        wanted[name] = value
    if not wanted:
        return None

    def keep(node: Any) -> bool:
        if "instance_name" in wanted and (
                vars(node).get("_obj_instance_name") != wanted["instance_name"]):
            return False
        return "conductor" not in wanted or conductor_for(node) == wanted["conductor"]
    return keep


def conductor_for(node: Any) -> str | None:
    """The conductor managing ``node`` (None when no conductor can)."""
    try:
        return pecan.request.rpcapi.get_conductor_for(node)
    except exception.IronicError:
        return None


def render(node: Any, fields: list[str] | tuple[str, ...] | None = None,
           *, subresources: bool = True) -> dict[str, Any]:
    """The API dict of one node at the request's version."""
    version = mv.requested()
    return convert.to_api(node, fields or convert.visible_fields(version),
                          base=links.base_url(), version=version,
                          conductor_for=conductor_for,
                          with_subresources=subresources and not fields)


@functools.lru_cache(maxsize=256)
def _columns_tuple(shown: tuple[str, ...]) -> tuple[str, ...] | None:
    wanted = {name for name in shown if name in objects.Node.fields}
    if "conductor" in shown:  # the hash ring lookup needs these
        wanted |= {"driver", "conductor_group"}
    wanted |= {"id", "uuid"}
    return None if wanted >= set(objects.Node.fields) else tuple(sorted(wanted))


def _columns_for(shown: Any) -> list[str] | None:
    """The node fields to load for rendering ``shown`` (None: all of them).

    A plain list shows five fields; loading and decoding the other seventy
    was most of its cost.
    """
    columns = _columns_tuple(tuple(shown))
    return list(columns) if columns is not None else None


class NodesController(rest.RestController):
    """Node CRUD; sub-resources are attributes."""

    _custom_actions: ClassVar[dict[str, list[str]]] = {"detail": ["GET"]}
    states = node_states.NodeStatesController()
    traits = node_management.NodeTraitsController()
    vifs = node_management.NodeVifsController()
    allocation = allocations.NodeAllocationController()
    maintenance = node_management.NodeMaintenanceController()
    management = node_management.NodeManagementController()
    vmedia = node_hardware.NodeVmediaController()
    validate = node_management.NodeValidateController()
    history = node_info.NodeHistoryController()
    bios = node_info.NodeBiosController()
    firmware = node_info.NodeFirmwareController()
    inventory = node_info.NodeInventoryController()
    children = node_info.NodeChildrenController()
    volume = node_info.NodeVolumeController()
    ports = ports.PortsController(parent="node")
    portgroups = portgroups.PortgroupsController(parent="node")

    @expose.json()
    def get_all(self, **params: Any) -> dict[str, Any]:
        """List nodes (plain, ``?detail=True`` or ``?fields=``)."""
        policy.authorize("baremetal:node:list")
        collection.check_params(params, LIST_PARAMS)
        detail = params.get("detail")
        is_detail = detail is not None and collection.as_bool("detail", detail)
        if detail is not None:
            mv.require(mv.DETAIL_QUERY)
        return self._list(params, is_detail)

    def list_for(self, params: dict[str, Any], *, filters: dict[str, Any],
                 resource: str) -> dict[str, Any]:
        """A node list restricted by ``filters`` (for nested node collections)."""
        collection.check_params(params, LIST_PARAMS)
        detail = params.get("detail")
        is_detail = detail is not None and collection.as_bool("detail", detail)
        return self._list(params, is_detail, extra_filters=filters, resource=resource)

    @expose.json()
    def detail(self, **params: Any) -> dict[str, Any]:
        """``/v1/nodes/detail``: list nodes with every field."""
        policy.authorize("baremetal:node:list")
        collection.check_params(params, LIST_PARAMS - {"fields", "detail"})
        return self._list(params, True)

    def _list(self, params: dict[str, Any], is_detail: bool, *,
              extra_filters: dict[str, Any] | None = None,
              resource: str | None = None) -> dict[str, Any]:
        version = mv.requested()
        visible = convert.visible_fields(version)
        fields = collection.fields_param(params.get("fields"), params.get("detail"),
                                         visible, node_type.BY_NAME)
        page = collection.paging(params.get("limit"), params.get("marker"),
                                 params.get("sort_key"), params.get("sort_dir"),
                                 sortable=SORTABLE)
        filters = {**_filters(params, version), **(extra_filters or {})}
        keep = _post_filter(params, version)
        if fields is not None and "uuid" not in fields:
            fields = [*fields, "uuid"]
        shown = fields or (visible if is_detail else convert.list_fields(version))
        columns = None if keep is not None else _columns_for(shown)

        def fetch(limit: int, marker: str | None) -> list[Any]:
            return objects.Node.list(pecan.request.context, limit=limit,  # type: ignore[no-any-return]
                                     marker=marker, sort_key=page.sort_key,
                                     sort_dir=page.sort_dir, filters=filters,
                                     fields=columns)
        nodes = (fetch(page.limit, page.marker) if keep is None
                 else collection.filtered_list(fetch, keep, page))
        base = links.base_url()
        items = [convert.to_api(n, shown, base=base, version=version,
                                conductor_for=conductor_for,
                                with_subresources=is_detail and fields is None)
                 for n in nodes]
        if resource is None:
            resource = ("nodes/detail" if pecan.request.path.rstrip("/").endswith("/detail")
                        else "nodes")
        return {"nodes": items, **collection.next_link(base, resource, items, page)}

    @expose.json()
    def get_one(self, node_ident: str, **params: Any) -> dict[str, Any]:
        """Show one node."""
        policy.authorize("baremetal:node:get")
        collection.check_params(params, ("fields",))
        wanted = collection.fields_param(params.get("fields"), None,
                                         convert.visible_fields(mv.requested()),
                                         node_type.BY_NAME)
        return render(loaders.node(node_ident), wanted)

    @expose.json(status=201)
    def post(self) -> dict[str, Any]:
        """Create a node; the conductor checks the driver and interfaces."""
        policy.authorize("baremetal:node:create")
        body = expose.body()
        if not isinstance(body, dict):
            raise exception.Invalid("Schema error for node: the body must be an object")
        _check_versions(body, mv.requested())
        schemas.validate(node_schema.CREATE_VALIDATOR, body, "node")
        context = pecan.request.context
        node = objects.Node(context, **_create_values(body))
        _fill_defaults(node)
        rpcapi = pecan.request.rpcapi
        created = rpcapi.create_node(context, node, topic=rpcapi.get_topic_for(node))
        pecan.response.location = f"{links.base_url()}/v1/nodes/{created.uuid}"
        return render(created)

    @expose.json()
    def patch(self, node_ident: str, **params: Any) -> dict[str, Any]:
        """Update a node with a JSON patch."""
        reset_interfaces = params.get("reset_interfaces")
        policy.authorize("baremetal:node:update")
        version = mv.requested()
        ops = expose.body()
        touched = json_patch.check(ops, node_type.BY_NAME, version)
        reset = None
        if reset_interfaces is not None:
            mv.require(mv.RESET_INTERFACES)
            reset = collection.as_bool("reset_interfaces", reset_interfaces)
        node = loaders.node(node_ident)
        current = {name: _patch_value(node, name) for name in touched}
        patched = json_patch.apply(current, ops, convert._DICTS)
        schemas.validate(node_schema.PATCHED_VALIDATOR, patched, "node")
        _update(node, patched, version)
        rpcapi = pecan.request.rpcapi
        updated = rpcapi.update_node(pecan.request.context, node,
                                     topic=rpcapi.get_topic_for(node),
                                     reset_interfaces=bool(reset))
        return render(updated)

    @expose.json(status=204)
    def delete(self, node_ident: str) -> None:
        """Delete a node."""
        policy.authorize("baremetal:node:delete")
        node = loaders.node(node_ident)
        rpcapi = pecan.request.rpcapi
        try:
            topic = rpcapi.get_topic_for(node)
        except exception.NoValidHost:
            topic = None
        rpcapi.destroy_node(pecan.request.context, node.uuid, topic=topic)


def _check_versions(body: dict[str, Any], version: mv.Version) -> None:
    for name in body:
        field = node_type.BY_NAME.get(name)
        if field is not None and field.since > version:
            raise exception.NotAcceptable()


def _create_values(body: dict[str, Any]) -> dict[str, Any]:
    """Turn a validated POST body into Node fields."""
    values = {k: v for k, v in body.items() if v is not None or k in ("name",)}
    for name in convert._DICTS:
        if name in body and body[name] is None:
            values[name] = {}
    uuid = values.get("uuid")
    if uuid is None:
        values["uuid"] = uuidutils.generate_uuid()
    elif not uuidutils.is_uuid_like(uuid):
        raise exception.InvalidUUID(f"Expected UUID for uuid: {uuid}")
    name = values.get("name")
    if name is not None and not loaders.is_valid_name(name, mv.requested()):
        raise exception.InvalidName(f"Cannot create node with invalid name '{name}'")
    _check_uuid_value(values, "instance_uuid")
    chassis_uuid = values.pop("chassis_uuid", None)
    if chassis_uuid is not None:
        values["chassis_id"] = _chassis_id(chassis_uuid)
    values.setdefault("conductor_group", "")
    values["provision_state"] = (states.ENROLL if mv.supports(mv.ENROLL_DEFAULT)
                                 else states.AVAILABLE)
    return values


def _fill_defaults(node: Any) -> None:
    """Give every client-settable field a value, as the conductor reads them all."""
    for field in node_type.FIELDS:
        name = field.name
        if not field.create or name == "chassis_uuid" or node.obj_attr_is_set(name):
            continue
        if node.fields[name].default is not fields_base.UnspecifiedDefault:
            node.obj_set_defaults(name)
        else:
            setattr(node, name, {} if name in convert._DICTS else None)


def _check_uuid_value(values: dict[str, Any], name: str) -> None:
    value = values.get(name)
    if value is not None and not uuidutils.is_uuid_like(value):
        raise exception.InvalidUUID(f"Expected UUID for {name}: {value}")


def _chassis_id(chassis_uuid: str) -> int:
    if not uuidutils.is_uuid_like(chassis_uuid):
        raise exception.InvalidUUID(f"Expected UUID for chassis_uuid: {chassis_uuid}")
    try:
        return objects.Chassis.get_by_uuid(pecan.request.context, chassis_uuid).id
    except exception.ChassisNotFound as e:
        raise exception.InvalidParameterValue(err=str(e)) from None


def _patch_value(node: Any, name: str) -> Any:
    value = getattr(node, name) if node.obj_attr_is_set(name) else None
    if value is None and name in convert._DICTS:
        return {}
    return value


def _update(node: Any, patched: dict[str, Any], version: mv.Version) -> None:
    """Copy patched values onto the node, resolving references."""
    for name, value in patched.items():
        if name == "chassis_uuid":
            if value is None and version < mv.UNSET_CHASSIS:
                raise exception.NotAcceptable()
            node.chassis_id = None if value is None else _chassis_id(value)
            continue
        if name == "name" and value is not None and not loaders.is_valid_name(value, version):
            raise exception.InvalidName(
                f"Node {node.uuid}: Cannot change name to invalid name '{value}'")
        if name == "instance_uuid":
            _check_uuid_value(patched, name)
        if value is None and name in convert._DICTS:
            value = {}
        if _patch_value(node, name) != value:
            setattr(node, name, value)
