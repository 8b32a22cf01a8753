"""ResourceObject: the common get/list/create/save/destroy of simple objects.

An object whose DB API follows the ``get_<name>``, ``get_<name>_list``,
``create_<name>``, ``update_<name>`` and ``destroy_<name>`` pattern sets
``_DB_NAME = "<name>"`` and inherits these methods.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, TypeVar

from oslo_utils import strutils
from oslo_utils import uuidutils

from ironic.common import exception
from ironic.objects import base

_T = TypeVar("_T", bound="ResourceObject")


class ResourceObject(base.IronicObject):
    """A database-backed object with a UUID and the usual CRUD methods."""

    _DB_NAME: ClassVar[str] = ""
    _HAS_NAME: ClassVar[bool] = False

    @classmethod
    def _call(cls, action: str, *args: Any, **kwargs: Any) -> Any:
        name = action.format(cls._DB_NAME)
        return getattr(cls._db(), name)(*args, **kwargs)

    @classmethod
    def get(cls: type[_T], context: Any, ident: int | str) -> _T:
        """By integer id, UUID or (if the object has names) name.

        :raises InvalidIdentity: for anything else.
        :raises: the object's NotFound error.
        """
        if strutils.is_int_like(ident):
            return cls.get_by_id(context, int(ident))
        if uuidutils.is_uuid_like(ident) or (cls._HAS_NAME and isinstance(ident, str)):
            return cls._from_row(context, cls._call("get_{}", ident))
        raise exception.InvalidIdentity(identity=ident)

    @classmethod
    def get_by_id(cls: type[_T], context: Any, ident: int) -> _T:
        """:raises: the object's NotFound error."""
        return cls._from_row(context, cls._call("get_{}", int(ident)))

    @classmethod
    def get_by_uuid(cls: type[_T], context: Any, uuid: str) -> _T:
        """:raises: the object's NotFound error."""
        return cls._from_row(context, cls._call("get_{}", uuid))

    @classmethod
    def list(cls: type[_T], context: Any, limit: int | None = None,
             marker: Any = None, sort_key: str | None = None,
             sort_dir: str | None = None, filters: Mapping[str, Any] | None = None,
             fields: Iterable[str] | None = None) -> list[_T]:
        """Objects matching ``filters``, sorted and paginated after ``marker``.

        :raises InvalidParameterValue: on an unknown filter or sort key.
        """
        rows = cls._call("get_{}_list", filters=filters, limit=limit, marker=marker,
                         sort_key=sort_key, sort_dir=sort_dir, fields=fields)
        return cls._from_rows(context, rows)

    def _values(self) -> dict[str, Any]:
        return self._changes_for_db()

    def create(self, context: Any = None) -> None:
        """Insert this object and reload it.

        :raises: the object's AlreadyExists/Duplicate errors.
        """
        row = self._call("create_{}", self._values(), version=self.VERSION)
        self._refresh_from_row(row)

    def save(self, context: Any = None) -> None:
        """Write the changed fields and reload."""
        values = self._values()
        if values:
            row = self._call("update_{}", self.uuid, values, version=self.VERSION)
            self._refresh_from_row(row)

    def destroy(self, context: Any = None) -> None:
        """Delete this object. :raises: the object's NotFound error."""
        self._call("destroy_{}", self.uuid)
        self.obj_reset_changes()

    def refresh(self, context: Any = None) -> None:
        """Reload every field. :raises: the object's NotFound error."""
        self._refresh_from_row(self._call("get_{}", self.uuid))
