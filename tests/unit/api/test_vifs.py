"""``/v1/nodes/{node}/vifs`` with the flat/noop network interfaces: one node per
VIF, 409 without a free port, explicit port/portgroup (1.67)."""
from __future__ import annotations

import pytest

from ironic import objects
from ironic.common import context as ir_context
from tests.unit.api.conftest import error_of


@pytest.fixture(params=["flat", "noop"])
def node(request, make_node):
    return make_node(network_interface=request.param)


def _attach(api, node, status=204, version="1.109", **body):
    return api.call("POST", f"/v1/nodes/{node.uuid}/vifs", body, status=status,
                    version=version)


def _vifs(api, node):
    return [v["id"] for v in api.call("GET", f"/v1/nodes/{node.uuid}/vifs",
                                      status=200).json["vifs"]]


def _info(port):
    ctx = ir_context.get_admin_context()
    return objects.Port.get(ctx, port.uuid).internal_info


def test_attach_list_detach(api, node, make_port):
    port = make_port(node_id=node.id)
    _attach(api, node, id="vif-1")
    assert _vifs(api, node) == ["vif-1"]
    assert _info(port) == {"tenant_vif_port_id": "vif-1"}
    api.call("DELETE", f"/v1/nodes/{node.uuid}/vifs/vif-1", status=204)
    assert _vifs(api, node) == [] and _info(port) == {}


def test_no_free_port_is_409(api, node, make_port):
    make_port(node_id=node.id)
    _attach(api, node, id="vif-1")
    r = _attach(api, node, status=409, id="vif-2")
    assert error_of(r)["faultstring"] == ("Unable to attach VIF vif-2, not enough "
                                          "free physical ports.")


def test_node_without_ports_is_409(api, node):
    _attach(api, node, status=409, id="vif-1")


def test_same_vif_twice_on_one_node_is_409(api, node, make_port):
    port = make_port(node_id=node.id)
    make_port(node_id=node.id)
    _attach(api, node, id="vif-1")
    r = _attach(api, node, status=409, id="vif-1")
    assert error_of(r)["faultstring"] == (
        f"Unable to attach VIF because VIF vif-1 is already attached to Ironic Port "
        f"{port.uuid}")


def test_vif_attached_to_another_node_is_409(api, node, make_node, make_port):
    other = make_node(network_interface="flat")
    theirs = make_port(node_id=other.id)
    make_port(node_id=node.id)
    _attach(api, other, id="shared-vif")
    r = _attach(api, node, status=409, id="shared-vif")
    assert theirs.uuid in error_of(r)["faultstring"]
    assert _vifs(api, node) == []
    api.call("DELETE", f"/v1/nodes/{other.uuid}/vifs/shared-vif", status=204)
    _attach(api, node, id="shared-vif")


def test_vif_id_that_is_a_substring_of_another_is_not_a_conflict(api, node,
                                                                 make_node, make_port):
    other = make_node(network_interface="flat")
    make_port(node_id=other.id)
    make_port(node_id=node.id)
    _attach(api, other, id="vif-10")
    _attach(api, node, id="vif-1")


def test_portgroups_are_used_before_ports(api, node, make_port, make_portgroup):
    group = make_portgroup(node_id=node.id)
    make_port(node_id=node.id, portgroup_id=group.id)
    _attach(api, node, id="vif-1")
    ctx = ir_context.get_admin_context()
    assert objects.Portgroup.get(ctx, group.uuid).internal_info == {
        "tenant_vif_port_id": "vif-1"}


def test_explicit_port_uuid_needs_1_67(api, node, make_port):
    make_port(node_id=node.id)
    wanted = make_port(node_id=node.id)
    _attach(api, node, status=406, version="1.66", id="vif-1", port_uuid=wanted.uuid)
    _attach(api, node, id="vif-1", port_uuid=wanted.uuid)
    assert _info(wanted) == {"tenant_vif_port_id": "vif-1"}
    r = _attach(api, node, status=409, id="vif-2", port_uuid=wanted.uuid)
    assert "already has VIF vif-1" in error_of(r)["faultstring"]


def test_explicit_portgroup_uuid(api, node, make_port, make_portgroup):
    make_port(node_id=node.id)
    group = make_portgroup(node_id=node.id)
    _attach(api, node, id="vif-1", portgroup_uuid=group.uuid)
    ctx = ir_context.get_admin_context()
    assert objects.Portgroup.get(ctx, group.uuid).internal_info == {
        "tenant_vif_port_id": "vif-1"}


@pytest.mark.parametrize(("body", "status", "fault"), [
    ({"id": ""}, 400, "Expected UUID or name for id: "),
    ({"id": "v", "port_uuid": "a", "portgroup_uuid": "b"}, 400,
     "Cannot specify both port_uuid and portgroup_uuid"),
    ({}, 400, "'id' is a required property"),
])
def test_invalid_attach_bodies(api, node, make_port, body, status, fault):
    make_port(node_id=node.id)
    r = _attach(api, node, status=status, **body)
    assert fault in error_of(r)["faultstring"]


def test_port_of_another_node_is_refused(api, node, make_node, make_port):
    make_port(node_id=node.id)
    foreign = make_port(node_id=make_node().id)
    r = _attach(api, node, status=400, id="vif-1", port_uuid=foreign.uuid)
    assert "does not belong to node" in error_of(r)["faultstring"]


def test_detach_of_unknown_vif_is_400(api, node):
    r = api.call("DELETE", f"/v1/nodes/{node.uuid}/vifs/ghost", status=400)
    assert error_of(r)["faultstring"] == (f"Unable to detach VIF ghost from node "
                                          f"{node.uuid} because it is not attached "
                                          f"to it.")
