"""``/v1/deploy_templates`` (1.55) through the real API."""
from __future__ import annotations

import pytest

from tests.unit.api.conftest import error_of

STEP = {"interface": "bios", "step": "apply_configuration",
        "args": {"settings": [{"name": "LogicalProc", "value": "Enabled"}]},
        "priority": 150}


def _create(api, status=201, **body):
    body.setdefault("steps", [STEP])
    return api.call("POST", "/v1/deploy_templates", body, status=status)


def test_create_show_list_and_delete(api):
    r = _create(api, name="CUSTOM_HYPERTHREADING", extra={"a": "b"})
    uuid = r.json["uuid"]
    assert r.headers["Location"].endswith(f"/v1/deploy_templates/{uuid}")
    assert r.json["steps"] == [STEP] and r.json["extra"] == {"a": "b"}
    by_name = api.call("GET", "/v1/deploy_templates/CUSTOM_HYPERTHREADING",
                       status=200).json
    assert by_name["uuid"] == uuid
    listed = api.call("GET", "/v1/deploy_templates", status=200).json["deploy_templates"]
    assert [set(t) for t in listed] == [{"uuid", "name", "links"}]
    detailed = api.call("GET", "/v1/deploy_templates?detail=true",
                        status=200).json["deploy_templates"]
    assert detailed[0]["steps"] == [STEP]
    assert api.call("GET", "/v1/deploy_templates/detail",
                    status=200).json["deploy_templates"][0]["steps"] == [STEP]
    api.call("DELETE", f"/v1/deploy_templates/{uuid}", status=204)
    r = api.call("DELETE", f"/v1/deploy_templates/{uuid}", status=404)
    assert error_of(r)["faultstring"] == f"Deploy template {uuid} could not be found."


@pytest.mark.parametrize(("body", "fault"), [
    ({"name": "HT"}, "does not match"),
    ({"name": "CUSTOM_X", "steps": []}, "should be non-empty"),
    ({"name": "CUSTOM_X", "steps": [STEP, STEP]},
     "Duplicate deploy steps. A template cannot have multiple deploy steps with the "
     "same interface and step. Duplicates: interface: bios, step: apply_configuration."),
    ({"name": "CUSTOM_X", "steps": [{**STEP, "interface": "foo"}]}, "'foo' is not one of"),
    ({"name": "CUSTOM_X", "steps": [{**STEP, "priority": -1}]}, "Schema error"),
    ({"name": "CUSTOM_X", "steps": [{k: v for k, v in STEP.items() if k != "args"}]},
     "'args' is a required property"),
    ({"name": "CUSTOM_X", "uuid": "nope"}, "Expected UUID"),
])
def test_invalid_template_is_400(api, body, fault):
    r = _create(api, status=400, **body)
    assert fault in error_of(r)["faultstring"]
    assert api.call("GET", "/v1/deploy_templates",
                    status=200).json["deploy_templates"] == []


def test_priority_given_as_digits_is_stored_as_integer(api):
    r = _create(api, name="CUSTOM_X", steps=[{**STEP, "priority": "10"}])
    assert r.json["steps"][0]["priority"] == 10


def test_duplicate_name_is_409(api):
    _create(api, name="CUSTOM_X")
    r = _create(api, status=409, name="CUSTOM_X")
    assert error_of(r)["faultstring"] == "A deploy template with name CUSTOM_X already exists."


def test_patch_name_and_steps(api):
    _create(api, name="CUSTOM_A")
    r = api.call("PATCH", "/v1/deploy_templates/CUSTOM_A",
                 [{"op": "replace", "path": "/name", "value": "CUSTOM_B"},
                  {"op": "replace", "path": "/steps/0/priority", "value": 20}],
                 status=200)
    assert r.json["name"] == "CUSTOM_B" and r.json["steps"][0]["priority"] == 20
    shown = api.call("GET", "/v1/deploy_templates/CUSTOM_B", status=200).json
    assert shown["steps"][0]["priority"] == 20
    r = api.call("PATCH", "/v1/deploy_templates/CUSTOM_B",
                 [{"op": "remove", "path": "/steps"}], status=400)
    assert "'steps' is a required property" in error_of(r)["faultstring"]
    api.call("PATCH", "/v1/deploy_templates/CUSTOM_B",
             [{"op": "replace", "path": "/uuid", "value": "x"}], status=400)


@pytest.mark.parametrize(("method", "status"), [("GET", 404), ("POST", 405)])
def test_below_1_55_templates_do_not_exist(api, method, status):
    body = {"name": "CUSTOM_X", "steps": [STEP]} if method == "POST" else None
    r = api.call(method, "/v1/deploy_templates", body, version="1.54", status=status)
    assert "The API version does not allow deploy templates" in r.text
