"""The InspectionRule object: conditions on inspection data and actions on a node."""
from __future__ import annotations

from typing import Any

from ironic.objects import base, fields, resource

PHASES = ("main",)
"""Inspection phases a rule may run in (Ironic knows only ``main``)."""


@base.IronicObjectRegistry.register
class InspectionRule(resource.ResourceObject):
    """A rule applied to a node's inspection data once inspection finishes."""

    # Version 1.0: id, uuid, description, priority, sensitive, phase, scope,
    #              conditions, actions
    VERSION = "1.0"

    _DB_NAME = "inspection_rule"

    fields = {
        "id": fields.IntegerField(),
        "uuid": fields.UUIDField(nullable=True),
        "description": fields.StringField(nullable=True),
        "priority": fields.IntegerField(default=0),
        "sensitive": fields.BooleanField(default=False),
        "phase": fields.StringField(nullable=True),
        "scope": fields.StringField(nullable=True),
        "conditions": fields.FlexibleListField(nullable=True),
        "actions": fields.FlexibleListField(),
    }

    def _load_row(self, row: Any) -> None:
        if "sensitive" in row and row["sensitive"] is None:
            row = {**row, "sensitive": False}
        super()._load_row(row)

    @classmethod
    def destroy_all(cls, context: Any) -> int:
        """Delete every rule; returns how many were deleted."""
        return cls._db().destroy_all_inspection_rules()
