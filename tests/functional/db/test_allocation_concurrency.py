"""Concurrent allocations never get the same node (SQLite, PostgreSQL, MariaDB).

Allocation workers run in parallel threads, each with its own database
connections, racing for the same few nodes the way workers of several
conductors would: the node lock is a compare-and-set UPDATE and the binding a
locked read-modify-write, so the database decides every race. Bounded: a few
rounds of 12 allocations over 5 nodes, well under 10 s per backend.
"""
from __future__ import annotations

import threading

import pytest
from oslo_utils import uuidutils

from ironic import objects
from ironic.common import context as ir_context
from ironic.common import states
from ironic.conductor import allocations
from tests.fixtures import factories

NODES = 5
ALLOCATIONS = 12
ROUNDS = 3


def _race(ctx, allocation_ids):
    barrier = threading.Barrier(len(allocation_ids))
    errors = []

    def worker(allocation_id):
        try:
            barrier.wait(timeout=10)
            allocations.allocate(ctx, allocation_id)
        except Exception as e:  # a worker must never raise; record it if it does
            errors.append(e)
    threads = [threading.Thread(target=worker, args=(i,)) for i in allocation_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "an allocation worker hung"
    assert errors == []


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_concurrent_allocations_never_share_a_node(db, conf, round_):
    conf.config(node_locked_retry_attempts=20, node_locked_retry_interval=0.01,
                group="conductor")
    ctx = ir_context.get_admin_context()
    nodes = {factories.node(provision_state=states.AVAILABLE,
                            power_state=states.POWER_OFF,
                            resource_class="race").uuid for _ in range(NODES)}
    ids = []
    for _ in range(ALLOCATIONS):
        allocation = objects.Allocation(ctx, uuid=uuidutils.generate_uuid(),
                                        resource_class="race", traits=[],
                                        candidate_nodes=[], extra={},
                                        state=states.ALLOCATING)
        allocation.create()
        ids.append(allocation.id)

    _race(ctx, ids)

    result = [objects.Allocation.get_by_id(ctx, i) for i in ids]
    active = [a for a in result if a.state == states.ACTIVE]
    failed = [a for a in result if a.state == states.ERROR]
    assert len(active) == NODES and len(failed) == ALLOCATIONS - NODES
    assert {a.node_uuid for a in active} == nodes  # distinct and all used
    for allocation in active:
        node = objects.Node.get(ctx, allocation.node_uuid)
        assert node.allocation_uuid == allocation.uuid == node.instance_uuid
        assert node.reservation is None
    for allocation in failed:
        assert allocation.node_id is None
        assert "no available nodes match the resource class race" in \
            allocation.last_error
