"""``/v1/runbooks`` (1.92) and runbooks in manual cleaning and servicing, through
the real API on fake-hardware."""
from __future__ import annotations

import pytest

from tests.unit.api.conftest import error_of

CREATE = {"interface": "raid", "step": "create_configuration", "args": {}, "order": 2}
DELETE = {"interface": "raid", "step": "delete_configuration", "args": {}, "order": 1}
RAID = {"logical_disks": [{"size_gb": 10, "raid_level": "1", "is_root_volume": True}]}
PROVISION = "/v1/nodes/n1/states/provision"


@pytest.fixture(autouse=True)
def _fake_raid(conf):
    """Enable the fake RAID interface (before the conductor starts)."""
    conf.config(enabled_raid_interfaces=["fake", "no-raid"])


def _create(api, status=201, **body):
    body.setdefault("steps", [CREATE, DELETE])
    return api.call("POST", "/v1/runbooks", body, status=status)


def test_create_show_list_and_delete(api):
    r = _create(api, name="CUSTOM_RAID", extra={"a": "b"})
    uuid = r.json["uuid"]
    assert r.headers["Location"].endswith(f"/v1/runbooks/{uuid}")
    assert r.json["steps"] == [CREATE, DELETE]
    assert {k: r.json[k] for k in ("name", "extra", "public", "owner",
                                   "disable_ramdisk")} == {
        "name": "CUSTOM_RAID", "extra": {"a": "b"}, "public": False, "owner": None,
        "disable_ramdisk": False}
    assert api.call("GET", "/v1/runbooks/CUSTOM_RAID", status=200).json["uuid"] == uuid
    listed = api.call("GET", "/v1/runbooks", status=200).json["runbooks"]
    assert [set(t) for t in listed] == [{"uuid", "name", "links"}]
    detailed = api.call("GET", "/v1/runbooks?detail=true", status=200).json["runbooks"]
    assert detailed[0]["steps"] == [CREATE, DELETE]
    assert api.call("GET", "/v1/runbooks/detail",
                    status=200).json["runbooks"][0]["owner"] is None
    fields = api.call("GET", "/v1/runbooks?fields=name,steps", status=200).json
    assert set(fields["runbooks"][0]) == {"name", "steps", "links"}
    api.call("DELETE", f"/v1/runbooks/{uuid}", status=204)
    r = api.call("DELETE", f"/v1/runbooks/{uuid}", status=404)
    assert error_of(r)["faultstring"] == f"Runbook {uuid} could not be found."


def test_standard_trait_names_and_string_order_are_accepted(api):
    r = _create(api, name="HW_CPU_X86_AVX", public=True, disable_ramdisk=True,
                steps=[{**CREATE, "order": "7"}])
    assert r.json["steps"][0]["order"] == 7
    assert r.json["public"] is True and r.json["disable_ramdisk"] is True


@pytest.mark.parametrize(("body", "status", "fault"), [
    ({"name": "bad"}, 400, "Schema error for runbook"),
    ({"name": "CUSTOM_X", "steps": []}, 400, "should be non-empty"),
    ({"name": "CUSTOM_X", "steps": None}, 400, "Schema error"),
    ({"name": "CUSTOM_X", "steps": [CREATE, CREATE]}, 400,
     "Duplicates: interface: raid, step: create_configuration."),
    ({"name": "CUSTOM_X", "steps": [{k: v for k, v in CREATE.items() if k != "order"}]},
     400, "'order' is a required property"),
    ({"name": "CUSTOM_X", "steps": [{**CREATE, "priority": 1}]}, 400, "Schema error"),
    ({"name": "CUSTOM_X", "steps": [{**CREATE, "interface": "boot"}]}, 400,
     "'boot' is not one of"),
    ({"name": "CUSTOM_X", "public": True, "owner": "p1"}, 400,
     "There cannot be an owner for a public runbook"),
    ({"name": "CUSTOM_X", "uuid": "nope"}, 400, "Expected UUID"),
    ({"name": "CUSTOM_X", "foo": 1}, 400, "Additional properties"),
])
def test_invalid_runbook_is_refused(api, body, status, fault):
    r = _create(api, status=status, **body)
    assert fault in error_of(r)["faultstring"]
    assert api.call("GET", "/v1/runbooks", status=200).json["runbooks"] == []


def test_duplicate_name_is_409(api):
    _create(api, name="CUSTOM_X")
    r = _create(api, status=409, name="CUSTOM_X")
    assert error_of(r)["faultstring"] == "A runbook with name CUSTOM_X already exists."


def test_patch(api):
    _create(api, name="CUSTOM_A", owner="p1")
    r = api.call("PATCH", "/v1/runbooks/CUSTOM_A",
                 [{"op": "replace", "path": "/name", "value": "CUSTOM_B"},
                  {"op": "replace", "path": "/steps/0/order", "value": 5},
                  {"op": "replace", "path": "/disable_ramdisk", "value": True},
                  {"op": "add", "path": "/extra/k", "value": 1}], status=200)
    assert r.json["name"] == "CUSTOM_B" and r.json["steps"][0]["order"] == 5
    shown = api.call("GET", "/v1/runbooks/CUSTOM_B", status=200).json
    assert shown["disable_ramdisk"] is True and shown["extra"] == {"k": 1}
    r = api.call("PATCH", "/v1/runbooks/CUSTOM_B",
                 [{"op": "replace", "path": "/public", "value": True}], status=400)
    assert "There cannot be an owner for a public runbook" in error_of(r)["faultstring"]
    r = api.call("PATCH", "/v1/runbooks/CUSTOM_B",
                 [{"op": "remove", "path": "/steps"}], status=400)
    assert "'steps' is a required property" in error_of(r)["faultstring"]
    r = api.call("PATCH", "/v1/runbooks/CUSTOM_B",
                 [{"op": "replace", "path": "/uuid", "value": "x"}], status=400)
    assert "Cannot patch /uuid" in error_of(r)["faultstring"]
    api.call("PATCH", "/v1/runbooks/CUSTOM_B",
             [{"op": "remove", "path": "/owner"},
              {"op": "replace", "path": "/public", "value": True}], status=200)
    shown = api.call("GET", "/v1/runbooks/CUSTOM_B", status=200).json
    assert shown["owner"] is None and shown["public"] is True


def test_pagination_and_sorting(api):
    for name in ("CUSTOM_C", "CUSTOM_A", "CUSTOM_B"):
        _create(api, name=name)
    first = api.call("GET", "/v1/runbooks?limit=2&sort_key=name", status=200).json
    assert [r["name"] for r in first["runbooks"]] == ["CUSTOM_A", "CUSTOM_B"]
    assert "marker=" in first["next"]
    marker = first["runbooks"][-1]["uuid"]
    rest = api.call("GET", f"/v1/runbooks?limit=2&sort_key=name&marker={marker}",
                    status=200).json
    assert [r["name"] for r in rest["runbooks"]] == ["CUSTOM_C"]
    r = api.call("GET", "/v1/runbooks?owner=x", status=400)
    assert "owner" in error_of(r)["faultstring"]


def test_not_there_below_1_92(api):
    _create(api, name="CUSTOM_A")
    api.call("GET", "/v1/runbooks", version="1.91", status=404)
    api.call("GET", "/v1/runbooks/CUSTOM_A", version="1.91", status=404)
    api.call("POST", "/v1/runbooks", {"name": "CUSTOM_B", "steps": [CREATE]},
             version="1.91", status=405)
    assert "runbooks" not in api.call("GET", "/v1/", version="1.91", status=200).json
    assert "runbooks" in api.call("GET", "/v1/", status=200).json


@pytest.fixture
def managed(api):
    api.call("POST", "/v1/nodes", {"driver": "fake-hardware", "name": "n1",
                                   "raid_interface": "fake"}, status=201)
    api.call("PUT", PROVISION, {"target": "manage"}, status=202)
    api.call("PUT", "/v1/nodes/n1/states/raid", RAID, status=204)


def _node(api):
    return api.call("GET", "/v1/nodes/n1", status=200).json


def test_clean_with_runbook_runs_its_steps_in_order(api, managed):
    _create(api, name="CUSTOM_RAID")
    api.call("PUT", "/v1/nodes/n1/traits/CUSTOM_RAID", status=204)
    api.call("PUT", PROVISION, {"target": "clean", "runbook": "CUSTOM_RAID"}, status=202)
    node = _node(api)
    assert node["provision_state"] == "manageable" and node["last_error"] is None
    # delete (order 1) then create (order 2): the target RAID is built.
    assert node["raid_config"] == RAID


def test_clean_with_runbook_by_uuid(api, managed):
    uuid = _create(api, name="CUSTOM_RAID", steps=[DELETE]).json["uuid"]
    api.call("PUT", "/v1/nodes/n1/traits/CUSTOM_RAID", status=204)
    api.call("PUT", PROVISION, {"target": "clean", "runbook": uuid}, status=202)
    node = _node(api)
    assert node["provision_state"] == "manageable" and node["raid_config"] == {}


def test_runbook_not_in_node_traits_is_400(api, managed):
    _create(api, name="CUSTOM_RAID")
    api.call("PUT", "/v1/nodes/n1/traits/CUSTOM_OTHER", status=204)
    r = api.call("PUT", PROVISION, {"target": "clean", "runbook": "CUSTOM_RAID"},
                 status=400)
    assert "This runbook has not been approved for use on this node" in \
        error_of(r)["faultstring"]
    assert _node(api)["provision_state"] == "manageable"


def test_runbook_request_errors(api, managed):
    _create(api, name="CUSTOM_RAID")
    api.call("PUT", "/v1/nodes/n1/traits/CUSTOM_RAID", status=204)
    r = api.call("PUT", PROVISION, {"target": "clean", "runbook": "CUSTOM_NOPE"},
                 status=404)
    assert error_of(r)["faultstring"] == "Runbook CUSTOM_NOPE could not be found."
    api.call("PUT", PROVISION, {"target": "clean", "runbook": "CUSTOM_RAID"},
             version="1.91", status=406)
    api.call("PUT", PROVISION, {"target": "clean", "runbook": "CUSTOM_RAID",
                                "clean_steps": [DELETE]}, status=400)
    r = api.call("PUT", PROVISION, {"target": "inspect", "runbook": "CUSTOM_RAID"},
                 status=400)
    assert '"runbook" is only valid' in error_of(r)["faultstring"]


def test_runbook_with_unsupported_step_is_400(api, managed):
    _create(api, name="CUSTOM_BAD", steps=[{**CREATE, "step": "no_such_step"}])
    api.call("PUT", "/v1/nodes/n1/traits/CUSTOM_BAD", status=204)
    r = api.call("PUT", PROVISION, {"target": "clean", "runbook": "CUSTOM_BAD"},
                 status=400)
    assert "no_such_step" in error_of(r)["faultstring"]


def test_service_with_runbook(api):
    api.call("POST", "/v1/nodes", {"driver": "fake-hardware", "name": "n1"},
             status=201)
    for verb in ("manage", "provide", "active"):
        api.call("PUT", PROVISION, {"target": verb}, status=202)
    _create(api, name="CUSTOM_SVC", steps=[
        {"interface": "power", "step": "no_such_step", "args": {}, "order": 1}])
    api.call("PUT", "/v1/nodes/n1/traits/CUSTOM_SVC", status=204)
    r = api.call("PUT", PROVISION, {"target": "service", "runbook": "CUSTOM_SVC"},
                 status=400)
    assert "no_such_step" in error_of(r)["faultstring"]
    api.call("PATCH", "/v1/runbooks/CUSTOM_SVC",
             [{"op": "replace", "path": "/steps",
               "value": [{"interface": "deploy", "step": "hold", "args": {},
                          "order": 1}]}], status=200)
    api.call("PUT", PROVISION, {"target": "service", "runbook": "CUSTOM_SVC"},
             status=202)
    assert _node(api)["provision_state"] == "service hold"


def test_controller_internals_are_not_routes(api):
    for path in ("/v1/runbooks/_load", "/v1/deploy_templates/_render",
                 "/v1/inspection_rules/_require"):
        assert api.call("GET", path).status_int in (400, 404)
