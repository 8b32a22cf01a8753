"""The Chassis object: an optional grouping of nodes."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from oslo_utils import strutils
from oslo_utils import uuidutils

from ironic.common import exception
from ironic.objects import base
from ironic.objects import fields


@base.IronicObjectRegistry.register
class Chassis(base.IronicObject):
    """A chassis holding nodes."""

    # Version 1.0: id, uuid, extra, description
    VERSION = "1.0"

    fields = {
        "id": fields.IntegerField(),
        "uuid": fields.UUIDField(nullable=True),
        "extra": fields.FlexibleDictField(nullable=True),
        "description": fields.StringField(nullable=True),
    }

    @classmethod
    def get(cls, context: Any, chassis_id: int | str) -> Chassis:
        """:raises InvalidIdentity, ChassisNotFound:"""
        if strutils.is_int_like(chassis_id):
            return cls.get_by_id(context, int(chassis_id))
        if uuidutils.is_uuid_like(chassis_id):
            return cls.get_by_uuid(context, str(chassis_id))
        raise exception.InvalidIdentity(identity=chassis_id)

    @classmethod
    def get_by_id(cls, context: Any, chassis_id: int) -> Chassis:
        """:raises ChassisNotFound:"""
        return cls._from_row(context, cls._db().get_chassis(int(chassis_id)))

    @classmethod
    def get_by_uuid(cls, context: Any, uuid: str) -> Chassis:
        """:raises ChassisNotFound:"""
        if not uuidutils.is_uuid_like(uuid):
            raise exception.ChassisNotFound(chassis=uuid)
        return cls._from_row(context, cls._db().get_chassis(uuid))

    @classmethod
    def list(cls, context: Any, limit: int | None = None, marker: Any = None,
             sort_key: str | None = None, sort_dir: str | None = None,
             filters: Mapping[str, Any] | None = None,
             fields: Iterable[str] | None = None) -> list[Chassis]:
        """Chassis, sorted and paginated."""
        rows = cls._db().get_chassis_list(filters=filters, limit=limit, marker=marker,
                                          sort_key=sort_key, sort_dir=sort_dir,
                                          fields=fields)
        return cls._from_rows(context, rows)

    def create(self, context: Any = None) -> None:
        """:raises ChassisAlreadyExists:"""
        self._refresh_from_row(self._db().create_chassis(self._changes_for_db(),
                                                         version=self.VERSION))

    def save(self, context: Any = None) -> None:
        """:raises ChassisNotFound:"""
        values = self._changes_for_db()
        if values:
            self._refresh_from_row(self._db().update_chassis(
                self.uuid, values, version=self.VERSION))

    def destroy(self, context: Any = None) -> None:
        """:raises ChassisNotFound, ChassisNotEmpty:"""
        self._db().destroy_chassis(self.uuid)
        self.obj_reset_changes()

    def refresh(self, context: Any = None) -> None:
        """:raises ChassisNotFound:"""
        self._refresh_from_row(self._db().get_chassis(self.uuid))
