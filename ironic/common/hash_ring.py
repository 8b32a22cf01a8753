"""A consistent hash ring mapping nodes to conductors, per hardware type and group.

Each conductor owns many points on a ring (``partitions`` per host); a node's
key is hashed onto the ring and the next distinct hosts clockwise own it. When
a conductor joins or leaves only the keys next to its points move.

:class:`HashRingManager` caches one ring per ``(conductor group, hardware type)``
built from a loader the caller provides (the conductor's RPC client reads live
conductors from the database), and rebuilds them after
``[conductor] hash_ring_reset_interval`` seconds.
"""
from __future__ import annotations

import bisect
import hashlib
import threading
import time
from collections.abc import Callable, Iterable, Mapping

from ironic.conf import CONF

PARTITIONS_PER_HOST = 64
"""Points per host on the ring; more points spread keys more evenly."""

RingLoader = Callable[[], Mapping[str, Iterable[str]]]
"""Returns ``{"<group>:<hardware type>": hostnames}`` of live conductors."""


def _position(value: str) -> int:
    return int.from_bytes(hashlib.md5(value.encode(), usedforsecurity=False)
                          .digest()[:8], "big")


def ring_key(hardware_type: str, conductor_group: str | None = "") -> str:
    """The cache key of the ring serving ``hardware_type`` in a conductor group."""
    return f"{(conductor_group or '').lower()}:{hardware_type}"


class HashRing:
    """An immutable consistent hash ring over a set of hosts."""

    def __init__(self, hosts: Iterable[str],
                 partitions: int = PARTITIONS_PER_HOST) -> None:
        self.hosts = frozenset(hosts)
        points = sorted((_position(f"{host}/{i}"), host)
                        for host in self.hosts for i in range(partitions))
        self._positions = [p for p, _ in points]
        self._owners = [h for _, h in points]
        self._only = [next(iter(self.hosts))] if len(self.hosts) == 1 else None

    def get_hosts(self, key: str, replicas: int = 1) -> list[str]:
        """The ``replicas`` distinct hosts owning ``key``, primary first."""
        if not self._owners:
            return []
        if self._only is not None:
            return list(self._only)  # one host owns everything: no hashing
        wanted = min(max(replicas, 1), len(self.hosts))
        start = bisect.bisect(self._positions, _position(key))
        found: list[str] = []
        for offset in range(len(self._owners)):
            host = self._owners[(start + offset) % len(self._owners)]
            if host not in found:
                found.append(host)
                if len(found) == wanted:
                    break
        return found


class HashRingManager:
    """Rings per ``(group, hardware type)``, rebuilt when older than the interval."""

    def __init__(self, loader: RingLoader) -> None:
        self._loader = loader
        self._lock = threading.Lock()
        self._rings: dict[str, HashRing] | None = None
        self._built_at = 0.0

    def reset(self) -> None:
        """Forget the rings; the next lookup rebuilds them."""
        with self._lock:
            self._rings = None

    @property
    def rings(self) -> dict[str, HashRing]:
        """The current rings, rebuilt first when stale."""
        with self._lock:
            age = time.monotonic() - self._built_at
            if self._rings is None or age > CONF.conductor.hash_ring_reset_interval:
                self._rings = {key: HashRing(hosts)
                               for key, hosts in self._loader().items() if hosts}
                self._built_at = time.monotonic()
            return self._rings

    def get_ring(self, hardware_type: str,
                 conductor_group: str | None = "") -> HashRing | None:
        """The ring serving ``hardware_type`` in the group, or None if nobody does."""
        key = ring_key(hardware_type, conductor_group)
        ring = self.rings.get(key)
        if ring is None and self._rings is not None:
            # A conductor may have just started: look again once, immediately.
            self.reset()
            ring = self.rings.get(key)
        return ring
