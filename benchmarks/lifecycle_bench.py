#!/usr/bin/env python3
"""Provisioning lifecycle benchmark: manage -> provide -> deploy -> undeploy.

Creates N fake-hardware nodes, then drives every node through each transition
with C client threads (each thread owns one node at a time: PUT the verb, poll
the node until it reaches the stable state), and prints nodes per minute per
transition and for the whole cycle.

    benchmarks/lifecycle_bench.py --target ours        # start our embedded service
    benchmarks/lifecycle_bench.py --target reference   # start real Ironic 39
    benchmarks/lifecycle_bench.py --target both        # one after the other
    benchmarks/lifecycle_bench.py --url http://127.0.0.1:6385   # a running service

Both services get the same configuration: fresh SQLite, noauth,
rpc_transport=none, fake-hardware, [conductor] automated_clean=false. Only
127.0.0.1 is used.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
HEADERS = {"X-OpenStack-Ironic-API-Version": "1.109",
           "Content-Type": "application/json"}
TRANSITIONS = (("manage", "manageable"), ("provide", "available"),
               ("active", "active"), ("deleted", "available"))
"""(verb, the stable state it ends in)."""
FAILED = {"enroll": "manage", "clean failed": "provide", "deploy failed": "active",
          "error": "deleted"}


class Client:
    """One keep-alive HTTP session per thread."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._local = threading.local()

    @property
    def session(self) -> requests.Session:
        if not hasattr(self._local, "session"):
            self._local.session = requests.Session()
            self._local.session.headers.update(HEADERS)
        return self._local.session

    def create_node(self, name: str) -> str:
        r = self.session.post(f"{self.url}/v1/nodes",
                              json={"driver": "fake-hardware", "name": name})
        r.raise_for_status()
        return r.json()["uuid"]

    def drive(self, uuid: str, verb: str, stable: str, timeout_s: float) -> None:
        """PUT the verb (retrying 409/503) and wait for ``stable``."""
        deadline = time.monotonic() + timeout_s
        while True:
            r = self.session.put(f"{self.url}/v1/nodes/{uuid}/states/provision",
                                 json={"target": verb})
            if r.status_code == 202:
                break
            if r.status_code not in (409, 503) or time.monotonic() > deadline:
                raise RuntimeError(f"{verb} on {uuid}: {r.status_code} {r.text}")
            time.sleep(0.05)
        delay = 0.02
        while time.monotonic() < deadline:
            r = self.session.get(f"{self.url}/v1/nodes/{uuid}",
                                 params={"fields": "provision_state,last_error"})
            r.raise_for_status()
            state = r.json()["provision_state"]
            if state == stable:
                return
            if FAILED.get(state) == verb and state != stable and state != "enroll":
                raise RuntimeError(f"{verb} on {uuid} failed: {r.json()}")
            time.sleep(delay)
            delay = min(delay * 1.5, 0.25)
        raise RuntimeError(f"{verb} on {uuid}: not {stable} within {timeout_s}s")


def run(url: str, nodes: int, concurrency: int, timeout_s: float) -> dict[str, float]:
    """Drive ``nodes`` nodes through the cycle; nodes/minute per transition."""
    client = Client(url)
    tag = f"lb{int(time.time())}"
    with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
        uuids = list(pool.map(client.create_node,
                              (f"{tag}-{i}" for i in range(nodes))))
        figures: dict[str, float] = {}
        total = 0.0
        for verb, stable in TRANSITIONS:
            started = time.monotonic()
            list(pool.map(lambda u, v=verb, s=stable: client.drive(u, v, s, timeout_s),
                          uuids))
            elapsed = time.monotonic() - started
            total += elapsed
            figures[verb] = nodes / elapsed * 60
            print(f"  {verb:8s} -> {stable:10s} {elapsed:8.1f} s  "
                  f"{figures[verb]:9.1f} nodes/min", flush=True)
    figures["cycle"] = nodes / total * 60
    print(f"  full cycle          {total:8.1f} s  {figures['cycle']:9.1f} nodes/min",
          flush=True)
    return figures


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, proc: subprocess.Popen, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"service for {url} exited early")
        try:
            if requests.get(f"{url}/v1", timeout=1).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout_s}s")


def start_ours(state_dir: Path) -> tuple[str, subprocess.Popen]:
    """Our embedded ``ironic`` with the reference configuration."""
    port = _free_port()
    conf = state_dir / "ironic.conf"
    conf.write_text(
        f"[DEFAULT]\nhost = bench-conductor\nstate_path = {state_dir}\n"
        "auth_strategy = noauth\nrpc_transport = none\n"
        "enabled_hardware_types = fake-hardware\n"
        "enabled_deploy_interfaces = fake\n"
        f"log_file = {state_dir}/ironic.log\nuse_stderr = false\n"
        f"\n[api]\nhost_ip = 127.0.0.1\nport = {port}\n"
        "\n[conductor]\nautomated_clean = false\n")
    binary = Path(os.environ.get("IRONIC_VENV", REPO / ".venv")) / "bin" / "ironic"
    proc = subprocess.Popen([str(binary), "--config-file", str(conf)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    _wait_for(url, proc)
    return url, proc


def start_reference(state_dir: Path) -> tuple[str, subprocess.Popen]:
    """Real Ironic 39 through benchmarks/reference_ironic.sh (foreground mode)."""
    port = _free_port()
    proc = subprocess.Popen([str(HERE / "reference_ironic.sh"), "--port", str(port),
                             "--state-dir", str(state_dir), "--foreground"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    _wait_for(url, proc, timeout_s=300)
    return url, proc


def _stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(30)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", choices=("ours", "reference", "both"),
                        default="ours")
    parser.add_argument("--url", help="benchmark an already running service")
    parser.add_argument("--nodes", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--timeout", type=float, default=300,
                        help="seconds one node may take for one transition")
    args = parser.parse_args()
    if args.url:
        if urllib.parse.urlsplit(args.url).hostname not in ("127.0.0.1", "localhost"):
            parser.error("--url must point at the loopback interface")
        run(args.url, args.nodes, args.concurrency, args.timeout)
        return 0
    starters = {"ours": start_ours, "reference": start_reference}
    names = ["reference", "ours"] if args.target == "both" else [args.target]
    results = {}
    for name in names:
        with tempfile.TemporaryDirectory(prefix=f"lifecycle-{name}-") as tmp:
            url, proc = starters[name](Path(tmp))
            print(f"{name} at {url}: {args.nodes} nodes, concurrency "
                  f"{args.concurrency}", flush=True)
            try:
                results[name] = run(url, args.nodes, args.concurrency, args.timeout)
            finally:
                _stop(proc)
    if len(results) == 2:
        print("ours / reference:")
        for key in results["ours"]:
            ratio = results["ours"][key] / results["reference"][key]
            print(f"  {key:8s} {ratio:6.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
