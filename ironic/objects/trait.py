"""Node traits: Trait (one trait of one node) and TraitList (a node's traits).

A node has at most 50 traits; the DB layer enforces the limit.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ironic.objects import base
from ironic.objects import fields


@base.IronicObjectRegistry.register
class Trait(base.IronicObject):
    """One trait of one node."""

    # Version 1.0: initial version (node_id, trait)
    VERSION = "1.0"

    fields = {
        "node_id": fields.IntegerField(),
        "trait": fields.StringField(),
    }

    def create(self, context: Any = None) -> None:
        """Add this trait to its node (a no-op if it is already there).

        :raises NodeNotFound:
        :raises InvalidParameterValue: if the node would have over 50 traits.
        """
        row = self._db().add_node_trait(self.node_id, self.trait, version=self.VERSION)
        self._refresh_from_row(row)

    @classmethod
    def destroy(cls, context: Any, node_id: int, trait: str) -> None:
        """Remove a trait from a node.

        :raises NodeNotFound, NodeTraitNotFound:
        """
        cls._db().delete_node_trait(node_id, trait)

    @classmethod
    def exists(cls, context: Any, node_id: int, trait: str) -> bool:
        """Whether the node has the trait. :raises NodeNotFound:"""
        return cls._db().node_trait_exists(node_id, trait)


@base.IronicObjectRegistry.register
class TraitList(base.IronicObjectListBase, base.IronicObject):
    """The traits of one node."""

    # Version 1.0: initial version
    VERSION = "1.0"

    fields = {
        "objects": fields.ListOfObjectsField("Trait"),
    }

    @classmethod
    def get_by_node_id(cls, context: Any, node_id: int | str) -> TraitList:
        """:raises NodeNotFound:"""
        return cls._from_row_list(context, cls._db().get_node_traits_by_node_id(node_id))

    @classmethod
    def create(cls, context: Any, node_id: int | str, traits: Iterable[str]) -> TraitList:
        """Replace the node's traits with ``traits``.

        :raises NodeNotFound:
        :raises InvalidParameterValue: if more than 50.
        """
        rows = cls._db().set_node_traits(node_id, traits, version=Trait.VERSION)
        return cls._from_row_list(context, rows)

    @classmethod
    def destroy(cls, context: Any, node_id: int | str) -> None:
        """Remove every trait of the node. :raises NodeNotFound:"""
        cls._db().unset_node_traits(node_id)

    def get_trait_names(self) -> list[str]:
        """The trait strings."""
        return [item.trait for item in self.objects]
