"""The Port object: a NIC of a node, with the derived node and portgroup UUIDs.

Setting ``node_uuid`` or ``portgroup_uuid`` on a port and saving it resolves
them to ``node_id``/``portgroup_id``.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from oslo_utils import strutils
from oslo_utils import uuidutils

from ironic.common import exception
from ironic.objects import base
from ironic.objects import fields


@base.IronicObjectRegistry.register
class Port(base.IronicObject):
    """A network port of a node."""

    # Version 1.0: every column of Ironic's ports table, plus node_uuid and
    #              portgroup_uuid loaded by joins.
    VERSION = "1.0"

    fields = {
        "id": fields.IntegerField(),
        "uuid": fields.UUIDField(nullable=True),
        "node_id": fields.IntegerField(nullable=True),
        "address": fields.MACAddressField(nullable=True),
        "extra": fields.FlexibleDictField(nullable=True),
        "local_link_connection": fields.FlexibleDictField(nullable=True),
        "portgroup_id": fields.IntegerField(nullable=True),
        "pxe_enabled": fields.BooleanField(default=True),
        "internal_info": fields.FlexibleDictField(nullable=True),
        "physical_network": fields.StringField(nullable=True),
        "is_smartnic": fields.BooleanField(nullable=True, default=False),
        "name": fields.StringField(nullable=True),
        "description": fields.StringField(nullable=True),
        "vendor": fields.StringField(nullable=True),
        "category": fields.StringField(nullable=True),
        "available_for_dynamic_portgroup": fields.BooleanField(default=False),
        "node_uuid": fields.UUIDField(nullable=True),
        "portgroup_uuid": fields.UUIDField(nullable=True),
    }

    _DERIVED = frozenset({"node_uuid", "portgroup_uuid"})

    @classmethod
    def get(cls, context: Any, port_id: int | str) -> Port:
        """A port by integer id, UUID or MAC address.

        :raises InvalidIdentity, PortNotFound:
        """
        if strutils.is_int_like(port_id):
            return cls.get_by_id(context, int(port_id))
        if uuidutils.is_uuid_like(port_id):
            return cls.get_by_uuid(context, str(port_id))
        if isinstance(port_id, str) and ":" in port_id:
            return cls.get_by_address(context, port_id)
        raise exception.InvalidIdentity(identity=port_id)

    @classmethod
    def get_by_id(cls, context: Any, port_id: int) -> Port:
        """:raises PortNotFound:"""
        return cls._from_row(context, cls._db().get_port(int(port_id)))

    @classmethod
    def get_by_uuid(cls, context: Any, uuid: str) -> Port:
        """:raises PortNotFound:"""
        if not uuidutils.is_uuid_like(uuid):
            raise exception.PortNotFound(port=uuid)
        return cls._from_row(context, cls._db().get_port(uuid))

    @classmethod
    def get_by_address(cls, context: Any, address: str, owner: str | None = None,
                       project: str | None = None) -> Port:
        """:raises PortNotFound: also if the node is not owned by ``owner`` /
        ``project`` when given."""
        port = cls._from_row(context, cls._db().get_port_by_address(address))
        if owner or project:
            matches = cls.list(context, filters={"id": port.id,
                                                 **({"owner": owner} if owner else {}),
                                                 **({"project": project} if project else {})})
            if not matches:
                raise exception.PortNotFound(port=address)
        return port

    @classmethod
    def get_by_name(cls, context: Any, name: str) -> Port:
        """:raises PortNotFound:"""
        return cls._from_row(context, cls._db().get_port_by_name(name))

    @classmethod
    def list(cls, context: Any, limit: int | None = None, marker: Any = None,
             sort_key: str | None = None, sort_dir: str | None = None,
             filters: Mapping[str, Any] | None = None,
             fields: Iterable[str] | None = None) -> list[Port]:
        """Ports matching ``filters`` (node_uuid, node_id, portgroup_uuid,
        portgroup_id, address, shard, conductor_group, owner, lessee, project,
        pxe_enabled, physical_network, name, ...).

        :raises InvalidParameterValue, PortNotFound: (bad filter, marker)
        """
        rows = cls._db().get_port_list(filters=filters, limit=limit, marker=marker,
                                       sort_key=sort_key, sort_dir=sort_dir,
                                       fields=fields)
        return cls._from_rows(context, rows)

    @classmethod
    def list_by_node_id(cls, context: Any, node_id: int, limit: int | None = None,
                        marker: Any = None, sort_key: str | None = None,
                        sort_dir: str | None = None) -> list[Port]:
        """Ports of one node."""
        return cls.list(context, limit, marker, sort_key, sort_dir,
                        filters={"node_id": node_id})

    @classmethod
    def list_by_portgroup_id(cls, context: Any, portgroup_id: int,
                             limit: int | None = None, marker: Any = None,
                             sort_key: str | None = None,
                             sort_dir: str | None = None) -> list[Port]:
        """Ports of one portgroup."""
        return cls.list(context, limit, marker, sort_key, sort_dir,
                        filters={"portgroup_id": portgroup_id})

    def _values(self) -> dict[str, Any]:
        values = self._changes_for_db()
        changes = self.obj_what_changed()
        if "node_uuid" in changes and "node_id" not in changes:
            values["node_id"] = (self._db().get_node(self.node_uuid)["id"]
                                 if self.node_uuid else None)
        if "portgroup_uuid" in changes and "portgroup_id" not in changes:
            values["portgroup_id"] = (
                self._db().get_portgroup(self.portgroup_uuid)["id"]
                if self.portgroup_uuid else None)
        return values

    def create(self, context: Any = None) -> None:
        """:raises PortAlreadyExists, MACAlreadyExists, PortDuplicateName,
        NodeNotFound, PortgroupNotFound:"""
        self._refresh_from_row(self._db().create_port(self._values(),
                                                      version=self.VERSION))

    def save(self, context: Any = None) -> None:
        """:raises PortNotFound, MACAlreadyExists, PortDuplicateName:"""
        values = self._values()
        if values:
            self._refresh_from_row(self._db().update_port(self.uuid, values,
                                                          version=self.VERSION))

    def destroy(self, context: Any = None) -> None:
        """:raises PortNotFound:"""
        self._db().destroy_port(self.uuid)
        self.obj_reset_changes()

    def refresh(self, context: Any = None) -> None:
        """:raises PortNotFound:"""
        self._refresh_from_row(self._db().get_port(self.uuid))
