"""Steps shared by the topology tests: enroll, distribution, deploy batches, contention."""
from __future__ import annotations

import concurrent.futures
import json
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from tests.functional.rpc.topology import Topology


def fault(reply: Any) -> str:
    """The ``faultstring`` of an Ironic error response."""
    return str(json.loads(reply.json()["error_message"])["faultstring"])


def bulk(fn: Callable[[Any], Any], items: Iterable[Any], workers: int = 16) -> list[Any]:
    """``fn`` over ``items`` on a thread pool; results in order."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(fn, items))


def enroll(topo: Topology, count: int, group: str = "") -> list[str]:
    """Create ``count`` fake-hardware nodes and bring them to ``available``."""
    def create(_: int) -> str:
        reply = topo.api("POST", "/v1/nodes", {"driver": "fake-hardware",
                                               "conductor_group": group,
                                               "name": f"n-{uuid.uuid4().hex[:10]}"})
        assert reply.status_code == 201, reply.text
        return str(reply.json()["uuid"])
    uuids = bulk(create, range(count))
    for verb, state in (("manage", "manageable"), ("provide", "available")):
        provision(topo, uuids, verb)
        wait_states(topo, uuids, {state})
    return uuids


def provision(topo: Topology, uuids: list[str], target: str,
              retry_until: float | None = None) -> None:
    """PUT the provision verb on every node (202 expected)."""
    def put(node: str) -> None:
        reply = topo.api("PUT", f"/v1/nodes/{node}/states/provision", {"target": target})
        assert reply.status_code == 202, (node, reply.status_code, reply.text)
    bulk(put, uuids)


def wait_states(topo: Topology, uuids: list[str], states: set[str],
                timeout: float = 120) -> list[dict[str, Any]]:
    """Wait until every node is in one of ``states`` and unlocked."""
    wanted = set(uuids)
    found: list[dict[str, Any]] = []

    def done() -> bool:
        nonlocal found
        found = [n for n in topo.nodes() if n["uuid"] in wanted]
        return all(n["provision_state"] in states and n["reservation"] is None
                   for n in found)
    try:
        topo.wait_for(done, timeout, f"{len(wanted)} nodes to reach {states}", 0.5)
    except AssertionError:
        stuck = Counter((n["provision_state"], n["reservation"]) for n in found
                        if n["provision_state"] not in states or n["reservation"])
        raise AssertionError(f"nodes not in {states}: {dict(stuck)}\n"
                             + topo.tail_logs()) from None
    return found


def ownership(topo: Topology, uuids: list[str]) -> Counter[str]:
    """Owning conductor (API ``conductor`` field) -> node count."""
    wanted = set(uuids)
    return Counter(n["conductor"] for n in topo.nodes() if n["uuid"] in wanted)


def deploy_batch_killing(topo: Topology, uuids: list[str], victim: str,
                         kill_after: int, deadline_s: float = 150) -> dict[str, int]:
    """Deploy every node; SIGKILL ``victim`` after ``kill_after`` requests.

    Requests that fail while the victim is still counted alive (503: its queue
    or port does not answer) or whose node it held (409) are retried, as a
    client would, until every node is active. Nodes whose deployment the
    victim cut short end in ``deploy failed`` after takeover and are deployed
    again. Returns counts of the answers seen.
    """
    answers: Counter[int] = Counter()
    pending = list(uuids)
    sent = 0
    deadline = time.monotonic() + deadline_s

    def put(node: str) -> tuple[str, int]:
        nonlocal sent
        sent += 1
        if sent == kill_after:
            topo.kill(victim)
        reply = topo.api("PUT", f"/v1/nodes/{node}/states/provision",
                         {"target": "active"}, timeout=60)
        return node, reply.status_code

    while pending and time.monotonic() < deadline:
        retry = []
        for node, status in bulk(put, pending, workers=8):
            answers[status] += 1
            if status != 202:
                assert status in (409, 503, 400), (node, status)
                retry.append(node)
        states = {n["uuid"]: n for n in topo.nodes()}
        for node in uuids:
            info = states[node]
            if info["provision_state"] == "deploy failed" and node not in retry:
                retry.append(node)
        pending = retry
        if pending:
            time.sleep(1)
    wait_states(topo, uuids, {"active"}, timeout=max(deadline - time.monotonic(), 30))
    return dict(answers)


def lock_contention(topo: Topology, node: str, count: int = 50) -> Counter[int]:
    """``count`` concurrent PATCHes and power actions on one node.

    Every answer is 2xx or 409 (NodeLocked, or NodeChangedConcurrently for a
    PATCH computed from a copy another write made stale); every accepted PATCH
    key is present at the end (no lost update).

    :returns: status code counts.
    """
    def act(i: int) -> tuple[int, int, str]:
        if i % 2:
            reply = topo.api("PUT", f"/v1/nodes/{node}/states/power",
                             {"target": "power on" if i % 4 == 1 else "power off"})
        else:
            reply = topo.api("PATCH", f"/v1/nodes/{node}",
                             [{"op": "add", "path": f"/extra/k{i}", "value": i}])
        return i, reply.status_code, reply.text
    results = bulk(act, range(count), workers=count)
    codes = Counter(code for _, code, _ in results)
    for i, code, text in results:
        assert code in (200, 202, 409), (i, code, text)
        if code == 409:  # the lock was taken, or the node changed after our read
            assert ("is locked by host" in text
                    or "was changed by another request" in text), text
    extra = topo.node(node)["extra"]
    for i, code, _ in results:
        if i % 2 == 0 and code == 200:
            assert extra.get(f"k{i}") == i, f"lost update k{i}: {extra}"
    return codes
