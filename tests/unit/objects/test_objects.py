"""Object behaviour the API and conductor rely on."""
from __future__ import annotations

import pytest

from ironic import objects
from ironic.common import context as ironic_context
from ironic.common import exception


@pytest.fixture
def ctx():
    return ironic_context.get_admin_context()


def test_node_list_with_fields_sets_only_those(ctx, make_node):
    make_node(name="n1")
    node = objects.Node.list(ctx, fields=["name"])[0]
    assert node.name == "n1"
    assert not node.obj_attr_is_set("driver_info")
    assert node.obj_attr_is_set("uuid")


def test_node_list_filters_sorting_and_marker(ctx, make_node):
    for name in ("c", "a", "b"):
        make_node(name=name, provision_state="available" if name != "b" else "active")
    nodes = objects.Node.list(ctx, sort_key="name",
                              filters={"provision_state": "available"})
    assert [n.name for n in nodes] == ["a", "c"]
    page = objects.Node.list(ctx, sort_key="name", marker=nodes[0].uuid, limit=1)
    assert [n.name for n in page] == ["b"]


def test_loaded_node_has_no_changes_and_tz_aware_times(ctx, make_node):
    node = objects.Node.get_by_uuid(ctx, make_node().uuid)
    assert node.obj_what_changed() == set()
    assert node.created_at.tzinfo is not None


def test_json_helpers_mark_field_changed_and_save(ctx, make_node):
    node = make_node()
    node.set_driver_internal_info("agent_url", "http://x")
    assert node.obj_what_changed() == {"driver_internal_info"}
    node.save()
    assert objects.Node.get(ctx, node.id).driver_internal_info == {"agent_url": "http://x"}
    node.del_driver_internal_info("agent_url")
    node.save()
    assert objects.Node.get(ctx, node.uuid).driver_internal_info == {}


def test_setattr_still_validates(make_node):
    node = make_node()
    with pytest.raises(ValueError):
        node.chassis_id = "not a number"
    port = objects.Port()
    with pytest.raises(ValueError):
        port.address = "not-a-mac"


def test_node_get_rejects_bad_identity(ctx, db):
    with pytest.raises(exception.InvalidIdentity):
        objects.Node.get(ctx, "not-a-uuid")


def test_node_as_dict_lists_trait_names(ctx, make_node):
    node = make_node()
    objects.Trait(ctx, node_id=node.id, trait="CUSTOM_A").create()
    node.refresh()
    assert node.as_dict()["traits"] == ["CUSTOM_A"]


def test_creating_node_with_traits_is_refused(ctx, db):
    traits = objects.TraitList(ctx, objects=[objects.Trait(ctx, node_id=1, trait="X")])
    with pytest.raises(exception.InvalidParameterValue):
        objects.Node(ctx, traits=traits).create()


def test_node_tags(make_node):
    node = make_node()
    node.set_tags(["b", "a"])
    node.add_tag("c")
    node.remove_tag("a")
    assert node.get_tags() == ["b", "c"]


def test_port_node_uuid_resolves_on_create_and_save(ctx, make_node):
    first, second = make_node(), make_node()
    port = objects.Port(ctx, node_uuid=first.uuid, address="52:54:00:AB:CD:EF")
    port.create()
    assert (port.node_id, port.address) == (first.id, "52:54:00:ab:cd:ef")
    port.node_uuid = second.uuid
    port.save()
    assert objects.Port.get_by_address(ctx, "52:54:00:ab:cd:ef").node_uuid == second.uuid


def test_port_portgroup_and_list_helpers(ctx, make_node, make_portgroup, make_port):
    node = make_node(owner="p1")
    group = make_portgroup(node_id=node.id, name="bond0")
    port = make_port(node_id=node.id, portgroup_id=group.id)
    assert objects.Port.list_by_portgroup_id(ctx, group.id)[0].uuid == port.uuid
    assert objects.Port.list_by_node_id(ctx, node.id)[0].portgroup_uuid == group.uuid
    assert objects.Portgroup.get(ctx, "bond0").node_uuid == node.uuid
    with pytest.raises(exception.PortNotFound):
        objects.Port.get_by_address(ctx, port.address, owner="someone-else")
    with pytest.raises(exception.PortgroupNotEmpty):
        group.destroy()


def test_chassis_destroy_with_nodes_is_refused(make_chassis, make_node):
    chassis = make_chassis()
    make_node(chassis_uuid=chassis.uuid)
    with pytest.raises(exception.ChassisNotEmpty):
        chassis.destroy()


def test_conductor_lifecycle(ctx, make_conductor):
    cond = make_conductor(hostname="c1", interfaces=[
        {"hardware_type": "fake-hardware", "interface_type": "power",
         "interface_name": "fake", "default": True}])
    assert objects.Conductor.get_by_hostname(ctx, "c1").drivers == ["fake-hardware"]
    assert objects.Conductor.get_active_hardware_type_dict(ctx) == {"fake-hardware": {"c1"}}
    rows = objects.Conductor.list_hardware_type_interfaces(ctx, ["fake-hardware"])
    assert [(r.interface_type, r.interface_name, r.default) for r in rows] == [
        ("power", "fake", True)]
    cond.touch()
    cond.unregister()
    assert objects.Conductor.get_active_hardware_type_dict(ctx) == {}
    with pytest.raises(exception.ConductorAlreadyRegistered):
        objects.Conductor.register(ctx, "c2", [], "")
        objects.Conductor.register(ctx, "c2", [], "")


def test_allocation_and_deploy_template_objects(ctx, make_node):
    node = make_node()
    alloc = objects.Allocation(ctx, name="a1", resource_class="gold")
    alloc.create()
    alloc.node_id = node.id
    alloc.save()
    assert objects.Node.get(ctx, node.id).allocation_uuid == alloc.uuid
    assert objects.Allocation.get(ctx, "a1").node_uuid == node.uuid
    tmpl = objects.DeployTemplate(ctx, name="CUSTOM_X", steps=[
        {"interface": "deploy", "step": "s", "args": {"k": 1}, "priority": 3}])
    tmpl.create()
    assert objects.DeployTemplate.list_by_names(ctx, ["CUSTOM_X"])[0].steps[0]["args"] == {"k": 1}
