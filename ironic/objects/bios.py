"""BIOSSetting and BIOSSettingList: a node's cached BIOS settings."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ironic.objects import base
from ironic.objects import fields


@base.IronicObjectRegistry.register
class BIOSSetting(base.IronicObject):
    """One BIOS setting of one node, with its registry attributes."""

    # Version 1.0: every column of Ironic's bios_settings table.
    VERSION = "1.0"

    fields = {
        "node_id": fields.IntegerField(),
        "name": fields.StringField(),
        "value": fields.StringField(nullable=True),
        "attribute_type": fields.StringField(nullable=True),
        "allowable_values": fields.ListOfStringsField(nullable=True),
        "lower_bound": fields.IntegerField(nullable=True),
        "max_length": fields.IntegerField(nullable=True),
        "min_length": fields.IntegerField(nullable=True),
        "read_only": fields.BooleanField(nullable=True),
        "reset_required": fields.BooleanField(nullable=True),
        "unique": fields.BooleanField(nullable=True),
        "upper_bound": fields.IntegerField(nullable=True),
    }

    @classmethod
    def get(cls, context: Any, node_id: int, name: str) -> BIOSSetting:
        """:raises NodeNotFound, BIOSSettingNotFound:"""
        return cls._from_row(context, cls._db().get_bios_setting(node_id, name))

    def create(self, context: Any = None) -> None:
        """:raises NodeNotFound, Conflict:"""
        rows = self._db().create_bios_setting_list(
            self.node_id, [self._changes_for_db()], version=self.VERSION)
        self._refresh_from_row(rows[0])

    def save(self, context: Any = None) -> None:
        """:raises NodeNotFound, BIOSSettingListNotFound:"""
        values = self._changes_for_db()
        values["name"] = self.name
        rows = self._db().update_bios_setting_list(self.node_id, [values],
                                                   version=self.VERSION)
        self._refresh_from_row(rows[0])

    @classmethod
    def delete(cls, context: Any, node_id: int, name: str) -> None:
        """:raises NodeNotFound, BIOSSettingListNotFound:"""
        cls._db().delete_bios_setting_list(node_id, [name])


@base.IronicObjectRegistry.register
class BIOSSettingList(base.IronicObjectListBase, base.IronicObject):
    """The BIOS settings of one node."""

    # Version 1.0: initial version
    VERSION = "1.0"

    fields = {"objects": fields.ListOfObjectsField("BIOSSetting")}

    @classmethod
    def get_by_node_id(cls, context: Any, node_id: int) -> BIOSSettingList:
        """:raises NodeNotFound:"""
        return cls._from_row_list(context, cls._db().get_bios_setting_list(node_id))

    @classmethod
    def create(cls, context: Any, node_id: int,
               settings: Iterable[Mapping[str, Any]]) -> BIOSSettingList:
        """Add settings (dicts with name, value, ...). :raises NodeNotFound, Conflict:"""
        rows = cls._db().create_bios_setting_list(node_id, list(settings),
                                                  version=BIOSSetting.VERSION)
        return cls._from_row_list(context, rows)

    @classmethod
    def save(cls, context: Any, node_id: int,
             settings: Iterable[Mapping[str, Any]]) -> BIOSSettingList:
        """Change existing settings. :raises BIOSSettingListNotFound:"""
        rows = cls._db().update_bios_setting_list(node_id, list(settings),
                                                  version=BIOSSetting.VERSION)
        return cls._from_row_list(context, rows)

    @classmethod
    def delete(cls, context: Any, node_id: int, names: Iterable[str]) -> None:
        """Remove settings by name. :raises BIOSSettingListNotFound:"""
        cls._db().delete_bios_setting_list(node_id, list(names))

    @classmethod
    def sync_node_setting(cls, context: Any, node_id: int,
                          settings: Iterable[Mapping[str, Any]]
                          ) -> tuple[list[dict[str, Any]], list[dict[str, Any]],
                                     list[dict[str, Any]], list[dict[str, Any]]]:
        """Compare fresh settings with the stored ones.

        :returns: (to create, to update, to delete, unchanged) lists of dicts.
        """
        stored = {s.name: s for s in cls.get_by_node_id(context, node_id).objects}
        create, update, same = [], [], []
        fresh_names = set()
        for setting in settings:
            fresh_names.add(setting["name"])
            old = stored.get(setting["name"])
            if old is None:
                create.append(dict(setting))
            elif any(getattr(old, key) != value for key, value in setting.items()
                     if key in BIOSSetting.fields and key != "node_id"):
                update.append(dict(setting))
            else:
                same.append(dict(setting))
        delete = [{"name": name, "value": s.value} for name, s in stored.items()
                  if name not in fresh_names]
        return create, update, delete, same
