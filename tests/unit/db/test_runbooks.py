"""DB API: runbooks and their steps.

Backend-neutral: also run on PostgreSQL and MariaDB by tests/functional/db.
"""
from __future__ import annotations

import pytest

from ironic import objects
from ironic.common import context as ir_context
from ironic.common import exception

STEPS = [{"interface": "raid", "step": "create_configuration", "args": {"a": [1]},
          "order": 2},
         {"interface": "bios", "step": "factory_reset", "args": {}, "order": 1}]


def test_runbook_with_steps_crud(db):
    row = db.create_runbook({"name": "CUSTOM_R", "steps": STEPS, "owner": "p1",
                             "disable_ramdisk": True})
    assert [(s["step"], s["args"], s["order"]) for s in row["steps"]] == [
        ("create_configuration", {"a": [1]}, 2), ("factory_reset", {}, 1)]
    assert row["owner"] == "p1" and row["disable_ramdisk"] is True
    assert db.get_runbook_by_name("CUSTOM_R")["id"] == row["id"]
    assert db.get_runbook(row["uuid"])["name"] == "CUSTOM_R"
    row = db.update_runbook(row["uuid"], {"steps": STEPS[1:], "public": True,
                                          "owner": None})
    assert len(row["steps"]) == 1 and row["public"] is True and row["owner"] is None
    with pytest.raises(exception.RunbookDuplicateName):
        db.create_runbook({"name": "CUSTOM_R", "steps": []})
    with pytest.raises(exception.RunbookAlreadyExists):
        db.create_runbook({"name": "CUSTOM_S", "uuid": row["uuid"], "steps": []})
    db.destroy_runbook("CUSTOM_R")
    with pytest.raises(exception.RunbookNotFound):
        db.get_runbook_by_name("CUSTOM_R")
    with pytest.raises(exception.RunbookNotFound):
        db.destroy_runbook("CUSTOM_R")


def test_runbook_list_filters_and_pages(db):
    for name, owner in (("CUSTOM_B", "p1"), ("CUSTOM_A", None), ("CUSTOM_C", "p2")):
        db.create_runbook({"name": name, "owner": owner, "steps": STEPS})
    rows = db.get_runbook_list(sort_key="name", limit=2)
    assert [r["name"] for r in rows] == ["CUSTOM_A", "CUSTOM_B"]
    assert all(len(r["steps"]) == 2 for r in rows)
    after = db.get_runbook_list(sort_key="name", marker=rows[-1]["uuid"])
    assert [r["name"] for r in after] == ["CUSTOM_C"]
    assert [r["name"] for r in db.get_runbook_list(filters={"owner": "p2"})] == \
        ["CUSTOM_C"]
    with pytest.raises(exception.InvalidParameterValue):
        db.get_runbook_list(filters={"nope": 1})


def test_runbook_object_orders_steps(db):
    ctx = ir_context.get_admin_context()
    runbook = objects.Runbook(ctx, name="CUSTOM_O", steps=STEPS, extra={})
    runbook.create()
    loaded = objects.Runbook.get(ctx, "CUSTOM_O")
    assert loaded.public is False and loaded.disable_ramdisk is False
    assert [s["order"] for s in loaded.ordered_steps()] == [1, 2]
    loaded.name = "CUSTOM_P"
    loaded.save()
    assert objects.Runbook.get_by_name(ctx, "CUSTOM_P").uuid == runbook.uuid
    assert [r.name for r in objects.Runbook.list(ctx)] == ["CUSTOM_P"]
    loaded.destroy()
    assert objects.Runbook.list(ctx) == []
