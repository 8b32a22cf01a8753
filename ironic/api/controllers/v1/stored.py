"""List, detail and show for resources kept as rows with a field table.

Deploy templates, runbooks and inspection rules are read the same way; a
subclass names its policy rules, query parameters and field table, points at
its module's ``_require``/``load``/``render`` functions, and provides
``_list(params, detail)``. Creating, changing and deleting stay per resource.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from pecan import rest

from ironic.api import collection, expose, policy
from ironic.api import microversions as mv
from ironic.api.convert import resource as convert


class StoredReadController(rest.RestController):
    """``GET /``, ``GET /detail`` and ``GET /{ident}`` of one resource."""

    _custom_actions: ClassVar[dict[str, list[str]]] = {"detail": ["GET"]}

    _list_rule: ClassVar[str]
    _get_rule: ClassVar[str]
    _list_params: ClassVar[frozenset[str]]
    _fields: ClassVar[Any]
    """The resource's field table (``types.Field`` entries)."""
    _by_name: ClassVar[Any]
    _require: ClassVar[Callable[..., None]]
    """Refuses the request below the resource's microversion."""
    _load: ClassVar[Callable[[str], Any]]
    _render: ClassVar[Callable[..., dict[str, Any]]]
    _list: Callable[[dict[str, Any], bool], dict[str, Any]]

    @expose.json()
    def get_all(self, **params: Any) -> dict[str, Any]:
        """List (summary fields unless ``detail`` or ``fields``)."""
        policy.authorize(self._list_rule)
        collection.check_params(params, self._list_params)
        detail = params.get("detail")
        return self._list(params, detail is not None and collection.as_bool("detail",
                                                                           detail))

    @expose.json()
    def detail(self, **params: Any) -> dict[str, Any]:
        """List with every field."""
        policy.authorize(self._list_rule)
        collection.check_params(params, self._list_params - {"fields", "detail"})
        return self._list(params, True)

    @expose.json()
    def get_one(self, ident: str, **params: Any) -> dict[str, Any]:
        """Show one."""
        policy.authorize(self._get_rule)
        self._require()
        collection.check_params(params, ("fields",))
        wanted = collection.fields_param(
            params.get("fields"), None,
            convert.visible(self._fields, mv.requested()), self._by_name)
        return self._render(self._load(ident), wanted)
