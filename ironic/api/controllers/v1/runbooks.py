"""``/v1/runbooks`` (1.92): named, ordered steps for manual cleaning and servicing.

A runbook's name is a trait (standard or ``CUSTOM_``); a node may run it only
when its traits include that name (:func:`for_node`). Steps name a driver
interface, a step, its arguments and an ``order``. A runbook with an owner
cannot be public.
"""
from __future__ import annotations

from typing import Any

import pecan
from oslo_utils import uuidutils

from ironic import objects
from ironic.api import collection, expose, links, policy, schemas
from ironic.api import microversions as mv
from ironic.api import patch as json_patch
from ironic.api.controllers.v1 import stored
from ironic.api.controllers.v1 import deploy_templates
from ironic.api.convert import resource as convert
from ironic.api.schemas import allocation as step_schemas
from ironic.api.types import allocation as types
from ironic.common import exception

LIST_PARAMS = frozenset({"limit", "marker", "sort_key", "sort_dir", "fields", "detail"})
"""Every query parameter of ``GET /v1/runbooks``."""

SORTABLE = frozenset({"id", "uuid", "name", "created_at", "updated_at"})
RUNBOOKS = mv.RUNBOOKS
_WHAT = "runbooks"
_PATCHABLE = ("name", "steps", "disable_ramdisk", "public", "owner", "extra")


def _require(changes: bool = False) -> None:
    """Below 1.92 the resource does not exist: 404 to read, 405 to change."""
    if not mv.supports(mv.RUNBOOKS):
        if changes:
            raise exception.NotAllowedAtVersion(what=_WHAT)
        raise exception.NotFound(f"The API version does not allow {_WHAT}")


def load(ident: str) -> Any:
    """The runbook named by UUID or name. :raises: RunbookNotFound"""
    context = pecan.request.context
    if uuidutils.is_uuid_like(ident):
        return objects.Runbook.get_by_uuid(context, ident)
    return objects.Runbook.get_by_name(context, ident)


def render(runbook: Any, fields: Any = None) -> dict[str, Any]:
    """The API dict of one runbook."""
    names = fields or convert.visible(types.RUNBOOK_FIELDS, mv.requested())
    return convert.to_api(runbook, names, base=links.base_url(), resource="runbooks")


def check_steps(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Normalise schema-valid steps (order as int) and refuse duplicates.

    Ironic reports duplicated runbook steps with its deploy template wording.

    :raises: InvalidParameterValue naming the duplicated interface and step.
    """
    as_template = [{**step, "priority": step["order"]} for step in steps]
    checked = deploy_templates.check_steps(as_template)
    return [{"interface": s["interface"], "step": s["step"], "args": s["args"],
             "order": s["priority"]} for s in checked]


def _check_owner(values: dict[str, Any]) -> None:
    if values.get("public") and values.get("owner"):
        raise exception.Invalid("There cannot be an owner for a public runbook")


def for_node(node: Any, ident: str) -> Any:
    """The runbook ``ident`` if the node's traits allow it (policy ``runbook:use``).

    :raises: RunbookNotFound (404); Invalid (400) when the runbook's name is
        not one of the node's traits.
    """
    runbook = load(ident)
    policy.authorize("baremetal:runbook:use", target={"runbook.owner": runbook.owner,
                                                      "runbook.public": runbook.public})
    traits = set(node.traits.get_trait_names()) if node.traits else set()
    if runbook.name not in traits:
        raise exception.Invalid(
            f"This runbook has not been approved for use on this node {node.uuid}. "
            f"Please ask an administrator to add it to your node traits.")
    return runbook


class RunbooksController(stored.StoredReadController):
    """Runbook CRUD."""

    _list_rule = "baremetal:runbook:get"
    _get_rule = "baremetal:runbook:get"
    _list_params = LIST_PARAMS
    _fields = types.RUNBOOK_FIELDS
    _by_name = types.RUNBOOK_BY_NAME
    _require = staticmethod(_require)
    _load = staticmethod(load)
    _render = staticmethod(render)

    def _list(self, params: dict[str, Any], detail: bool) -> dict[str, Any]:
        _require()
        visible = convert.visible(types.RUNBOOK_FIELDS, mv.requested())
        fields = collection.fields_param(params.get("fields"), params.get("detail"),
                                         visible, types.RUNBOOK_BY_NAME)
        page = collection.paging(params.get("limit"), params.get("marker"),
                                 params.get("sort_key"), params.get("sort_dir"),
                                 sortable=SORTABLE)
        found = objects.Runbook.list(
            pecan.request.context, limit=page.limit, marker=page.marker,
            sort_key=page.sort_key, sort_dir=page.sort_dir)
        shown = fields or (visible if detail else types.RUNBOOK_LIST_FIELDS)
        base = links.base_url()
        items = [convert.to_api(r, shown, base=base, resource="runbooks") for r in found]
        return {"runbooks": items, **collection.next_link(base, "runbooks", items, page)}

    @expose.json(status=201)
    def post(self) -> dict[str, Any]:
        """Create a runbook."""
        policy.authorize("baremetal:runbook:create")
        _require(changes=True)
        body = expose.body()
        schemas.validate(step_schemas.RUNBOOK_CREATE, body, "runbook")
        values = {k: v for k, v in body.items() if v is not None}
        values["steps"] = check_steps(values["steps"])
        _check_owner(values)
        values.setdefault("extra", {})
        if values.get("uuid") is None:
            values["uuid"] = uuidutils.generate_uuid()
        elif not uuidutils.is_uuid_like(values["uuid"]):
            raise exception.InvalidUUID(f"Expected UUID for uuid: {values['uuid']}")
        runbook = objects.Runbook(pecan.request.context, **values)
        runbook.create()
        pecan.response.location = f"{links.base_url()}/v1/runbooks/{runbook.uuid}"
        return render(runbook)

    @expose.json()
    def patch(self, ident: str) -> dict[str, Any]:
        """Change name, steps, flags, owner or extra with a JSON patch."""
        policy.authorize("baremetal:runbook:update")
        _require(changes=True)
        ops = expose.body()
        json_patch.check(ops, types.RUNBOOK_BY_NAME, mv.requested())
        runbook = load(ident)
        current = {n: convert.value_of(runbook, n) for n in _PATCHABLE}
        patched = json_patch.apply(current, ops, ("extra",))
        # Removing a required field leaves it out, so the schema names it.
        patched = {k: v for k, v in patched.items()
                   if v is not None or k in ("extra", "owner")}
        schemas.validate(step_schemas.RUNBOOK_PATCHED, patched, "patch")
        patched["steps"] = check_steps(patched["steps"])
        try:
            _check_owner(patched)
        except exception.Invalid as error:
            raise exception.Invalid(f"Couldn't apply patch '{ops}'. Reason: "
                                    f"{error}") from None
        for name, value in patched.items():
            if value != current[name]:
                setattr(runbook, name, {} if value is None and name == "extra"
                        else value)
        runbook.save()
        return render(runbook)

    @expose.json(status=204)
    def delete(self, ident: str) -> None:
        """Delete a runbook."""
        policy.authorize("baremetal:runbook:delete")
        _require(changes=True)
        load(ident).destroy()
