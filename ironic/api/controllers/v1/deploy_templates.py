"""``/v1/deploy_templates`` (1.55): named deploy steps, matched by instance traits.

Templates are plain database edits; the conductor reads them when it plans a
deployment (:func:`ironic.conductor.deploy_templates.steps_for`). A template's
name is a custom trait; its steps name a driver interface, a step, arguments
and a priority (0 disables that step of the driver).
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
from ironic.api.schemas import allocation as step_schemas
from ironic.api.types import allocation as types
from ironic.common import exception

LIST_PARAMS = frozenset({"limit", "marker", "sort_key", "sort_dir", "fields", "detail"})
"""Every query parameter of ``GET /v1/deploy_templates``."""

SORTABLE = frozenset({"id", "uuid", "name", "created_at", "updated_at"})
_WHAT = "deploy templates"


def _require(changes: bool = False) -> None:
    """Below 1.55 the resource does not exist: 404 to read, 405 to change."""
    if not mv.supports(mv.DEPLOY_TEMPLATES):
        if changes:
            raise exception.NotAllowedAtVersion(what=_WHAT)
        raise exception.NotFound(f"The API version does not allow {_WHAT}")


def load(ident: str) -> Any:
    """The template named by UUID or name. :raises: DeployTemplateNotFound"""
    context = pecan.request.context
    if uuidutils.is_uuid_like(ident):
        return objects.DeployTemplate.get_by_uuid(context, ident)
    return objects.DeployTemplate.get_by_name(context, ident)


def render(template: Any, fields: Any = None) -> dict[str, Any]:
    """The API dict of one template."""
    names = fields or convert.visible(types.DEPLOY_TEMPLATE_FIELDS, mv.requested())
    return convert.to_api(template, names, base=links.base_url(),
                          resource="deploy_templates")


def check_steps(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Normalise schema-valid steps (priority as int) and refuse duplicates.

    :raises: InvalidParameterValue naming the duplicated interface and step.
    """
    seen: set[tuple[str, str]] = set()
    duplicates: list[str] = []
    result = []
    for step in steps:
        key = (step["interface"], step["step"])
        if key in seen:
            duplicates.append(f"interface: {key[0]}, step: {key[1]}")
        seen.add(key)
        result.append({"interface": step["interface"], "step": step["step"],
                       "args": step["args"], "priority": int(step["priority"])})
    if duplicates:
        raise exception.InvalidParameterValue(
            err=f"Deploy template invalid: Duplicate deploy steps. A template cannot "
                f"have multiple deploy steps with the same interface and step. "
                f"Duplicates: {'; '.join(duplicates)}.")
    return result


class DeployTemplatesController(stored.StoredReadController):
    """Deploy template CRUD."""

    _list_rule = "baremetal:deploy_template:get"
    _get_rule = "baremetal:deploy_template:get"
    _list_params = LIST_PARAMS
    _fields = types.DEPLOY_TEMPLATE_FIELDS
    _by_name = types.DEPLOY_TEMPLATE_BY_NAME
    _require = staticmethod(_require)
    _load = staticmethod(load)
    _render = staticmethod(render)

    def _list(self, params: dict[str, Any], detail: bool) -> dict[str, Any]:
        _require()
        visible = convert.visible(types.DEPLOY_TEMPLATE_FIELDS, mv.requested())
        fields = collection.fields_param(params.get("fields"), params.get("detail"),
                                         visible, types.DEPLOY_TEMPLATE_BY_NAME)
        page = collection.paging(params.get("limit"), params.get("marker"),
                                 params.get("sort_key"), params.get("sort_dir"),
                                 sortable=SORTABLE)
        found = objects.DeployTemplate.list(
            pecan.request.context, limit=page.limit, marker=page.marker,
            sort_key=page.sort_key, sort_dir=page.sort_dir)
        shown = fields or (visible if detail else types.DEPLOY_TEMPLATE_LIST_FIELDS)
        base = links.base_url()
        items = [convert.to_api(t, shown, base=base, resource="deploy_templates")
                 for t in found]
        return {"deploy_templates": items,
                **collection.next_link(base, "deploy_templates", items, page)}

    @expose.json(status=201)
    def post(self) -> dict[str, Any]:
        """Create a template."""
        policy.authorize("baremetal:deploy_template:create")
        _require(changes=True)
        body = expose.body()
        schemas.validate(step_schemas.TEMPLATE_CREATE, body, "template")
        values = {k: v for k, v in body.items() if v is not None}
        values["steps"] = check_steps(values["steps"])
        values.setdefault("extra", {})
        if values.get("uuid") is None:
            values["uuid"] = uuidutils.generate_uuid()
        elif not uuidutils.is_uuid_like(values["uuid"]):
            raise exception.InvalidUUID(f"Expected UUID for uuid: {values['uuid']}")
        template = objects.DeployTemplate(pecan.request.context, **values)
        template.create()
        pecan.response.location = (f"{links.base_url()}/v1/deploy_templates/"
                                   f"{template.uuid}")
        return render(template)

    @expose.json()
    def patch(self, ident: str) -> dict[str, Any]:
        """Change name, steps or extra with a JSON patch."""
        policy.authorize("baremetal:deploy_template:update")
        _require(changes=True)
        ops = expose.body()
        json_patch.check(ops, types.DEPLOY_TEMPLATE_BY_NAME, mv.requested())
        template = load(ident)
        current = {n: convert.value_of(template, n) for n in ("name", "steps", "extra")}
        patched = json_patch.apply(current, ops, ("extra",))
        # Removing a required field leaves it out, so the schema names it.
        patched = {k: v for k, v in patched.items() if v is not None or k == "extra"}
        schemas.validate(step_schemas.TEMPLATE_PATCHED, patched, "patch")
        patched["steps"] = check_steps(patched["steps"])
        for name, value in patched.items():
            if value != current[name]:
                setattr(template, name, {} if value is None and name == "extra"
                        else value)
        template.save()
        return render(template)

    @expose.json(status=204)
    def delete(self, ident: str) -> None:
        """Delete a template."""
        policy.authorize("baremetal:deploy_template:delete")
        _require(changes=True)
        load(ident).destroy()
