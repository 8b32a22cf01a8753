"""Consistent hash ring: even spread, stability, replicas, groups, refresh."""
from __future__ import annotations

import collections

from ironic.common import hash_ring

KEYS = [f"node-{i}" for i in range(3000)]


def test_keys_spread_over_every_host() -> None:
    ring = hash_ring.HashRing(["a", "b", "c"])
    counts = collections.Counter(ring.get_hosts(k)[0] for k in KEYS)
    assert set(counts) == {"a", "b", "c"}
    assert min(counts.values()) > len(KEYS) / 3 * 0.6


def test_adding_a_host_moves_only_a_share_of_keys() -> None:
    before = hash_ring.HashRing(["a", "b", "c"])
    after = hash_ring.HashRing(["a", "b", "c", "d"])
    moved = [k for k in KEYS if before.get_hosts(k) != after.get_hosts(k)]
    assert all(after.get_hosts(k) == ["d"] for k in moved)
    assert len(moved) < len(KEYS) / 2


def test_replicas_are_distinct_and_capped_by_host_count() -> None:
    ring = hash_ring.HashRing(["a", "b"])
    assert sorted(ring.get_hosts("x", replicas=2)) == ["a", "b"]
    assert len(ring.get_hosts("x", replicas=5)) == 2


def test_empty_ring_has_no_owner() -> None:
    assert hash_ring.HashRing([]).get_hosts("x") == []


def test_manager_keeps_groups_apart() -> None:
    manager = hash_ring.HashRingManager(lambda: {
        hash_ring.ring_key("fake-hardware", ""): {"a"},
        hash_ring.ring_key("fake-hardware", "rack1"): {"b"}})
    assert manager.get_ring("fake-hardware", "").hosts == {"a"}
    assert manager.get_ring("fake-hardware", "RACK1").hosts == {"b"}
    assert manager.get_ring("fake-hardware", "rack2") is None
    assert manager.get_ring("ipmi", "") is None


def test_manager_reloads_when_a_conductor_appears(conf) -> None:
    conf.config(hash_ring_reset_interval=3600, group="conductor")
    live: dict[str, set[str]] = {}
    manager = hash_ring.HashRingManager(lambda: dict(live))
    assert manager.get_ring("fake-hardware") is None
    live[hash_ring.ring_key("fake-hardware")] = {"a"}
    assert manager.get_ring("fake-hardware").hosts == {"a"}


def test_manager_keeps_cached_ring_until_interval(conf) -> None:
    conf.config(hash_ring_reset_interval=3600, group="conductor")
    live = {hash_ring.ring_key("fake-hardware"): {"a"}}
    manager = hash_ring.HashRingManager(lambda: dict(live))
    assert manager.get_ring("fake-hardware").hosts == {"a"}
    live[hash_ring.ring_key("fake-hardware")] = {"a", "b"}
    assert manager.get_ring("fake-hardware").hosts == {"a"}
    conf.config(hash_ring_reset_interval=0, group="conductor")
    assert manager.get_ring("fake-hardware").hosts == {"a", "b"}
