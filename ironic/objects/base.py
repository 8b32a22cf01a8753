"""IronicObject: versioned objects over the DB API, their registry and serializer.

Objects are the only callers of ``ironic.db.api``. Every object class:

* declares ``VERSION`` with a version-history comment, and its ``fields``;
* is registered with ``@IronicObjectRegistry.register``, which also makes it
  available as ``ironic.objects.<Name>``;
* is built from DB rows with ``_from_row``: values read from the database are
  trusted and stored without per-field coercion (that is where loading 1,000
  nodes would otherwise spend its time), while values set by callers still go
  through the normal validating ``setattr``.

Fields listed in ``_DERIVED`` are filled from joins when loading and are never
written back as columns.
"""
from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, TypeVar

from oslo_utils import versionutils
from oslo_versionedobjects import base as ovo_base
from oslo_versionedobjects import fields as ovo_fields

from ironic import objects
from ironic.db import api as db_api
from ironic.objects import fields as our_fields

_T = TypeVar("_T", bound="IronicObject")
_UTC = datetime.UTC


class IronicObjectRegistry(ovo_base.VersionedObjectRegistry):
    """Registers object classes and exposes the newest as ``objects.<Name>``."""

    def registration_hook(self, cls: type[ovo_base.VersionedObject], index: int) -> None:
        current = getattr(objects, cls.obj_name(), None)
        if current is None or (
                versionutils.convert_version_to_tuple(cls.VERSION)
                >= versionutils.convert_version_to_tuple(current.VERSION)):
            setattr(objects, cls.obj_name(), cls)


class _RowPlan:
    """Precomputed per-class mapping from row keys to OVO attribute names."""

    def __init__(self, cls: type[IronicObject]) -> None:
        self.attrs = {name: "_obj_" + name for name in cls.fields}
        self.datetimes = frozenset(
            name for name, field in cls.fields.items()
            if isinstance(field, ovo_fields.DateTimeField))
        self.objects = {name: field for name, field in cls.fields.items()
                        if isinstance(field, ovo_fields.ObjectField)}


class IronicObject(ovo_base.VersionedObject):
    """Base of every object: timestamps, DB access, fast loading, as_dict()."""

    OBJ_SERIAL_NAMESPACE = "ironic_object"
    OBJ_PROJECT_NAMESPACE = "ironic"

    fields: ClassVar[dict[str, ovo_fields.Field[Any]]] = {
        "created_at": our_fields.DateTimeField(nullable=True),
        "updated_at": our_fields.DateTimeField(nullable=True),
    }

    _DERIVED: ClassVar[frozenset[str]] = frozenset()
    """Fields loaded by joins; not written back as columns."""

    _JSON_OBJECT_FIELDS: ClassVar[Mapping[str, type[IronicObject]]] = {}
    """Fields holding child objects built from a list of rows (Node.traits)."""

    @property
    def dbapi(self) -> db_api.Connection:
        """The database API."""
        return db_api.get_instance()

    @classmethod
    def _db(cls) -> db_api.Connection:
        return db_api.get_instance()

    @classmethod
    def _plan(cls) -> _RowPlan:
        plan = cls.__dict__.get("_row_plan")
        if plan is None:
            plan = _RowPlan(cls)
            cls._row_plan = plan  # type: ignore[attr-defined]
        return plan

    # --- building from DB rows ------------------------------------------------

    @classmethod
    def _from_row(cls: type[_T], context: Any, row: Mapping[str, Any]) -> _T:
        """An object holding ``row`` as trusted, already-typed values."""
        obj = cls.__new__(cls)
        state = obj.__dict__
        state["_context"] = context
        state["_changed_fields"] = set()
        obj._load_row(row)
        return obj

    @classmethod
    def _from_rows(cls: type[_T], context: Any, rows: Iterable[Mapping[str, Any]]
                   ) -> list[_T]:
        return [cls._from_row(context, row) for row in rows]

    def _load_row(self, row: Mapping[str, Any]) -> None:
        plan = self._plan()
        state = self.__dict__
        attrs = plan.attrs
        datetimes = plan.datetimes
        for key, value in row.items():
            attr = attrs.get(key)
            if attr is None:
                continue
            if value is not None and key in datetimes:
                value = value.replace(tzinfo=_UTC)
            elif key in self._JSON_OBJECT_FIELDS:
                value = self._JSON_OBJECT_FIELDS[key]._from_row_list(
                    self._context, value)
            state[attr] = value

    def _refresh_from_row(self, row: Mapping[str, Any]) -> None:
        """Replace this object's values with ``row`` and forget changes."""
        self._load_row(row)
        self._changed_fields.clear()

    # --- writing ------------------------------------------------------------------

    def _changes_for_db(self, writable_derived: Iterable[str] = ()) -> dict[str, Any]:
        """Changed fields to write, without derived fields and timestamps
        (``writable_derived`` lists derived fields the DB layer resolves)."""
        skip = self._DERIVED - set(writable_derived)
        return {name: value for name, value in self.obj_get_changes().items()
                if name not in skip and name not in ("created_at", "updated_at")}

    def _ctx(self, context: Any) -> Any:
        return context if context is not None else self._context

    # --- conveniences -----------------------------------------------------------

    def as_dict(self) -> dict[str, Any]:
        """The set fields as a plain dict."""
        return {name: getattr(self, name) for name in self.fields
                if self.obj_attr_is_set(name)}

    def obj_refresh(self, loaded_object: IronicObject) -> None:
        """Copy every set field of ``loaded_object`` into this object."""
        for name in self.fields:
            if loaded_object.obj_attr_is_set(name):
                self.__dict__["_obj_" + name] = getattr(loaded_object, name)
        self._changed_fields.clear()


class IronicObjectListBase(ovo_base.ObjectListBase):
    """A list of objects built from DB rows without per-item coercion."""

    @classmethod
    def _from_row_list(cls, context: Any, rows: Iterable[Mapping[str, Any]] | None
                       ) -> Any:
        item_cls = objects_registry_class(cls.fields["objects"])
        obj = cls.__new__(cls)
        state = obj.__dict__
        state["_context"] = context
        state["_changed_fields"] = set()
        state["_obj_objects"] = [item_cls._from_row(context, row)
                                 for row in (rows or ())]
        return obj

    def as_dict(self) -> dict[str, Any]:
        return {"objects": [item.as_dict() for item in self.objects]}


def objects_registry_class(field: ovo_fields.Field[Any]) -> Any:
    """The object class a ListOfObjectsField holds."""
    name = field.AUTO_TYPE._element_type._type._obj_name  # type: ignore[attr-defined]
    return getattr(objects, name)


class IronicObjectSerializer(ovo_base.VersionedObjectSerializer):
    """Serializes IronicObjects (and lists/dicts of them) for RPC."""

    OBJ_BASE_CLASS = IronicObject
