"""Takeover: dead conductors' locks released, abandoned flows resumed or failed."""
from __future__ import annotations

import pytest

from ironic import objects
from ironic.common import states
from ironic.conductor import takeover
from ironic.drivers.modules import fake


@pytest.fixture
def dead_host(make_conductor) -> str:
    conductor = make_conductor(hostname="dead-host")
    conductor.unregister()
    return "dead-host"


def test_dead_conductors_locks_are_released(service, ctx, make_node, dead_host) -> None:
    node = make_node(provision_state=states.AVAILABLE, reservation=dead_host)
    takeover.take_over(service, ctx)
    assert objects.Node.get(ctx, node.uuid).reservation is None


def test_live_conductors_locks_are_kept(service, ctx, make_node,
                                        make_conductor) -> None:
    make_conductor(hostname="alive-host")
    node = make_node(provision_state=states.AVAILABLE, reservation="alive-host")
    takeover.take_over(service, ctx)
    assert objects.Node.get(ctx, node.uuid).reservation == "alive-host"


def test_abandoned_flow_without_resumer_fails_clearly(service, ctx, make_node,
                                                      dead_host) -> None:
    node = make_node(provision_state=states.DEPLOYING,
                     target_provision_state=states.ACTIVE, reservation=dead_host)
    takeover.take_over(service, ctx)
    stored = objects.Node.get(ctx, node.uuid)
    assert stored.provision_state == states.DEPLOYFAIL
    assert stored.reservation is None
    assert "stopped while it was deploying" in stored.last_error
    assert "test-host took the node over" in stored.last_error


def test_abandoned_flow_with_resumer_resumes(service, ctx, make_node, dead_host,
                                             monkeypatch) -> None:
    seen = []

    def resume(manager, task) -> None:
        seen.append((manager.host, task.shared))
        task.process_event(states.Event.DONE)
    monkeypatch.setitem(takeover._RESUMERS, states.CLEANING, resume)
    node = make_node(provision_state=states.CLEANING,
                     target_provision_state=states.AVAILABLE, reservation=dead_host)
    takeover.take_over(service, ctx)
    assert seen == [("test-host", False)]
    stored = objects.Node.get(ctx, node.uuid)
    assert stored.provision_state == states.AVAILABLE and stored.reservation is None


def test_interrupted_power_action_is_finished(service, ctx, make_node, dead_host) -> None:
    node = make_node(provision_state=states.AVAILABLE, power_state=states.POWER_OFF,
                     target_power_state=states.POWER_ON, reservation=dead_host,
                     driver_internal_info={fake.POWER_KEY: states.POWER_OFF})
    takeover.take_over(service, ctx)
    stored = objects.Node.get(ctx, node.uuid)
    assert stored.power_state == states.POWER_ON
    assert stored.target_power_state is None


def test_active_nodes_get_this_conductors_affinity(service, ctx, make_node) -> None:
    node = make_node(provision_state=states.ACTIVE)
    takeover.take_over(service, ctx)
    assert objects.Node.get(ctx, node.uuid).conductor_affinity == service.conductor.id


def test_nodes_of_other_groups_are_left_alone(service, ctx, make_node, dead_host) -> None:
    node = make_node(provision_state=states.DEPLOYING, reservation=dead_host,
                     conductor_group="rack9")
    takeover.take_over(service, ctx)
    stored = objects.Node.get(ctx, node.uuid)
    assert stored.reservation == dead_host
    assert stored.provision_state == states.DEPLOYING


def test_ring_membership_change_triggers_takeover(service, ctx, make_node,
                                                  make_conductor) -> None:
    other = make_conductor(hostname="peer-host", interfaces=[
        {"hardware_type": "fake-hardware", "interface_type": "power",
         "interface_name": "fake", "default": True}])
    service.check_ring_membership()
    node = make_node(provision_state=states.AVAILABLE, reservation="peer-host")
    other.unregister()
    assert service.check_ring_membership() is True
    assert objects.Node.get(ctx, node.uuid).reservation is None
