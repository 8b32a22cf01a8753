"""``/v1/conductors`` (1.49): the registered conductor services."""
from __future__ import annotations

import datetime
from typing import Any

import pecan
from pecan import rest

from ironic import objects
from ironic.api import collection, expose, links, policy
from ironic.api import microversions as mv
from ironic.conf import CONF

_LIST = ("hostname", "conductor_group", "alive")
_SORTABLE = ("id", "hostname", "conductor_group", "created_at", "updated_at")
_LIST_PARAMS = ("limit", "marker", "sort_key", "sort_dir", "fields", "detail")
_DETAIL = ("created_at", "updated_at", "hostname", "conductor_group", "drivers", "alive")


def _alive(conductor: Any) -> bool:
    updated = conductor.updated_at or conductor.created_at
    if updated is None or not conductor.online:
        return False
    timeout = getattr(CONF.conductor, "heartbeat_timeout", 60)
    now = datetime.datetime.now(datetime.UTC)
    if updated.tzinfo is None:
        updated = updated.replace(tzinfo=datetime.UTC)
    return (now - updated).total_seconds() <= timeout


def _render(conductor: Any, names: tuple[str, ...] | list[str], base: str) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for name in names:
        if name == "alive":
            result[name] = _alive(conductor)
        else:
            value = getattr(conductor, name)
            result[name] = value.isoformat() if isinstance(value, datetime.datetime) else value
    result["links"] = links.pair(base, "conductors", conductor.hostname)
    return result


class ConductorsController(rest.RestController):
    """List and show conductors."""

    @expose.json()
    def get_all(self, **params: Any) -> dict[str, Any]:
        """List conductors; the paging marker is a hostname."""
        policy.authorize("baremetal:conductor:get")
        mv.require(mv.CONDUCTORS)
        collection.check_params(params, _LIST_PARAMS)
        detail = params.get("detail")
        is_detail = detail is not None and collection.as_bool("detail", detail)
        fields = collection.fields_param(params.get("fields"), detail, _DETAIL, _DETAIL)
        page = collection.paging(params.get("limit"), None,
                                 params.get("sort_key"), params.get("sort_dir"),
                                 sortable=_SORTABLE)
        context = pecan.request.context
        marker = None
        if params.get("marker"):
            marker = objects.Conductor.get_by_hostname(context, params["marker"],
                                                       online=None).id
        found = objects.Conductor.list(context, limit=page.limit, marker=marker,
                                       sort_key=page.sort_key, sort_dir=page.sort_dir)
        base = links.base_url()
        names = fields or (_DETAIL if is_detail else _LIST)
        items = [_render(c, names, base) for c in found]
        markers = [{"hostname": c.hostname} for c in found]
        return {"conductors": items,
                **collection.next_link(base, "conductors", markers, page,
                                       marker_key="hostname")}

    @expose.json()
    def get_one(self, hostname: str, **params: Any) -> dict[str, Any]:
        """Show one conductor (offline ones too)."""
        policy.authorize("baremetal:conductor:get")
        collection.check_params(params, ("fields",))
        mv.require(mv.CONDUCTORS)
        wanted = collection.fields_param(params.get("fields"), None, _DETAIL, _DETAIL)
        conductor = objects.Conductor.get_by_hostname(pecan.request.context, hostname,
                                                      online=None)
        return _render(conductor, wanted or _DETAIL, links.base_url())
