"""``baremetal`` port, port group, chassis, driver and conductor commands."""
from __future__ import annotations

import json

import pytest

from tests.compat.conftest import CLIError


def _mac(tag: str, last: int) -> str:
    octets = [int(tag[i:i + 2], 16) for i in (0, 2, 4, 6)]
    return "52:54:" + ":".join(f"{o:02x}" for o in octets[:3]) + f":{last:02x}"


@pytest.fixture
def node(baremetal, tag):
    created = baremetal("node", "create", "--driver", "fake-hardware", "--name", f"res-{tag}")
    yield created
    try:
        baremetal("node", "delete", created["uuid"], json_output=False)
    except CLIError:
        pass


def test_port_create_list_show_delete(baremetal, node, tag):
    mac = _mac(tag, 1)
    port = baremetal("port", "create", mac, "--node", node["uuid"], "--extra", "slot=1")
    assert port["address"] == mac
    assert port["node_uuid"] == node["uuid"]
    assert port["extra"] == {"slot": 1}

    rows = baremetal("port", "list", "--node", node["uuid"])
    assert rows == [{"uuid": port["uuid"], "address": mac}]
    assert port["uuid"] in {r["uuid"] for r in baremetal("port", "list")}
    assert baremetal("port", "list", "--address", mac)[0]["uuid"] == port["uuid"]

    shown = baremetal("port", "show", port["uuid"])
    assert shown["address"] == mac and shown["node_uuid"] == node["uuid"]
    by_address = baremetal("port", "show", "--address", mac)
    assert by_address["uuid"] == port["uuid"]

    long_rows = baremetal("port", "list", "--long", "--node", node["uuid"])
    assert long_rows[0]["node_uuid"] == node["uuid"]

    baremetal("port", "delete", port["uuid"], json_output=False)
    assert baremetal("port", "list", "--node", node["uuid"]) == []


def test_port_with_duplicate_address_is_rejected(baremetal, http, node, tag):
    mac = _mac(tag, 2)
    port = baremetal("port", "create", mac, "--node", node["uuid"])
    try:
        # (over HTTP: the CLI retries every 409 for about ten seconds before giving up)
        resp = http.post("/v1/ports", json={"address": mac, "node_uuid": node["uuid"]})
        assert resp.status_code == 409
        fault = json.loads(resp.json()["error_message"])
        assert "already exists" in fault["faultstring"] and mac in fault["faultstring"]
    finally:
        baremetal("port", "delete", port["uuid"], json_output=False)


def test_port_group_create_list_delete(baremetal, node, tag):
    mac = _mac(tag, 3)
    group = baremetal("port", "group", "create", "--node", node["uuid"],
                      "--name", f"pg-{tag}", "--address", mac)
    assert group["name"] == f"pg-{tag}"
    assert group["address"] == mac
    assert group["node_uuid"] == node["uuid"]

    rows = baremetal("port", "group", "list", "--node", node["uuid"])
    assert [(r["uuid"], r["name"], r["address"]) for r in rows] == [
        (group["uuid"], f"pg-{tag}", mac)]
    assert baremetal("port", "group", "show", f"pg-{tag}")["uuid"] == group["uuid"]

    baremetal("port", "group", "delete", f"pg-{tag}", json_output=False)
    assert baremetal("port", "group", "list", "--node", node["uuid"]) == []


def test_chassis_create_list_delete(baremetal, tag):
    chassis = baremetal("chassis", "create", "--description", f"rack {tag}",
                        "--extra", "row=4")
    assert chassis["description"] == f"rack {tag}"
    assert chassis["extra"] == {"row": 4}

    rows = baremetal("chassis", "list")
    assert {"uuid": chassis["uuid"], "description": f"rack {tag}"} in rows
    shown = baremetal("chassis", "show", chassis["uuid"])
    assert shown["description"] == f"rack {tag}"

    baremetal("chassis", "delete", chassis["uuid"], json_output=False)
    assert chassis["uuid"] not in {r["uuid"] for r in baremetal("chassis", "list")}


def test_node_in_chassis(baremetal, tag):
    chassis = baremetal("chassis", "create", "--description", f"c-{tag}")
    node = baremetal("node", "create", "--driver", "fake-hardware",
                     "--chassis-uuid", chassis["uuid"])
    try:
        assert node["chassis_uuid"] == chassis["uuid"]
        rows = baremetal("node", "list", "--chassis", chassis["uuid"])
        assert [r["uuid"] for r in rows] == [node["uuid"]]
        with pytest.raises(CLIError) as err:
            baremetal("chassis", "delete", chassis["uuid"], json_output=False)
        assert "contains" in err.value.stderr or "nodes" in err.value.stderr
    finally:
        baremetal("node", "delete", node["uuid"], json_output=False)
        baremetal("chassis", "delete", chassis["uuid"], json_output=False)


def test_driver_list_shows_fake_hardware(baremetal, service):
    rows = baremetal("driver", "list")
    by_name = {r["name"]: r for r in rows}
    assert "fake-hardware" in by_name
    assert by_name["fake-hardware"]["hosts"], "fake-hardware has no active host"
    if service.conductor_host:
        assert by_name["fake-hardware"]["hosts"] == service.conductor_host


def test_driver_show_fake_hardware(baremetal, service):
    shown = baremetal("driver", "show", "fake-hardware")
    assert shown["name"] == "fake-hardware"
    assert shown["type"] == "dynamic"
    assert shown["default_power_interface"] == "fake"
    assert shown["default_management_interface"] == "fake"
    assert "fake" in shown["enabled_power_interfaces"].split(", ")
    assert "default_raid_interface" in shown and "enabled_vendor_interfaces" in shown
    if service.conductor_host:
        assert shown["hosts"] == service.conductor_host


def test_driver_show_unknown_driver_fails(baremetal):
    with pytest.raises(CLIError) as err:
        baremetal("driver", "show", "no-such-driver")
    assert "no-such-driver" in err.value.stderr
    assert "HTTP 404" in err.value.stderr


def test_driver_property_list(baremetal):
    rows = baremetal("driver", "property", "list", "fake-hardware")
    assert rows, "fake-hardware should describe at least one driver_info property"
    assert all(set(r) == {"property", "description"} for r in rows)
    assert all(r["property"] and r["description"] for r in rows)


def test_conductor_list_shows_embedded_conductor_alive(baremetal, service):
    rows = baremetal("conductor", "list")
    assert rows, "no conductor registered"
    assert all(set(r) == {"hostname", "conductor_group", "alive"} for r in rows)
    # Real Ironic 39's all-in-one command stops heartbeating (alive turns false
    # after a minute), so the liveness check applies to our service only.
    if service.conductor_host:
        assert rows == [{"hostname": service.conductor_host, "conductor_group": "",
                         "alive": True}]
        shown = baremetal("conductor", "show", service.conductor_host)
        assert shown["alive"] is True
        assert "fake-hardware" in shown["drivers"]
