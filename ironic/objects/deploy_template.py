"""The DeployTemplate object: named deploy steps applied to nodes by trait."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ironic.objects import base
from ironic.objects import fields
from ironic.objects import resource

STEP_KEYS = ("interface", "step", "args", "priority")
"""Keys of one step as stored and returned."""


class _StepList(fields.ovo_fields.FieldType):
    """A list of step dicts (interface, step, args, priority)."""

    @staticmethod
    def coerce(obj: Any, attr: str, value: Any) -> Any:
        if not isinstance(value, (list, tuple)):
            raise ValueError(f"{attr} must be a list of steps")
        return [{key: dict(step.get(key) or {}) if key == "args" else step.get(key)
                 for key in STEP_KEYS} for step in value]


class _StepListField(fields.ovo_fields.AutoTypedField):
    AUTO_TYPE = _StepList()


@base.IronicObjectRegistry.register
class DeployTemplate(resource.ResourceObject):
    """A named set of deploy steps."""

    # Version 1.0: id, uuid, name, extra, steps
    VERSION = "1.0"

    _DB_NAME = "deploy_template"
    _HAS_NAME = True

    fields = {
        "id": fields.IntegerField(),
        "uuid": fields.UUIDField(nullable=True),
        "name": fields.StringField(),
        "extra": fields.FlexibleDictField(nullable=True),
        "steps": _StepListField(),
    }

    def _load_row(self, row: Any) -> None:
        if "steps" in row:
            row = dict(row)
            row["steps"] = [{key: step[key] for key in STEP_KEYS}
                            for step in row["steps"]]
        super()._load_row(row)

    @classmethod
    def get_by_name(cls, context: Any, name: str) -> DeployTemplate:
        """:raises DeployTemplateNotFound:"""
        return cls._from_row(context, cls._db().get_deploy_template_by_name(name))

    @classmethod
    def list_by_names(cls, context: Any, names: Iterable[str]) -> list[DeployTemplate]:
        """Templates with the given names (unknown names are skipped)."""
        return cls._from_rows(context, cls._db().get_deploy_templates_by_names(names))
