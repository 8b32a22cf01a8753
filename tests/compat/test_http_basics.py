"""What `curl` shows first: version discovery, errors, and the embedded defaults."""
from __future__ import annotations

import json

import pytest


def test_root_lists_v1_with_version_range(http, service):
    resp = http.get("/")
    assert resp.status_code == 200
    body = resp.json()
    (version,) = body["versions"]
    assert version["id"] == "v1" and version["status"] == "CURRENT"
    assert version["min_version"] == "1.1"
    major, minor = version["version"].split(".")
    assert major == "1" and int(minor) >= 99
    assert body["default_version"]["version"] == version["version"]


def test_v1_lists_resources_with_links(http, service):
    resp = http.get("/v1")
    assert resp.status_code == 200
    body = resp.json()
    assert body["id"] == "v1"
    assert body["media_types"]["base"] == "application/json"
    for resource in ("nodes", "ports", "portgroups", "chassis", "drivers", "conductors"):
        hrefs = {link["rel"]: link["href"] for link in body[resource]}
        assert hrefs["self"] == f"{service.url}/v1/{resource}/"
    assert resp.headers["X-OpenStack-Ironic-API-Minimum-Version"] == "1.1"
    assert resp.headers["X-OpenStack-Ironic-API-Maximum-Version"]


def test_unsupported_microversion_is_refused(http):
    resp = http.get("/v1/nodes", headers={"X-OpenStack-Ironic-API-Version": "1.999"})
    assert resp.status_code == 406
    error = json.loads(resp.json()["error_message"])
    assert error["code"] == 406 and error["title"] == "Not Acceptable"
    assert "1.999" in error["description"]
    assert "supported version range" in error["description"]


def test_unknown_node_is_404_with_ironic_error_body(http):
    resp = http.get("/v1/nodes/does-not-exist")
    assert resp.status_code == 404
    fault = json.loads(resp.json()["error_message"])
    assert fault["faultcode"] == "Client"
    assert fault["faultstring"] == "Node does-not-exist could not be found."


def test_embedded_service_keeps_sqlite_under_state_path(service):
    if service.embedded is None:
        pytest.skip("only meaningful for the embedded service started by the tests")
    assert list(service.embedded.state_dir.glob("*.sqlite")), (
        f"no SQLite file under {service.embedded.state_dir}")
