"""A real control plane in separate processes: ironic-api plus N ironic-conductors.

:class:`Topology` writes one config file per process (shared database, shared
RabbitMQ with a private ``control_exchange``, or JSON-RPC on free local ports),
creates the schema with ``ironic-dbsync``, starts the processes, waits until
the API answers and every conductor is registered, and stops (or kills) them.
Short heartbeats and ring refreshes make takeover fast. Logs go to the test's
temporary directory and are printed when a wait times out.
"""
from __future__ import annotations

import dataclasses
import os
import pathlib
import signal
import socket
import subprocess
import sys
import time
import uuid
from typing import Any

import pytest
import requests

RABBIT_URL = os.environ.get("IRONIC_TEST_RABBIT_URL",
                            "rabbit://guest:guest@127.0.0.1:5672/")
API_VERSION = "1.95"
"""Microversion the tests speak (node ``conductor`` field since 1.49)."""

HEARTBEAT_INTERVAL = 1
HEARTBEAT_TIMEOUT = 5
RING_REFRESH = 1
TAKEOVER_INTERVAL = 2


def free_port() -> int:
    """An unused TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def require_rabbitmq() -> None:
    """Skip (or fail in CI) when RabbitMQ is not listening."""
    try:
        socket.create_connection(("127.0.0.1", 5672), timeout=3).close()
    except OSError as e:
        message = f"RabbitMQ at 127.0.0.1:5672 is unreachable: {e}"
        if os.environ.get("IRONIC_TEST_REQUIRE_SERVICES") == "1":
            pytest.fail(message)
        pytest.skip(message)


@dataclasses.dataclass
class Conductor:
    """One conductor process of the topology."""

    name: str
    group: str = ""
    proc: subprocess.Popen[bytes] | None = None
    hostname: str = ""


class Topology:
    """API + conductors on one database and transport."""

    def __init__(self, workdir: pathlib.Path, db_url: str, transport: str,
                 conductors: list[Conductor], api_workers: int = 2,
                 workers_pool_size: int = 100) -> None:
        self.workdir = workdir
        self.db_url = db_url
        self.transport = transport
        self.conductors = {c.name: c for c in conductors}
        self.api_workers = api_workers
        self.workers_pool_size = workers_pool_size
        self.exchange = f"ironic-test-{uuid.uuid4().hex[:8]}"
        self.api_port = free_port()
        self.api_proc: subprocess.Popen[bytes] | None = None
        self.url = f"http://127.0.0.1:{self.api_port}"
        self.http = requests.Session()
        self.http.headers["X-OpenStack-Ironic-API-Version"] = API_VERSION
        adapter = requests.adapters.HTTPAdapter(pool_maxsize=64)
        self.http.mount("http://", adapter)

    # --- configuration -------------------------------------------------------

    def options(self, host: str, group: str = "") -> dict[str, dict[str, Any]]:
        """Config sections for one process."""
        return {
            "DEFAULT": {"host": host, "rpc_transport": self.transport,
                        "transport_url": RABBIT_URL, "control_exchange": self.exchange,
                        "rpc_response_timeout": 8, "auth_strategy": "noauth",
                        "enabled_hardware_types": "fake-hardware",
                        "debug": "false"},
            "conductor": {"heartbeat_interval": HEARTBEAT_INTERVAL,
                          "heartbeat_timeout": HEARTBEAT_TIMEOUT,
                          "hash_ring_reset_interval": RING_REFRESH,
                          "sync_local_state_interval": TAKEOVER_INTERVAL,
                          "sync_power_state_interval": 0,
                          "conductor_group": group,
                          "workers_pool_size": self.workers_pool_size,
                          "node_locked_retry_attempts": 1,
                          "node_locked_retry_interval": 0,
                          "graceful_shutdown_timeout": 5},
            "database": {"connection": self.db_url, "max_pool_size": 10},
            "api": {"host_ip": "127.0.0.1", "port": self.api_port,
                    "api_workers": self.api_workers},
            "json_rpc": {"host_ip": "127.0.0.1", "timeout": 8},
        }

    def write_config(self, name: str, host: str, group: str = "") -> pathlib.Path:
        path = self.workdir / f"{name}.conf"
        lines = []
        for section, values in self.options(host, group).items():
            lines.append(f"[{section}]")
            lines.extend(f"{k} = {v}" for k, v in values.items())
        path.write_text("\n".join(lines) + "\n")
        return path

    def _spawn(self, module: str, config: pathlib.Path, log: str,
               *args: str) -> subprocess.Popen[bytes]:
        out = open(self.workdir / log, "ab")  # noqa: SIM115 - owned by the child
        return subprocess.Popen([sys.executable, "-m", module, "--config-file",
                                 str(config), *args], stdout=out, stderr=out,
                                stdin=subprocess.DEVNULL, cwd=self.workdir)

    # --- lifecycle -----------------------------------------------------------

    def start(self) -> Topology:
        """Create the schema, start conductors and API, wait until ready."""
        config = self.write_config("dbsync", "dbsync")
        subprocess.run([sys.executable, "-c", "import sys; from ironic.cmd import dbsync; "
                        "sys.exit(dbsync.main())", "--config-file", str(config),
                        "create_schema"], check=True, timeout=120, capture_output=True)
        for conductor in self.conductors.values():
            self.start_conductor(conductor.name)
        api_config = self.write_config("api", "api-host")
        self.api_proc = self._spawn("ironic.cmd.api", api_config, "api.log")
        self.wait_for(self._api_up, 60, "the API to answer")
        self.wait_for_conductors(set(self.conductors))
        return self

    def start_conductor(self, name: str) -> None:
        conductor = self.conductors[name]
        if self.transport == "json-rpc":
            conductor.hostname = conductor.hostname or f"127.0.0.1:{free_port()}"
        else:
            conductor.hostname = conductor.hostname or name
        config = self.write_config(name, conductor.hostname, conductor.group)
        conductor.proc = self._spawn("ironic.cmd.conductor", config, f"{name}.log")

    def hostname(self, name: str) -> str:
        return self.conductors[name].hostname

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        proc = self.conductors[name].proc
        assert proc is not None
        proc.send_signal(sig)
        proc.wait(timeout=60)

    def stop(self) -> None:
        procs = [c.proc for c in self.conductors.values() if c.proc] + \
            ([self.api_proc] if self.api_proc else [])
        for proc in procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self.http.close()

    # --- waiting -------------------------------------------------------------

    def _api_up(self) -> bool:
        try:
            return self.http.get(self.url + "/v1", timeout=2).status_code == 200
        except requests.RequestException:
            return False

    def alive_conductors(self) -> set[str]:
        reply = self.http.get(self.url + "/v1/conductors?detail=True", timeout=10)
        reply.raise_for_status()
        return {c["hostname"] for c in reply.json()["conductors"] if c["alive"]}

    def wait_for_conductors(self, names: set[str], timeout: float = 60) -> None:
        wanted = {self.hostname(n) for n in names}
        self.wait_for(lambda: self.alive_conductors() >= wanted, timeout,
                      f"conductors {sorted(wanted)} to register")

    def wait_for(self, predicate: Any, timeout: float, what: str,
                 interval: float = 0.25) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return
            time.sleep(interval)
        raise AssertionError(f"timed out after {timeout}s waiting for {what}\n"
                             + self.tail_logs())

    def tail_logs(self, lines: int = 40) -> str:
        parts = []
        for log in sorted(self.workdir.glob("*.log")):
            text = log.read_text(errors="replace").splitlines()[-lines:]
            parts.append(f"--- {log.name} ---\n" + "\n".join(text))
        return "\n".join(parts)

    # --- API helpers ---------------------------------------------------------

    def api(self, method: str, path: str, body: Any = None,
            timeout: float = 30) -> requests.Response:
        return self.http.request(method, self.url + path, json=body, timeout=timeout)

    def node(self, ident: str) -> dict[str, Any]:
        reply = self.api("GET", f"/v1/nodes/{ident}")
        reply.raise_for_status()
        return reply.json()

    def nodes(self, fields: str = "uuid,provision_state,reservation,conductor,"
                                  "conductor_group,last_error") -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        url = f"/v1/nodes?fields={fields}&limit=1000"
        while url:
            reply = self.api("GET", url)
            reply.raise_for_status()
            data = reply.json()
            found.extend(data["nodes"])
            url = data.get("next", "").replace(self.url, "") if data.get("next") else ""
        return found
