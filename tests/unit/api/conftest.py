"""Fixtures for API tests: the real app, the in-process conductor, SQLite.

``api`` is a webtest client of ``setup_app()`` talking to a real conductor
(``rpc_transport = none``) over the shared ``db`` fixture (a fresh SQLite
database), so every test sees the behaviour a client would. Rows a client
cannot create directly come from the shared factories (``make_node`` ...).
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import webtest

from ironic.api import app as api_app
from ironic.cmd import conductor as conductor_cmd
from ironic.conductor import manager
from tests.unit.conductor.conftest import run_workers_inline

LATEST = {"X-OpenStack-Ironic-API-Version": "1.109"}


@pytest.fixture
def conductor(db: Any, conf: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The conductor service of this host (``test-host``), registered with
    fake-hardware, over the shared ``db`` fixture's fresh SQLite database.

    Its periodic heartbeat thread is not started and work handed to a worker
    runs inline: unit tests run no threads.
    """
    conf.config(rpc_transport="none", enabled_hardware_types=["fake-hardware"])
    monkeypatch.setattr(manager.ConductorManager, "_start_periodics", lambda self: None)
    service = conductor_cmd.start_conductor()
    run_workers_inline(service)
    try:
        yield service
    finally:
        service.del_host()


class Client(webtest.TestApp):
    """webtest client that talks JSON at the latest version by default."""

    def call(self, method: str, path: str, body: Any = None, *, version: str | None = "1.109",
             status: int | None = None, headers: dict[str, str] | None = None) -> Any:
        """One request; ``status`` asserts the answer's status code."""
        all_headers = dict(headers or {})
        if version is not None:
            all_headers["X-OpenStack-Ironic-API-Version"] = version
        kwargs: dict[str, Any] = {"headers": all_headers, "expect_errors": True}
        if body is not None:
            kwargs["params"] = body
            response = getattr(self, f"{method.lower()}_json")(path, **kwargs)
        else:
            response = getattr(self, method.lower())(path, **kwargs)
        if status is not None:
            assert response.status_int == status, response.text
        return response


@pytest.fixture
def api(conductor: Any) -> Client:
    """A client of the full API backed by the in-process conductor."""
    return Client(api_app.setup_app())


@pytest.fixture
def bare_api(conf: Any) -> Client:
    """A client of the API without a database (discovery and negotiation only)."""
    return Client(api_app.setup_app(rpc_client=object()))


def error_of(response: Any) -> dict[str, Any]:
    """The decoded inner error document of an error response."""
    import json
    return json.loads(response.json["error_message"])
