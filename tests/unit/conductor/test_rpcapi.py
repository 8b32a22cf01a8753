"""Routing nodes to conductors, and the in-process transport."""
from __future__ import annotations

import collections

import pytest
from oslo_utils import uuidutils

from ironic import objects
from ironic.common import exception
from ironic.conductor import rpcapi
from tests.fixtures import factories


@pytest.fixture
def client(db) -> rpcapi.ConductorAPI:
    rpcapi._ring_manager = None
    yield rpcapi.ConductorAPI()
    rpcapi._ring_manager = None


def _conductor(hostname: str, drivers=("fake-hardware",), group: str = ""):
    """A live conductor offering ``drivers`` (what the hash ring reads)."""
    rows = [{"hardware_type": d, "interface_type": "power",
             "interface_name": "fake", "default": True} for d in drivers]
    return factories.conductor(hostname=hostname, drivers=list(drivers),
                               conductor_group=group, interfaces=rows)


def _node(group: str = "", driver: str = "fake-hardware"):
    return objects.Node(None, uuid=uuidutils.generate_uuid(), driver=driver,
                        conductor_group=group)


def test_no_live_conductor_is_no_valid_host(client) -> None:
    with pytest.raises(exception.NoValidHost) as err:
        client.get_topic_for(_node())
    assert "fake-hardware" in str(err.value)
    assert err.value.code == 400


def test_node_goes_to_a_conductor_running_its_driver(client) -> None:
    _conductor("c1")
    _conductor("c2", drivers=("ipmi",))
    assert client.get_topic_for(_node()) == "ironic.conductor_manager.c1"
    assert client.get_conductor_for(_node()) == "c1"
    with pytest.raises(exception.NoValidHost):
        client.get_conductor_for(_node(driver="redfish"))


def test_nodes_spread_over_live_conductors(client) -> None:
    for host in ("c1", "c2", "c3"):
        _conductor(host)
    counts = collections.Counter(client.get_conductor_for(_node()) for _ in range(300))
    assert set(counts) == {"c1", "c2", "c3"}


def test_same_node_always_maps_to_same_conductor(client) -> None:
    for host in ("c1", "c2", "c3"):
        _conductor(host)
    node = _node()
    assert len({client.get_conductor_for(node) for _ in range(5)}) == 1


def test_conductor_groups_are_respected(client) -> None:
    _conductor("c1")
    _conductor("c2", group="rack1")
    assert {client.get_conductor_for(_node("rack1")) for _ in range(20)} == {"c2"}
    assert {client.get_conductor_for(_node("")) for _ in range(20)} == {"c1"}
    with pytest.raises(exception.NoValidHost) as err:
        client.get_conductor_for(_node("rack2"))
    assert "rack2" in str(err.value)


def test_offline_conductor_gets_no_nodes(client) -> None:
    _conductor("c1").unregister()
    with pytest.raises(exception.NoValidHost):
        client.get_topic_for(_node())


def test_topic_for_driver_uses_any_group(client) -> None:
    _conductor("c2", group="rack1")
    assert client.get_topic_for_driver("fake-hardware") == "ironic.conductor_manager.c2"
    with pytest.raises(exception.NoValidHost):
        client.get_topic_for_driver("ipmi")


def test_call_without_local_conductor_is_service_unavailable(client, ctx) -> None:
    with pytest.raises(exception.ServiceUnavailable):
        client.get_driver_properties(ctx, "fake-hardware")


def test_errors_arrive_as_the_same_class(rpc, ctx) -> None:
    with pytest.raises(exception.DriverNotFound):
        rpc.get_driver_properties(ctx, "no-such-driver")


def test_unknown_release_pin_is_a_config_error(conf) -> None:
    conf.config(pin_release_version="9.9")
    with pytest.raises(exception.ConfigInvalid):
        rpcapi.ConductorAPI()


def test_caller_object_changes_only_through_result(rpc, ctx) -> None:
    node = objects.Node(ctx, driver="fake-hardware", provision_state="enroll")
    created = rpc.create_node(ctx, node)
    assert created.power_interface == "fake"
    assert not node.obj_attr_is_set("power_interface")
