"""PATCH /v1/nodes/{node}: JSON patch semantics and refusals."""
from __future__ import annotations

import pytest

from tests.unit.api.conftest import error_of


@pytest.fixture
def node(api):
    return api.call("POST", "/v1/nodes", {"driver": "fake-hardware", "name": "n1",
                                          "driver_info": {"ipmi_password": "pw"}},
                    status=201).json


def _patch(api, ident, ops, status=200, version="1.109"):
    return api.call("PATCH", f"/v1/nodes/{ident}", ops, status=status, version=version)


def test_add_nested_paths(api, node):
    r = _patch(api, "n1", [
        {"op": "add", "path": "/driver_info/ipmi_address", "value": "1.2.3.4"},
        {"op": "add", "path": "/properties/cpus", "value": 4},
        {"op": "add", "path": "/extra/foo", "value": "bar"}])
    assert r.json["driver_info"] == {"ipmi_password": "******", "ipmi_address": "1.2.3.4"}
    assert r.json["properties"] == {"cpus": 4}
    assert r.json["extra"] == {"foo": "bar"}
    again = api.call("GET", "/v1/nodes/n1", status=200).json
    assert again["properties"] == {"cpus": 4}


def test_replace_and_remove_top_level(api, node):
    r = _patch(api, node["uuid"], [{"op": "replace", "path": "/name", "value": "n2"},
                                   {"op": "replace", "path": "/description", "value": "d"}])
    assert (r.json["name"], r.json["description"]) == ("n2", "d")
    r = _patch(api, "n2", [{"op": "remove", "path": "/description"},
                           {"op": "remove", "path": "/driver_info"}])
    assert r.json["description"] is None
    assert r.json["driver_info"] == {}


def test_remove_nested_key(api, node):
    r = _patch(api, "n1", [{"op": "remove", "path": "/driver_info/ipmi_password"}])
    assert r.json["driver_info"] == {}


@pytest.mark.parametrize("path", ["/uuid", "/foo", "/provision_state", "/maintenance_reason"])
def test_read_only_or_unknown_path_is_400(api, node, path):
    r = _patch(api, "n1", [{"op": "replace", "path": path, "value": "x"}], status=400)
    assert error_of(r)["faultstring"].startswith(f"Cannot patch {path}. Only the following")


def test_remove_missing_nested_key_is_400_and_changes_nothing(api, node):
    r = _patch(api, "n1", [{"op": "add", "path": "/extra/a", "value": 1},
                           {"op": "remove", "path": "/extra/nothere"}], status=400)
    assert error_of(r)["faultstring"].startswith("Couldn't apply patch")
    assert api.call("GET", "/v1/nodes/n1", status=200).json["extra"] == {}


def test_patch_error_never_echoes_secrets(api, node):
    r = _patch(api, "n1", [{"op": "add", "path": "/driver_info/a/b", "value": "x"}],
               status=400)
    assert "pw" not in error_of(r)["faultstring"]


def test_bad_op_is_schema_error(api, node):
    r = _patch(api, "n1", [{"op": "bogus", "path": "/extra/a"}], status=400)
    assert error_of(r)["faultstring"].startswith("Schema error for patch:")


def test_wrong_value_type_is_400(api, node):
    _patch(api, "n1", [{"op": "replace", "path": "/maintenance", "value": "yes"}],
           status=400)
    _patch(api, "n1", [{"op": "remove", "path": "/driver"}], status=400)


def test_invalid_name_is_400(api, node):
    r = _patch(api, "n1", [{"op": "replace", "path": "/name", "value": "bad name!"}],
               status=400)
    assert "invalid name" in error_of(r)["faultstring"]


def test_duplicate_name_is_409_and_db_unchanged(api, node):
    api.call("POST", "/v1/nodes", {"driver": "fake-hardware", "name": "other"}, status=201)
    _patch(api, "other", [{"op": "replace", "path": "/name", "value": "n1"}], status=409)
    assert api.call("GET", "/v1/nodes/other", status=200).json["name"] == "other"


def test_field_newer_than_version_is_406(api, node):
    _patch(api, node["uuid"], [{"op": "add", "path": "/owner", "value": "x"}],
           version="1.40", status=406)
