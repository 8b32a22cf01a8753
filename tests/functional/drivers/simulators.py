"""Start and drive the simulated BMCs of ../shared/bmc for functional tests.

CI lays the repository out as a clean clone with ``shared/`` beside it, so
the simulators are found at ``<repo root>/../shared/bmc``. When they (or
their dependencies) are missing the tests skip with a clear message, unless
``IRONIC_TEST_REQUIRE_SERVICES=1`` (CI), where they fail instead.
"""
from __future__ import annotations

import base64
import json
import os
import random
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
BMC_DIR = REPO_ROOT.parent / "shared" / "bmc"
"""Where CI (and a developer's checkout) keeps the simulators."""
USER, PASSWORD = "admin", "password"


def unavailable(reason: str) -> None:
    """Skip, or fail when the environment says services are required."""
    if os.environ.get("IRONIC_TEST_REQUIRE_SERVICES") == "1":
        pytest.fail(f"required BMC simulator unavailable: {reason}")
    pytest.skip(f"BMC simulator unavailable: {reason}")


def _udp_range_free(base: int, count: int) -> bool:
    for port in range(base, base + count):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                return False
    return True


def free_udp_range(count: int) -> int:
    """First port of ``count`` consecutive free UDP ports on 127.0.0.1."""
    for _ in range(50):
        base = random.randrange(30000, 60000 - count)
        if _udp_range_free(base, count):
            return base
    raise RuntimeError("no free UDP port range")


def free_tcp_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(check: Any, timeout_s: float, what: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode}")
        if check():
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} not ready after {timeout_s} s")


class IPMISimulator:
    """N IPMI BMCs on consecutive UDP ports, plus their control API."""

    def __init__(self, tmp: Path, count: int) -> None:
        script = BMC_DIR / "ipmi_sim.py"
        if not script.exists():
            unavailable(f"{script} not found (shared/ must sit beside the repo)")
        self.count = count
        self.port = free_udp_range(count)
        self.control_port = free_tcp_port()
        ready = tmp / "ipmi-ready.json"
        self.proc = subprocess.Popen(
            [sys.executable, str(script), "--count", str(count), "--port",
             str(self.port), "--user", USER, "--password", PASSWORD,
             "--control-port", str(self.control_port), "--ready-file", str(ready)],
            stdout=subprocess.DEVNULL, stderr=open(tmp / "ipmi-sim.log", "wb"))
        _wait(ready.exists, 30, "ipmi_sim.py", self.proc)

    def control(self, index: int, **body: Any) -> dict[str, Any]:
        """POST to the control API of BMC ``index`` (power, boot_device, fault)."""
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.control_port}/bmcs/{index}",
            data=json.dumps(body).encode(), method="POST")
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.loads(response.read() or b"{}")

    def state(self, index: int) -> dict[str, Any]:
        with urllib.request.urlopen(
                f"http://127.0.0.1:{self.control_port}/bmcs/{index}", timeout=5) as r:
            return json.loads(r.read())

    def driver_info(self, index: int, password: str = PASSWORD) -> dict[str, Any]:
        return {"ipmi_address": "127.0.0.1", "ipmi_port": self.port + index,
                "ipmi_username": USER, "ipmi_password": password}

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class RedfishSimulator:
    """The sushy-tools emulator with N systems behind HTTP basic auth."""

    def __init__(self, tmp: Path, count: int) -> None:
        script = BMC_DIR / "redfish_sim.py"
        if not script.exists():
            unavailable(f"{script} not found (shared/ must sit beside the repo)")
        try:
            import sushy_tools  # noqa: F401
        except ImportError:
            unavailable("sushy-tools is not installed (pip install -e '.[test]')")
        self.port = free_tcp_port()
        self.url = f"http://127.0.0.1:{self.port}"
        listing = subprocess.run(
            [sys.executable, str(script), "--count", str(count), "--port",
             str(self.port), "--list"], check=True, capture_output=True)
        self.systems = json.loads(listing.stdout)
        self.proc = subprocess.Popen(
            [sys.executable, str(script), "--count", str(count), "--port",
             str(self.port), "--user", USER, "--password", PASSWORD,
             "--state-dir", str(tmp / "redfish-state")],
            stdout=subprocess.DEVNULL, stderr=open(tmp / "redfish-sim.log", "wb"))
        _wait(self._answers, 60, "redfish_sim.py", self.proc)

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(self.url + "/redfish/v1", timeout=2):
                return True
        except OSError:
            return False

    def driver_info(self, index: int, password: str = PASSWORD) -> dict[str, Any]:
        return {"redfish_address": self.url,
                "redfish_system_id": self.systems[index]["redfish_system_id"],
                "redfish_username": USER, "redfish_password": password}

    def get(self, path: str) -> dict[str, Any]:
        request = urllib.request.Request(self.url + path)
        token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        request.add_header("Authorization", "Basic " + token)
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    def post(self, path: str, body: dict[str, Any]) -> None:
        request = urllib.request.Request(self.url + path, data=json.dumps(body).encode(),
                                         method="POST")
        token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        request.add_header("Authorization", "Basic " + token)
        request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=10):
            pass

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
