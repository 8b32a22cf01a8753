"""Discovery documents and microversion negotiation."""
from __future__ import annotations

import pytest

from tests.unit.api.conftest import error_of


def test_root_lists_v1_with_version_range(bare_api):
    r = bare_api.call("GET", "/", version=None, status=200)
    assert r.json["default_version"]["version"] == "1.109"
    assert r.json["default_version"]["min_version"] == "1.1"
    assert r.json["versions"][0]["id"] == "v1"
    assert r.json["versions"][0]["status"] == "CURRENT"
    assert r.json["versions"][0]["links"] == [{"href": "http://localhost/v1/", "rel": "self"}]
    assert r.headers["X-OpenStack-Ironic-API-Version"] == "1.1"


def test_v1_document_lists_resources_by_version(bare_api):
    old = bare_api.call("GET", "/v1", version="1.1", status=200).json
    new = bare_api.call("GET", "/v1", version="1.109", status=200).json
    assert {"nodes", "ports", "chassis", "drivers"} <= set(old)
    assert "portgroups" not in old and "conductors" not in old
    assert "portgroups" in new and "conductors" in new
    assert new["media_types"]["type"] == "application/vnd.openstack.ironic.v1+json"
    assert new["nodes"][0] == {"href": "http://localhost/v1/nodes/", "rel": "self"}


def test_every_response_carries_version_headers(bare_api):
    r = bare_api.call("GET", "/v1", version="1.50", status=200)
    assert r.headers["X-OpenStack-Ironic-API-Minimum-Version"] == "1.1"
    assert r.headers["X-OpenStack-Ironic-API-Maximum-Version"] == "1.109"
    assert r.headers["X-OpenStack-Ironic-API-Version"] == "1.50"
    assert r.headers["OpenStack-API-Version"] == "baremetal 1.50"
    assert "X-OpenStack-Ironic-API-Version" in r.headers["Vary"]
    assert r.headers["X-OpenStack-Request-Id"].startswith("req-")


def test_latest_means_maximum(bare_api):
    r = bare_api.call("GET", "/v1", version="latest", status=200)
    assert r.headers["X-OpenStack-Ironic-API-Version"] == "1.109"


def test_generic_openstack_header_is_honoured(bare_api):
    r = bare_api.call("GET", "/v1", version=None, status=200,
                      headers={"OpenStack-API-Version": "baremetal 1.42"})
    assert r.headers["X-OpenStack-Ironic-API-Version"] == "1.42"


@pytest.mark.parametrize("version", ["1.110", "1.0", "2.1"])
def test_unsupported_version_is_406_with_range_headers(bare_api, version):
    r = bare_api.call("GET", "/v1/nodes", version=version, status=406)
    assert r.headers["X-OpenStack-Ironic-API-Minimum-Version"] == "1.1"
    assert r.headers["X-OpenStack-Ironic-API-Maximum-Version"] == "1.109"
    assert "X-OpenStack-Ironic-API-Version" not in r.headers
    assert "[1.1, 1.109]" in error_of(r)["description"]


@pytest.mark.parametrize("version", ["abc", "1", "1.x"])
def test_malformed_version_is_406_like_ironic(bare_api, version):
    r = bare_api.call("GET", "/v1/nodes", version=version, status=406)
    assert error_of(r)["description"] == ("Invalid value for "
                                          "X-OpenStack-Ironic-API-Version header")


def test_unknown_path_is_404_and_wrong_method_is_405(bare_api):
    assert error_of(bare_api.call("GET", "/v1/nope", status=404))["code"] == 404
    r = bare_api.call("PUT", "/v1/nodes", status=405)
    assert "GET" in r.headers["Allow"]
    bare_api.call("POST", "/v1", status=405)


def test_oversized_body_is_413(bare_api, conf):
    conf.config(max_request_body_size=10, group="api")
    r = bare_api.call("POST", "/v1/nodes", {"driver": "fake-hardware", "name": "x" * 20},
                      status=413)
    assert error_of(r)["faultcode"] == "Client"


@pytest.mark.parametrize("accept", ["application/json", "application/json, text/plain",
                                    "text/html", "*/*"])
def test_json_answered_whatever_accept_clients_send(bare_api, accept):
    r = bare_api.call("GET", "/v1", status=200, headers={"Accept": accept})
    assert r.content_type == "application/json"
