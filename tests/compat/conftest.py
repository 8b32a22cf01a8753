"""Fixtures for the compat tests: a running service and the real clients.

By default one embedded ``ironic`` process of ours is started for the whole
session (fresh state directory, free port on 127.0.0.1) and stopped with
SIGTERM at the end. Set IRONIC_COMPAT_ENDPOINT=http://127.0.0.1:PORT to run the
same tests against an already running service instead, e.g. real Ironic
started by benchmarks/reference_ironic.sh, to compare behaviour.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sysconfig
import urllib.parse
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.compat.server import CONDUCTOR_HOST, EmbeddedService

ENDPOINT_ENV = "IRONIC_COMPAT_ENDPOINT"
CLI_TIMEOUT = 120


def known_gap(description: str) -> pytest.MarkDecorator:
    """Mark a test that our service is known to fail while real Ironic passes.

    Strict: once our service is fixed the test XPASSes, which fails the run, so
    the marker gets removed. Not applied when testing an external endpoint.
    """
    return pytest.mark.xfail(condition=not os.environ.get(ENDPOINT_ENV), strict=True,
                             reason=f"known gap in our service: {description}")


def pytest_configure(config: pytest.Config) -> None:
    # openstacksdk warns about its own internals on every resource it builds
    for category in ("OpenStackDeprecationWarning", "_RemovedInSDKWarning"):
        config.addinivalue_line("filterwarnings", f"ignore::openstack.warnings.{category}")


@dataclass
class Service:
    """What the tests know about the service under test."""

    url: str
    embedded: EmbeddedService | None  # None when testing an external endpoint

    @property
    def conductor_host(self) -> str | None:
        return CONDUCTOR_HOST if self.embedded else None


def _external_endpoint() -> str | None:
    url = os.environ.get(ENDPOINT_ENV, "").rstrip("/")
    if not url:
        return None
    host = urllib.parse.urlsplit(url).hostname or ""
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise pytest.UsageError(f"{ENDPOINT_ENV} must point at the loopback interface")
    return url


@pytest.fixture(scope="session")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    external = _external_endpoint()
    if external:
        yield Service(external, None)
        return
    embedded = EmbeddedService(tmp_path_factory.mktemp("compat-service"))
    try:
        embedded.start()
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    yield Service(embedded.url, embedded)
    exited, code = embedded.stop()
    if not exited:
        pytest.fail(f"ironic did not exit within 30 s of SIGTERM:\n{embedded.log_tail()}",
                    pytrace=False)
    if code not in (0, -signal.SIGTERM):
        pytest.fail(f"ironic exited with status {code} after SIGTERM:\n"
                    f"{embedded.log_tail()}", pytrace=False)


@pytest.fixture
def tag() -> str:
    """A short unique string to keep each test's resources apart."""
    return uuid.uuid4().hex[:10]


class CLIError(Exception):
    """The baremetal command failed; carries its exit status and stderr."""

    def __init__(self, args: list[str], returncode: int, stderr: str) -> None:
        super().__init__(f"baremetal {' '.join(args)} exited {returncode}: {stderr}")
        self.returncode = returncode
        self.stderr = stderr


def _cli_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OS_")}
    env["HOME"] = env.get("HOME", "/tmp")
    return env


@pytest.fixture(scope="session")
def baremetal(service: Service) -> Callable[..., object]:
    """Run python-ironicclient's ``baremetal`` CLI; JSON output is parsed.

    ``baremetal("node", "show", name)`` appends ``-f json`` for commands that
    print something; pass ``json=False`` for commands that print nothing.
    """
    command = Path(sysconfig.get_path("scripts")) / "baremetal"
    base = [str(command), "--os-auth-type", "none", "--os-endpoint", service.url]

    def run(*args: str, json_output: bool = True) -> object:
        argv = list(args) + (["-f", "json"] if json_output else [])
        proc = subprocess.run(base + argv, capture_output=True, text=True, check=False,
                              timeout=CLI_TIMEOUT, env=_cli_env(), stdin=subprocess.DEVNULL)
        if proc.returncode != 0:
            raise CLIError(argv, proc.returncode, proc.stderr.strip())
        if not json_output:
            return proc.stdout
        return json.loads(proc.stdout) if proc.stdout.strip() else None

    return run


@pytest.fixture(scope="session")
def sdk(service: Service):
    """An openstacksdk Connection talking to the baremetal API without auth."""
    import openstack.config
    import openstack.connection

    region = openstack.config.get_cloud_region(
        load_envvars=False, load_yaml_config=False,
        auth_type="none", baremetal_endpoint_override=service.url)
    conn = openstack.connection.Connection(config=region)
    yield conn
    conn.close()


@pytest.fixture(scope="session")
def http(service: Service):
    """A requests session with the API version header; paths are relative."""
    import requests

    class Http(requests.Session):
        def request(self, method, url, *args, **kwargs):
            if url.startswith("/"):
                url = service.url + url
            return super().request(method, url, *args, timeout=60, **kwargs)

    session = Http()
    session.headers["X-OpenStack-Ironic-API-Version"] = "latest"
    yield session
    session.close()
