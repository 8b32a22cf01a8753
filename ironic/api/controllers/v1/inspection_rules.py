"""``/v1/inspection_rules`` (1.96): rules applied to a node when inspection ends.

A rule has conditions checked against the inspection data and actions run on
the node when all of them hold; rules run in ``priority`` order. A
``sensitive`` rule never shows its conditions and actions.
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
from ironic.api.convert import resource as convert
from ironic.api.schemas import inspection_rule as rule_schemas
from ironic.api.types import inspection_rule as types
from ironic.common import exception

LIST_PARAMS = frozenset({"limit", "marker", "sort_key", "sort_dir", "fields", "detail",
                         "phase"})
"""Every query parameter of ``GET /v1/inspection_rules``."""

SORTABLE = frozenset({"id", "uuid", "priority", "phase", "created_at", "updated_at"})
_WHAT = "inspection rules"
_RESOURCE = "inspection_rules"
_PATCHABLE = ("description", "priority", "sensitive", "phase", "conditions", "actions")


def _require(changes: bool = False) -> None:
    """Below 1.96 the resource does not exist: 404 to read, 405 to change."""
    if not mv.supports(mv.INSPECTION_RULES):
        if changes:
            raise exception.NotAllowedAtVersion(what=_WHAT)
        raise exception.NotFound(f"The API version does not allow {_WHAT}")


def load(ident: str) -> Any:
    """The rule with UUID ``ident``. :raises InspectionRuleNotFound:"""
    if not uuidutils.is_uuid_like(ident):
        raise exception.InspectionRuleNotFound(rule=ident)
    return objects.InspectionRule.get_by_uuid(pecan.request.context, ident)


def render(rule: Any, names: Any = None) -> dict[str, Any]:
    """The API dict of one rule; a sensitive rule's conditions/actions are null."""
    names = names or convert.visible(types.FIELDS, mv.requested())
    result = convert.to_api(rule, names, base=links.base_url(), resource=_RESOURCE)
    if rule.sensitive:
        for name in types.HIDDEN_WHEN_SENSITIVE:
            if name in result:
                result[name] = None
    return result


def _check_args(kind: str, items: list[dict[str, Any]] | None) -> None:
    """Refuse conditions/actions missing the arguments their operator needs.

    :raises: Invalid (400) naming the operator and the missing arguments.
    """
    for item in items or []:
        op = item["op"].lstrip("!")
        needed = rule_schemas.REQUIRED_ARGS[op]
        count = needed if isinstance(needed, int) else len(needed)
        args = item["args"]
        if isinstance(args, list):
            missing = len(args) < count
        elif isinstance(needed, int):
            missing = not args
        else:
            missing = not set(needed) <= set(args)
        if missing:
            wanted = needed if isinstance(needed, int) else ", ".join(needed)
            raise exception.Invalid(
                f"Invalid {kind} '{item['op']}': it requires the arguments {wanted}")


def _check(values: dict[str, Any]) -> None:
    _check_args("condition", values.get("conditions"))
    _check_args("action", values.get("actions"))


class InspectionRulesController(stored.StoredReadController):
    """Inspection rule CRUD."""

    _list_rule = "baremetal:inspection_rule:list"
    _get_rule = "baremetal:inspection_rule:get"
    _list_params = LIST_PARAMS
    _fields = types.FIELDS
    _by_name = types.BY_NAME
    _require = staticmethod(_require)
    _load = staticmethod(load)
    _render = staticmethod(render)

    def _list(self, params: dict[str, Any], detail: bool) -> dict[str, Any]:
        _require()
        visible = convert.visible(types.FIELDS, mv.requested())
        fields = collection.fields_param(params.get("fields"), params.get("detail"),
                                         visible, types.BY_NAME)
        page = collection.paging(params.get("limit"), params.get("marker"),
                                 params.get("sort_key"), params.get("sort_dir"),
                                 sortable=SORTABLE)
        filters = {"phase": params["phase"]} if params.get("phase") else None
        found = objects.InspectionRule.list(
            pecan.request.context, limit=page.limit, marker=page.marker,
            sort_key=page.sort_key, sort_dir=page.sort_dir, filters=filters)
        shown = fields or (visible if detail else types.LIST_FIELDS)
        items = [render(rule, shown) for rule in found]
        return {_RESOURCE: items,
                **collection.next_link(links.base_url(), _RESOURCE, items, page)}

    @expose.json(status=201)
    def post(self) -> dict[str, Any]:
        """Create a rule."""
        policy.authorize("baremetal:inspection_rule:create")
        _require(changes=True)
        body = expose.body()
        schemas.validate(rule_schemas.CREATE, body, "inspection rule")
        values = {k: v for k, v in body.items() if v is not None}
        _check(values)
        values.setdefault("priority", 0)
        values.setdefault("sensitive", False)
        values.setdefault("phase", rule_schemas.PHASES[0])
        values.setdefault("conditions", [])
        if values.get("uuid") is None:
            values["uuid"] = uuidutils.generate_uuid()
        elif not uuidutils.is_uuid_like(values["uuid"]):
            raise exception.InvalidUUID(f"Expected UUID for uuid: {values['uuid']}")
        rule = objects.InspectionRule(pecan.request.context, **values)
        rule.create()
        pecan.response.location = f"{links.base_url()}/v1/{_RESOURCE}/{rule.uuid}"
        return render(rule)

    @expose.json()
    def patch(self, ident: str) -> dict[str, Any]:
        """Change a rule with a JSON patch."""
        policy.authorize("baremetal:inspection_rule:update")
        _require(changes=True)
        ops = expose.body()
        json_patch.check(ops, types.BY_NAME, mv.requested())
        rule = load(ident)
        current = {n: convert.value_of(rule, n) for n in _PATCHABLE}
        patched = json_patch.apply(current, ops, ())
        patched = {k: v for k, v in patched.items()
                   if v is not None or k in ("description", "conditions")}
        schemas.validate(rule_schemas.PATCHED, patched, "patch")
        _check(patched)
        for name, value in patched.items():
            if value != current[name]:
                setattr(rule, name, [] if value is None and name == "conditions"
                        else value)
        rule.save()
        return render(rule)

    @expose.json(status=204)
    def delete(self, ident: str | None = None) -> None:
        """Delete one rule, or every rule when no UUID is given."""
        policy.authorize("baremetal:inspection_rule:delete")
        _require(changes=True)
        if ident is None:
            objects.InspectionRule.destroy_all(pecan.request.context)
            return
        load(ident).destroy()
