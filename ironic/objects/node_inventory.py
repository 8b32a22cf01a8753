"""The NodeInventory object: hardware inventory and plugin data of a node."""
from __future__ import annotations

from typing import Any

from ironic.objects import base
from ironic.objects import fields


@base.IronicObjectRegistry.register
class NodeInventory(base.IronicObject):
    """The inventory inspection recorded for a node (one per node)."""

    # Version 1.0: id, node_id, inventory_data, plugin_data
    VERSION = "1.0"

    fields = {
        "id": fields.IntegerField(),
        "node_id": fields.IntegerField(nullable=True),
        "inventory_data": fields.FlexibleDictField(nullable=True),
        "plugin_data": fields.FlexibleDictField(nullable=True),
    }

    @classmethod
    def get_by_node_id(cls, context: Any, node_id: int) -> NodeInventory:
        """:raises NodeInventoryNotFound:"""
        return cls._from_row(context, cls._db().get_node_inventory_by_node_id(node_id))

    def create(self, context: Any = None) -> None:
        """Store (replacing any previous inventory). :raises NodeNotFound:"""
        row = self._db().create_node_inventory(self._changes_for_db(),
                                               version=self.VERSION)
        self._refresh_from_row(row)

    @classmethod
    def destroy_by_node_id(cls, context: Any, node_id: int) -> None:
        """:raises NodeInventoryNotFound:"""
        cls._db().destroy_node_inventory_by_node_id(node_id)
