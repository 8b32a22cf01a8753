"""``/v1/volume``: volume connectors and targets (1.32), top-level and nested
under ``/v1/nodes/{node}/volume``.

Both resources share one controller shape, parameterised by a :class:`Kind`.
Creation is a plain object create (the node only has to exist); updates and
deletions go through the node's conductor, which checks the node's power and
provision state.
"""
from __future__ import annotations

import dataclasses
from typing import Any, ClassVar

import pecan
from oslo_utils import uuidutils
from pecan import rest

from ironic import objects
from ironic.api import collection, expose, links, loaders, policy, schemas
from ironic.api import microversions as mv
from ironic.api import patch as json_patch
from ironic.api.convert import resource as convert
from ironic.api.schemas import volume as volume_schema
from ironic.api.types import Field
from ironic.api.types import volume as volume_type
from ironic.common import exception

_DICTS = ("extra", "properties")
_LIST_PARAMS = frozenset({"node", "project", "limit", "marker", "sort_key", "sort_dir",
                          "fields", "detail"})
_NOT_SUPPORTED = "The API is not supported for this version"


@dataclasses.dataclass(frozen=True)
class Kind:
    """Everything that differs between connectors and targets."""

    collection: str
    """Key of the list in answers and last path segment (``connectors``)."""
    what: str
    """Name used in schema errors and policy rules (``connector``)."""
    object_class: str
    """Name of the versioned object class."""
    fields: tuple[Field, ...]
    by_name: dict[str, Field]
    list_fields: tuple[str, ...]
    sortable: frozenset[str]
    create_schema: Any
    patched_schema: Any

    @property
    def resource(self) -> str:
        """The path under /v1 of the top-level collection."""
        return f"volume/{self.collection}"

    def objects(self) -> Any:
        """The versioned object class."""
        return getattr(objects, self.object_class)


CONNECTORS = Kind("connectors", "connector", "VolumeConnector",
                  volume_type.CONNECTOR_FIELDS, volume_type.CONNECTOR_BY_NAME,
                  volume_type.CONNECTOR_LIST_FIELDS, volume_type.CONNECTOR_SORTABLE,
                  volume_schema.CONNECTOR_CREATE, volume_schema.CONNECTOR_PATCHED)
TARGETS = Kind("targets", "target", "VolumeTarget",
               volume_type.TARGET_FIELDS, volume_type.TARGET_BY_NAME,
               volume_type.TARGET_LIST_FIELDS, volume_type.TARGET_SORTABLE,
               volume_schema.TARGET_CREATE, volume_schema.TARGET_PATCHED)


def _require_volume() -> None:
    if not mv.supports(mv.VOLUME):
        raise exception.NotFound(_NOT_SUPPORTED)


def _node_for_body(ident: Any) -> Any:
    """The node a body's ``node_uuid`` names (400 when it does not exist)."""
    if not isinstance(ident, str) or not uuidutils.is_uuid_like(ident):
        raise exception.InvalidUUID(f"Expected UUID for node_uuid: {ident}")
    try:
        return objects.Node.get_by_uuid(pecan.request.context, ident)
    except exception.NodeNotFound:
        raise exception.InvalidParameterValue(
            err=f"Invalid input for field/attribute node_uuid. Value: '{ident}'. "
                "The node does not exist.") from None


class VolumeItemsController(rest.RestController):
    """CRUD of one kind; ``nested`` marks ``/v1/nodes/{node}/volume/<kind>``."""

    _custom_actions: ClassVar[dict[str, list[str]]] = {"detail": ["GET"]}

    def __init__(self, kind: Kind, nested: bool = False) -> None:
        super().__init__()
        self.kind = kind
        self.nested = nested

    # --- helpers -----------------------------------------------------------

    def _rule(self, action: str) -> str:
        return f"baremetal:volume:{action}"

    def _render(self, obj: Any, fields: Any = None) -> dict[str, Any]:
        names = fields or convert.visible(self.kind.fields, mv.requested())
        return convert.to_api(obj, names, base=links.base_url(),
                              resource=self.kind.resource)

    def _load(self, ident: str) -> Any:
        if not uuidutils.is_uuid_like(ident):
            raise exception.InvalidUUID(f"Expected UUID for {self.kind.what}_uuid: "
                                        f"{ident}")
        return self.kind.objects().get_by_uuid(pecan.request.context, ident)

    def _check_not_nested(self, args: tuple[str, ...]) -> None:
        if self.nested:
            raise exception.Invalid("Malformed request URI.")
        if not args:
            raise exception.Invalid(
                f"Missing mandatory parameter: {self.kind.what}_uuid")

    def _list(self, parent: tuple[str, ...], params: dict[str, Any],
              detail: bool) -> dict[str, Any]:
        _require_volume()
        kind = self.kind
        visible = convert.visible(kind.fields, mv.requested())
        fields = collection.fields_param(params.get("fields"), params.get("detail"),
                                         visible, kind.by_name)
        page = collection.paging(params.get("limit"), params.get("marker"),
                                 params.get("sort_key"), params.get("sort_dir"),
                                 sortable=kind.sortable)
        node_ident = parent[0] if self.nested and parent else params.get("node")
        filters = {}
        if node_ident:
            filters["node_id"] = loaders.node(node_ident).id
        if params.get("project"):
            filters["project"] = params["project"]
        found = kind.objects().list(pecan.request.context, limit=page.limit,
                                    marker=page.marker, sort_key=page.sort_key,
                                    sort_dir=page.sort_dir, filters=filters)
        shown = fields or (visible if detail else kind.list_fields)
        base = links.base_url()
        items = [convert.to_api(o, shown, base=base, resource=kind.resource)
                 for o in found]
        if fields and "uuid" not in fields and items:
            # The next link needs a marker even when uuid was not asked for.
            marker_items = [{"uuid": o.uuid} for o in found]
        else:
            marker_items = items
        return {kind.collection: items,
                **collection.next_link(base, kind.resource, marker_items, page)}

    # --- endpoints ---------------------------------------------------------

    @expose.json()
    def get_all(self, *parent: str, **params: Any) -> dict[str, Any]:
        """List connectors or targets (optionally of one node)."""
        policy.authorize(self._rule("list"))
        collection.check_params(params, _LIST_PARAMS)
        detail = params.get("detail")
        is_detail = detail is not None and collection.as_bool("detail", detail)
        return self._list(parent, params, is_detail)

    @expose.json()
    def detail(self, *parent: str, **params: Any) -> dict[str, Any]:
        """List with every field."""
        policy.authorize(self._rule("list"))
        collection.check_params(params, _LIST_PARAMS - {"fields", "detail"})
        return self._list(parent, params, True)

    @expose.json()
    def get_one(self, *args: str, **params: Any) -> dict[str, Any]:
        """Show one connector or target."""
        policy.authorize(self._rule("get"))
        collection.check_params(params, ("fields",))
        _require_volume()
        self._check_not_nested(args)
        wanted = collection.fields_param(
            params.get("fields"), None,
            convert.visible(self.kind.fields, mv.requested()), self.kind.by_name)
        return self._render(self._load(args[-1]), wanted)

    @expose.json(status=201)
    def post(self, *args: str) -> dict[str, Any]:
        """Create a connector or target on an existing node."""
        policy.authorize(self._rule("create"))
        _require_volume()
        if self.nested:
            raise exception.Invalid("Malformed request URI.")
        body = expose.body()
        schemas.validate(self.kind.create_schema, body, self.kind.what)
        values = {k: v for k, v in body.items() if v is not None}
        for name in _DICTS:
            if name in self.kind.by_name:
                values.setdefault(name, {})
        node = _node_for_body(values.pop("node_uuid"))
        values["node_id"] = node.id
        uuid = values.get("uuid")
        if uuid is None:
            values["uuid"] = uuidutils.generate_uuid()
        elif not uuidutils.is_uuid_like(uuid):
            raise exception.InvalidUUID(f"Expected UUID for uuid: {uuid}")
        created = self.kind.objects()(pecan.request.context, **values)
        created.create()
        location = f"{links.base_url()}/v1/{self.kind.resource}/{created.uuid}"
        pecan.response.location = location
        return self._render(created)

    @expose.json()
    def patch(self, *args: str) -> dict[str, Any]:
        """Update with a JSON patch; the conductor checks the node's state."""
        policy.authorize(self._rule("update"))
        _require_volume()
        self._check_not_nested(args)
        ops = expose.body()
        touched = json_patch.check(ops, self.kind.by_name, mv.requested())
        obj = self._load(args[-1])
        current = {n: convert.value_of(obj, n) for n in self.kind.by_name
                   if self.kind.by_name[n].patch}
        current = {n: ({} if v is None and n in _DICTS else v) for n, v in current.items()}
        patched = json_patch.apply(current, ops, _DICTS)
        schemas.validate(self.kind.patched_schema, patched, self.kind.what)
        for name in touched:
            value = patched.get(name)
            if name == "node_uuid":
                obj.node_id = _node_for_body(value).id
            elif value != current.get(name):
                setattr(obj, name, {} if value is None and name in _DICTS else value)
        rpcapi = pecan.request.rpcapi
        node = objects.Node.get_by_id(pecan.request.context, obj.node_id)
        method = getattr(rpcapi, f"update_volume_{self.kind.what}")
        return self._render(method(pecan.request.context, obj,
                                   topic=rpcapi.get_topic_for(node)))

    @expose.json(status=204)
    def delete(self, *args: str) -> None:
        """Delete; the conductor checks the node's state."""
        policy.authorize(self._rule("delete"))
        _require_volume()
        self._check_not_nested(args)
        obj = self._load(args[-1])
        rpcapi = pecan.request.rpcapi
        node = objects.Node.get_by_id(pecan.request.context, obj.node_id)
        method = getattr(rpcapi, f"destroy_volume_{self.kind.what}")
        method(pecan.request.context, obj, topic=rpcapi.get_topic_for(node))


class VolumeController(rest.RestController):
    """``GET /v1/volume``: links to connectors and targets."""

    connectors = VolumeItemsController(CONNECTORS)
    targets = VolumeItemsController(TARGETS)

    @expose.json()
    def get(self, *remainder: str) -> dict[str, Any]:
        """The volume discovery document."""
        policy.authorize("baremetal:volume:get")
        _require_volume()
        if remainder:
            pecan.abort(404)
        base = links.base_url()
        return {"links": links.pair(base, "volume"),
                "connectors": links.pair(base, "volume", "connectors"),
                "targets": links.pair(base, "volume", "targets")}
