"""The NodeHistory object: one event in a node's history (errors, transitions)."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ironic.objects import base
from ironic.objects import fields
from ironic.objects import resource


@base.IronicObjectRegistry.register
class NodeHistory(resource.ResourceObject):
    """A node history event."""

    # Version 1.0: every column of Ironic's node_history table.
    VERSION = "1.0"

    _DB_NAME = "node_history"

    fields = {
        "id": fields.IntegerField(),
        "uuid": fields.UUIDField(nullable=True),
        "conductor": fields.StringField(nullable=True),
        "event_type": fields.StringField(nullable=True),
        "severity": fields.StringField(nullable=True),
        "event": fields.StringField(nullable=True),
        "user": fields.StringField(nullable=True),
        "project": fields.StringField(nullable=True),
        "node_id": fields.IntegerField(nullable=True),
        "state": fields.StringField(nullable=True),
        "target_provision_state": fields.StringField(nullable=True),
        "duration_seconds": fields.IntegerField(nullable=True),
    }

    @classmethod
    def list_by_node_id(cls, context: Any, node_id: int, limit: int | None = None,
                        marker: Any = None, sort_key: str | None = None,
                        sort_dir: str | None = None) -> list[NodeHistory]:
        """One node's events (oldest first unless sorted otherwise)."""
        return cls.list(context, limit, marker, sort_key, sort_dir,
                        filters={"node_id": node_id})

    @classmethod
    def bulk_delete(cls, context: Any, ids: Iterable[int]) -> int:
        """Delete events by id; returns how many."""
        return cls._db().bulk_delete_node_history(list(ids))

    @classmethod
    def purge_ids(cls, context: Any, keep: int) -> list[int]:
        """Ids of events beyond the newest ``keep`` of every node."""
        ids: list[int] = []
        for node_id in cls._db().get_nodes_with_history_over(keep):
            ids.extend(cls._db().get_node_history_ids_beyond_limit(node_id, keep))
        return ids
