"""Node object: create defaults, load with derived fields, save, lock, destroy."""
from __future__ import annotations

import pytest

from ironic import objects
from ironic.common import context as ironic_context
from ironic.common import exception
from ironic.common import states


@pytest.fixture
def ctx():
    return ironic_context.get_admin_context()


def test_create_applies_ironic_defaults(make_node):
    node = make_node()
    assert node.provision_state == states.ENROLL
    assert node.power_state is None
    assert node.conductor_group == ""
    assert (node.maintenance, node.protected, node.retired) == (False, False, False)
    assert node.driver_info == {} and node.clean_step == {}
    assert node.created_at is not None and node.updated_at is None
    assert node.traits.get_trait_names() == []
    assert not node.obj_what_changed()


def test_get_by_uuid_loads_chassis_uuid_and_traits(ctx, make_node, make_chassis):
    chassis = make_chassis()
    node = make_node(chassis_id=chassis.id)
    objects.TraitList.create(ctx, node.id, ["CUSTOM_B", "CUSTOM_A"])
    loaded = objects.Node.get_by_uuid(ctx, node.uuid)
    assert loaded.chassis_uuid == chassis.uuid
    assert loaded.traits.get_trait_names() == ["CUSTOM_A", "CUSTOM_B"]
    assert loaded.allocation_uuid is None


@pytest.mark.parametrize("getter", ["get", "get_by_id", "get_by_uuid", "get_by_name"])
def test_getters_find_the_node(ctx, make_node, getter):
    node = make_node(name="node-a")
    key = {"get": node.uuid, "get_by_id": node.id, "get_by_uuid": node.uuid,
           "get_by_name": "node-a"}[getter]
    assert getattr(objects.Node, getter)(ctx, key).uuid == node.uuid


def test_get_unknown_node_raises_not_found(ctx, db):
    with pytest.raises(exception.NodeNotFound):
        objects.Node.get_by_uuid(ctx, "1be26c0b-03f2-4d2e-ae87-c02d7f33c123")
    with pytest.raises(exception.NodeNotFound):
        objects.Node.get_by_name(ctx, "nope")


def test_save_writes_changes_and_refreshes_updated_at(ctx, make_node):
    node = make_node()
    node.extra = {"rack": 4}
    node.save()
    assert node.updated_at is not None
    assert objects.Node.get_by_uuid(ctx, node.uuid).extra == {"rack": 4}


def test_duplicate_name_raises_and_leaves_no_row(ctx, make_node):
    make_node(name="dup")
    with pytest.raises(exception.DuplicateName):
        make_node(name="dup")
    assert len(objects.Node.list(ctx)) == 1


def test_reserve_then_reserve_again_names_holder(ctx, make_node):
    node = make_node()
    assert objects.Node.reserve(ctx, "host-1", node.uuid).reservation == "host-1"
    with pytest.raises(exception.NodeLocked, match="host-1"):
        objects.Node.reserve(ctx, "host-2", node.uuid)
    objects.Node.release(ctx, "host-1", node.uuid)
    assert objects.Node.get_by_uuid(ctx, node.uuid).reservation is None


def test_destroy_removes_ports_and_traits(ctx, make_node, make_port):
    node = make_node()
    port = make_port(node_id=node.id)
    objects.TraitList.create(ctx, node.id, ["CUSTOM_X"])
    node.destroy()
    with pytest.raises(exception.PortNotFound):
        objects.Port.get_by_uuid(ctx, port.uuid)
    with pytest.raises(exception.NodeNotFound):
        objects.Node.get_by_uuid(ctx, node.uuid)
