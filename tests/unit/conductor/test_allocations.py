"""Allocation matching, backfill and release (conductor.allocations).

Workers are run synchronously (``_sync_spawn``) so each test sees the outcome.
"""
from __future__ import annotations

import pytest
from oslo_utils import uuidutils

from ironic import objects
from ironic.common import exception
from ironic.common import states
from ironic.conductor import allocations


def _sync_spawn(fn, *args, **kwargs):
    fn(*args, **kwargs)


@pytest.fixture
def setup(db, conf, ctx):
    conf.config(node_locked_retry_attempts=2, node_locked_retry_interval=0,
                group="conductor")
    return ctx


def _free(make_node, ctx, rc="gold", traits=(), **kw):
    values = {"provision_state": states.AVAILABLE, "power_state": states.POWER_OFF,
              "resource_class": rc}
    values.update(kw)
    node = make_node(**values)
    if traits:
        objects.TraitList.create(ctx, node.id, list(traits))
    return objects.Node.get(ctx, node.uuid)


def _allocate(ctx, **kw):
    values = {"resource_class": "gold", "traits": [], "candidate_nodes": [],
              "extra": {}}
    values.update(kw)
    allocation = objects.Allocation(ctx, **values)
    allocations.start(ctx, allocation, _sync_spawn, None)
    return objects.Allocation.get(ctx, allocation.uuid)


def test_allocation_binds_a_matching_node(setup, make_node) -> None:
    ctx = setup
    node = _free(make_node, ctx, traits=["CUSTOM_GPU"])
    _free(make_node, ctx, rc="silver")
    allocation = _allocate(ctx, traits=["CUSTOM_GPU"])
    assert (allocation.state, allocation.node_uuid) == (states.ACTIVE, node.uuid)
    node = objects.Node.get(ctx, node.uuid)
    assert node.allocation_uuid == allocation.uuid
    assert node.instance_uuid == allocation.uuid
    assert node.reservation is None


@pytest.mark.parametrize(("node_kw", "alloc_kw", "reason"), [
    ({"resource_class": "silver"}, {}, "resource class gold"),
    ({"maintenance": True}, {}, "resource class gold"),
    ({"provision_state": states.MANAGEABLE}, {}, "resource class gold"),
    ({"power_state": None}, {}, "resource class gold"),
    ({"reservation": "other-host"}, {}, "locked"),
    ({"instance_uuid": "6f1f5c4a-5b27-4d0d-9f43-7c7b26f3a1a2"}, {}, "gold"),
    ({}, {"traits": ["CUSTOM_GPU"]}, "traits CUSTOM_GPU"),
    ({"owner": "p1"}, {"owner": "p2"}, "for owner p2"),
], ids=["class", "maintenance", "state", "no-power", "reserved", "instance",
        "traits", "owner"])
def test_allocation_fails_with_reason_when_no_node_matches(setup, make_node, node_kw,
                                                            alloc_kw, reason) -> None:
    ctx = setup
    node = _free(make_node, ctx, **node_kw)
    allocation = _allocate(ctx, **alloc_kw)
    assert allocation.state == states.ERROR
    assert allocation.node_id is None
    assert reason in allocation.last_error
    assert allocation.last_error.startswith(f"Failed to process allocation {allocation.uuid}")
    assert objects.Node.get(ctx, node.uuid).allocation_id is None


def test_owner_matches_node_owner_or_lessee(setup, make_node) -> None:
    ctx = setup
    leased = _free(make_node, ctx, owner="landlord", lessee="tenant")
    assert _allocate(ctx, owner="tenant").node_uuid == leased.uuid


def test_candidate_nodes_restrict_the_choice(setup, make_node) -> None:
    ctx = setup
    nodes = [_free(make_node, ctx) for _ in range(4)]
    allocation = _allocate(ctx, candidate_nodes=[nodes[2].uuid])
    assert allocation.node_uuid == nodes[2].uuid
    failed = _allocate(ctx, candidate_nodes=[nodes[2].uuid])
    assert "none of the requested nodes" in failed.last_error


def test_node_named_like_the_allocation_is_preferred(setup, make_node) -> None:
    ctx = setup
    for _ in range(5):
        _free(make_node, ctx)
    named = _free(make_node, ctx, name="compute-7")
    assert _allocate(ctx, name="compute-7").node_uuid == named.uuid


def test_locked_node_is_skipped_and_all_locked_is_an_error(setup, make_node) -> None:
    ctx = setup
    busy = _free(make_node, ctx)
    objects.Node.reserve(ctx, "other-host", busy.id)
    allocation = _allocate(ctx)
    assert allocation.state == states.ERROR
    assert "locked" in allocation.last_error
    objects.Node.release(ctx, "other-host", busy.id)


def test_two_allocations_never_share_a_node(setup, make_node) -> None:
    ctx = setup
    nodes = {_free(make_node, ctx).uuid for _ in range(3)}
    got = [_allocate(ctx).node_uuid for _ in range(4)]
    assert set(got[:3]) == nodes
    assert got[3] is None


def test_allocation_deleted_before_processing_is_ignored(setup, make_node) -> None:
    ctx = setup
    _free(make_node, ctx)
    allocation = objects.Allocation(ctx, resource_class="gold", traits=[],
                                    candidate_nodes=[], extra={})
    allocations.start(ctx, allocation, lambda *a, **k: None, None)
    allocation.destroy()
    allocations.allocate(ctx, allocation.id)  # must not raise


def test_no_free_worker_marks_the_allocation_failed(setup) -> None:
    ctx = setup
    allocation = objects.Allocation(ctx, resource_class="gold", traits=[],
                                    candidate_nodes=[], extra={})

    def full(*args, **kwargs):
        raise exception.NoFreeConductorWorker()
    with pytest.raises(exception.NoFreeConductorWorker):
        allocations.start(ctx, allocation, full, None)
    stored = objects.Allocation.get(ctx, allocation.uuid)
    assert stored.state == states.ERROR and "worker" in stored.last_error


def test_resume_restarts_allocating_allocations_of_this_conductor(setup,
                                                                  make_node) -> None:
    ctx = setup
    _free(make_node, ctx)
    allocation = objects.Allocation(ctx, uuid=uuidutils.generate_uuid(),
                                    resource_class="gold", traits=[],
                                    candidate_nodes=[], extra={},
                                    conductor_affinity=7, state=states.ALLOCATING)
    allocation.create()
    assert allocations.resume(ctx, 7, _sync_spawn) == 1
    assert objects.Allocation.get(ctx, allocation.uuid).state == states.ACTIVE
    assert allocations.resume(ctx, 7, _sync_spawn) == 0


# --- backfill ---------------------------------------------------------------


def test_backfill_takes_the_instance_uuid_of_a_deployed_node(setup, make_node) -> None:
    ctx = setup
    instance = uuidutils.generate_uuid()
    node = make_node(provision_state=states.ACTIVE, resource_class="gold",
                     instance_uuid=instance)
    allocation = _allocate(ctx, node_id=node.id, resource_class=None)
    assert (allocation.uuid, allocation.state) == (instance, states.ACTIVE)
    assert allocation.resource_class == "gold"
    assert objects.Node.get(ctx, node.uuid).allocation_uuid == instance


@pytest.mark.parametrize(("node_kw", "alloc_kw", "reason"), [
    ({"provision_state": states.AVAILABLE}, {}, 'must be in the "active" state'),
    ({}, {"resource_class": "silver"}, "requested resource class silver"),
    ({}, {"traits": ["CUSTOM_X"]}, "lacks the requested traits CUSTOM_X"),
    ({}, {"candidate_nodes": [uuidutils.generate_uuid()]}, "candidate nodes"),
], ids=["state", "class", "traits", "candidates"])
def test_backfill_refuses_a_node_that_does_not_match(setup, make_node, node_kw,
                                                     alloc_kw, reason) -> None:
    ctx = setup
    node = make_node(**{"provision_state": states.ACTIVE, "resource_class": "gold",
                        **node_kw})
    allocation = objects.Allocation(ctx, **{"resource_class": None, "traits": [],
                                            "candidate_nodes": [], "extra": {},
                                            "node_id": node.id, **alloc_kw})
    with pytest.raises(exception.AllocationFailed, match=reason) as err:
        allocations.start(ctx, allocation, _sync_spawn, None)
    assert err.value.code == 400
    assert objects.Allocation.list(ctx) == []
    assert objects.Node.get(ctx, node.uuid).reservation is None


def test_backfill_with_another_uuid_than_the_instance_is_conflict(setup,
                                                                  make_node) -> None:
    ctx = setup
    node = make_node(provision_state=states.ACTIVE,
                     instance_uuid=uuidutils.generate_uuid())
    allocation = objects.Allocation(ctx, uuid=uuidutils.generate_uuid(),
                                    node_id=node.id, traits=[], candidate_nodes=[],
                                    extra={})
    with pytest.raises(exception.NodeAssociated):
        allocations.start(ctx, allocation, _sync_spawn, None)


def test_second_backfill_of_a_node_is_conflict(setup, make_node) -> None:
    ctx = setup
    node = make_node(provision_state=states.ACTIVE)
    _allocate(ctx, node_id=node.id, resource_class=None)
    with pytest.raises(exception.Conflict):
        _allocate(ctx, node_id=node.id, resource_class=None)


# --- release ----------------------------------------------------------------


def test_destroy_frees_the_node(setup, make_node) -> None:
    ctx = setup
    node = _free(make_node, ctx)
    allocation = _allocate(ctx)
    allocations.destroy(ctx, allocation)
    node = objects.Node.get(ctx, node.uuid)
    assert (node.allocation_id, node.instance_uuid) == (None, None)
    with pytest.raises(exception.AllocationNotFound):
        objects.Allocation.get(ctx, allocation.uuid)


@pytest.mark.parametrize(("maintenance", "allowed"), [(False, False), (True, True)])
def test_destroy_for_active_node_needs_maintenance(setup, make_node, maintenance,
                                                   allowed) -> None:
    ctx = setup
    node = make_node(provision_state=states.ACTIVE, maintenance=maintenance)
    allocation = _allocate(ctx, node_id=node.id, resource_class=None)
    if allowed:
        allocations.destroy(ctx, allocation)
        assert objects.Node.get(ctx, node.uuid).instance_uuid is None
    else:
        with pytest.raises(exception.InvalidState, match="node is active"):
            allocations.destroy(ctx, allocation)
        assert objects.Node.get(ctx, node.uuid).allocation_uuid == allocation.uuid


def test_clearing_instance_uuid_deletes_the_allocation(setup, make_node) -> None:
    ctx = setup
    node = _free(make_node, ctx)
    allocation = _allocate(ctx)
    node = objects.Node.get(ctx, node.uuid)
    node.instance_uuid = None
    node.save()
    assert objects.Node.get(ctx, node.uuid).allocation_uuid is None
    with pytest.raises(exception.AllocationNotFound):
        objects.Allocation.get(ctx, allocation.uuid)
