"""``/v1/inspection_rules`` (1.96) through the real API."""
from __future__ import annotations

import json

from tests.unit.api.conftest import error_of

PATH = "/v1/inspection_rules"
CONDITIONS = [{"op": "eq", "args": ["{inventory[cpu][count]}", 4]},
              {"op": "!is-empty", "args": {"value": "{inventory[disks]}"},
               "multiple": "any"}]
ACTIONS = [{"op": "add-trait", "args": {"name": "CUSTOM_FOUR_CPUS"}},
           {"op": "set-attribute", "args": {"path": "/extra/cpus", "value": 4}}]
SYSTEM_READER = {"X-Roles": "reader", "OpenStack-System-Scope": "all"}
SYSTEM_MEMBER = {"X-Roles": "member,reader", "OpenStack-System-Scope": "all"}


def _create(api, status=201, **body):
    body.setdefault("actions", ACTIONS)
    return api.call("POST", PATH, body, status=status)


def test_create_show_list_and_delete(api):
    r = _create(api, conditions=CONDITIONS, description="four", priority=20)
    uuid = r.json["uuid"]
    assert r.headers["Location"].endswith(f"{PATH}/{uuid}")
    assert {k: r.json[k] for k in ("description", "priority", "sensitive", "phase",
                                   "conditions", "actions")} == {
        "description": "four", "priority": 20, "sensitive": False, "phase": "main",
        "conditions": CONDITIONS, "actions": ACTIONS}
    assert api.call("GET", f"{PATH}/{uuid}", status=200).json["actions"] == ACTIONS
    listed = api.call("GET", PATH, status=200).json["inspection_rules"]
    assert [set(r) for r in listed] == [
        {"uuid", "description", "priority", "phase", "sensitive", "links"}]
    detailed = api.call("GET", f"{PATH}?detail=true", status=200).json
    assert detailed["inspection_rules"][0]["conditions"] == CONDITIONS
    assert api.call("GET", f"{PATH}/detail", status=200).json == detailed
    shown = api.call("GET", f"{PATH}/{uuid}?fields=uuid,priority", status=200).json
    assert set(shown) == {"uuid", "priority", "links"}
    api.call("DELETE", f"{PATH}/{uuid}", status=204)
    api.call("GET", f"{PATH}/{uuid}", status=404)
    api.call("DELETE", f"{PATH}/{uuid}", status=404)


def test_defaults_and_explicit_uuid(api):
    uuid = "5b3a9f3e-59c5-4a8e-8f71-0c3a6a3e2d11"
    r = _create(api, uuid=uuid).json
    assert (r["uuid"], r["priority"], r["sensitive"], r["phase"], r["conditions"],
            r["description"]) == (uuid, 0, False, "main", [], None)
    assert _create(api, status=409, uuid=uuid).status_int == 409


def test_list_is_sorted_filtered_and_paged(api):
    for priority in (5, 50, 1):
        _create(api, priority=priority)
    r = api.call("GET", f"{PATH}?sort_key=priority&sort_dir=desc&limit=2", status=200)
    assert [x["priority"] for x in r.json["inspection_rules"]] == [50, 5]
    assert "marker=" in r.json["next"]
    assert len(api.call("GET", f"{PATH}?phase=main").json["inspection_rules"]) == 3
    assert api.call("GET", f"{PATH}?phase=other").json["inspection_rules"] == []
    api.call("GET", f"{PATH}?name=x", status=400)


def test_sensitive_rules_hide_conditions_and_actions(api):
    uuid = _create(api, sensitive=True, conditions=CONDITIONS).json["uuid"]
    shown = api.call("GET", f"{PATH}/{uuid}", status=200).json
    assert shown["sensitive"] is True
    assert shown["conditions"] is None and shown["actions"] is None
    detailed = api.call("GET", f"{PATH}?detail=true").json["inspection_rules"][0]
    assert detailed["conditions"] is None and detailed["actions"] is None
    assert "CUSTOM_FOUR_CPUS" not in api.call("GET", f"{PATH}/detail").text


def test_patch_changes_fields_and_validates(api):
    uuid = _create(api).json["uuid"]
    r = api.call("PATCH", f"{PATH}/{uuid}", [
        {"op": "replace", "path": "/priority", "value": 7},
        {"op": "add", "path": "/conditions", "value": CONDITIONS[:1]},
        {"op": "replace", "path": "/description", "value": "new"}], status=200)
    assert (r.json["priority"], r.json["conditions"], r.json["description"]) == (
        7, CONDITIONS[:1], "new")
    assert api.call("GET", f"{PATH}/{uuid}").json["priority"] == 7
    api.call("PATCH", f"{PATH}/{uuid}", [
        {"op": "replace", "path": "/actions",
         "value": [{"op": "no-such-action", "args": []}]}], status=400)
    api.call("PATCH", f"{PATH}/{uuid}", [
        {"op": "replace", "path": "/priority", "value": 10000}], status=400)
    api.call("PATCH", f"{PATH}/{uuid}", [
        {"op": "replace", "path": "/uuid", "value": uuid}], status=400)
    assert api.call("GET", f"{PATH}/{uuid}").json["priority"] == 7


def test_schema_refuses_bad_conditions_and_actions(api):
    bad = [
        {"actions": []},
        {"actions": [{"op": "reboot", "args": []}]},
        {"actions": [{"op": "log", "args": {"msg": "x"}, "multiple": "any"}]},
        {"conditions": [{"op": "between", "args": [1, 2]}]},
        {"conditions": [{"op": "eq", "args": [1, 1], "multiple": "some"}]},
        {"conditions": [{"op": "eq"}]},
        {"conditions": [{"op": "eq", "args": [1]}]},
        {"actions": [{"op": "set-attribute", "args": {"path": "/extra/a"}}]},
        {"priority": -1},
        {"phase": "early"},
        {"scope": "x"},
        {"uuid": "not-a-uuid"},
    ]
    for body in bad:
        body.setdefault("actions", ACTIONS)
        r = api.call("POST", PATH, body)
        assert r.status_int == 400, (body, r.text)
        assert error_of(r)["faultstring"]
    assert api.call("GET", PATH).json["inspection_rules"] == []


def test_all_condition_ops_and_loop_are_accepted(api):
    ops = ["eq", "lt", "gt", "is-true", "is-false", "is-none", "is-empty",
           "contains", "matches", "one-of"]
    conditions = [{"op": op, "args": ["{node.driver}", "x"], "invert": False}
                  for op in ops]
    conditions.append({"op": "!contains", "args": ["{item}", "a"],
                       "loop": ["ab", "cd"], "multiple": "all"})
    actions = [{"op": "log", "args": {"msg": "{item}"}, "loop": [1, 2]},
               {"op": "fail", "args": ["no"]}]
    r = _create(api, conditions=conditions, actions=actions).json
    assert r["conditions"] == conditions and r["actions"] == actions


def test_delete_all(api):
    for _ in range(3):
        _create(api)
    api.call("DELETE", PATH, status=204)
    assert api.call("GET", PATH).json["inspection_rules"] == []


def test_absent_before_1_96(api):
    uuid = _create(api).json["uuid"]
    api.call("GET", PATH, version="1.95", status=404)
    api.call("GET", f"{PATH}/{uuid}", version="1.95", status=404)
    assert api.call("POST", PATH, {"actions": ACTIONS}, version="1.95").status_int \
        in (404, 405)
    root = api.call("GET", "/v1", version="1.95").json
    assert "inspection_rules" not in root
    assert "inspection_rules" in api.call("GET", "/v1", version="1.96").json


def test_policy_reader_reads_only_admin_writes(api):
    uuid = _create(api).json["uuid"]
    api.call("GET", PATH, headers=SYSTEM_READER, status=200)
    api.call("GET", f"{PATH}/{uuid}", headers=SYSTEM_READER, status=200)
    for method, path, body, rule in (
            ("POST", PATH, {"actions": ACTIONS}, "create"),
            ("PATCH", f"{PATH}/{uuid}",
             [{"op": "replace", "path": "/priority", "value": 1}], "update"),
            ("DELETE", f"{PATH}/{uuid}", None, "delete")):
        r = api.call(method, path, body, headers=SYSTEM_MEMBER)
        assert r.status_int == 403
        assert f"baremetal:inspection_rule:{rule}" in \
            json.loads(r.json["error_message"])["faultstring"]
    assert len(api.call("GET", PATH).json["inspection_rules"]) == 1
