"""DB API and object: inspection rules.

Backend-neutral: also run on PostgreSQL and MariaDB by tests/functional/db.
"""
from __future__ import annotations

import pytest

from ironic import objects
from ironic.common import context as ir_context
from ironic.common import exception

CONDITIONS = [{"op": "eq", "args": ["{inventory[cpu][count]}", 4]}]
ACTIONS = [{"op": "add-trait", "args": {"name": "CUSTOM_FOUR"}},
           {"op": "set-attribute", "args": {"path": "/extra/x", "value": [1, {"a": 2}]}}]


def test_inspection_rule_crud_keeps_json_lists(db):
    row = db.create_inspection_rule({"uuid": "9a0a7c6e-3f7b-4d8f-9a1c-2b3c4d5e6f70",
                                     "priority": 5, "conditions": CONDITIONS,
                                     "actions": ACTIONS, "phase": "main",
                                     "sensitive": True, "description": "d"})
    assert row["conditions"] == CONDITIONS and row["actions"] == ACTIONS
    assert (row["priority"], row["sensitive"], row["phase"]) == (5, True, "main")
    got = db.get_inspection_rule(row["uuid"])
    assert got["id"] == row["id"] and got["actions"] == ACTIONS
    row = db.update_inspection_rule(row["uuid"], {"actions": ACTIONS[:1],
                                                  "conditions": None})
    assert row["actions"] == ACTIONS[:1] and row["conditions"] == []
    with pytest.raises(exception.InspectionRuleAlreadyExists):
        db.create_inspection_rule({"uuid": row["uuid"], "priority": 0,
                                   "actions": ACTIONS})
    db.destroy_inspection_rule(row["uuid"])
    with pytest.raises(exception.InspectionRuleNotFound):
        db.get_inspection_rule(row["uuid"])
    with pytest.raises(exception.InspectionRuleNotFound):
        db.destroy_inspection_rule(row["uuid"])


def test_inspection_rule_list_filters_and_destroy_all(db):
    for priority, phase in ((1, "main"), (7, "main"), (3, "other")):
        db.create_inspection_rule({"priority": priority, "phase": phase,
                                   "actions": ACTIONS})
    rows = db.get_inspection_rule_list(sort_key="priority", sort_dir="desc")
    assert [r["priority"] for r in rows] == [7, 3, 1]
    assert all(r["uuid"] for r in rows)
    main = db.get_inspection_rule_list(filters={"phase": "main"})
    assert sorted(r["priority"] for r in main) == [1, 7]
    assert db.destroy_all_inspection_rules() == 3
    assert db.get_inspection_rule_list() == []


def test_inspection_rule_object_round_trip(db):
    ctx = ir_context.get_admin_context()
    rule = objects.InspectionRule(ctx, priority=2, actions=ACTIONS,
                                  conditions=CONDITIONS, phase="main")
    rule.create()
    assert rule.uuid and rule.sensitive is False
    loaded = objects.InspectionRule.get_by_uuid(ctx, rule.uuid)
    assert loaded.conditions == CONDITIONS and loaded.actions == ACTIONS
    loaded.priority = 9
    loaded.save()
    assert objects.InspectionRule.get(ctx, rule.uuid).priority == 9
    assert [r.uuid for r in objects.InspectionRule.list(ctx)] == [rule.uuid]
    assert objects.InspectionRule.destroy_all(ctx) == 1
    with pytest.raises(exception.InspectionRuleNotFound):
        loaded.refresh()
