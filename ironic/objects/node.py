"""The Node object: a bare-metal machine, its state, driver settings and lock.

Every column of the nodes table is a field, plus the read-only ``chassis_uuid``,
``allocation_uuid`` and ``traits`` loaded in the same query. ``chassis_uuid``
may also be set: the DB layer turns it into ``chassis_id``.

JSON fields (``driver_info``, ``instance_info``, ...) are tracked by
assignment: change a copy and assign it back, or use the ``set_*``/``del_*``
helpers, so that ``save()`` sees the change.
"""
from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from oslo_utils import strutils
from oslo_utils import uuidutils

from ironic.common import exception
from ironic.objects import base
from ironic.objects import fields
from ironic.objects import trait as trait_obj

_INTERFACES = ("bios", "boot", "console", "deploy", "firmware", "inspect",
               "management", "network", "power", "raid", "rescue", "storage",
               "vendor")

_STR = {name: fields.StringField(nullable=True) for name in (
    "name", "instance_uuid", "instance_name", "power_state", "target_power_state",
    "provision_state", "target_provision_state", "last_error", "driver",
    "resource_class", "reservation", "maintenance_reason", "fault",
    "protected_reason", "owner", "lessee", "description", "retired_reason",
    "boot_mode", "shard", "parent_node", "health", "chassis_uuid",
    "allocation_uuid", *(f"{kind}_interface" for kind in _INTERFACES))}
_DICT = {name: fields.FlexibleDictField(nullable=True) for name in (
    "instance_info", "properties", "driver_info", "driver_internal_info",
    "clean_step", "deploy_step", "service_step", "raid_config",
    "target_raid_config", "extra", "network_data")}
_BOOL = {name: fields.BooleanField(default=False) for name in (
    "maintenance", "console_enabled", "protected", "retired", "disable_power_off")}
_NULLABLE_BOOL = {name: fields.BooleanField(nullable=True) for name in (
    "automated_clean", "secure_boot")}
_INT = {name: fields.IntegerField(nullable=True) for name in (
    "chassis_id", "conductor_affinity", "allocation_id")}
_TIME = {name: fields.DateTimeField(nullable=True) for name in (
    "provision_updated_at", "inspection_started_at", "inspection_finished_at")}


@base.IronicObjectRegistry.register
class Node(base.IronicObject):
    """A bare-metal node."""

    # Version 1.0: every column of Ironic's nodes table, plus chassis_uuid,
    #              allocation_uuid and traits loaded by joins.
    VERSION = "1.0"

    fields = {
        "id": fields.IntegerField(),
        "uuid": fields.UUIDField(nullable=True),
        "conductor_group": fields.StringField(default=""),
        "traits": fields.ObjectField("TraitList", nullable=True),
        **_STR, **_DICT, **_BOOL, **_NULLABLE_BOOL, **_INT, **_TIME,
    }

    _DERIVED = frozenset({"chassis_uuid", "allocation_uuid", "traits"})
    _JSON_OBJECT_FIELDS = {"traits": trait_obj.TraitList}

    # --- loading -------------------------------------------------------------

    @classmethod
    def get(cls, context: Any, node_id: int | str) -> Node:
        """A node by integer id or UUID.

        :raises InvalidIdentity: if ``node_id`` is neither.
        :raises NodeNotFound:
        """
        if strutils.is_int_like(node_id):
            return cls.get_by_id(context, int(node_id))
        if uuidutils.is_uuid_like(node_id):
            return cls.get_by_uuid(context, str(node_id))
        raise exception.InvalidIdentity(identity=node_id)

    @classmethod
    def get_by_id(cls, context: Any, node_id: int) -> Node:
        """:raises NodeNotFound:"""
        return cls._from_row(context, cls._db().get_node(int(node_id)))

    @classmethod
    def get_by_uuid(cls, context: Any, uuid: str) -> Node:
        """:raises NodeNotFound:"""
        if not uuidutils.is_uuid_like(uuid):
            raise exception.NodeNotFound(node=uuid)
        return cls._from_row(context, cls._db().get_node(uuid))

    @classmethod
    def get_by_name(cls, context: Any, name: str) -> Node:
        """:raises NodeNotFound:"""
        return cls._from_row(context, cls._db().get_node_by_name(name))

    @classmethod
    def get_by_instance_uuid(cls, context: Any, instance_uuid: str) -> Node:
        """:raises InstanceNotFound:"""
        return cls._from_row(context, cls._db().get_node_by_instance(instance_uuid))

    @classmethod
    def get_by_port_addresses(cls, context: Any, addresses: list[str]) -> Node:
        """The one node owning a port with one of ``addresses``.

        :raises NodeNotFound: if no node, or more than one, matches.
        """
        return cls._from_row(context, cls._db().get_node_by_port_addresses(addresses))

    @classmethod
    def get_shard_list(cls, context: Any) -> list[dict[str, Any]]:
        """``{"name", "count"}`` per shard in use, largest first; nodes
        without a shard are counted under the name ``None``."""
        return cls._db().get_shard_list()

    @classmethod
    def list(cls, context: Any, limit: int | None = None, marker: Any = None,
             sort_key: str | None = None, sort_dir: str | None = None,
             filters: Mapping[str, Any] | None = None,
             fields: Iterable[str] | None = None) -> list[Node]:
        """Nodes matching ``filters``, sorted by ``sort_key`` then id.

        :param marker: UUID (or Node) of the last node of the previous page.
        :param fields: load only these fields (plus id and uuid).
        :raises InvalidParameterValue: on an unknown filter or sort key.
        :raises NodeNotFound: if the marker does not exist.
        """
        rows = cls._db().get_node_list(filters=filters, limit=limit, marker=marker,
                                       sort_key=sort_key, sort_dir=sort_dir,
                                       fields=fields)
        return cls._from_rows(context, rows)

    @classmethod
    def reserve(cls, context: Any, tag: str, node_id: int | str) -> Node:
        """Lock the node for ``tag`` (atomic) and return it.

        :raises NodeNotFound:
        :raises NodeLocked: naming the current holder.
        """
        return cls._from_row(context, cls._db().reserve_node(tag, node_id))

    @classmethod
    def release(cls, context: Any, tag: str, node_id: int | str) -> None:
        """Release the lock held by ``tag``.

        :raises NodeNotFound, NodeNotLocked, NodeLocked:
        """
        cls._db().release_node(tag, node_id)

    @classmethod
    def clear_reservations_for_conductor(cls, context: Any, hostname: str) -> int:
        """Release every node locked by ``hostname``; returns how many."""
        return cls._db().clear_node_reservations_for_conductor(hostname)

    @classmethod
    def clear_target_power_state_for_conductor(cls, context: Any,
                                               hostname: str) -> int:
        """Abort pending power actions of nodes locked by ``hostname``."""
        return cls._db().clear_node_target_power_state(hostname)

    # --- writing ----------------------------------------------------------------

    def create(self, context: Any = None) -> None:
        """Insert this node; unset fields get Ironic's defaults.

        :raises NodeAlreadyExists, DuplicateName, InstanceAssociated:
        :raises InvalidParameterValue: if traits are set (use TraitList).
        """
        values = self._changes_for_db(writable_derived=("chassis_uuid",))
        if self.obj_attr_is_set("traits") and self.traits and self.traits.objects:
            raise exception.InvalidParameterValue(
                err="Cannot create node with traits")
        self._refresh_from_row(self._db().create_node(values, version=self.VERSION))

    def save(self, context: Any = None) -> None:
        """Write the changed fields and reload the node.

        :raises NodeNotFound, DuplicateName, NodeAssociated, InstanceAssociated:
        """
        values = self._changes_for_db(writable_derived=("chassis_uuid",))
        if not values:
            return
        row = self._db().update_node(self.id if self.obj_attr_is_set("id") else self.uuid,
                                     values, version=self.VERSION)
        self._refresh_from_row(row)

    def destroy(self, context: Any = None) -> None:
        """Delete the node and everything attached to it. :raises NodeNotFound:"""
        self._db().destroy_node(self.uuid)
        self.obj_reset_changes()

    def refresh(self, context: Any = None) -> None:
        """Reload every field from the database. :raises NodeNotFound:"""
        self._refresh_from_row(self._db().get_node(self.uuid))

    def touch_provisioning(self, context: Any = None) -> None:
        """Set provision_updated_at to now. :raises NodeNotFound:"""
        self._db().touch_node_provisioning(self.uuid)

    # --- tags ------------------------------------------------------------------

    def get_tags(self) -> list[str]:
        """The node's tags, sorted. :raises NodeNotFound:"""
        return [row["tag"] for row in self._db().get_node_tags_by_node_id(self.id)]

    def set_tags(self, tags: Iterable[str]) -> None:
        """Make the node's tags exactly ``tags``. :raises NodeNotFound:"""
        self._db().set_node_tags(self.id, list(tags), version=self.VERSION)

    def add_tag(self, tag: str) -> None:
        """Add one tag (no-op if present). :raises NodeNotFound:"""
        self._db().add_node_tag(self.id, tag, version=self.VERSION)

    def remove_tag(self, tag: str) -> None:
        """:raises NodeNotFound, NodeTagNotFound:"""
        self._db().delete_node_tag(self.id, tag)

    # --- JSON field helpers -------------------------------------------------------

    def _set_in(self, field: str, key: str, value: Any) -> None:
        data = dict(getattr(self, field) or {})
        data[key] = value
        setattr(self, field, data)

    def _del_in(self, field: str, *keys: str) -> None:
        data = dict(getattr(self, field) or {})
        for key in keys:
            data.pop(key, None)
        setattr(self, field, data)

    def set_driver_internal_info(self, key: str, value: Any) -> None:
        """Set one key of driver_internal_info (marks it changed)."""
        self._set_in("driver_internal_info", key, value)

    def del_driver_internal_info(self, key: str) -> None:
        """Remove one key of driver_internal_info, if present."""
        self._del_in("driver_internal_info", key)

    def timestamp_driver_internal_info(self, key: str) -> None:
        """Store the current UTC time (ISO 8601) under ``key``."""
        now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
        self._set_in("driver_internal_info", key, now.isoformat())

    def set_instance_info(self, key: str, value: Any) -> None:
        """Set one key of instance_info (marks it changed)."""
        self._set_in("instance_info", key, value)

    def del_instance_info(self, key: str) -> None:
        """Remove one key of instance_info, if present."""
        self._del_in("instance_info", key)

    def set_driver_info(self, key: str, value: Any) -> None:
        """Set one key of driver_info (marks it changed)."""
        self._set_in("driver_info", key, value)

    def get_interface(self, kind: str) -> str | None:
        """The node's ``<kind>_interface`` value."""
        return getattr(self, f"{kind}_interface")

    def set_interface(self, kind: str, value: str | None) -> None:
        """Set the node's ``<kind>_interface``."""
        setattr(self, f"{kind}_interface", value)

    def as_dict(self) -> dict[str, Any]:
        """The set fields as a dict; ``traits`` as a list of names."""
        data = super().as_dict()
        if "traits" in data:
            data["traits"] = data["traits"].get_trait_names() if data["traits"] else []
        return data
