"""Ports through the real API and conductor."""
from __future__ import annotations

import pytest

from tests.unit.api.conftest import error_of

MAC = "52:54:00:12:34:56"


@pytest.fixture
def node(api):
    return api.call("POST", "/v1/nodes", {"driver": "fake-hardware", "name": "n1"},
                    status=201).json


def _port(api, node, status=201, **body):
    body.setdefault("node_uuid", node["uuid"])
    body.setdefault("address", MAC)
    return api.call("POST", "/v1/ports", body, status=status)


def test_create_and_show(api, node):
    r = _port(api, node, pxe_enabled=True, extra={"a": 1})
    port = api.call("GET", f"/v1/ports/{r.json['uuid']}", status=200).json
    assert port["address"] == MAC
    assert port["node_uuid"] == node["uuid"]
    assert port["pxe_enabled"] is True
    assert r.headers["Location"].endswith(f"/v1/ports/{r.json['uuid']}")


def test_bad_mac_is_400(api, node):
    r = _port(api, node, address="not-a-mac", status=400)
    assert error_of(r)["faultstring"] == "Expected a MAC address but received not-a-mac."


def test_duplicate_mac_is_409_and_db_unchanged(api, node):
    _port(api, node)
    r = _port(api, node, address=MAC.upper(), status=409)
    assert MAC in error_of(r)["faultstring"]
    assert len(api.call("GET", "/v1/ports", status=200).json["ports"]) == 1


def test_unknown_field_is_400(api, node):
    _port(api, node, foo=1, status=400)


def test_list_filters_and_nested_collection(api, node):
    other = api.call("POST", "/v1/nodes", {"driver": "fake-hardware"}, status=201).json
    _port(api, node)
    _port(api, other, address="52:54:00:00:00:01")
    assert len(api.call("GET", "/v1/ports", status=200).json["ports"]) == 2
    by_node = api.call("GET", "/v1/ports?node=n1", status=200).json["ports"]
    assert [p["address"] for p in by_node] == [MAC]
    by_addr = api.call("GET", "/v1/ports?address=52:54:00:00:00:01", status=200).json
    assert len(by_addr["ports"]) == 1
    nested = api.call("GET", "/v1/nodes/n1/ports", status=200).json["ports"]
    assert [p["address"] for p in nested] == [MAC]
    assert set(nested[0]) == {"uuid", "address", "links"}


def test_patch_and_delete(api, node):
    uuid = _port(api, node).json["uuid"]
    r = api.call("PATCH", f"/v1/ports/{uuid}",
                 [{"op": "replace", "path": "/address", "value": "52:54:00:aa:bb:cc"},
                  {"op": "add", "path": "/extra/x", "value": "y"}], status=200)
    assert r.json["address"] == "52:54:00:aa:bb:cc" and r.json["extra"] == {"x": "y"}
    api.call("PATCH", f"/v1/ports/{uuid}",
             [{"op": "replace", "path": "/address", "value": "zz"}], status=400)
    api.call("DELETE", f"/v1/ports/{uuid}", status=204)
    api.call("GET", f"/v1/ports/{uuid}", status=404)


def test_port_fields_hidden_by_version(api, node):
    uuid = _port(api, node, name="p0").json["uuid"]
    old = api.call("GET", f"/v1/ports/{uuid}", version="1.18", status=200).json
    assert "pxe_enabled" not in old and "name" not in old and "internal_info" in old
    api.call("POST", "/v1/ports", {"node_uuid": node["uuid"], "address": "52:54:00:00:00:09",
                                   "name": "x"}, version="1.87", status=406)
