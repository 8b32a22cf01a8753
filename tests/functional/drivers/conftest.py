"""Fixtures for driver tests against the simulated BMCs.

``ipmi_sim`` and ``redfish_sim`` are module-wide simulator processes; ``cloud``
is the real API (webtest) over an in-process conductor with the ipmi, redfish
and fake-hardware types enabled, on a fresh SQLite database. Timeouts are
short so fault tests stay fast.
"""
from __future__ import annotations

import functools
import http.server
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import webtest

from ironic.api import app as api_app
from ironic.cmd import conductor as conductor_cmd
from ironic.common import context as ir_context
from ironic.conductor import manager
from ironic.drivers.modules.redfish import session as redfish_session
from tests.functional.drivers import simulators

ENABLED = {
    "boot": ["ipxe", "pxe", "redfish-virtual-media", "fake"],
    "deploy": ["direct", "fake"],
    "power": ["ipmitool", "redfish", "fake"],
    "management": ["ipmitool", "redfish", "fake"],
    "console": ["no-console", "ipmitool-socat"],
    "vendor": ["ipmitool", "no-vendor"],
    "bios": ["redfish", "no-bios"],
    "inspect": ["redfish", "no-inspect"],
    "raid": ["redfish", "no-raid"],
    "firmware": ["redfish", "no-firmware"],
}
VERSION = "1.109"


@pytest.fixture(scope="module")
def ipmi_sim(tmp_path_factory: pytest.TempPathFactory) -> Iterator[simulators.IPMISimulator]:
    sim = simulators.IPMISimulator(tmp_path_factory.mktemp("ipmi"), count=8)
    try:
        yield sim
    finally:
        sim.stop()


@pytest.fixture(scope="module")
def redfish_sim(tmp_path_factory: pytest.TempPathFactory
                ) -> Iterator[simulators.RedfishSimulator]:
    sim = simulators.RedfishSimulator(tmp_path_factory.mktemp("redfish"), count=4)
    try:
        yield sim
    finally:
        sim.stop()


@pytest.fixture(scope="module")
def image_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of a tiny ISO served over HTTP on 127.0.0.1 (for virtual media)."""
    root = tmp_path_factory.mktemp("images")
    (root / "tiny.iso").write_bytes(b"\0" * 32768)
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/tiny.iso"
    finally:
        server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return None


class Cloud:
    """The API as a client sees it, plus the conductor for periodic work."""

    def __init__(self, app: webtest.TestApp, service: Any) -> None:
        self.app = app
        self.service = service
        self.context = ir_context.get_admin_context()

    def call(self, method: str, path: str, body: Any = None, *,
             status: int | None = None) -> Any:
        kwargs: dict[str, Any] = {"headers": {"X-OpenStack-Ironic-API-Version": VERSION},
                                  "expect_errors": True}
        if body is not None:
            response = getattr(self.app, f"{method.lower()}_json")(
                path, params=body, **kwargs)
        else:
            response = getattr(self.app, method.lower())(path, **kwargs)
        if status is not None:
            assert response.status_int == status, response.text
        return response

    def node(self, ident: str) -> dict[str, Any]:
        return self.call("GET", f"/v1/nodes/{ident}", status=200).json

    def enroll(self, driver: str, driver_info: dict[str, Any], *,
               mac: str | None = None, **fields: Any) -> dict[str, Any]:
        node = self.call("POST", "/v1/nodes", {"driver": driver,
                                               "driver_info": driver_info, **fields},
                         status=201).json
        if mac:
            self.call("POST", "/v1/ports", {"node_uuid": node["uuid"], "address": mac},
                      status=201)
        return node

    def wait(self, ident: str, timeout_s: float = 30) -> dict[str, Any]:
        """The node once no provision or power change is in progress."""
        deadline = time.monotonic() + timeout_s
        while True:
            node = self.node(ident)
            if (node["target_provision_state"] is None
                    and node["target_power_state"] is None
                    and node["reservation"] is None):
                return node
            assert time.monotonic() < deadline, f"node still busy: {node}"
            time.sleep(0.05)

    def provision(self, ident: str, target: str, **body: Any) -> dict[str, Any]:
        """Ask for a provision change and return the node once it settled."""
        self.call("PUT", f"/v1/nodes/{ident}/states/provision",
                  {"target": target, **body}, status=202)
        return self.wait(ident)

    def power(self, ident: str, target: str, status: int = 202, **body: Any) -> Any:
        """Ask for a power change; on 202 wait until it settled."""
        response = self.call("PUT", f"/v1/nodes/{ident}/states/power",
                             {"target": target, **body}, status=status)
        if status == 202:
            self.wait(ident)
        return response


@pytest.fixture
def cloud(db: Any, conf: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Cloud]:
    conf.config(rpc_transport="none",
                enabled_hardware_types=["ipmi", "redfish", "fake-hardware"])
    for kind, names in ENABLED.items():
        conf.config(**{f"enabled_{kind}_interfaces": names})
    conf.config(command_timeout=1.0, command_retries=1, retry_backoff=0.1,
                power_poll_interval=0.05, power_state_change_timeout=10,
                group="ipmi")
    conf.config(connection_attempts=2, connection_retry_interval=0.1,
                request_timeout=5, power_poll_interval=0.05, group="redfish")
    monkeypatch.setattr(manager.ConductorManager, "_start_periodics", lambda self: None)
    redfish_session.clear_cache()
    service = conductor_cmd.start_conductor()
    try:
        yield Cloud(webtest.TestApp(api_app.setup_app()), service)
    finally:
        service.del_host()
