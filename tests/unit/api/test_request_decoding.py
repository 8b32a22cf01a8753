"""Bytes that are not UTF-8 get a 400 in Ironic's error format, never a 500."""
from __future__ import annotations

import json


def test_undecodable_query_string_is_a_client_error(api):
    response = api.get("/v1/nodes?name=%ff%fe", headers={"X-OpenStack-Ironic-API-Version": "1.109"},
                       expect_errors=True)
    assert response.status_int == 400
    fault = json.loads(response.json["error_message"])
    assert fault["faultcode"] == "Client"


def test_undecodable_path_is_a_client_error_or_not_found(api):
    response = api.get("/v1/nodes/%ff%fe", headers={"X-OpenStack-Ironic-API-Version": "1.109"},
                       expect_errors=True)
    assert response.status_int in (400, 404)
    assert "faultstring" in response.json["error_message"]
