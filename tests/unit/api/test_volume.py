"""Volume connectors and targets (1.32): discovery, CRUD, filters, paging, state rules."""
from __future__ import annotations

import pytest

from ironic import objects
from ironic.common import context as ir_context
from tests.unit.api.conftest import error_of

CONNECTORS = "/v1/volume/connectors"
TARGETS = "/v1/volume/targets"


@pytest.fixture
def node(api):
    return api.call("POST", "/v1/nodes", {"driver": "fake-hardware", "name": "n1"},
                    status=201).json


def _set_node(uuid, **fields):
    stored = objects.Node.get_by_uuid(ir_context.get_admin_context(), uuid)
    for name, value in fields.items():
        setattr(stored, name, value)
    stored.save()


def _connector(api, node, connector_id="iqn.2024-01.org:n1", **extra):
    body = {"node_uuid": node["uuid"], "type": "iqn", "connector_id": connector_id,
            **extra}
    return api.call("POST", CONNECTORS, body, status=201).json


def _target(api, node, boot_index=0, **extra):
    body = {"node_uuid": node["uuid"], "volume_type": "iscsi",
            "volume_id": f"vol-{boot_index}", "boot_index": boot_index, **extra}
    return api.call("POST", TARGETS, body, status=201).json


def test_discovery_documents(api, node):
    doc = api.call("GET", "/v1/volume", status=200).json
    assert doc["connectors"][0]["href"].endswith("/v1/volume/connectors")
    assert doc["targets"][1] == {"href": "http://localhost/volume/targets",
                                 "rel": "bookmark"}
    assert "volume" in api.call("GET", "/v1", status=200).json
    nested = api.call("GET", "/v1/nodes/n1/volume", status=200).json
    assert nested["connectors"][0]["href"].endswith(
        f"/v1/nodes/{node['uuid']}/volume/connectors")


@pytest.mark.parametrize("path", ["/v1/volume", CONNECTORS, TARGETS,
                                  "/v1/nodes/n1/volume"])
def test_older_versions_are_404(api, node, path):
    api.call("GET", path, version="1.31", status=404)


def test_connector_create_show_list(api, node):
    created = _connector(api, node, extra={"a": "b"})
    assert created["node_uuid"] == node["uuid"] and created["extra"] == {"a": "b"}
    shown = api.call("GET", f"{CONNECTORS}/{created['uuid']}", status=200).json
    assert shown["connector_id"] == "iqn.2024-01.org:n1"
    listed = api.call("GET", CONNECTORS, status=200).json["connectors"]
    assert set(listed[0]) == {"uuid", "connector_id", "type", "node_uuid", "links"}
    detail = api.call("GET", f"{CONNECTORS}/detail", status=200).json["connectors"]
    assert {"extra", "created_at", "updated_at"} <= set(detail[0])
    assert api.call("GET", f"{CONNECTORS}?detail=true", status=200).json == {
        "connectors": detail}


def test_connector_fields(api, node):
    created = _connector(api, node)
    one = api.call("GET", f"{CONNECTORS}/{created['uuid']}?fields=type", status=200).json
    assert set(one) == {"type", "links"}
    listed = api.call("GET", f"{CONNECTORS}?fields=uuid,extra", status=200).json
    assert set(listed["connectors"][0]) == {"uuid", "extra", "links"}
    api.call("GET", f"{CONNECTORS}?fields=bogus", status=400)
    api.call("GET", f"{CONNECTORS}?fields=type&detail=true", status=400)


def test_duplicate_connector_is_409(api, node):
    _connector(api, node)
    r = api.call("POST", CONNECTORS, {"node_uuid": node["uuid"], "type": "iqn",
                                      "connector_id": "iqn.2024-01.org:n1"}, status=409)
    assert "already exists" in error_of(r)["faultstring"]
    created = _connector(api, node, connector_id="other")
    api.call("POST", CONNECTORS, {"node_uuid": node["uuid"], "type": "ip",
                                  "connector_id": "1.2.3.4",
                                  "uuid": created["uuid"]}, status=409)


@pytest.mark.parametrize(("body", "status", "text"), [
    ({"type": "iqn", "connector_id": "x"}, 400, "'node_uuid' is a required"),
    ({"node_uuid": "NODE", "type": "iqn"}, 400, "'connector_id' is a required"),
    ({"node_uuid": "NODE", "type": "iqn", "connector_id": "x", "bogus": 1}, 400,
     "Additional properties"),
    ({"node_uuid": "NODE", "type": 5, "connector_id": "x"}, 400, "Schema error"),
    ({"node_uuid": "1be26c0b-03f2-4d2e-ae87-c02d7f33c123", "type": "iqn",
      "connector_id": "x"}, 400, "node_uuid"),
    ({"node_uuid": "n1", "type": "iqn", "connector_id": "x"}, 400, "Expected UUID"),
    ({"node_uuid": "NODE", "type": "iqn", "connector_id": "x", "uuid": "nope"}, 400,
     "Expected UUID"),
])
def test_bad_connector_bodies(api, node, body, status, text):
    body = {k: (node["uuid"] if v == "NODE" else v) for k, v in body.items()}
    r = api.call("POST", CONNECTORS, body, status=status)
    assert text in error_of(r)["faultstring"]
    assert api.call("GET", CONNECTORS, status=200).json["connectors"] == []


def test_filter_by_node_and_nested(api, node):
    other = api.call("POST", "/v1/nodes", {"driver": "fake-hardware", "name": "n2"},
                     status=201).json
    mine = _connector(api, node)
    _connector(api, other, connector_id="theirs")
    listed = api.call("GET", f"{CONNECTORS}?node=n1", status=200).json["connectors"]
    assert [c["uuid"] for c in listed] == [mine["uuid"]]
    nested = api.call("GET", f"/v1/nodes/{node['uuid']}/volume/connectors",
                      status=200).json["connectors"]
    assert [c["uuid"] for c in nested] == [mine["uuid"]]
    api.call("GET", f"{CONNECTORS}?node=missing", status=404)
    api.call("GET", f"/v1/nodes/{node['uuid']}/volume/connectors/{mine['uuid']}",
             status=400)
    api.call("POST", f"/v1/nodes/{node['uuid']}/volume/connectors",
             {"node_uuid": node["uuid"], "type": "ip", "connector_id": "x"}, status=400)


def test_pagination_and_sorting(api, node):
    made = [_target(api, node, boot_index=i) for i in range(3)]
    page = api.call("GET", f"{TARGETS}?limit=2&sort_key=boot_index", status=200).json
    assert [t["boot_index"] for t in page["targets"]] == [0, 1]
    assert "marker=" + made[1]["uuid"] in page["next"]
    rest_ = api.call("GET", page["next"].replace("http://localhost", ""),
                     status=200).json
    assert [t["boot_index"] for t in rest_["targets"]] == [2]
    desc = api.call("GET", f"{TARGETS}?sort_key=boot_index&sort_dir=desc",
                    status=200).json["targets"]
    assert [t["boot_index"] for t in desc] == [2, 1, 0]
    for bad in ("sort_key=properties", "sort_key=extra", "limit=-1", "limit=x",
                "marker=nope", "sort_dir=up"):
        api.call("GET", f"{TARGETS}?{bad}", status=400)


def test_target_create_and_duplicate_boot_index(api, node):
    created = _target(api, node, properties={"target_lun": 0})
    assert created["properties"] == {"target_lun": 0}
    r = api.call("POST", TARGETS, {"node_uuid": node["uuid"], "volume_type": "iscsi",
                                   "volume_id": "other", "boot_index": 0}, status=409)
    assert "boot index" in error_of(r)["faultstring"]
    listed = api.call("GET", TARGETS, status=200).json["targets"]
    assert set(listed[0]) == {"uuid", "boot_index", "volume_id", "volume_type",
                              "node_uuid", "links"}


@pytest.mark.parametrize("body", [
    {"volume_type": "iscsi", "volume_id": "v"},
    {"volume_type": "iscsi", "volume_id": "v", "boot_index": -1},
    {"volume_type": "iscsi", "volume_id": "v", "boot_index": 2 ** 40},
    {"volume_type": "iscsi", "volume_id": "v", "boot_index": "0"},
    {"volume_type": "iscsi", "volume_id": "v", "boot_index": 0, "properties": []},
])
def test_bad_target_bodies(api, node, body):
    api.call("POST", TARGETS, {"node_uuid": node["uuid"], **body}, status=400)
    assert api.call("GET", TARGETS, status=200).json["targets"] == []


def test_update_needs_power_off(api, node):
    connector = _connector(api, node)
    path = f"{CONNECTORS}/{connector['uuid']}"
    patch = [{"op": "add", "path": "/extra/rack", "value": "r1"}]
    _set_node(node["uuid"], power_state="power on")
    r = api.call("PATCH", path, patch, status=400)
    assert "volume connector update" in error_of(r)["faultstring"]
    _set_node(node["uuid"], power_state="power off", provision_state="active")
    updated = api.call("PATCH", path, patch, status=200).json
    assert updated["extra"] == {"rack": "r1"}
    assert api.call("GET", path, status=200).json["extra"] == {"rack": "r1"}


def test_patch_moves_target_to_other_node_and_refuses_bad_values(api, node):
    _set_node(node["uuid"], power_state="power off")
    other = api.call("POST", "/v1/nodes", {"driver": "fake-hardware"}, status=201).json
    _set_node(other["uuid"], power_state="power off")
    target = _target(api, node)
    path = f"{TARGETS}/{target['uuid']}"
    moved = api.call("PATCH", path, [{"op": "replace", "path": "/node_uuid",
                                      "value": other["uuid"]}], status=200).json
    assert moved["node_uuid"] == other["uuid"]
    for ops in ([{"op": "replace", "path": "/boot_index", "value": "x"}],
                [{"op": "remove", "path": "/volume_id"}],
                [{"op": "replace", "path": "/uuid", "value": target["uuid"]}],
                [{"op": "replace", "path": "/node_uuid",
                  "value": "1be26c0b-03f2-4d2e-ae87-c02d7f33c123"}]):
        api.call("PATCH", path, ops, status=400)
    assert api.call("GET", path, status=200).json["node_uuid"] == other["uuid"]


def test_patch_to_duplicate_is_409(api, node):
    _set_node(node["uuid"], power_state="power off")
    _target(api, node, boot_index=0)
    second = _target(api, node, boot_index=1)
    api.call("PATCH", f"{TARGETS}/{second['uuid']}",
             [{"op": "replace", "path": "/boot_index", "value": 0}], status=409)


@pytest.mark.parametrize(("fields", "status"), [
    ({"power_state": "power on", "provision_state": "enroll"}, 204),
    ({"power_state": "power on", "provision_state": "manageable"}, 204),
    ({"power_state": "power on", "provision_state": "active"}, 400),
    ({"power_state": "power off", "provision_state": "active"}, 204),
])
def test_delete_rules(api, node, fields, status):
    connector = _connector(api, node)
    target = _target(api, node)
    _set_node(node["uuid"], **fields)
    api.call("DELETE", f"{CONNECTORS}/{connector['uuid']}", status=status)
    api.call("DELETE", f"{TARGETS}/{target['uuid']}", status=status)
    left = api.call("GET", TARGETS, status=200).json["targets"]
    assert len(left) == (0 if status == 204 else 1)


def test_locked_node_is_409(api, node):
    connector = _connector(api, node)
    objects.Node.reserve(ir_context.get_admin_context(), "other-host", node["uuid"])
    api.call("DELETE", f"{CONNECTORS}/{connector['uuid']}", status=409)


def test_missing_and_malformed_identities(api, node):
    api.call("GET", f"{CONNECTORS}/1be26c0b-03f2-4d2e-ae87-c02d7f33c123", status=404)
    api.call("GET", f"{TARGETS}/not-a-uuid", status=400)
    api.call("DELETE", f"{TARGETS}/1be26c0b-03f2-4d2e-ae87-c02d7f33c123", status=404)
