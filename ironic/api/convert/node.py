"""Node objects -> API dicts, filtered by microversion, secrets masked."""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from ironic.api import links
from ironic.api import microversions as mv
from ironic.api.convert import secrets
from ironic.api.types import node as node_type
from ironic.common import states

_DERIVED = frozenset({"conductor", "traits"})
_TIME = frozenset(f.name for f in node_type.FIELDS
                  if f.datatype is node_type._time)
_DICTS = frozenset(f.name for f in node_type.FIELDS
                   if f.datatype is node_type._json)


@functools.lru_cache(maxsize=512)
def visible_fields(version: mv.Version) -> tuple[str, ...]:
    """Every node field shown at ``version``, in output order."""
    return tuple(f.name for f in node_type.FIELDS if f.since <= version)


@functools.lru_cache(maxsize=512)
def list_fields(version: mv.Version) -> tuple[str, ...]:
    """The fields of the plain (non-detailed) node list at ``version``."""
    shown = set(visible_fields(version))
    return tuple(f for f in node_type.LIST_FIELDS if f in shown)


@functools.lru_cache(maxsize=512)
def subresources(version: mv.Version) -> tuple[str, ...]:
    """Sub-resource links shown on a full node at ``version``."""
    return tuple(name for name, since in node_type.LINKED_SUBRESOURCES if since <= version)


_STORED = {f.name: "_obj_" + f.name for f in node_type.FIELDS}
"""Where oslo.versionedobjects keeps each field's value on the instance.

Reading the instance dict directly skips ``obj_attr_is_set`` and the property
getter, which were two thirds of the cost of rendering a detailed node list.
"""


def _value(node: Any, name: str, stored: dict[str, Any] | None = None) -> Any:
    values = stored if stored is not None else vars(node)
    value = values.get(_STORED.get(name, "_obj_" + name))
    if value is None:
        return {} if name in _DICTS else None
    if name in _TIME:
        return value.isoformat()
    return value


class _Plan(NamedTuple):
    """How to render one list of fields, grouped by the work each needs."""

    plain: tuple[tuple[str, str], ...]
    """(field, instance attribute) copied as they are."""
    dicts: tuple[tuple[str, str], ...]
    """JSON objects, ``{}`` when unset."""
    times: tuple[tuple[str, str], ...]
    """Timestamps, ISO 8601 text."""
    traits: bool
    conductor: bool


@functools.lru_cache(maxsize=1024)
def _plan(fields: tuple[str, ...]) -> _Plan:
    """Group ``fields`` by how they are rendered, once per field list.

    Rendering then copies the plain fields in one comprehension instead of
    deciding per node and field, which halved a detailed list's cost.
    """
    def pairs(names: Iterable[str]) -> tuple[tuple[str, str], ...]:
        return tuple((name, _STORED.get(name, "_obj_" + name)) for name in names)
    special = _DICTS | _TIME | {"traits", "conductor"}
    return _Plan(plain=pairs(f for f in fields if f not in special),
                 dicts=pairs(f for f in fields if f in _DICTS),
                 times=pairs(f for f in fields if f in _TIME),
                 traits="traits" in fields, conductor="conductor" in fields)


def _traits(node: Any) -> list[str]:
    traits = vars(node).get("_obj_traits")
    if traits is None:
        return []
    return [vars(trait)["_obj_trait"] for trait in traits]


def to_api(node: Any, fields: Iterable[str], *, base: str, version: mv.Version,
           conductor_for: Callable[[Any], str | None] | None = None,
           with_subresources: bool = False) -> dict[str, Any]:
    """Build the API dict of ``node`` with ``fields`` (already version-checked).

    :param conductor_for: resolves the ``conductor`` field (hash ring lookup).
    :param with_subresources: add the ports/states/... links (single node and
        detailed list).
    """
    plan = _plan(fields if isinstance(fields, tuple) else tuple(fields))
    stored = vars(node)
    result = {name: stored.get(attr) for name, attr in plan.plain}
    for name, attr in plan.dicts:
        value = stored.get(attr)
        result[name] = {} if value is None else value
    for name, attr in plan.times:
        value = stored.get(attr)
        result[name] = None if value is None else value.isoformat()
    if plan.traits:
        result["traits"] = _traits(node)
    if plan.conductor:
        result["conductor"] = conductor_for(node) if conductor_for else None
    for name in node_type.SECRET_DICTS:
        if name in result:
            result[name] = secrets.mask(result[name])
    info = result.get("instance_info")
    if info and info.get("configdrive"):
        # A config drive carries user data and often credentials.
        result["instance_info"] = {**info, "configdrive": secrets.MASK}
    if (version < mv.AVAILABLE_STATE and "provision_state" in result
            and result["provision_state"] == states.AVAILABLE):
        result["provision_state"] = states.NOSTATE
    uuid = node.uuid
    result["links"] = links.pair(base, "nodes", uuid)
    if with_subresources:
        for sub in subresources(version):
            result[sub] = links.pair(base, "nodes", f"{uuid}/{sub}")
    return result


def states_to_api(node: Any, version: mv.Version) -> dict[str, Any]:
    """The ``/v1/nodes/{node}/states`` document."""
    shown = set(visible_fields(version))
    return {name: _value(node, name) for name in node_type.STATE_FIELDS if name in shown}
