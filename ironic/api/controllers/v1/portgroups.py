"""``/v1/portgroups`` (1.23) and the read-only ``/v1/nodes/{node}/portgroups``."""
from __future__ import annotations

from typing import Any, ClassVar

import pecan
from oslo_utils import uuidutils
from pecan import rest

from ironic import objects
from ironic.api import collection, expose, links, loaders, policy, schemas
from ironic.api import microversions as mv
from ironic.api import patch as json_patch
from ironic.api.controllers.v1 import ports as ports_ctl
from ironic.api.convert import resource as convert
from ironic.api.types import port as port_type
from ironic.common import exception

_DICTS = ("extra", "internal_info", "properties")
_PROPS = {
    "uuid": {"type": ["string", "null"]},
    "name": schemas.NULLABLE_STRING,
    "address": {"type": ["string", "null"]},
    "node_uuid": {"type": "string"},
    "extra": schemas.NULLABLE_OBJECT,
    "standalone_ports_supported": schemas.NULLABLE_BOOL,
    "mode": schemas.NULLABLE_STRING,
    "properties": schemas.NULLABLE_OBJECT,
    "physical_network": {"type": ["string", "null"], "maxLength": 64},
    "category": {"type": ["string", "null"], "maxLength": 80},
}
CREATE_VALIDATOR = schemas.compile({"type": "object", "properties": _PROPS,
                                    "required": ["node_uuid"],
                                    "additionalProperties": False})
PATCHED_VALIDATOR = schemas.compile({"type": "object", "properties": _PROPS})
SORTABLE = frozenset({"id", "uuid", "name", "address", "created_at", "updated_at", "mode"})


def render(group: Any, fields: Any = None) -> dict[str, Any]:
    """The API dict of one portgroup at the request's version."""
    version = mv.requested()
    names = fields or convert.visible(port_type.PORTGROUP_FIELDS, version)
    result = convert.to_api(group, names, base=links.base_url(), resource="portgroups")
    if not fields:
        result["ports"] = links.pair(links.base_url(), "portgroups", f"{group.uuid}/ports")
    return result


def require_portgroups(parent: str | None = None) -> None:
    """404 (as Ironic answers) below 1.23, or below 1.24 for nested collections."""
    since = mv.PORTGROUP_SUBRESOURCES if parent else mv.PORTGROUPS
    if not mv.supports(since):
        raise exception.NotFound("The API is not supported for this version")


LIST_PARAMS = frozenset({"node", "address", "shard", "conductor_groups",
                         "conductor_group", "limit", "marker", "sort_key", "sort_dir",
                         "fields", "detail"})
"""Every query parameter of ``GET /v1/portgroups``."""


class PortgroupsController(rest.RestController):
    """Portgroup CRUD; ``parent`` marks the read-only nested collection."""

    _custom_actions: ClassVar[dict[str, list[str]]] = {"detail": ["GET"]}

    def __init__(self, parent: str | None = None) -> None:
        super().__init__()
        self._parent = parent
        if parent is None:
            self.ports = ports_ctl.PortsController(parent="portgroup")

    def _list(self, parent: tuple[str, ...], params: dict[str, Any], detail: bool) -> Any:
        require_portgroups(self._parent)
        version = mv.requested()
        visible = convert.visible(port_type.PORTGROUP_FIELDS, version)
        fields = collection.fields_param(params.get("fields"), params.get("detail"),
                                         visible, port_type.PORTGROUP_BY_NAME)
        page = collection.paging(params.get("limit"), params.get("marker"),
                                 params.get("sort_key"), params.get("sort_dir"),
                                 sortable=SORTABLE)
        filters: dict[str, Any] = {}
        node_ident = parent[0] if parent else params.get("node")
        if node_ident:
            filters["node_id"] = loaders.node(node_ident).id
        if params.get("address"):
            filters["address"] = ports_ctl.normalize_mac(params["address"])
        if params.get("shard"):
            if version < mv.PORTGROUP_SHARD_FILTER:
                raise mv.not_acceptable(mv.PORTGROUP_SHARD_FILTER)
            filters["shard"] = params["shard"].split(",")
        group_filters, keep = ports_ctl.conductor_groups(params, version)
        filters.update(group_filters)
        shown = fields or (visible if detail else port_type.PORTGROUP_LIST_FIELDS)

        def fetch(limit: int, marker: str | None) -> list[Any]:
            return objects.Portgroup.list(  # type: ignore[no-any-return]
                pecan.request.context, limit=limit, marker=marker,
                sort_key=page.sort_key, sort_dir=page.sort_dir, filters=filters)
        groups = (fetch(page.limit, page.marker) if keep is None
                  else collection.filtered_list(fetch, keep, page))
        base = links.base_url()
        items = [convert.to_api(g, shown, base=base, resource="portgroups") for g in groups]
        return {"portgroups": items, **collection.next_link(base, "portgroups", items, page)}

    @expose.json()
    def get_all(self, *parent: str, **params: Any) -> dict[str, Any]:
        """List portgroups."""
        policy.authorize("baremetal:portgroup:list")
        collection.check_params(params, LIST_PARAMS)
        detail = params.get("detail")
        return self._list(parent, params,
                          detail is not None and collection.as_bool("detail", detail))

    @expose.json()
    def detail(self, *parent: str, **params: Any) -> dict[str, Any]:
        """List portgroups with every field."""
        policy.authorize("baremetal:portgroup:list")
        collection.check_params(params, LIST_PARAMS - {"fields", "detail"})
        return self._list(parent, params, True)

    @expose.json()
    def get_one(self, *args: str, **params: Any) -> dict[str, Any]:
        """Show one portgroup."""
        policy.authorize("baremetal:portgroup:get")
        collection.check_params(params, ("fields",))
        require_portgroups(self._parent)
        if self._parent:
            raise exception.HTTPForbidden(resource="nested portgroup")
        wanted = collection.fields_param(
            params.get("fields"), None, convert.visible(port_type.PORTGROUP_FIELDS, mv.requested()),
            port_type.PORTGROUP_BY_NAME)
        return render(loaders.portgroup(ports_ctl._ident(args, "portgroup_ident")), wanted)

    @expose.json(status=201)
    def post(self, *parent: str) -> dict[str, Any]:
        """Create a portgroup."""
        policy.authorize("baremetal:portgroup:create")
        require_portgroups(self._parent)
        if self._parent:
            raise exception.HTTPForbidden(resource="nested portgroup")
        body = expose.body()
        if not isinstance(body, dict):
            raise exception.Invalid("Schema error for portgroup: the body must be an object")
        for name in body:
            field = port_type.PORTGROUP_BY_NAME.get(name)
            if field is not None and field.since > mv.requested():
                raise exception.NotAcceptable()
        schemas.validate(CREATE_VALIDATOR, body, "portgroup")
        values = {k: v for k, v in body.items() if v is not None}
        if values.get("address") is not None:
            values["address"] = ports_ctl.normalize_mac(values["address"])
        if values.get("uuid") is None:
            values["uuid"] = uuidutils.generate_uuid()
        elif not uuidutils.is_uuid_like(values["uuid"]):
            raise exception.InvalidUUID(f"Expected UUID for uuid: {values['uuid']}")
        try:
            values["node_id"] = loaders.node(values.pop("node_uuid")).id
        except exception.NodeNotFound as e:
            raise exception.InvalidParameterValue(err=str(e)) from None
        group = objects.Portgroup(pecan.request.context, **values)
        group.create()
        pecan.response.location = f"{links.base_url()}/v1/portgroups/{group.uuid}"
        return render(group)

    @expose.json()
    def patch(self, *args: str) -> dict[str, Any]:
        """Update a portgroup with a JSON patch."""
        policy.authorize("baremetal:portgroup:update")
        require_portgroups(self._parent)
        if self._parent:
            raise exception.HTTPForbidden(resource="nested portgroup")
        ops = expose.body()
        touched = json_patch.check(ops, port_type.PORTGROUP_BY_NAME, mv.requested())
        group = loaders.portgroup(ports_ctl._ident(args, "portgroup_ident"))
        current = {n: convert.value_of(group, n) for n in touched}
        patched = json_patch.apply(current, ops, _DICTS)
        schemas.validate(PATCHED_VALIDATOR, patched, "portgroup")
        if patched.get("address") is not None:
            patched["address"] = ports_ctl.normalize_mac(patched["address"])
        if "node_uuid" in patched:
            group.node_id = loaders.node(patched.pop("node_uuid")).id
        for name, value in patched.items():
            setattr(group, name, {} if value is None and name in _DICTS else value)
        rpcapi = pecan.request.rpcapi
        node = objects.Node.get_by_id(pecan.request.context, group.node_id)
        return render(rpcapi.update_portgroup(pecan.request.context, group,
                                              topic=rpcapi.get_topic_for(node)))

    @expose.json(status=204)
    def delete(self, *args: str) -> None:
        """Delete a portgroup (409 while it has ports)."""
        policy.authorize("baremetal:portgroup:delete")
        require_portgroups(self._parent)
        if self._parent:
            raise exception.HTTPForbidden(resource="nested portgroup")
        group = loaders.portgroup(ports_ctl._ident(args, "portgroup_ident"))
        rpcapi = pecan.request.rpcapi
        node = objects.Node.get_by_id(pecan.request.context, group.node_id)
        rpcapi.destroy_portgroup(pecan.request.context, group,
                                 topic=rpcapi.get_topic_for(node))
