"""The VolumeTarget object: a remote volume a node boots from or attaches."""
from __future__ import annotations

from typing import Any

from ironic.objects import base
from ironic.objects import fields
from ironic.objects import resource


@base.IronicObjectRegistry.register
class VolumeTarget(resource.ResourceObject):
    """A storage volume of a node."""

    # Version 1.0: every column of Ironic's volume_targets table, plus node_uuid.
    VERSION = "1.0"

    _DB_NAME = "volume_target"
    _DERIVED = frozenset({"node_uuid"})

    fields = {
        "id": fields.IntegerField(),
        "uuid": fields.UUIDField(nullable=True),
        "node_id": fields.IntegerField(nullable=True),
        "volume_type": fields.StringField(nullable=True),
        "properties": fields.FlexibleDictField(nullable=True),
        "boot_index": fields.IntegerField(nullable=True),
        "volume_id": fields.StringField(nullable=True),
        "extra": fields.FlexibleDictField(nullable=True),
        "node_uuid": fields.UUIDField(nullable=True),
    }

    @classmethod
    def list_by_node_id(cls, context: Any, node_id: int, limit: int | None = None,
                        marker: Any = None, sort_key: str | None = None,
                        sort_dir: str | None = None) -> list[VolumeTarget]:
        """Targets of one node."""
        return cls.list(context, limit, marker, sort_key, sort_dir,
                        filters={"node_id": node_id})

    @classmethod
    def list_by_volume_id(cls, context: Any, volume_id: str, limit: int | None = None,
                          marker: Any = None, sort_key: str | None = None,
                          sort_dir: str | None = None) -> list[VolumeTarget]:
        """Targets of one volume."""
        return cls.list(context, limit, marker, sort_key, sort_dir,
                        filters={"volume_id": volume_id})
