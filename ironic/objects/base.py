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
import operator
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
        self.children = dict(cls._JSON_OBJECT_FIELDS)
        self._by_keys: dict[tuple[str, ...], tuple[Any, ...]] = {}

    def for_keys(self, keys: tuple[str, ...]) -> tuple[Any, ...]:
        """(getter of field values, their attribute names, datetime attribute
        names, child-object attribute names) for rows with these keys."""
        plan = self._by_keys.get(keys)
        if plan is None:
            wanted = [i for i, key in enumerate(keys) if key in self.attrs]
            names = [self.attrs[keys[i]] for i in wanted]
            if len(wanted) == 1:
                index = wanted[0]
                getter: Any = lambda values: (values[index],)  # noqa: E731
            else:
                getter = operator.itemgetter(*wanted) if wanted else (lambda v: ())
            dates = tuple(self.attrs[k] for k in keys if k in self.datetimes)
            children = tuple((self.attrs[k], self.children[k]) for k in keys
                             if k in self.children)
            plan = (getter, tuple(names), dates, children)
            self._by_keys[keys] = plan
        return plan


def _copy_value(value: Any) -> Any:
    """A deep copy of a field value: JSON-like data, sets and child objects."""
    if isinstance(value, dict):
        return {key: _copy_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy_value(item) for item in value]
    if isinstance(value, set):
        return set(value)
    if isinstance(value, ovo_base.VersionedObject):
        return value.obj_clone()
    return value  # str, int, float, bool, None, datetime: immutable


def _fast_clone(obj: Any) -> Any:
    """A deep copy of ``obj`` sharing only its context.

    ``copy.deepcopy`` of a node took about 1 ms, most of it in the generic
    copy machinery; field values here are JSON-like data, immutable scalars
    or child objects, which this copies directly.
    """
    clone = type(obj).__new__(type(obj))
    state = clone.__dict__
    for key, value in obj.__dict__.items():
        state[key] = value if key == "_context" else _copy_value(value)
    return clone


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
        getter, names, dates, children = self._plan().for_keys(tuple(row))
        state = self.__dict__
        state.update(zip(names, getter(tuple(row.values()))))
        for attr in dates:
            value = state[attr]
            if value is not None and value.tzinfo is None:
                state[attr] = value.replace(tzinfo=_UTC)
        for attr, child_cls in children:
            state[attr] = child_cls._from_row_list(self._context, state[attr])

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

    obj_clone = _fast_clone

    @classmethod
    def _object_field_names(cls) -> tuple[str, ...]:
        names = cls.__dict__.get("_object_fields")
        if names is None:
            names = tuple(name for name, field in cls.fields.items()
                          if isinstance(field, ovo_fields.ObjectField))
            cls._object_fields = names  # type: ignore[attr-defined]
        return names

    def obj_what_changed(self) -> set[str]:
        """Changed fields, including child objects changed in place.

        Same answer as oslo.versionedobjects' version, which inspects every
        field on each call; only object-valued fields can change in place.
        """
        changes = set(self._changed_fields)
        for name in self._object_field_names():
            child = self.__dict__.get("_obj_" + name)
            if child is not None and child.obj_what_changed():
                changes.add(name)
        return changes

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
    def _item_class(cls) -> Any:
        item_cls = cls.__dict__.get("_item_cls")
        if item_cls is None:
            field = cls.fields["objects"]
            name = field.AUTO_TYPE._element_type._type._obj_name  # type: ignore[attr-defined]
            item_cls = getattr(objects, name)
            cls._item_cls = item_cls  # type: ignore[attr-defined]
        return item_cls

    @classmethod
    def _from_row_list(cls, context: Any, rows: Iterable[Mapping[str, Any]] | None
                       ) -> Any:
        obj = cls.__new__(cls)
        state = obj.__dict__
        state["_context"] = context
        state["_changed_fields"] = set()
        if rows:
            item_cls = cls._item_class()
            state["_obj_objects"] = [item_cls._from_row(context, row) for row in rows]
        else:
            state["_obj_objects"] = []
        return obj

    obj_clone = _fast_clone

    def as_dict(self) -> dict[str, Any]:
        return {"objects": [item.as_dict() for item in self.objects]}


class IronicObjectSerializer(ovo_base.VersionedObjectSerializer):
    """Serializes IronicObjects (and lists/dicts of them) for RPC."""

    OBJ_BASE_CLASS = IronicObject
