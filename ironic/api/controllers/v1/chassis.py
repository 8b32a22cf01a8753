"""``/v1/chassis`` and its read-only ``/v1/chassis/{uuid}/nodes``."""
from __future__ import annotations

from typing import Any, ClassVar

import pecan
from oslo_utils import uuidutils
from pecan import rest

from ironic import objects
from ironic.api import collection, expose, links, loaders, policy, schemas
from ironic.api import microversions as mv
from ironic.api import patch as json_patch
from ironic.api.controllers.v1 import nodes
from ironic.api.convert import resource as convert
from ironic.api.types import port as types
from ironic.common import exception

_PROPS = {"uuid": {"type": ["string", "null"]},
          "description": {"type": ["string", "null"], "maxLength": 255},
          "extra": schemas.NULLABLE_OBJECT}
CREATE_VALIDATOR = schemas.compile({"type": "object", "properties": _PROPS,
                                    "additionalProperties": False})
_LIST_PARAMS = frozenset({"limit", "marker", "sort_key", "sort_dir", "fields",
                          "detail"})
SORTABLE = frozenset({"id", "uuid", "description", "created_at", "updated_at"})


def render(chassis: Any, fields: Any = None) -> dict[str, Any]:
    """The API dict of one chassis."""
    names = fields or convert.visible(types.CHASSIS_FIELDS, mv.requested())
    base = links.base_url()
    result = convert.to_api(chassis, names, base=base, resource="chassis")
    if not fields:
        result["nodes"] = links.pair(base, "chassis", f"{chassis.uuid}/nodes")
    return result


class ChassisNodesController(rest.RestController):
    """``GET /v1/chassis/{uuid}/nodes``: the node list, restricted to a chassis."""

    @expose.json()
    def get_all(self, chassis_uuid: str, **params: Any) -> dict[str, Any]:
        """List the chassis' nodes; accepts the node list's parameters."""
        policy.authorize("baremetal:node:list")
        chassis = loaders.chassis(chassis_uuid)
        return nodes.NodesController().list_for(
            params, filters={"chassis_uuid": chassis.uuid},
            resource=f"chassis/{chassis.uuid}/nodes")


class ChassisController(rest.RestController):
    """Chassis CRUD."""

    _custom_actions: ClassVar[dict[str, list[str]]] = {"detail": ["GET"]}
    nodes = ChassisNodesController()

    def _list(self, params: dict[str, Any], detail: bool) -> dict[str, Any]:
        visible = convert.visible(types.CHASSIS_FIELDS, mv.requested())
        fields = collection.fields_param(params.get("fields"), params.get("detail"),
                                         visible, types.CHASSIS_BY_NAME)
        page = collection.paging(params.get("limit"), params.get("marker"),
                                 params.get("sort_key"), params.get("sort_dir"),
                                 sortable=SORTABLE)
        found = objects.Chassis.list(pecan.request.context, limit=page.limit,
                                     marker=page.marker, sort_key=page.sort_key,
                                     sort_dir=page.sort_dir)
        shown = fields or (visible if detail else types.CHASSIS_LIST_FIELDS)
        base = links.base_url()
        items = [convert.to_api(c, shown, base=base, resource="chassis") for c in found]
        return {"chassis": items, **collection.next_link(base, "chassis", items, page)}

    @expose.json()
    def get_all(self, **params: Any) -> dict[str, Any]:
        """List chassis."""
        policy.authorize("baremetal:chassis:get")
        collection.check_params(params, _LIST_PARAMS)
        detail = params.get("detail")
        return self._list(params, detail is not None and collection.as_bool("detail", detail))

    @expose.json()
    def detail(self, **params: Any) -> dict[str, Any]:
        """List chassis with every field."""
        policy.authorize("baremetal:chassis:get")
        collection.check_params(params, _LIST_PARAMS - {"fields", "detail"})
        return self._list(params, True)

    @expose.json()
    def get_one(self, chassis_uuid: str, **params: Any) -> dict[str, Any]:
        """Show one chassis."""
        policy.authorize("baremetal:chassis:get")
        collection.check_params(params, ("fields",))
        wanted = collection.fields_param(
            params.get("fields"), None, convert.visible(types.CHASSIS_FIELDS, mv.requested()),
            types.CHASSIS_BY_NAME)
        return render(loaders.chassis(chassis_uuid), wanted)

    @expose.json(status=201)
    def post(self) -> dict[str, Any]:
        """Create a chassis."""
        policy.authorize("baremetal:chassis:create")
        body = expose.body()
        schemas.validate(CREATE_VALIDATOR, body, "chassis")
        values = {k: v for k, v in body.items() if v is not None}
        if values.get("uuid") is None:
            values["uuid"] = uuidutils.generate_uuid()
        elif not uuidutils.is_uuid_like(values["uuid"]):
            raise exception.InvalidUUID(f"Expected UUID for uuid: {values['uuid']}")
        chassis = objects.Chassis(pecan.request.context, **values)
        chassis.create()
        pecan.response.location = f"{links.base_url()}/v1/chassis/{chassis.uuid}"
        return render(chassis)

    @expose.json()
    def patch(self, chassis_uuid: str) -> dict[str, Any]:
        """Update a chassis with a JSON patch (a plain DB edit)."""
        policy.authorize("baremetal:chassis:update")
        ops = expose.body()
        touched = json_patch.check(ops, types.CHASSIS_BY_NAME, mv.requested())
        chassis = loaders.chassis(chassis_uuid)
        current = {n: convert.value_of(chassis, n) for n in touched}
        patched = json_patch.apply(current, ops, ("extra",))
        schemas.validate(CREATE_VALIDATOR, patched, "chassis")
        for name, value in patched.items():
            setattr(chassis, name, {} if value is None and name == "extra" else value)
        chassis.save()
        return render(chassis)

    @expose.json(status=204)
    def delete(self, chassis_uuid: str) -> None:
        """Delete a chassis (400 while nodes belong to it)."""
        policy.authorize("baremetal:chassis:delete")
        loaders.chassis(chassis_uuid).destroy()
