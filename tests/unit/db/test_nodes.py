"""DB API for nodes: create, get, filters, sorting, pagination, updates, deletes.

Backend-neutral: tests/functional/db runs this module on PostgreSQL and MariaDB
too, through the same ``db`` fixture name.
"""
from __future__ import annotations

import pytest
from oslo_utils import uuidutils

from ironic.common import exception
from ironic.common import states


def _names(rows):
    return [row["name"] for row in rows]


def test_create_fills_defaults_and_derived_fields(db):
    row = db.create_node({"driver": "fake-hardware"})
    assert uuidutils.is_uuid_like(row["uuid"])
    assert row["provision_state"] == states.ENROLL
    assert row["power_state"] is None
    assert row["conductor_group"] == ""
    assert (row["maintenance"], row["protected"], row["retired"]) == (False, False, False)
    assert row["driver_info"] == {} and row["properties"] == {}
    assert row["chassis_uuid"] is None and row["allocation_uuid"] is None
    assert row["traits"] == []
    assert row["created_at"] is not None and row["updated_at"] is None


@pytest.mark.parametrize("key", ["id", "uuid", "name"])
def test_get_node_by_each_identifier(db, key):
    created = db.create_node({"name": "node-x", "driver": "fake-hardware"})
    assert db.get_node(created[key])["uuid"] == created["uuid"]


def test_get_node_by_name_and_instance(db):
    instance = uuidutils.generate_uuid()
    created = db.create_node({"name": "n", "instance_uuid": instance})
    assert db.get_node_by_name("n")["id"] == created["id"]
    assert db.get_node_by_instance(instance)["id"] == created["id"]
    with pytest.raises(exception.InstanceNotFound):
        db.get_node_by_instance(uuidutils.generate_uuid())


def test_get_missing_node_raises_not_found(db):
    with pytest.raises(exception.NodeNotFound):
        db.get_node(uuidutils.generate_uuid())
    with pytest.raises(exception.NodeNotFound):
        db.get_node(12345)


def test_json_fields_round_trip(db):
    info = {"ipmi_address": "10.0.0.1", "nested": {"list": [1, 2, "three"]}}
    row = db.create_node({"driver_info": info, "properties": {"cpus": 8}})
    assert db.get_node(row["uuid"])["driver_info"] == info
    assert db.get_node(row["uuid"])["properties"] == {"cpus": 8}


@pytest.fixture
def fleet(db, make_chassis):
    chassis = make_chassis()
    instance = uuidutils.generate_uuid()
    specs = [
        {"name": "a", "driver": "fake-hardware", "provision_state": "available",
         "resource_class": "gold", "owner": "p1", "conductor_group": "g1",
         "maintenance": True, "fault": "power failure", "chassis_id": chassis.id,
         "description": "rack 1 fast", "shard": "s1"},
        {"name": "b", "driver": "ipmi", "provision_state": "active",
         "resource_class": "silver", "lessee": "p1", "instance_uuid": instance,
         "reservation": "host-1", "console_enabled": True, "shard": "s2"},
        {"name": "c", "driver": "ipmi", "provision_state": "manageable",
         "retired": True, "owner": "p2", "parent_node": "a-parent"},
    ]
    rows = [db.create_node(spec) for spec in specs]
    return {"chassis": chassis, "instance": instance, "rows": rows}


@pytest.mark.parametrize("filters,expected", [
    ({"associated": True}, ["b"]),
    ({"associated": False}, ["a", "c"]),
    ({"reserved": True}, ["b"]),
    ({"reserved": False}, ["a", "c"]),
    ({"reserved_by_any_of": ["host-1", "host-9"]}, ["b"]),
    ({"maintenance": True}, ["a"]),
    ({"maintenance": False}, ["b", "c"]),
    ({"retired": True}, ["c"]),
    ({"driver": "ipmi"}, ["b", "c"]),
    ({"provision_state": "active"}, ["b"]),
    ({"provision_state": ["active", "available"]}, ["a", "b"]),
    ({"resource_class": "gold"}, ["a"]),
    ({"fault": "power failure"}, ["a"]),
    ({"conductor_group": "g1"}, ["a"]),
    ({"conductor_group": ""}, ["b", "c"]),
    ({"owner": "p1"}, ["a"]),
    ({"lessee": "p1"}, ["b"]),
    ({"project": "p1"}, ["a", "b"]),
    ({"description_contains": "fast"}, ["a"]),
    ({"shard": ["s1", "s2"]}, ["a", "b"]),
    ({"sharded": False}, ["c"]),
    ({"parent_node": "a-parent"}, ["c"]),
    ({"include_children": False}, ["a", "b"]),
    ({"console_enabled": True}, ["b"]),
    ({"driver": "ipmi", "retired": False}, ["b"]),
])
def test_list_filters(db, fleet, filters, expected):
    assert _names(db.get_node_list(filters=filters, sort_key="name")) == expected


def test_list_filter_by_chassis_instance_and_uuid(db, fleet):
    rows = fleet["rows"]
    assert _names(db.get_node_list(filters={"chassis_uuid": fleet["chassis"].uuid})) == ["a"]
    assert _names(db.get_node_list(filters={"instance_uuid": fleet["instance"]})) == ["b"]
    assert _names(db.get_node_list(
        filters={"uuid_in": [rows[0]["uuid"], rows[2]["uuid"]]}, sort_key="name")) == ["a", "c"]
    with pytest.raises(exception.ChassisNotFound):
        db.get_node_list(filters={"chassis_uuid": uuidutils.generate_uuid()})


def test_list_provisioned_before_uses_provision_updated_at(db):
    old = db.create_node({"name": "old"})
    db.update_node(old["id"], {"provision_state": "deploying"})
    db.create_node({"name": "never"})
    assert _names(db.get_node_list(filters={"provisioned_before": -60})) == ["old"]
    assert db.get_node_list(filters={"provisioned_before": 3600}) == []


def test_list_unknown_filter_or_sort_key_is_rejected(db):
    with pytest.raises(exception.InvalidParameterValue):
        db.get_node_list(filters={"colour": "red"})
    with pytest.raises(exception.InvalidParameterValue):
        db.get_node_list(sort_key="colour")
    with pytest.raises(exception.InvalidParameterValue):
        db.get_node_list(sort_dir="sideways")


def test_list_returns_derived_fields(db, make_chassis):
    chassis = make_chassis()
    node = db.create_node({"chassis_id": chassis.id})
    db.set_node_traits(node["id"], ["CUSTOM_B", "CUSTOM_A"])
    row = db.get_node_list()[0]
    assert row["chassis_uuid"] == chassis.uuid
    assert [t["trait"] for t in row["traits"]] == ["CUSTOM_A", "CUSTOM_B"]


def test_list_with_fields_loads_only_those_columns(db):
    db.create_node({"name": "n", "driver": "fake-hardware"})
    row = db.get_node_list(fields=["name"])[0]
    assert set(row) == {"id", "uuid", "name"}
    row = db.get_node_list(fields=["name", "traits", "chassis_uuid"])[0]
    assert set(row) == {"id", "uuid", "name", "traits", "chassis_uuid"}


@pytest.mark.parametrize("sort_key", ["id", "name", "owner", "created_at"])
@pytest.mark.parametrize("sort_dir", ["asc", "desc"])
def test_marker_pages_walk_the_full_sorted_list(db, sort_key, sort_dir):
    # owner has NULLs and duplicates: page boundaries must still be exact.
    owners = [None, "x", None, "y", "x", None, "z"]
    for i, owner in enumerate(owners):
        db.create_node({"name": f"n{i}", "owner": owner})
    full = _names(db.get_node_list(sort_key=sort_key, sort_dir=sort_dir))
    pages, marker = [], None
    while True:
        page = db.get_node_list(limit=2, marker=marker, sort_key=sort_key,
                                sort_dir=sort_dir)
        if not page:
            break
        pages.extend(_names(page))
        marker = page[-1]["uuid"]
    assert pages == full
    assert sorted(full) == sorted(f"n{i}" for i in range(len(owners)))


def test_sorting_puts_nulls_first_ascending_and_last_descending(db):
    for name, owner in (("n1", "b"), ("n2", None), ("n3", "a")):
        db.create_node({"name": name, "owner": owner})
    assert _names(db.get_node_list(sort_key="owner")) == ["n2", "n3", "n1"]
    assert _names(db.get_node_list(sort_key="owner", sort_dir="desc")) == ["n1", "n3", "n2"]


def test_unknown_marker_raises_not_found(db):
    with pytest.raises(exception.NodeNotFound):
        db.get_node_list(marker=uuidutils.generate_uuid())


@pytest.mark.parametrize("column,error", [
    ("name", exception.DuplicateName),
    ("uuid", exception.NodeAlreadyExists),
    ("instance_uuid", exception.InstanceAssociated),
])
def test_duplicate_create_raises_and_changes_nothing(db, column, error):
    value = "dup-name" if column == "name" else uuidutils.generate_uuid()
    db.create_node({column: value})
    with pytest.raises(error):
        db.create_node({column: value, "driver": "other"})
    assert len(db.get_node_list()) == 1
    assert db.get_node_list()[0]["driver"] is None


def test_duplicate_update_raises_and_leaves_row_unchanged(db):
    db.create_node({"name": "first"})
    second = db.create_node({"name": "second", "driver": "d1"})
    with pytest.raises(exception.DuplicateName):
        db.update_node(second["id"], {"name": "first", "driver": "d2"})
    row = db.get_node(second["id"])
    assert (row["name"], row["driver"], row["updated_at"]) == ("second", "d1", None)


def test_update_changes_fields_and_sets_updated_at(db):
    row = db.create_node({"name": "n"})
    updated = db.update_node(row["uuid"], {"extra": {"k": "v"}, "maintenance": True})
    assert updated["extra"] == {"k": "v"} and updated["maintenance"] is True
    assert updated["updated_at"] is not None


def test_update_refuses_uuid_change(db):
    row = db.create_node({})
    with pytest.raises(exception.InvalidParameterValue):
        db.update_node(row["id"], {"uuid": uuidutils.generate_uuid()})


def test_update_missing_node_raises_not_found(db):
    with pytest.raises(exception.NodeNotFound):
        db.update_node(uuidutils.generate_uuid(), {"name": "x"})


def test_update_provision_state_stamps_times(db):
    row = db.create_node({"provision_state": states.MANAGEABLE})
    row = db.update_node(row["id"], {"provision_state": states.INSPECTING})
    assert row["provision_updated_at"] is not None
    assert row["inspection_started_at"] is not None
    row = db.update_node(row["id"], {"provision_state": states.MANAGEABLE})
    assert row["inspection_finished_at"] is not None
    assert row["inspection_started_at"] is None


def test_update_instance_of_associated_node_raises_node_associated(db):
    row = db.create_node({"instance_uuid": uuidutils.generate_uuid()})
    with pytest.raises(exception.NodeAssociated):
        db.update_node(row["id"], {"instance_uuid": uuidutils.generate_uuid()})
    assert db.update_node(row["id"], {"instance_uuid": None})["instance_uuid"] is None


def test_update_with_chassis_uuid_sets_chassis_id(db, make_chassis):
    chassis = make_chassis()
    row = db.create_node({})
    assert db.update_node(row["id"], {"chassis_uuid": chassis.uuid})["chassis_id"] == chassis.id
    with pytest.raises(exception.ChassisNotFound):
        db.update_node(row["id"], {"chassis_uuid": uuidutils.generate_uuid()})


def test_touch_provisioning_sets_provision_updated_at(db):
    row = db.create_node({})
    db.touch_node_provisioning(row["uuid"])
    assert db.get_node(row["id"])["provision_updated_at"] is not None


def test_get_node_by_port_addresses(db, make_port):
    node = db.create_node({})
    make_port(node_id=node["id"], address="52:54:00:aa:bb:01")
    assert db.get_node_by_port_addresses(["52:54:00:AA:BB:01", "00:00:00:00:00:09"])["id"] == node["id"]
    with pytest.raises(exception.NodeNotFound):
        db.get_node_by_port_addresses(["00:00:00:00:00:09"])
