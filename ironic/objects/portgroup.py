"""The Portgroup object: bonded ports of a node, with the derived node UUID."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from oslo_utils import strutils
from oslo_utils import uuidutils

from ironic.common import exception
from ironic.objects import base
from ironic.objects import fields


@base.IronicObjectRegistry.register
class Portgroup(base.IronicObject):
    """A group of ports (bond) of a node."""

    # Version 1.0: every column of Ironic's portgroups table, plus node_uuid.
    VERSION = "1.0"

    fields = {
        "id": fields.IntegerField(),
        "uuid": fields.UUIDField(nullable=True),
        "name": fields.StringField(nullable=True),
        "node_id": fields.IntegerField(nullable=True),
        "address": fields.MACAddressField(nullable=True),
        "extra": fields.FlexibleDictField(nullable=True),
        "internal_info": fields.FlexibleDictField(nullable=True),
        "standalone_ports_supported": fields.BooleanField(default=True),
        "mode": fields.StringField(nullable=True),
        "properties": fields.FlexibleDictField(nullable=True),
        "physical_network": fields.StringField(nullable=True),
        "category": fields.StringField(nullable=True),
        "dynamic_portgroup": fields.BooleanField(nullable=True, default=False),
        "node_uuid": fields.UUIDField(nullable=True),
    }

    _DERIVED = frozenset({"node_uuid"})

    @classmethod
    def get(cls, context: Any, portgroup_ident: int | str) -> Portgroup:
        """By id, UUID, MAC address or name.

        :raises PortgroupNotFound:
        """
        if strutils.is_int_like(portgroup_ident):
            return cls.get_by_id(context, int(portgroup_ident))
        if uuidutils.is_uuid_like(portgroup_ident):
            return cls.get_by_uuid(context, str(portgroup_ident))
        if isinstance(portgroup_ident, str) and ":" in portgroup_ident:
            return cls.get_by_address(context, portgroup_ident)
        if isinstance(portgroup_ident, str):
            return cls.get_by_name(context, portgroup_ident)
        raise exception.InvalidIdentity(identity=portgroup_ident)

    @classmethod
    def get_by_id(cls, context: Any, portgroup_id: int) -> Portgroup:
        """:raises PortgroupNotFound:"""
        return cls._from_row(context, cls._db().get_portgroup(int(portgroup_id)))

    @classmethod
    def get_by_uuid(cls, context: Any, uuid: str) -> Portgroup:
        """:raises PortgroupNotFound:"""
        if not uuidutils.is_uuid_like(uuid):
            raise exception.PortgroupNotFound(portgroup=uuid)
        return cls._from_row(context, cls._db().get_portgroup(uuid))

    @classmethod
    def get_by_address(cls, context: Any, address: str) -> Portgroup:
        """:raises PortgroupNotFound:"""
        return cls._from_row(context, cls._db().get_portgroup_by_address(address))

    @classmethod
    def get_by_name(cls, context: Any, name: str) -> Portgroup:
        """:raises PortgroupNotFound:"""
        return cls._from_row(context, cls._db().get_portgroup_by_name(name))

    @classmethod
    def list(cls, context: Any, limit: int | None = None, marker: Any = None,
             sort_key: str | None = None, sort_dir: str | None = None,
             filters: Mapping[str, Any] | None = None,
             fields: Iterable[str] | None = None) -> list[Portgroup]:
        """Portgroups matching ``filters`` (node_uuid, node_id, address, shard,
        conductor_group, owner, lessee, project, name, ...)."""
        rows = cls._db().get_portgroup_list(filters=filters, limit=limit,
                                            marker=marker, sort_key=sort_key,
                                            sort_dir=sort_dir, fields=fields)
        return cls._from_rows(context, rows)

    @classmethod
    def list_by_node_id(cls, context: Any, node_id: int, limit: int | None = None,
                        marker: Any = None, sort_key: str | None = None,
                        sort_dir: str | None = None) -> list[Portgroup]:
        """Portgroups of one node."""
        return cls.list(context, limit, marker, sort_key, sort_dir,
                        filters={"node_id": node_id})

    def _values(self) -> dict[str, Any]:
        values = self._changes_for_db()
        changes = self.obj_what_changed()
        if "node_uuid" in changes and "node_id" not in changes:
            values["node_id"] = (self._db().get_node(self.node_uuid)["id"]
                                 if self.node_uuid else None)
        return values

    def create(self, context: Any = None) -> None:
        """:raises PortgroupAlreadyExists, PortgroupMACAlreadyExists,
        PortgroupDuplicateName, NodeNotFound:"""
        self._refresh_from_row(self._db().create_portgroup(self._values(),
                                                           version=self.VERSION))

    def save(self, context: Any = None) -> None:
        """:raises PortgroupNotFound, PortgroupMACAlreadyExists,
        PortgroupDuplicateName:"""
        values = self._values()
        if values:
            self._refresh_from_row(self._db().update_portgroup(
                self.uuid, values, version=self.VERSION))

    def destroy(self, context: Any = None) -> None:
        """:raises PortgroupNotFound, PortgroupNotEmpty:"""
        self._db().destroy_portgroup(self.uuid)
        self.obj_reset_changes()

    def refresh(self, context: Any = None) -> None:
        """:raises PortgroupNotFound:"""
        self._refresh_from_row(self._db().get_portgroup(self.uuid))
