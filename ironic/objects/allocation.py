"""The Allocation object: a request to pick a node by resource class and traits."""
from __future__ import annotations

from typing import Any

from ironic.objects import base
from ironic.objects import fields
from ironic.objects import resource


@base.IronicObjectRegistry.register
class Allocation(resource.ResourceObject):
    """A node allocation request and its result."""

    # Version 1.0: every column of Ironic's allocations table, plus node_uuid.
    VERSION = "1.0"

    _DB_NAME = "allocation"
    _HAS_NAME = True
    _DERIVED = frozenset({"node_uuid"})

    fields = {
        "id": fields.IntegerField(),
        "uuid": fields.UUIDField(nullable=True),
        "name": fields.StringField(nullable=True),
        "node_id": fields.IntegerField(nullable=True),
        "state": fields.StringField(nullable=True),
        "owner": fields.StringField(nullable=True),
        "last_error": fields.StringField(nullable=True),
        "resource_class": fields.StringField(nullable=True),
        "traits": fields.ListOfStringsField(nullable=True),
        "candidate_nodes": fields.ListOfStringsField(nullable=True),
        "extra": fields.FlexibleDictField(nullable=True),
        "conductor_affinity": fields.IntegerField(nullable=True),
        "node_uuid": fields.UUIDField(nullable=True),
    }

    @classmethod
    def get_by_name(cls, context: Any, name: str) -> Allocation:
        """:raises AllocationNotFound:"""
        return cls._from_row(context, cls._db().get_allocation(name))

    def save(self, context: Any = None, update_node: bool = True) -> None:
        """Write changes; a new node_id re-links nodes unless ``update_node``
        is false. :raises AllocationNotFound, NodeAssociated:"""
        values = self._values()
        if values:
            self._refresh_from_row(self._db().update_allocation(
                self.uuid, values, version=self.VERSION, update_node=update_node))

    def take_over(self, old_conductor_id: int | None, new_conductor_id: int) -> bool:
        """Move to a new conductor if still owned by the old one.

        :returns: whether the take-over happened.
        """
        won = self._db().take_over_allocation(self.uuid, old_conductor_id,
                                              new_conductor_id)
        if won:
            self.refresh()
        return won
