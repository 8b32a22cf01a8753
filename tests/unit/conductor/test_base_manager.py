"""Conductor lifecycle: registration, stale locks, heartbeat, unregistration."""
from __future__ import annotations

import pytest

from ironic import objects
from ironic.common import exception
from ironic.conductor import manager


def test_start_registers_hardware_types_and_interfaces(ctx, service) -> None:
    conductor = objects.Conductor.get_by_hostname(ctx, "test-host")
    assert conductor.drivers == ["fake-hardware"]
    rows = objects.Conductor.list_hardware_type_interfaces(ctx, ["fake-hardware"])
    power = [(r.interface_name, r.default) for r in rows if r.interface_type == "power"]
    assert power == [("fake", True)]
    assert objects.Conductor.get_active_hardware_type_dict(ctx) == {
        "fake-hardware": {"test-host"}}


def test_start_releases_locks_left_by_this_host(ctx, db, conf, make_node) -> None:
    conf.config(heartbeat_interval=3600, group="conductor")
    mine, theirs = make_node(), make_node()
    objects.Node.reserve(ctx, "test-host", mine.uuid)
    objects.Node.reserve(ctx, "other-host", theirs.uuid)
    svc = manager.ConductorManager("test-host")
    svc.init_host()
    try:
        assert objects.Node.get(ctx, mine.uuid).reservation is None
        assert objects.Node.get(ctx, theirs.uuid).reservation == "other-host"
    finally:
        svc.del_host()


def test_heartbeat_refreshes_registration(ctx, service) -> None:
    before = objects.Conductor.get_by_hostname(ctx, "test-host").updated_at
    service.keepalive()
    after = objects.Conductor.get_by_hostname(ctx, "test-host").updated_at
    assert after is not None and (before is None or after >= before)


def test_heartbeat_registers_again_after_row_lost(ctx, service) -> None:
    service.conductor.unregister()
    service.keepalive()
    assert objects.Conductor.get_by_hostname(ctx, "test-host").hostname == "test-host"


def test_stop_unregisters_and_releases_locks(ctx, db, conf, make_node) -> None:
    conf.config(heartbeat_interval=3600, group="conductor")
    svc = manager.ConductorManager("test-host")
    svc.init_host()
    node = make_node()
    objects.Node.reserve(ctx, "test-host", node.uuid)
    svc.del_host()
    with pytest.raises(exception.ConductorNotFound):
        objects.Conductor.get_by_hostname(ctx, "test-host")
    assert objects.Node.get(ctx, node.uuid).reservation is None


def test_second_start_takes_registration_over(ctx, db, conf) -> None:
    conf.config(heartbeat_interval=3600, group="conductor")
    first = manager.ConductorManager("test-host")
    first.init_host()
    second = manager.ConductorManager("test-host")
    second.init_host()  # e.g. after a crash: the old row is still online
    second.del_host()
    first._started = False


def test_unusable_driver_configuration_refuses_to_start(ctx, db, conf) -> None:
    conf.config(enabled_power_interfaces=[])
    with pytest.raises(exception.ConfigInvalid):
        manager.ConductorManager("test-host").init_host()
    with pytest.raises(exception.ConductorNotFound):
        objects.Conductor.get_by_hostname(ctx, "test-host")


def test_stopped_service_refuses_work(service) -> None:
    service.del_host()
    service._executor = None
    with pytest.raises(exception.NoFreeConductorWorker):
        service.spawn_worker(print)
