"""DB API: allocations, deploy templates, volumes, history, BIOS, inventory.

Backend-neutral: also run on PostgreSQL and MariaDB by tests/functional/db.
"""
from __future__ import annotations

import pytest

from ironic.common import exception


def test_allocation_binding_links_node_both_ways(db):
    node = db.create_node({})
    alloc = db.create_allocation({"name": "a1", "resource_class": "gold",
                                  "traits": ["CUSTOM_X"]})
    assert alloc["state"] == "allocating" and alloc["traits"] == ["CUSTOM_X"]
    alloc = db.update_allocation(alloc["id"], {"node_id": node["id"], "state": "active"})
    row = db.get_node(node["id"])
    assert row["allocation_uuid"] == alloc["uuid"] and row["instance_uuid"] == alloc["uuid"]
    assert alloc["node_uuid"] == node["uuid"]
    db.destroy_allocation("a1")
    row = db.get_node(node["id"])
    assert row["allocation_id"] is None and row["instance_uuid"] is None


def test_allocation_to_node_with_instance_is_refused(db):
    node = db.create_node({"instance_uuid": "0f1e0a8e-08d3-4a43-b1a4-0a0fc26fcb0c"})
    alloc = db.create_allocation({"resource_class": "gold"})
    with pytest.raises(exception.NodeAssociated):
        db.update_allocation(alloc["id"], {"node_id": node["id"]})
    assert db.get_allocation(alloc["id"])["node_id"] is None


def test_allocation_duplicate_name_and_take_over(db):
    alloc = db.create_allocation({"name": "a1", "conductor_affinity": 1})
    with pytest.raises(exception.AllocationDuplicateName):
        db.create_allocation({"name": "a1"})
    assert db.take_over_allocation(alloc["id"], 1, 2) is True
    assert db.take_over_allocation(alloc["id"], 1, 3) is False
    assert db.get_allocation(alloc["uuid"])["conductor_affinity"] == 2
    assert [a["name"] for a in db.get_allocation_list(filters={"state": "allocating"})] == ["a1"]


def test_deploy_template_with_steps(db):
    steps = [{"interface": "bios", "step": "apply", "args": {"s": 1}, "priority": 10},
             {"interface": "raid", "step": "create", "args": {}, "priority": 5}]
    tmpl = db.create_deploy_template({"name": "CUSTOM_T", "steps": steps})
    assert [(s["interface"], s["args"]) for s in tmpl["steps"]] == [("bios", {"s": 1}),
                                                                    ("raid", {})]
    assert db.get_deploy_templates_by_names(["CUSTOM_T", "CUSTOM_NONE"])[0]["id"] == tmpl["id"]
    tmpl = db.update_deploy_template(tmpl["uuid"], {"steps": steps[:1]})
    assert len(tmpl["steps"]) == 1
    with pytest.raises(exception.DeployTemplateDuplicateName):
        db.create_deploy_template({"name": "CUSTOM_T", "steps": []})
    db.destroy_deploy_template("CUSTOM_T")
    with pytest.raises(exception.DeployTemplateNotFound):
        db.get_deploy_template_by_name("CUSTOM_T")


def test_volume_connector_and_target_constraints(db):
    node = db.create_node({})
    conn = db.create_volume_connector({"node_id": node["id"], "type": "iqn",
                                       "connector_id": "iqn.1"})
    assert conn["node_uuid"] == node["uuid"]
    with pytest.raises(exception.VolumeConnectorTypeAndIdAlreadyExists):
        db.create_volume_connector({"node_id": node["id"], "type": "iqn",
                                    "connector_id": "iqn.1"})
    db.create_volume_target({"node_id": node["id"], "volume_type": "iscsi",
                             "boot_index": 0, "volume_id": "v1"})
    with pytest.raises(exception.VolumeTargetBootIndexAlreadyExists):
        db.create_volume_target({"node_id": node["id"], "volume_type": "iscsi",
                                 "boot_index": 0, "volume_id": "v2"})
    assert len(db.get_volume_target_list(filters={"node_uuid": node["uuid"]})) == 1


def test_node_history_purge_helpers(db):
    node = db.create_node({})
    ids = [db.create_node_history({"node_id": node["id"], "event": f"e{i}"})["id"]
           for i in range(5)]
    assert db.get_nodes_with_history_over(3) == [node["id"]]
    old = db.get_node_history_ids_beyond_limit(node["id"], 3)
    assert sorted(old) == ids[:2]
    assert db.bulk_delete_node_history(old) == 2
    events = db.get_node_history_list(filters={"node_id": node["id"]})
    assert [e["event"] for e in events] == ["e2", "e3", "e4"]


def test_bios_settings(db):
    node = db.create_node({})
    db.create_bios_setting_list(node["id"], [
        {"name": "a", "value": "1"},
        {"name": "b", "value": "x", "allowable_values": ["x", "y"], "read_only": True}])
    assert db.get_bios_setting(node["id"], "b")["allowable_values"] == ["x", "y"]
    db.update_bios_setting_list(node["id"], [{"name": "a", "value": "2"}])
    assert db.get_bios_setting(node["id"], "a")["value"] == "2"
    with pytest.raises(exception.BIOSSettingListNotFound):
        db.delete_bios_setting_list(node["id"], ["a", "zz"])
    assert len(db.get_bios_setting_list(node["id"])) == 2
    db.delete_bios_setting_list(node["id"], ["a"])
    with pytest.raises(exception.BIOSSettingNotFound):
        db.get_bios_setting(node["id"], "a")


def test_node_inventory_replaces_previous(db):
    node = db.create_node({})
    db.create_node_inventory({"node_id": node["id"], "inventory_data": {"v": 1}})
    db.create_node_inventory({"node_id": node["id"], "inventory_data": {"v": 2},
                              "plugin_data": {"p": True}})
    row = db.get_node_inventory_by_node_id(node["id"])
    assert (row["inventory_data"], row["plugin_data"]) == ({"v": 2}, {"p": True})
    db.destroy_node_inventory_by_node_id(node["id"])
    with pytest.raises(exception.NodeInventoryNotFound):
        db.destroy_node_inventory_by_node_id(node["id"])
