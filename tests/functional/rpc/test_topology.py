"""The real topology: ironic-api and ironic-conductors in separate processes.

* oslo.messaging over RabbitMQ, one API and three conductors, on PostgreSQL and
  on MariaDB: 300 nodes enrolled, split about evenly; every ConductorAPI method
  answered by a remote conductor; conductor groups honoured; 50 concurrent
  writers on one node; one conductor SIGKILLed in the middle of a deploy batch.
* JSON-RPC, one API and two conductors, on PostgreSQL: the same, smaller.
"""
from __future__ import annotations

import signal
from collections.abc import Iterator

import pytest

from tests.functional.db import servers
from tests.functional.rpc import scenarios
from tests.functional.rpc import sweep
from tests.functional.rpc.topology import Conductor, Topology, require_rabbitmq

OSLO_NODES = 300
JSON_RPC_NODES = 60


def _topology(tmp_path_factory, backend: str, transport: str,
              conductors: list[Conductor]) -> Iterator[Topology]:
    if transport == "oslo":
        require_rabbitmq()
    url = servers.create(backend)
    topo = Topology(tmp_path_factory.mktemp(f"{transport}-{backend}"), url, transport,
                    conductors)
    try:
        yield topo.start()
    finally:
        topo.stop()
        servers.drop(url)


@pytest.fixture(scope="module", params=["postgresql", "mysql"])
def oslo_topology(request, tmp_path_factory) -> Iterator[Topology]:
    yield from _topology(tmp_path_factory, request.param, "oslo",
                         [Conductor("c1"), Conductor("c2"), Conductor("c3"),
                          Conductor("r1", group="rack1")])


@pytest.fixture(scope="module")
def json_rpc_topology(tmp_path_factory) -> Iterator[Topology]:
    yield from _topology(tmp_path_factory, "postgresql", "json-rpc",
                         [Conductor("j1"), Conductor("j2")])


def _enrolled(topo: Topology, count: int) -> list[str]:
    if not hasattr(topo, "enrolled"):
        topo.enrolled = scenarios.enroll(topo, count)  # type: ignore[attr-defined]
    return topo.enrolled  # type: ignore[attr-defined]


def _check_distribution(topo: Topology, names: list[str], count: int) -> None:
    owners = scenarios.ownership(topo, _enrolled(topo, count))
    hosts = {topo.hostname(n) for n in names}
    assert set(owners) == hosts, owners
    share = count / len(hosts)
    for host, owned in owners.items():
        assert 0.6 * share <= owned <= 1.4 * share, owners


def _check_sweep(topo: Topology, client_of, count: int) -> None:
    client_of(topo)
    node = _enrolled(topo, count)[0]
    called = sweep.run(node)
    assert sweep.EVERY_METHOD <= called, sweep.EVERY_METHOD - called


def _check_takeover(topo: Topology, count: int, victim: str) -> None:
    batch = _enrolled(topo, count)[: count // 2]
    answers = scenarios.deploy_batch_killing(topo, batch, victim,
                                             kill_after=len(batch) // 3)
    print(f"takeover of {victim}: answers {answers}")
    dead = topo.hostname(victim)
    nodes = topo.nodes()
    assert not [n["uuid"] for n in nodes if n["reservation"] == dead]
    assert dead not in {n["conductor"] for n in nodes}
    assert answers.get(202, 0) >= len(batch)


# --- oslo.messaging on PostgreSQL and MariaDB ---------------------------------


def test_nodes_split_evenly_between_conductors(oslo_topology) -> None:
    _check_distribution(oslo_topology, ["c1", "c2", "c3"], OSLO_NODES)


def test_every_conductor_api_method_answered_remotely(oslo_topology, client_of) -> None:
    _check_sweep(oslo_topology, client_of, OSLO_NODES)


def test_conductor_groups_partition_nodes(oslo_topology) -> None:
    topo = oslo_topology
    rack = scenarios.enroll(topo, 6, group="rack1")
    owners = scenarios.ownership(topo, rack)
    assert owners == {topo.hostname("r1"): 6}
    for node in rack:  # handled by rack1's conductor only
        reply = topo.api("PUT", f"/v1/nodes/{node}/states/power", {"target": "power on"})
        assert reply.status_code == 202, reply.text
    reply = topo.api("POST", "/v1/nodes", {"driver": "fake-hardware",
                                           "conductor_group": "rack9"})
    assert reply.status_code == 400, reply.text
    assert scenarios.fault(reply) == (
        "No valid host was found. Reason: No conductor service registered which "
        'supports driver fake-hardware for conductor group "rack9".')
    reply = topo.api("PATCH", f"/v1/nodes/{rack[0]}",
                     [{"op": "replace", "path": "/conductor_group", "value": "rack9"}])
    assert reply.status_code == 400, reply.text
    assert 'conductor group "rack9"' in scenarios.fault(reply)
    assert topo.node(rack[0])["conductor_group"] == "rack1"


def test_concurrent_writers_get_success_or_node_locked(oslo_topology) -> None:
    node = _enrolled(oslo_topology, OSLO_NODES)[-1]
    codes = scenarios.lock_contention(oslo_topology, node)
    assert codes.get(200, 0) + codes.get(202, 0) >= 1
    assert set(codes) <= {200, 202, 409}


def test_survivors_take_over_a_killed_conductor(oslo_topology) -> None:
    _check_takeover(oslo_topology, OSLO_NODES, victim="c3")


# --- JSON-RPC ------------------------------------------------------------------


def test_json_rpc_nodes_split_between_conductors(json_rpc_topology) -> None:
    _check_distribution(json_rpc_topology, ["j1", "j2"], JSON_RPC_NODES)


def test_json_rpc_every_method_answered_remotely(json_rpc_topology, client_of) -> None:
    _check_sweep(json_rpc_topology, client_of, JSON_RPC_NODES)


def test_json_rpc_concurrent_writers(json_rpc_topology) -> None:
    node = _enrolled(json_rpc_topology, JSON_RPC_NODES)[-1]
    codes = scenarios.lock_contention(json_rpc_topology, node)
    assert set(codes) <= {200, 202, 409}


def test_json_rpc_survivor_takes_over(json_rpc_topology) -> None:
    _check_takeover(json_rpc_topology, JSON_RPC_NODES, victim="j2")


def test_sigterm_hands_work_back_and_unregisters(json_rpc_topology) -> None:
    topo = json_rpc_topology
    topo.kill("j1", signal.SIGTERM)
    assert topo.conductors["j1"].proc.returncode == 0
    assert topo.hostname("j1") not in topo.alive_conductors()
    assert not [n for n in topo.nodes() if n["reservation"] == topo.hostname("j1")]
