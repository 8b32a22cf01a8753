"""``/v1/allocations`` (1.52) and ``/v1/nodes/{node}/allocation``.

Creating an allocation stores it and returns at once in state ``allocating``;
a conductor picks the node (clients poll, e.g. openstacksdk's
``wait_for_allocation``). With ``node`` (1.58) the allocation is backfilled for
an already deployed node and returned ``active``. PATCH (1.57) changes only
``name`` and ``extra``; ``owner`` arrived in 1.60.
"""
from __future__ import annotations

from typing import Any

import pecan
from oslo_utils import uuidutils
from pecan import rest

from ironic import objects
from ironic.api import collection, expose, links, loaders, policy, schemas
from ironic.api import microversions as mv
from ironic.api import patch as json_patch
from ironic.api.convert import resource as convert
from ironic.api.schemas import allocation as allocation_schemas
from ironic.api.types import allocation as types
from ironic.common import exception

LIST_PARAMS = frozenset({"node", "resource_class", "state", "owner", "limit",
                         "marker", "sort_key", "sort_dir", "fields"})
"""Every query parameter of ``GET /v1/allocations``."""

SORTABLE = frozenset({"id", "uuid", "name", "state", "resource_class", "owner",
                      "created_at", "updated_at"})


def _require(changes: bool = False) -> None:
    """Below 1.52 the resource does not exist: 404 to read, 405 to change."""
    if not mv.supports(mv.ALLOCATIONS):
        if changes:
            raise exception.NotAllowedAtVersion(what="allocations")
        raise exception.NotFound("The API version does not allow allocations")


def load(ident: str) -> Any:
    """The allocation named by UUID or name.

    :raises: AllocationNotFound (404)
    """
    context = pecan.request.context
    if uuidutils.is_uuid_like(ident):
        return objects.Allocation.get_by_uuid(context, ident)
    return objects.Allocation.get_by_name(context, ident)


def render(allocation: Any, fields: Any = None) -> dict[str, Any]:
    """The API dict of one allocation at the request's version."""
    names = fields or convert.visible(types.ALLOCATION_FIELDS, mv.requested())
    return convert.to_api(allocation, names, base=links.base_url(),
                          resource="allocations")


def _wanted_fields(params: dict[str, Any]) -> list[str] | None:
    return collection.fields_param(
        params.get("fields"), None,
        convert.visible(types.ALLOCATION_FIELDS, mv.requested()),
        types.ALLOCATION_BY_NAME)


def _node_uuids(idents: list[str]) -> list[str]:
    """Candidate node names or UUIDs -> UUIDs.

    :raises: InvalidParameterValue naming the nodes that do not exist.
    """
    found, missing = [], []
    for ident in idents:
        try:
            found.append(loaders.node(ident).uuid)
        except (exception.NodeNotFound, exception.InvalidUUID):
            missing.append(ident)
    if missing:
        raise exception.InvalidParameterValue(
            err=f"Nodes cannot be found: {', '.join(missing)}")
    return list(dict.fromkeys(found))


def _check_create(body: Any) -> dict[str, Any]:
    """Validate a POST body for the request's version; return stored values."""
    if not isinstance(body, dict):
        raise exception.Invalid("Schema error for allocation: the body must be an object")
    if body.get("owner") is not None and not mv.supports(mv.ALLOCATION_OWNER):
        raise exception.NotAcceptable()
    if "node" in body and not mv.supports(mv.ALLOCATION_BACKFILL):
        raise exception.Invalid("Schema error for allocation: Additional properties "
                                "are not allowed ('node' was unexpected)")
    schemas.validate(allocation_schemas.ALLOCATION_CREATE, body, "allocation")
    values = {k: v for k, v in body.items() if v is not None}
    if not values.get("resource_class") and not values.get("node"):
        raise exception.Invalid("The resource_class field is mandatory when not "
                                "backfilling")
    name = values.get("name")
    if name is not None and not loaders.is_valid_name(name):
        raise exception.Invalid(f"Cannot create allocation with invalid name '{name}'")
    uuid = values.get("uuid")
    if uuid is not None and not uuidutils.is_uuid_like(uuid):
        raise exception.InvalidUUID(f"Expected UUID for uuid: {uuid}")
    if values.get("candidate_nodes"):
        values["candidate_nodes"] = _node_uuids(values["candidate_nodes"])
    values.setdefault("traits", [])
    values.setdefault("candidate_nodes", [])
    values.setdefault("extra", {})
    return values


class AllocationsController(rest.RestController):
    """Allocation CRUD."""

    @expose.json()
    def get_all(self, **params: Any) -> dict[str, Any]:
        """List allocations (every field unless ``fields`` is given)."""
        policy.authorize("baremetal:allocation:list")
        _require()
        collection.check_params(params, LIST_PARAMS)
        fields = _wanted_fields(params)
        page = collection.paging(params.get("limit"), params.get("marker"),
                                 params.get("sort_key"), params.get("sort_dir"),
                                 sortable=SORTABLE)
        filters: dict[str, Any] = {}
        for key in ("resource_class", "state", "owner"):
            if params.get(key):
                filters[key] = params[key]
        if "owner" in filters and not mv.supports(mv.ALLOCATION_OWNER):
            raise exception.NotAcceptable()
        if params.get("node"):
            try:
                filters["node_id"] = loaders.node(params["node"]).id
            except exception.NodeNotFound as e:
                raise exception.InvalidParameterValue(err=str(e)) from None
        found = objects.Allocation.list(
            pecan.request.context, limit=page.limit, marker=page.marker,
            sort_key=page.sort_key, sort_dir=page.sort_dir, filters=filters)
        base = links.base_url()
        items = [render(a, fields) for a in found]
        return {"allocations": items,
                **collection.next_link(base, "allocations", items, page)}

    @expose.json()
    def get_one(self, ident: str, **params: Any) -> dict[str, Any]:
        """Show one allocation."""
        policy.authorize("baremetal:allocation:get")
        _require()
        collection.check_params(params, ("fields",))
        return render(load(ident), _wanted_fields(params))

    @expose.json(status=201)
    def post(self) -> dict[str, Any]:
        """Create an allocation; a conductor picks (or backfills) the node."""
        policy.authorize("baremetal:allocation:create")
        _require(changes=True)
        values = _check_create(expose.body())
        node_ident = values.pop("node", None)
        if node_ident is not None:
            try:
                values["node_id"] = loaders.node(node_ident).id
            except exception.NodeNotFound as e:
                raise exception.InvalidParameterValue(err=str(e)) from None
        allocation = objects.Allocation(pecan.request.context, **values)
        rpcapi = pecan.request.rpcapi
        created = rpcapi.create_allocation(pecan.request.context, allocation,
                                           topic=rpcapi.get_random_topic())
        pecan.response.location = f"{links.base_url()}/v1/allocations/{created.uuid}"
        return render(created)

    @expose.json()
    def patch(self, ident: str) -> dict[str, Any]:
        """Change ``name`` or ``extra`` (1.57; a plain DB edit)."""
        policy.authorize("baremetal:allocation:update")
        _require(changes=True)
        if not mv.supports(mv.ALLOCATION_UPDATE):
            raise exception.NotAllowedAtVersion(what="updating allocations")
        ops = expose.body()
        touched = json_patch.check(ops, types.ALLOCATION_BY_NAME, mv.requested())
        allocation = load(ident)
        current = {n: convert.value_of(allocation, n) for n in touched}
        patched = json_patch.apply(current, ops, ("extra",))
        schemas.validate(allocation_schemas.ALLOCATION_PATCHED, patched, "allocation")
        name = patched.get("name")
        if name is not None and not loaders.is_valid_name(name):
            raise exception.Invalid(f"Cannot update allocation with invalid name "
                                    f"'{name}'")
        for key, value in patched.items():
            setattr(allocation, key, {} if value is None and key == "extra" else value)
        allocation.save(update_node=False)
        return render(allocation)

    @expose.json(status=204)
    def delete(self, ident: str) -> None:
        """Delete an allocation and free its node (409 while the node is active)."""
        policy.authorize("baremetal:allocation:delete")
        _require(changes=True)
        destroy(load(ident))


def destroy(allocation: Any) -> None:
    """Ask the conductor of the allocation's node (or any) to delete it."""
    rpcapi = pecan.request.rpcapi
    context = pecan.request.context
    topic = None
    if allocation.node_id is not None:
        try:
            topic = rpcapi.get_topic_for(objects.Node.get_by_id(context,
                                                                allocation.node_id))
        except (exception.NodeNotFound, exception.NoValidHost):
            topic = None
    rpcapi.destroy_allocation(context, allocation,
                              topic=topic or rpcapi.get_random_topic())


class NodeAllocationController(rest.RestController):
    """``GET/DELETE /v1/nodes/{node}/allocation``: the node's allocation."""

    def _of(self, node_ident: str) -> Any:
        _require()
        node = loaders.node(node_ident)
        if node.allocation_id is None:
            raise exception.AllocationNotFound(f"Allocation for node {node_ident} "
                                               f"was not found")
        return objects.Allocation.get_by_id(pecan.request.context, node.allocation_id)

    @expose.json()
    def get_all(self, node_ident: str, **params: Any) -> dict[str, Any]:
        """Show the node's allocation."""
        policy.authorize("baremetal:allocation:get")
        collection.check_params(params, ("fields",))
        return render(self._of(node_ident), _wanted_fields(params))

    @expose.json(status=204)
    def delete(self, node_ident: str) -> None:
        """Delete the node's allocation."""
        policy.authorize("baremetal:allocation:delete")
        destroy(self._of(node_ident))
