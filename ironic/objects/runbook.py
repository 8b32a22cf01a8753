"""The Runbook object: named, ordered steps for manual cleaning and servicing."""
from __future__ import annotations

from typing import Any

from ironic.objects import base
from ironic.objects import fields
from ironic.objects import resource

STEP_KEYS = ("interface", "step", "args", "order")
"""Keys of one runbook step as stored and returned."""


class _StepList(fields.ovo_fields.FieldType):
    """A list of step dicts (interface, step, args, order)."""

    @staticmethod
    def coerce(obj: Any, attr: str, value: Any) -> Any:
        if not isinstance(value, (list, tuple)):
            raise ValueError(f"{attr} must be a list of steps")
        return [{key: dict(step.get(key) or {}) if key == "args" else step.get(key)
                 for key in STEP_KEYS} for step in value]


class _StepListField(fields.ovo_fields.AutoTypedField):
    AUTO_TYPE = _StepList()


@base.IronicObjectRegistry.register
class Runbook(resource.ResourceObject):
    """Steps run on a node whose traits include the runbook's name."""

    # Version 1.0: id, uuid, name, steps, disable_ramdisk, public, owner, extra
    VERSION = "1.0"

    _DB_NAME = "runbook"
    _HAS_NAME = True

    fields = {
        "id": fields.IntegerField(),
        "uuid": fields.UUIDField(nullable=True),
        "name": fields.StringField(),
        "steps": _StepListField(),
        "disable_ramdisk": fields.BooleanField(default=False),
        "public": fields.BooleanField(default=False),
        "owner": fields.StringField(nullable=True),
        "extra": fields.FlexibleDictField(nullable=True),
    }

    def _load_row(self, row: Any) -> None:
        if "steps" in row:
            row = dict(row)
            row["steps"] = [{key: step[key] for key in STEP_KEYS}
                            for step in row["steps"]]
        for flag in ("disable_ramdisk", "public"):
            if flag in row and row[flag] is None:
                row = {**row, flag: False}
        super()._load_row(row)

    @classmethod
    def get_by_name(cls, context: Any, name: str) -> Runbook:
        """:raises RunbookNotFound:"""
        return cls._from_row(context, cls._db().get_runbook_by_name(name))

    def ordered_steps(self) -> list[dict[str, Any]]:
        """The steps sorted by ``order`` (ties keep their stored order)."""
        return sorted(self.steps, key=lambda step: int(step["order"]))
