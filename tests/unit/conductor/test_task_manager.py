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
