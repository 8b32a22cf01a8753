"""Node objects -> API dicts, filtered by microversion, secrets masked."""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any

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


_PLAIN, _DICT, _TIMESTAMP, _TRAITS, _CONDUCTOR = "plain", "dict", "time", "traits", "conductor"


@functools.lru_cache(maxsize=1024)
def _plan(fields: tuple[str, ...]) -> tuple[tuple[str, str, str], ...]:
    """(field, instance attribute, how to render) for each of ``fields``.

    Deciding how to render each field once per field list, instead of once
    per node and field, halves the cost of a detailed list.
    """
    def kind(name: str) -> str:
        if name == "traits":
            return _TRAITS
        if name == "conductor":
            return _CONDUCTOR
        if name in _DICTS:
            return _DICT
        return _TIMESTAMP if name in _TIME else _PLAIN
    return tuple((name, _STORED.get(name, "_obj_" + name), kind(name)) for name in fields)


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
    result: dict[str, Any] = {}
    stored = vars(node)
    for name, attr, kind in _plan(tuple(fields)):
        value = stored.get(attr)
        if kind is _PLAIN:
            result[name] = value
        elif kind is _DICT:
            result[name] = {} if value is None else value
        elif kind is _TIMESTAMP:
            result[name] = None if value is None else value.isoformat()
        elif kind is _TRAITS:
            result[name] = _traits(node)
        else:
            result[name] = conductor_for(node) if conductor_for else None
    for name in node_type.SECRET_DICTS:
        if name in result:
            result[name] = secrets.mask(result[name])
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
