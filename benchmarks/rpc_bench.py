#!/usr/bin/env python3
"""Conductor RPC benchmark: round trips over RabbitMQ and JSON-RPC, deploy throughput.

Starts real processes on 127.0.0.1 (the harness of tests/functional/rpc), on a
throwaway PostgreSQL database, and prints:

* **RPC round trips per second** from this process to one conductor, for the
  ``oslo`` transport (RabbitMQ) and ``json-rpc``, with ``--threads`` callers
  for ``--seconds`` each. The call is ``get_driver_properties`` (no database
  work on the conductor), so the figure is the transport's own cost.
* **Deploys per minute**: ``--nodes`` (default 1,000) available fake-hardware
  nodes deployed through ironic-api (``PUT .../states/provision active`` from
  ``--clients`` threads) until all are active, over one and over three
  conductors (oslo transport).

Usage: .venv/bin/python benchmarks/rpc_bench.py [--nodes 1000] [--seconds 10]
Needs PostgreSQL on 127.0.0.1:5432 and RabbitMQ on 127.0.0.1:5672.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import pathlib
import sys
import tempfile
import threading
import time
import uuid

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from oslo_messaging import conffixture  # noqa: E402

from ironic import objects  # noqa: E402
from ironic.common import context as ir_context  # noqa: E402
from ironic.common import rpc  # noqa: E402
from ironic.conductor import rpcapi  # noqa: E402
from ironic.conf import CONF  # noqa: E402
from ironic.db.sqlalchemy import enginefacade_setup  # noqa: E402
from tests.functional.db import servers  # noqa: E402
from tests.functional.rpc.topology import RABBIT_URL, Conductor, Topology  # noqa: E402


def _client_for(topo: Topology) -> rpcapi.ConductorAPI:
    CONF([], project="ironic", default_config_files=[])
    conffixture.ConfFixture(CONF).setUp()
    CONF.set_override("transport_url", RABBIT_URL)
    CONF.set_override("rpc_transport", topo.transport)
    CONF.set_override("control_exchange", topo.exchange)
    CONF.set_override("heartbeat_timeout", 30, group="conductor")
    enginefacade_setup.configure(topo.db_url)
    rpcapi._ring_manager = None
    return rpcapi.ConductorAPI()


def round_trips(transport: str, seconds: float, threads: int) -> float:
    """Calls per second of get_driver_properties against one conductor."""
    url = servers.create("postgresql")
    with tempfile.TemporaryDirectory() as tmp:
        topo = Topology(pathlib.Path(tmp), url, transport, [Conductor("bench-c1")])
        try:
            topo.start()
            api = _client_for(topo)
            ctx = ir_context.get_admin_context()
            topic = api.get_topic_for_driver("fake-hardware")
            api.get_driver_properties(ctx, "fake-hardware", topic=topic)  # warm up
            count = [0] * threads
            stop = time.monotonic() + seconds

            def caller(i: int) -> None:
                while time.monotonic() < stop:
                    api.get_driver_properties(ctx, "fake-hardware", topic=topic)
                    count[i] += 1
            workers = [threading.Thread(target=caller, args=(i,)) for i in range(threads)]
            started = time.monotonic()
            for w in workers:
                w.start()
            for w in workers:
                w.join()
            return sum(count) / (time.monotonic() - started)
        finally:
            rpc.cleanup()
            enginefacade_setup.dispose()
            topo.stop()
            servers.drop(url)


def deploys_per_minute(conductors: int, nodes: int, clients: int) -> tuple[float, float]:
    """(deploys/minute, seconds) for ``nodes`` nodes over ``conductors`` conductors."""
    url = servers.create("postgresql")
    with tempfile.TemporaryDirectory() as tmp:
        topo = Topology(pathlib.Path(tmp), url, "oslo",
                        [Conductor(f"bench-c{i + 1}") for i in range(conductors)],
                        api_workers=2)
        try:
            topo.start()
            _client_for(topo)
            ctx = ir_context.get_admin_context()
            uuids = []
            for _ in range(nodes):
                node = objects.Node(ctx, uuid=str(uuid.uuid4()), driver="fake-hardware",
                                    provision_state="available", power_state="power off",
                                    conductor_group="")
                node.create()
                uuids.append(node.uuid)

            def deploy(node: str) -> None:
                for _ in range(20):
                    reply = topo.api("PUT", f"/v1/nodes/{node}/states/provision",
                                     {"target": "active"}, timeout=60)
                    if reply.status_code == 202:
                        return
                    time.sleep(0.2)  # 409/503 under load: retry like a client
                raise RuntimeError(f"deploy of {node} refused: {reply.text}")
            started = time.monotonic()
            with concurrent.futures.ThreadPoolExecutor(max_workers=clients) as pool:
                list(pool.map(deploy, uuids))
            wanted = set(uuids)

            def all_active() -> bool:
                return all(n["provision_state"] == "active" for n in topo.nodes()
                           if n["uuid"] in wanted)
            topo.wait_for(all_active, 600, "every node to become active", 0.5)
            elapsed = time.monotonic() - started
            return nodes / elapsed * 60, elapsed
        finally:
            rpc.cleanup()
            enginefacade_setup.dispose()
            topo.stop()
            servers.drop(url)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--skip-deploys", action="store_true")
    args = parser.parse_args()
    for transport in ("oslo", "json-rpc"):
        rate = round_trips(transport, args.seconds, args.threads)
        print(f"rpc round trips, {transport:8s} ({args.threads} threads): "
              f"{rate:8.1f} calls/s", flush=True)
    if not args.skip_deploys:
        for count in (1, 3):
            rate, elapsed = deploys_per_minute(count, args.nodes, args.clients)
            print(f"deploys, {args.nodes} nodes over {count} conductor(s): "
                  f"{rate:8.1f} deploys/min ({elapsed:.1f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
