"""``/v1/chassis`` (+ ``/nodes``) and ``/v1/portgroups`` (+ ``/ports``)."""
from __future__ import annotations

import pytest

from tests.unit.api.conftest import error_of

# --- chassis ----------------------------------------------------------------


def test_chassis_crud(api):
    created = api.call("POST", "/v1/chassis", {"description": "rack 1",
                                               "extra": {"row": "a"}}, status=201).json
    path = f"/v1/chassis/{created['uuid']}"
    assert created["nodes"][0]["href"].endswith(f"{path}/nodes")
    listed = api.call("GET", "/v1/chassis", status=200).json["chassis"]
    assert set(listed[0]) == {"uuid", "description", "links"}
    detail = api.call("GET", "/v1/chassis/detail", status=200).json["chassis"][0]
    assert detail["extra"] == {"row": "a"}
    patched = api.call("PATCH", path, [{"op": "replace", "path": "/description",
                                        "value": "rack 2"}], status=200).json
    assert patched["description"] == "rack 2"
    assert set(api.call("GET", f"{path}?fields=extra", status=200).json) == {
        "extra", "links"}
    api.call("DELETE", path, status=204)
    api.call("GET", path, status=404)


def test_chassis_with_nodes_cannot_be_deleted(api, make_chassis, make_node):
    chassis = make_chassis()
    make_node(chassis_id=chassis.id, name="member")
    r = api.call("DELETE", f"/v1/chassis/{chassis.uuid}", status=400)
    assert "contains nodes" in error_of(r)["faultstring"]
    nodes = api.call("GET", f"/v1/chassis/{chassis.uuid}/nodes", status=200).json
    assert [n["name"] for n in nodes["nodes"]] == ["member"]


def test_chassis_nodes_paging(api, make_chassis, make_node):
    chassis = make_chassis()
    for i in range(3):
        make_node(chassis_id=chassis.id, name=f"m{i}")
    page = api.call("GET", f"/v1/chassis/{chassis.uuid}/nodes?limit=2",
                    status=200).json
    assert len(page["nodes"]) == 2
    assert page["next"].startswith(f"http://localhost/v1/chassis/{chassis.uuid}/nodes?")
    rest_ = api.call("GET", page["next"].replace("http://localhost", ""), status=200)
    assert len(rest_.json["nodes"]) == 1


@pytest.mark.parametrize(("method", "path", "body", "status"), [
    ("GET", "/v1/chassis/not-a-uuid", None, 400),
    ("GET", "/v1/chassis/1be26c0b-03f2-4d2e-ae87-c02d7f33c123", None, 404),
    ("GET", "/v1/chassis/1be26c0b-03f2-4d2e-ae87-c02d7f33c123/nodes", None, 404),
    ("POST", "/v1/chassis", {"description": 5}, 400),
    ("POST", "/v1/chassis", {"bogus": 1}, 400),
    ("POST", "/v1/chassis", {"uuid": "nope"}, 400),
    ("POST", "/v1/chassis", {"description": "x" * 256}, 400),
])
def test_chassis_bad_requests(api, method, path, body, status):
    api.call(method, path, body, status=status)
    assert api.call("GET", "/v1/chassis", status=200).json["chassis"] == []


def test_duplicate_chassis_uuid_is_409(api):
    made = api.call("POST", "/v1/chassis", {}, status=201).json
    api.call("POST", "/v1/chassis", {"uuid": made["uuid"]}, status=409)


# --- portgroups ---------------------------------------------------------------


@pytest.fixture
def node(api):
    return api.call("POST", "/v1/nodes", {"driver": "fake-hardware", "name": "n1"},
                    status=201).json


def _portgroup(api, node, **body):
    body = {"node_uuid": node["uuid"], "address": "52:54:00:aa:bb:01", **body}
    return api.call("POST", "/v1/portgroups", body, status=201).json


def test_portgroup_crud(api, node):
    created = _portgroup(api, node, name="pg-1", mode="802.3ad",
                         properties={"miimon": "100"})
    assert created["mode"] == "802.3ad" and created["node_uuid"] == node["uuid"]
    assert api.call("GET", "/v1/portgroups/pg-1", status=200).json["uuid"] == \
        created["uuid"]
    listed = api.call("GET", "/v1/portgroups", status=200).json["portgroups"]
    assert set(listed[0]) == {"uuid", "address", "name", "links"}
    patched = api.call("PATCH", "/v1/portgroups/pg-1",
                       [{"op": "replace", "path": "/name", "value": "pg-2"}],
                       status=200).json
    assert patched["name"] == "pg-2"
    nested = api.call("GET", "/v1/nodes/n1/portgroups", status=200).json["portgroups"]
    assert [g["uuid"] for g in nested] == [created["uuid"]]
    api.call("DELETE", "/v1/portgroups/pg-2", status=204)
    api.call("GET", "/v1/portgroups/pg-2", status=404)


def test_portgroup_ports_and_non_empty_delete(api, node):
    group = _portgroup(api, node, name="pg-1")
    port = api.call("POST", "/v1/ports", {"node_uuid": node["uuid"],
                                          "address": "52:54:00:aa:bb:02",
                                          "portgroup_uuid": group["uuid"]},
                    status=201).json
    ports = api.call("GET", f"/v1/portgroups/{group['uuid']}/ports", status=200).json
    assert [p["uuid"] for p in ports["ports"]] == [port["uuid"]]
    api.call("GET", f"/v1/portgroups/{group['uuid']}/ports", version="1.23",
             status=404)
    r = api.call("DELETE", f"/v1/portgroups/{group['uuid']}")
    assert r.status_int == 400 and "contains ports" in error_of(r)["faultstring"]
    api.call("DELETE", f"/v1/ports/{port['uuid']}", status=204)
    api.call("DELETE", f"/v1/portgroups/{group['uuid']}", status=204)


@pytest.mark.parametrize("body", [
    {"name": "pg-1"}, {"address": "52:54:00:aa:bb:01"}])
def test_duplicate_portgroup_is_409(api, node, body):
    _portgroup(api, node, name="pg-1")
    fresh = {"name": "other", "address": "52:54:00:aa:bb:09", **body}
    r = api.call("POST", "/v1/portgroups", {"node_uuid": node["uuid"], **fresh},
                 status=409)
    assert "already exists" in error_of(r)["faultstring"]


@pytest.mark.parametrize("body", [
    {"address": "not-a-mac"}, {"mode": 5}, {"bogus": 1}, {"node_uuid": "missing"},
    {"node_uuid": "1be26c0b-03f2-4d2e-ae87-c02d7f33c123"}, {"properties": []},
    {"standalone_ports_supported": "maybe"}])
def test_bad_portgroup_bodies(api, node, body):
    api.call("POST", "/v1/portgroups", {"node_uuid": node["uuid"], **body},
             status=400)
    assert api.call("GET", "/v1/portgroups", status=200).json["portgroups"] == []


def test_portgroup_versions(api, node):
    api.call("GET", "/v1/portgroups", version="1.22", status=404)
    _portgroup(api, node, name="pg-1")
    shown = api.call("GET", "/v1/portgroups/pg-1", version="1.25", status=200).json
    assert "mode" not in shown
    api.call("POST", "/v1/portgroups", {"node_uuid": node["uuid"], "mode": "active"},
             version="1.25", status=406)


def test_portgroup_list_filters(api, node):
    _portgroup(api, node, name="pg-1")
    got = api.call("GET", "/v1/portgroups?address=52:54:00:AA:BB:01", status=200).json
    assert [g["name"] for g in got["portgroups"]] == ["pg-1"]
    assert api.call("GET", "/v1/portgroups?node=n1", status=200).json["portgroups"]
    api.call("GET", "/v1/portgroups?node=missing", status=404)
    api.call("GET", "/v1/portgroups?address=bogus", status=400)


def test_portgroup_ports_lists_only_its_own(api, node, make_port, make_portgroup):
    mine, other = make_portgroup(node_id=1), make_portgroup(node_id=1)
    own = make_port(node_id=1, portgroup_id=mine.id)
    make_port(node_id=1, portgroup_id=other.id)
    make_port(node_id=1)
    got = api.call("GET", f"/v1/portgroups/{mine.uuid}/ports", status=200).json
    assert [p["uuid"] for p in got["ports"]] == [own.uuid]
    api.call("GET", "/v1/portgroups/1be26c0b-03f2-4d2e-ae87-c02d7f33c123/ports",
             status=404)
