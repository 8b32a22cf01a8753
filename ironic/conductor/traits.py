"""Trait flows: add, replace and remove a node's traits."""
from __future__ import annotations

from typing import Any

from ironic import objects
from ironic.common import exception

MAX_TRAITS = 50
"""Most traits a node may carry."""


def add(task: Any, traits: list[str], *, replace: bool) -> None:
    """Add ``traits`` to the node, or make them its only traits with ``replace``.

    :raises: InvalidParameterValue when the node would exceed MAX_TRAITS.
    """
    node = task.node
    current = [] if replace else [t.trait for t in (node.traits or [])]
    wanted = list(dict.fromkeys(current + list(traits)))
    if len(wanted) > MAX_TRAITS:
        raise exception.InvalidParameterValue(
            err=f"Could not modify traits for node {node.uuid}: it would have "
                f"{len(wanted)} traits, the maximum is {MAX_TRAITS}")
    if replace:
        objects.TraitList.create(task.context, node.id, wanted)
    else:
        for trait in wanted[len(current):]:
            objects.Trait(task.context, node_id=node.id, trait=trait).create()
    node.refresh()


def remove(task: Any, traits: list[str] | None) -> None:
    """Remove ``traits`` (every trait when None) from the node.

    :raises: NodeTraitNotFound
    """
    node = task.node
    if traits is None:
        objects.TraitList.destroy(task.context, node.id)
    else:
        for trait in traits:
            objects.Trait.destroy(task.context, node.id, trait)
    node.refresh()
