"""``/v1/ports`` (and the read-only ``/v1/nodes/{node}/ports``, ``/v1/portgroups/{pg}/ports``)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import pecan
from oslo_utils import netutils, uuidutils
from pecan import rest

from ironic import objects
from ironic.api import collection, expose, links, loaders, policy, schemas
from ironic.api import microversions as mv
from ironic.api import patch as json_patch
from ironic.api.convert import resource as convert
from ironic.api.types import port as port_type
from ironic.common import exception

_DICTS = ("extra", "internal_info", "local_link_connection")
_FIELD_PROPS = {
    "uuid": {"type": ["string", "null"]},
    "address": {"type": "string"},
    "node_uuid": {"type": "string"},
    "node": {"type": "string"},
    "portgroup_uuid": {"type": ["string", "null"]},
    "extra": schemas.NULLABLE_OBJECT,
    "local_link_connection": schemas.NULLABLE_OBJECT,
    "pxe_enabled": schemas.NULLABLE_BOOL,
    "physical_network": {"type": ["string", "null"], "maxLength": 64},
    "is_smartnic": schemas.NULLABLE_BOOL,
    "name": schemas.NULLABLE_STRING,
    "description": schemas.NULLABLE_STRING,
    "vendor": {"type": ["string", "null"], "maxLength": 32},
    "category": {"type": ["string", "null"], "maxLength": 80},
}
CREATE_VALIDATOR = schemas.compile({"type": "object", "properties": _FIELD_PROPS,
                                    "required": ["address"],
                                    "additionalProperties": False})
PATCHED_VALIDATOR = schemas.compile({"type": "object", "properties": _FIELD_PROPS})
LIST_PARAMS = frozenset({"node", "node_uuid", "address", "portgroup", "shard",
                         "conductor_groups", "conductor_group", "limit", "marker",
                         "sort_key", "sort_dir", "fields", "detail"})
"""Every query parameter of ``GET /v1/ports``."""
SORTABLE = frozenset({"id", "uuid", "address", "created_at", "updated_at", "name",
                      "pxe_enabled", "physical_network", "is_smartnic", "vendor",
                      "category", "description"})


def normalize_mac(address: str) -> str:
    """Validate and lower-case a MAC address.

    :raises: InvalidMAC (400)
    """
    if not isinstance(address, str) or not netutils.is_valid_mac(address):
        raise exception.InvalidMAC(mac=address)
    return address.lower()


def conductor_groups(params: dict[str, Any], version: mv.Version
                     ) -> tuple[dict[str, Any], Callable[[Any], bool] | None]:
    """``conductor_groups=a,b`` (1.99; the singular form too) as a list filter
    for one group, or as a predicate on ``node_id`` for several.

    :raises: NotAcceptable below 1.99.
    """
    raw = params.get("conductor_groups", params.get("conductor_group"))
    if raw is None:
        return {}, None
    if version < mv.PORT_CONDUCTOR_GROUP_FILTER:
        raise mv.not_acceptable(mv.PORT_CONDUCTOR_GROUP_FILTER)
    groups = sorted({g.strip().lower() for g in str(raw).split(",")})
    if len(groups) == 1:
        return {"conductor_group": groups[0]}, None
    # The database matches one group; resolve several into their nodes.
    node_ids = {n.id for g in groups for n in objects.Node.list(
        pecan.request.context, filters={"conductor_group": g})}
    return {}, lambda obj: obj.node_id in node_ids


def _ident(args: tuple[str, ...], name: str = "port_uuid") -> str:
    """The resource identity from the URL (400 when the URL has none)."""
    if not args:
        raise exception.Invalid(f"Missing mandatory parameter: {name}")
    return args[-1]


def render(port: Any, fields: list[str] | tuple[str, ...] | None = None) -> dict[str, Any]:
    """The API dict of one port at the request's version."""
    names = fields or convert.visible(port_type.PORT_FIELDS, mv.requested())
    return convert.to_api(port, names, base=links.base_url(), resource="ports")


def _ids(values: dict[str, Any], node_ident: str | None) -> None:
    """Resolve node/portgroup references into ids (400 when missing)."""
    context = pecan.request.context
    if node_ident is not None:
        try:
            node = loaders.node(node_ident)
        except exception.NodeNotFound as e:
            raise exception.InvalidParameterValue(err=str(e)) from None
        values["node_id"] = node.id
    pg_uuid = values.pop("portgroup_uuid", None)
    if pg_uuid is not None:
        try:
            values["portgroup_id"] = loaders.portgroup(pg_uuid).id
        except exception.PortgroupNotFound as e:
            raise exception.InvalidParameterValue(err=str(e)) from None
    elif "portgroup_uuid" in values:
        values["portgroup_id"] = None
    del context


class PortsController(rest.RestController):
    """Port CRUD; ``parent`` marks the read-only nested collections."""

    _custom_actions: ClassVar[dict[str, list[str]]] = {"detail": ["GET"]}

    def __init__(self, parent: str | None = None) -> None:
        super().__init__()
        self._parent = parent

    def _list(self, parent_ident: str | None, params: dict[str, Any],
              detail: bool) -> dict[str, Any]:
        version = mv.requested()
        visible = convert.visible(port_type.PORT_FIELDS, version)
        fields = collection.fields_param(params.get("fields"), params.get("detail"),
                                         visible, port_type.PORT_BY_NAME)
        page = collection.paging(params.get("limit"), params.get("marker"),
                                 params.get("sort_key"), params.get("sort_dir"),
                                 sortable=SORTABLE)
        filters = self._filters(parent_ident, params, version)
        group_filters, keep = conductor_groups(params, version)
        filters.update(group_filters)
        shown = fields or (visible if detail else port_type.PORT_LIST_FIELDS)

        def fetch(limit: int, marker: str | None) -> list[Any]:
            return objects.Port.list(pecan.request.context, limit=limit,  # type: ignore[no-any-return]
                                     marker=marker, sort_key=page.sort_key,
                                     sort_dir=page.sort_dir, filters=filters)
        ports = (fetch(page.limit, page.marker) if keep is None
                 else collection.filtered_list(fetch, keep, page))
        base = links.base_url()
        items = [convert.to_api(p, shown, base=base, resource="ports") for p in ports]
        return {"ports": items, **collection.next_link(base, "ports", items, page)}

    def _filters(self, parent_ident: str | None, params: dict[str, Any],
                 version: mv.Version) -> dict[str, Any]:
        filters: dict[str, Any] = {}
        node_ident = params.get("node") or params.get("node_uuid")
        if self._parent == "node":
            node_ident = parent_ident
        if node_ident:
            filters["node_id"] = loaders.node(node_ident).id
        group = params.get("portgroup") or (parent_ident if self._parent == "portgroup"
                                            else None)
        if group and self._parent == "portgroup":
            if version < mv.PORTGROUP_SUBRESOURCES:
                raise exception.NotFound("The API is not supported for this version")
        elif group:
            mv.require(mv.PORTGROUPS)
        if group:
            filters["portgroup_id"] = loaders.portgroup(group).id
        if params.get("address"):
            filters["address"] = normalize_mac(params["address"])
        if params.get("shard"):
            if version < mv.SHARDS:
                raise mv.not_acceptable(mv.SHARDS)
            filters["shard"] = params["shard"].split(",")
        return filters

    @expose.json()
    def get_all(self, *parent: str, **params: Any) -> dict[str, Any]:
        """List ports."""
        policy.authorize("baremetal:port:list")
        collection.check_params(params, LIST_PARAMS)
        detail = params.get("detail")
        is_detail = detail is not None and collection.as_bool("detail", detail)
        return self._list(parent[0] if parent else None, params, is_detail)

    @expose.json()
    def detail(self, *parent: str, **params: Any) -> dict[str, Any]:
        """List ports with every field."""
        policy.authorize("baremetal:port:list")
        collection.check_params(params, LIST_PARAMS - {"fields", "detail"})
        return self._list(parent[0] if parent else None, params, True)

    @expose.json()
    def get_one(self, *args: str, **params: Any) -> dict[str, Any]:
        """Show one port."""
        policy.authorize("baremetal:port:get")
        collection.check_params(params, ("fields",))
        if self._parent:
            raise exception.HTTPForbidden(resource="nested port")
        wanted = collection.fields_param(
            params.get("fields"), None, convert.visible(port_type.PORT_FIELDS, mv.requested()),
            port_type.PORT_BY_NAME)
        return render(loaders.port(_ident(args)), wanted)

    @expose.json(status=201)
    def post(self, *parent: str) -> dict[str, Any]:
        """Create a port on a node."""
        policy.authorize("baremetal:port:create")
        if self._parent:
            raise exception.HTTPForbidden(resource="nested port")
        body = expose.body()
        if not isinstance(body, dict):
            raise exception.Invalid("Schema error for port: the body must be an object")
        self._check_versions(body)
        schemas.validate(CREATE_VALIDATOR, body, "port")
        values = {k: v for k, v in body.items() if v is not None}
        node_ident = values.pop("node_uuid", None) or values.pop("node", None)
        if node_ident is None:
            raise exception.Invalid("Schema error for port: 'node_uuid' is a required "
                                    "property")
        values["address"] = normalize_mac(values["address"])
        if values.get("uuid") is None:
            values["uuid"] = uuidutils.generate_uuid()
        elif not uuidutils.is_uuid_like(values["uuid"]):
            raise exception.InvalidUUID(f"Expected UUID for uuid: {values['uuid']}")
        _ids(values, node_ident)
        context = pecan.request.context
        port = objects.Port(context, **values)
        rpcapi = pecan.request.rpcapi
        node = objects.Node.get_by_id(context, values["node_id"])
        created = rpcapi.create_port(context, port, topic=rpcapi.get_topic_for(node))
        pecan.response.location = f"{links.base_url()}/v1/ports/{created.uuid}"
        return render(created)

    @staticmethod
    def _check_versions(body: dict[str, Any]) -> None:
        version = mv.requested()
        if "node" in body and version < mv.PORT_NODE_NAME:
            raise exception.NotAcceptable()
        for name in body:
            field = port_type.PORT_BY_NAME.get(name)
            if field is not None and field.since > version:
                raise exception.NotAcceptable()

    @expose.json()
    def patch(self, *args: str) -> dict[str, Any]:
        """Update a port with a JSON patch."""
        policy.authorize("baremetal:port:update")
        if self._parent:
            raise exception.HTTPForbidden(resource="nested port")
        version = mv.requested()
        ops = expose.body()
        touched = json_patch.check(ops, port_type.PORT_BY_NAME, version)
        port = loaders.port(_ident(args))
        current = {n: convert.value_of(port, n) for n in touched}
        current = {n: ({} if v is None and n in _DICTS else v) for n, v in current.items()}
        patched = json_patch.apply(current, ops, _DICTS)
        schemas.validate(PATCHED_VALIDATOR, patched, "port")
        self._update(port, patched)
        rpcapi = pecan.request.rpcapi
        node = objects.Node.get_by_id(pecan.request.context, port.node_id)
        return render(rpcapi.update_port(pecan.request.context, port,
                                         topic=rpcapi.get_topic_for(node)))

    @staticmethod
    def _update(port: Any, patched: dict[str, Any]) -> None:
        values = dict(patched)
        if "address" in values:
            values["address"] = normalize_mac(values["address"])
        node_ident = values.pop("node_uuid", None)
        if "node_uuid" in patched and node_ident is None:
            raise exception.Invalid("Schema error for port: node_uuid can not be removed")
        _ids(values, node_ident)
        for name, value in values.items():
            if value is None and name in _DICTS:
                value = {}
            if not port.obj_attr_is_set(name) or getattr(port, name) != value:
                setattr(port, name, value)

    @expose.json(status=204)
    def delete(self, *args: str) -> None:
        """Delete a port."""
        policy.authorize("baremetal:port:delete")
        if self._parent:
            raise exception.HTTPForbidden(resource="nested port")
        port = loaders.port(_ident(args))
        rpcapi = pecan.request.rpcapi
        node = objects.Node.get_by_id(pecan.request.context, port.node_id)
        rpcapi.destroy_port(pecan.request.context, port, topic=rpcapi.get_topic_for(node))
