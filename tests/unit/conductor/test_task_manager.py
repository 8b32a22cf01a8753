"""Node locks: taken, refused when held, always released; background work."""
from __future__ import annotations

import threading

import futurist
import pytest

from ironic import objects
from ironic.common import exception
from ironic.common import states
from ironic.conductor import task_manager


@pytest.fixture(autouse=True)
def _fast_locks(conf) -> None:
    conf.config(node_locked_retry_attempts=2, node_locked_retry_interval=0,
                group="conductor")


def _reservation(ctx, node) -> str | None:
    return objects.Node.get(ctx, node.uuid).reservation


def test_exclusive_lock_reserves_and_releases(ctx, make_node) -> None:
    node = make_node()
    with task_manager.acquire(ctx, node.uuid) as task:
        assert _reservation(ctx, node) == "test-host"
        assert task.driver.power is not None
    assert _reservation(ctx, node) is None


def test_lock_held_elsewhere_raises_node_locked(ctx, make_node) -> None:
    node = make_node()
    objects.Node.reserve(ctx, "other-host", node.uuid)
    with pytest.raises(exception.NodeLocked):
        task_manager.acquire(ctx, node.uuid)
    assert _reservation(ctx, node) == "other-host"


def test_lock_released_when_block_raises(ctx, make_node) -> None:
    node = make_node()
    with pytest.raises(RuntimeError):
        with task_manager.acquire(ctx, node.uuid):
            raise RuntimeError("boom")
    assert _reservation(ctx, node) is None


def test_lock_released_when_driver_cannot_load(ctx, make_node) -> None:
    node = make_node(power_interface="ipmi")
    with pytest.raises(exception.InterfaceNotFoundInEntrypoint):
        task_manager.acquire(ctx, node.uuid)
    assert _reservation(ctx, node) is None


def test_shared_lock_does_not_reserve_until_upgraded(ctx, make_node) -> None:
    node = make_node()
    with task_manager.acquire(ctx, node.uuid, shared=True) as task:
        assert _reservation(ctx, node) is None
        task.upgrade_lock("change")
        assert not task.shared
        assert _reservation(ctx, node) == "test-host"
    assert _reservation(ctx, node) is None


def test_missing_node_is_not_found(ctx, db) -> None:
    with pytest.raises(exception.NodeNotFound):
        task_manager.acquire(ctx, "1be26c0b-03f2-4d2e-ae87-c02d7f33c123")


def test_illegal_event_is_refused_and_nothing_saved(ctx, make_node) -> None:
    node = make_node(provision_state=states.ENROLL)
    with pytest.raises(exception.InvalidStateRequested):
        with task_manager.acquire(ctx, node.uuid) as task:
            task.process_event(states.Event.DEPLOY)
    stored = objects.Node.get(ctx, node.uuid)
    assert stored.provision_state == states.ENROLL
    assert stored.reservation is None


def test_event_saves_state_and_target(ctx, make_node) -> None:
    node = make_node(provision_state=states.AVAILABLE)
    with task_manager.acquire(ctx, node.uuid) as task:
        task.process_event(states.Event.DEPLOY)
    stored = objects.Node.get(ctx, node.uuid)
    assert (stored.provision_state, stored.target_provision_state) == (
        states.DEPLOYING, states.ACTIVE)


def test_spawned_work_keeps_lock_until_it_finishes(ctx, make_node, service) -> None:
    node = make_node()
    service._executor = futurist.ThreadPoolExecutor(max_workers=2)  # a real worker
    started, proceed, seen = threading.Event(), threading.Event(), []

    def work(task) -> None:
        started.set()
        proceed.wait(5)
        seen.append(task.node.uuid)

    with task_manager.acquire(ctx, node.uuid) as task:
        task.spawn_after(service.spawn_worker, work, task)
    assert started.wait(5)
    assert _reservation(ctx, node) == "test-host"
    proceed.set()
    service._executor.shutdown(wait=True)
    assert seen == [node.uuid]
    assert _reservation(ctx, node) is None


def test_full_pool_refuses_work_and_releases_lock(ctx, make_node) -> None:
    node = make_node(provision_state=states.AVAILABLE)
    handled = []

    def full(*_args, **_kwargs):
        raise exception.NoFreeConductorWorker()

    with pytest.raises(exception.NoFreeConductorWorker):
        with task_manager.acquire(ctx, node.uuid) as task:
            task.process_event(states.Event.DEPLOY, callback=full,
                               call_args=(print,),
                               err_handler=lambda e, n, prov, tgt: handled.append(prov))
    assert handled == [states.AVAILABLE]
    assert _reservation(ctx, node) is None


def test_require_exclusive_lock_refuses_shared(ctx, make_node) -> None:
    node = make_node()

    @task_manager.require_exclusive_lock
    def change(task) -> str:
        return "changed"

    with task_manager.acquire(ctx, node.uuid, shared=True) as task:
        with pytest.raises(exception.ExclusiveLockRequired):
            change(task)
        task.upgrade_lock()
        assert change(task) == "changed"


# --- services for drivers: the conductor writes what drivers found ----------


def test_store_bios_settings_creates_updates_and_deletes(ctx, make_node) -> None:
    node = make_node()
    with task_manager.acquire(ctx, node.uuid) as task:
        task.store_bios_settings([{"name": "A", "value": "1"}, {"name": "B", "value": "x"}])
    with task_manager.acquire(ctx, node.uuid) as task:
        task.store_bios_settings([{"name": "A", "value": "2"}, {"name": "C", "value": "y"}])
    stored = objects.BIOSSettingList.get_by_node_id(ctx, node.id)
    assert sorted((s.name, s.value) for s in stored) == [("A", "2"), ("C", "y")]


def test_record_inspected_ports_creates_only_missing_macs(ctx, make_node) -> None:
    node, other = make_node(), make_node()
    objects.Port(ctx, uuid="2b0e0c44-5c4a-4f43-9a8e-1d0d1c2c3b01", address="52:54:00:00:00:01",
                 node_id=node.id).create()
    objects.Port(ctx, uuid="2b0e0c44-5c4a-4f43-9a8e-1d0d1c2c3b02", address="52:54:00:00:00:03",
                 node_id=other.id).create()
    macs = ["52:54:00:00:00:01", "52:54:00:00:00:02", "52:54:00:00:00:03"]
    with task_manager.acquire(ctx, node.uuid) as task:
        assert task.record_inspected_ports(macs) == ["52:54:00:00:00:02"]
        assert sorted(p.address for p in task.ports) == macs[:2]
        assert task.record_inspected_ports(macs) == []
    created = objects.Port.get_by_address(ctx, "52:54:00:00:00:02")
    assert created.node_id == node.id and created.pxe_enabled
