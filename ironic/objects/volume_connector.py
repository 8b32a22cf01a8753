"""The VolumeConnector object: how a node connects to remote storage."""
from __future__ import annotations

from typing import Any

from ironic.objects import base
from ironic.objects import fields
from ironic.objects import resource


@base.IronicObjectRegistry.register
class VolumeConnector(resource.ResourceObject):
    """A storage connector (iqn, wwpn, ...) of a node."""

    # Version 1.0: every column of Ironic's volume_connectors table, plus node_uuid.
    VERSION = "1.0"

    _DB_NAME = "volume_connector"
    _DERIVED = frozenset({"node_uuid"})

    fields = {
        "id": fields.IntegerField(),
        "uuid": fields.UUIDField(nullable=True),
        "node_id": fields.IntegerField(nullable=True),
        "type": fields.StringField(nullable=True),
        "connector_id": fields.StringField(nullable=True),
        "extra": fields.FlexibleDictField(nullable=True),
        "node_uuid": fields.UUIDField(nullable=True),
    }

    @classmethod
    def list_by_node_id(cls, context: Any, node_id: int, limit: int | None = None,
                        marker: Any = None, sort_key: str | None = None,
                        sort_dir: str | None = None) -> list[VolumeConnector]:
        """Connectors of one node."""
        return cls.list(context, limit, marker, sort_key, sort_dir,
                        filters={"node_id": node_id})
