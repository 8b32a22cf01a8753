"""DB API: ports, portgroups and chassis.

Backend-neutral: also run on PostgreSQL and MariaDB by tests/functional/db.
"""
from __future__ import annotations

import pytest
from oslo_utils import uuidutils

from ironic.common import exception


@pytest.fixture
def two_nodes(db):
    return (db.create_node({"name": "n1", "owner": "p1", "shard": "s1",
                            "conductor_group": "g1"}),
            db.create_node({"name": "n2", "lessee": "p2"}))


def test_port_rows_carry_node_and_portgroup_uuid(db, two_nodes):
    node = two_nodes[0]
    group = db.create_portgroup({"node_id": node["id"], "address": "52:54:00:00:01:00"})
    port = db.create_port({"node_id": node["id"], "portgroup_id": group["id"],
                           "address": "52:54:00:00:00:01"})
    assert port["node_uuid"] == node["uuid"]
    assert port["portgroup_uuid"] == group["uuid"]
    assert db.get_port_list()[0]["node_uuid"] == node["uuid"]
    assert group["node_uuid"] == node["uuid"]


@pytest.mark.parametrize("filters,expected", [
    ({"node_uuid": "n1"}, ["52:54:00:00:00:01", "52:54:00:00:00:02"]),
    ({"address": "52:54:00:00:00:03"}, ["52:54:00:00:00:03"]),
    ({"shard": ["s1"]}, ["52:54:00:00:00:01", "52:54:00:00:00:02"]),
    ({"conductor_group": "g1"}, ["52:54:00:00:00:01", "52:54:00:00:00:02"]),
    ({"owner": "p1"}, ["52:54:00:00:00:01", "52:54:00:00:00:02"]),
    ({"lessee": "p2"}, ["52:54:00:00:00:03"]),
    ({"project": "p2"}, ["52:54:00:00:00:03"]),
    ({"pxe_enabled": False}, ["52:54:00:00:00:02"]),
    ({"physical_network": "physnet1"}, ["52:54:00:00:00:01"]),
])
def test_port_list_filters(db, two_nodes, filters, expected):
    n1, n2 = two_nodes
    db.create_port({"node_id": n1["id"], "address": "52:54:00:00:00:01",
                    "physical_network": "physnet1"})
    db.create_port({"node_id": n1["id"], "address": "52:54:00:00:00:02",
                    "pxe_enabled": False})
    db.create_port({"node_id": n2["id"], "address": "52:54:00:00:00:03"})
    if filters.get("node_uuid") == "n1":
        filters = {"node_uuid": n1["uuid"]}
    rows = db.get_port_list(filters=filters, sort_key="address")
    assert [r["address"] for r in rows] == expected


def test_port_list_by_portgroup_uuid(db, two_nodes):
    node = two_nodes[0]
    group = db.create_portgroup({"node_id": node["id"]})
    port = db.create_port({"node_id": node["id"], "portgroup_id": group["id"],
                           "address": "52:54:00:00:00:01"})
    db.create_port({"node_id": node["id"], "address": "52:54:00:00:00:02"})
    rows = db.get_port_list(filters={"portgroup_uuid": group["uuid"]})
    assert [r["uuid"] for r in rows] == [port["uuid"]]


@pytest.mark.parametrize("column,error", [
    ("address", exception.MACAlreadyExists),
    ("name", exception.PortDuplicateName),
    ("uuid", exception.PortAlreadyExists),
])
def test_duplicate_port_raises_and_changes_nothing(db, two_nodes, column, error):
    node = two_nodes[0]
    first = {"node_id": node["id"], "address": "52:54:00:00:00:01", "name": "p",
             "uuid": uuidutils.generate_uuid()}
    db.create_port(first)
    second = {"node_id": node["id"], "address": "52:54:00:00:00:02", "name": "q",
              "uuid": uuidutils.generate_uuid(), column: first[column]}
    with pytest.raises(error):
        db.create_port(second)
    assert len(db.get_port_list()) == 1


def test_port_for_missing_node_is_refused(db):
    with pytest.raises(exception.NodeNotFound):
        db.create_port({"node_id": 999999, "address": "52:54:00:00:00:01"})
    assert db.get_port_list() == []


def test_port_get_update_destroy(db, two_nodes):
    port = db.create_port({"node_id": two_nodes[0]["id"], "address": "52:54:00:00:00:01",
                           "name": "eth0"})
    assert db.get_port_by_address("52:54:00:00:00:01")["id"] == port["id"]
    assert db.get_port_by_name("eth0")["id"] == port["id"]
    moved = db.update_port(port["uuid"], {"node_id": two_nodes[1]["id"]})
    assert moved["node_uuid"] == two_nodes[1]["uuid"]
    db.destroy_port(port["uuid"])
    with pytest.raises(exception.PortNotFound):
        db.get_port(port["uuid"])
    with pytest.raises(exception.PortNotFound):
        db.destroy_port(port["uuid"])


def test_portgroup_with_ports_cannot_be_destroyed(db, two_nodes):
    node = two_nodes[0]
    group = db.create_portgroup({"node_id": node["id"], "name": "bond0"})
    port = db.create_port({"node_id": node["id"], "portgroup_id": group["id"],
                           "address": "52:54:00:00:00:01"})
    with pytest.raises(exception.PortgroupNotEmpty):
        db.destroy_portgroup(group["uuid"])
    db.update_port(port["id"], {"portgroup_id": None})
    db.destroy_portgroup("bond0")
    with pytest.raises(exception.PortgroupNotFound):
        db.get_portgroup(group["uuid"])


@pytest.mark.parametrize("column,error", [
    ("address", exception.PortgroupMACAlreadyExists),
    ("name", exception.PortgroupDuplicateName),
])
def test_duplicate_portgroup_raises(db, two_nodes, column, error):
    node = two_nodes[0]
    db.create_portgroup({"node_id": node["id"], "address": "52:54:00:00:00:01",
                         "name": "bond0"})
    values = {"node_id": node["id"], "address": "52:54:00:00:00:02", "name": "bond1"}
    values[column] = {"address": "52:54:00:00:00:01", "name": "bond0"}[column]
    with pytest.raises(error):
        db.create_portgroup(values)
    assert len(db.get_portgroup_list()) == 1


def test_chassis_crud_and_not_empty(db):
    chassis = db.create_chassis({"description": "rack", "extra": {"a": 1}})
    assert db.get_chassis(chassis["uuid"])["extra"] == {"a": 1}
    assert db.update_chassis(chassis["id"], {"description": "r2"})["description"] == "r2"
    node = db.create_node({"chassis_id": chassis["id"]})
    with pytest.raises(exception.ChassisNotEmpty):
        db.destroy_chassis(chassis["uuid"])
    db.destroy_node(node["id"])
    db.destroy_chassis(chassis["uuid"])
    with pytest.raises(exception.ChassisNotFound):
        db.get_chassis(chassis["uuid"])
    with pytest.raises(exception.ChassisAlreadyExists):
        db.create_chassis({"uuid": chassis["uuid"]})
        db.create_chassis({"uuid": chassis["uuid"]})
