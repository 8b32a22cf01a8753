"""Every object survives the RPC serializer round trip, and declares a version."""
from __future__ import annotations

import inspect

import pytest

from ironic import objects
from ironic.common import context as ironic_context
from ironic.objects import base

ALL = ["Node", "Port", "Portgroup", "Chassis", "Conductor", "Allocation",
       "DeployTemplate", "VolumeConnector", "VolumeTarget", "NodeHistory",
       "BIOSSetting", "BIOSSettingList", "NodeInventory", "Trait", "TraitList",
       "Runbook", "InspectionRule"]


@pytest.mark.parametrize("name", ALL)
def test_object_is_registered_with_version_and_history(name):
    cls = getattr(objects, name)
    assert issubclass(cls, base.IronicObject)
    assert cls.VERSION.count(".") == 1
    assert f"Version {cls.VERSION}:" in inspect.getsource(cls)


def _populated(ctx, make_node, make_port, make_portgroup, make_chassis, make_conductor):
    chassis = make_chassis(extra={"a": 1})
    node = make_node(chassis_id=chassis.id, driver_info={"ipmi_address": "1.2.3.4"})
    objects.TraitList.create(ctx, node.id, ["CUSTOM_A"])
    node.refresh()
    group = make_portgroup(node_id=node.id)
    port = make_port(node_id=node.id, portgroup_id=group.id)
    alloc = objects.Allocation(ctx, resource_class="gold", traits=["CUSTOM_A"])
    alloc.create()
    tmpl = objects.DeployTemplate(ctx, name="CUSTOM_T", steps=[
        {"interface": "bios", "step": "apply", "args": {}, "priority": 1}])
    tmpl.create()
    runbook = objects.Runbook(ctx, name="CUSTOM_R", owner="p1", steps=[
        {"interface": "raid", "step": "delete_configuration", "args": {}, "order": 1}])
    runbook.create()
    rule = objects.InspectionRule(ctx, priority=3, sensitive=True, phase="main",
                                  conditions=[{"op": "is-true", "args": [True]}],
                                  actions=[{"op": "add-trait", "args": ["CUSTOM_X"]}])
    rule.create()
    conn = objects.VolumeConnector(ctx, node_id=node.id, type="iqn", connector_id="i")
    conn.create()
    target = objects.VolumeTarget(ctx, node_id=node.id, volume_type="iscsi",
                                  boot_index=0, volume_id="v")
    target.create()
    history = objects.NodeHistory(ctx, node_id=node.id, event="e", severity="ERROR")
    history.create()
    bios = objects.BIOSSettingList.create(ctx, node.id, [{"name": "s", "value": "1"}])
    inventory = objects.NodeInventory(ctx, node_id=node.id, inventory_data={"x": 1})
    inventory.create()
    return [node, port, group, chassis, make_conductor(), alloc, tmpl, conn, target,
            history, bios.objects[0], bios, inventory, node.traits.objects[0],
            node.traits, runbook, rule]


def test_serializer_round_trip_keeps_every_field(db, make_node, make_port,
                                                 make_portgroup, make_chassis,
                                                 make_conductor):
    ctx = ironic_context.get_admin_context()
    serializer = base.IronicObjectSerializer()
    items = _populated(ctx, make_node, make_port, make_portgroup, make_chassis,
                       make_conductor)
    assert sorted({type(i).__name__ for i in items}) == sorted(ALL)
    for obj in items:
        primitive = serializer.serialize_entity(ctx, obj)
        copy = serializer.deserialize_entity(ctx, primitive)
        assert type(copy) is type(obj)
        assert copy.obj_to_primitive() == obj.obj_to_primitive(), type(obj).__name__
    node = serializer.deserialize_entity(ctx, serializer.serialize_entity(ctx, items[0]))
    assert node.traits.get_trait_names() == ["CUSTOM_A"]
    assert node.created_at == items[0].created_at
