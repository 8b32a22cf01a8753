"""Power-state sync: forcing or recording state, skips, and power-failure maintenance."""
from __future__ import annotations

import pytest

from ironic import objects
from ironic.common import exception
from ironic.common import states
from ironic.conductor import power_sync
from ironic.drivers.modules import fake


@pytest.fixture(autouse=True)
def _reset_counts():
    power_sync.FAILURES._counts.clear()
    yield
    power_sync.FAILURES._counts.clear()


def _node(make_node, hw_state: str, db_state: str = states.POWER_ON, **kw):
    return make_node(provision_state=states.AVAILABLE, power_state=db_state,
                     driver_internal_info={fake.POWER_KEY: hw_state}, **kw)


def _hw(ctx, node) -> str:
    return objects.Node.get(ctx, node.uuid).driver_internal_info[fake.POWER_KEY]


def test_database_state_forced_on_hardware(service, ctx, make_node) -> None:
    node = _node(make_node, states.POWER_OFF)
    power_sync.sync_power_states(service, ctx)
    assert _hw(ctx, node) == states.POWER_ON
    assert objects.Node.get(ctx, node.uuid).power_state == states.POWER_ON


def test_hardware_state_recorded_when_not_forcing(service, ctx, conf, make_node) -> None:
    conf.config(force_power_state_during_sync=False, group="conductor")
    node = _node(make_node, states.POWER_OFF)
    power_sync.sync_power_states(service, ctx)
    assert objects.Node.get(ctx, node.uuid).power_state == states.POWER_OFF
    assert _hw(ctx, node) == states.POWER_OFF


def test_unknown_database_state_takes_hardware_state(service, ctx, make_node) -> None:
    node = _node(make_node, states.POWER_OFF, db_state=None)
    power_sync.sync_power_states(service, ctx)
    assert objects.Node.get(ctx, node.uuid).power_state == states.POWER_OFF


@pytest.mark.parametrize("extra", [
    {"maintenance": True},
    {"reservation": "someone-else"},
    {"provision_state": states.DEPLOYWAIT},
    {"provision_state": states.ENROLL},
])
def test_skipped_nodes_are_not_touched(service, ctx, make_node, extra) -> None:
    values = {"provision_state": states.AVAILABLE, **extra}
    node = make_node(power_state=states.POWER_ON,
                     driver_internal_info={fake.POWER_KEY: states.POWER_OFF}, **values)
    power_sync.sync_power_states(service, ctx)
    assert _hw(ctx, node) == states.POWER_OFF


def test_nodes_of_other_groups_are_not_synced(service, ctx, make_node) -> None:
    node = _node(make_node, states.POWER_OFF, conductor_group="rack9")
    power_sync.sync_power_states(service, ctx)
    assert _hw(ctx, node) == states.POWER_OFF


def test_repeated_read_failures_put_node_in_maintenance(service, ctx, conf,
                                                         make_node, monkeypatch) -> None:
    conf.config(power_state_sync_max_retries=2, group="conductor")
    node = _node(make_node, states.POWER_ON)

    def unreachable(self, task):
        raise exception.DriverRetryable(f"BMC of {task.node.uuid} timed out")
    monkeypatch.setattr(fake.FakePower, "get_power_state", unreachable)
    for _ in range(2):
        power_sync.sync_power_states(service, ctx)
        assert not objects.Node.get(ctx, node.uuid).maintenance
    power_sync.sync_power_states(service, ctx)
    stored = objects.Node.get(ctx, node.uuid)
    assert stored.maintenance and stored.fault == "power failure"
    assert node.uuid in stored.maintenance_reason
    assert "timed out" in stored.maintenance_reason
    assert stored.last_error == stored.maintenance_reason
    assert stored.reservation is None


def test_hardware_refusing_forced_state_ends_in_maintenance(service, ctx, conf,
                                                             make_node, monkeypatch) -> None:
    conf.config(power_state_sync_max_retries=0, group="conductor")
    node = _node(make_node, states.POWER_OFF)
    monkeypatch.setattr(fake.FakePower, "set_power_state",
                        lambda self, task, target, timeout_s=None: None)
    power_sync.sync_power_states(service, ctx)
    stored = objects.Node.get(ctx, node.uuid)
    assert stored.fault == "power failure"
    assert "still 'power off'" in stored.maintenance_reason
    assert stored.power_state == states.POWER_OFF


def test_success_resets_failure_count(service, ctx, conf, make_node, monkeypatch) -> None:
    conf.config(power_state_sync_max_retries=1, group="conductor")
    node = _node(make_node, states.POWER_ON)
    original = fake.FakePower.get_power_state

    def flaky(self, task):
        raise exception.DriverRetryable("lost packet")
    monkeypatch.setattr(fake.FakePower, "get_power_state", flaky)
    power_sync.sync_power_states(service, ctx)
    monkeypatch.setattr(fake.FakePower, "get_power_state", original)
    power_sync.sync_power_states(service, ctx)
    monkeypatch.setattr(fake.FakePower, "get_power_state", flaky)
    power_sync.sync_power_states(service, ctx)
    assert not objects.Node.get(ctx, node.uuid).maintenance


def test_recovery_clears_power_failure_maintenance(service, ctx, make_node) -> None:
    node = _node(make_node, states.POWER_OFF, maintenance=True, fault="power failure",
                 maintenance_reason="During sync_power_state, max retries exceeded")
    power_sync.recover_power_failures(service, ctx)
    stored = objects.Node.get(ctx, node.uuid)
    assert not stored.maintenance and stored.fault is None
    assert stored.maintenance_reason is None
    assert stored.power_state == states.POWER_OFF


def test_recovery_leaves_other_maintenance_alone(service, ctx, make_node) -> None:
    node = _node(make_node, states.POWER_OFF, maintenance=True,
                 maintenance_reason="operator")
    power_sync.recover_power_failures(service, ctx)
    assert objects.Node.get(ctx, node.uuid).maintenance
