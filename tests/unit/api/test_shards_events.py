"""``GET /v1/shards`` (1.82) and ``POST /v1/events`` (1.54) through the API."""
from __future__ import annotations

from typing import Any

import pytest

from tests.unit.api.conftest import error_of

PORT_ID = "11111111-1111-1111-1111-111111111111"


def test_shards_counts_nodes_per_shard(api: Any, make_node: Any) -> None:
    for shard in ("a", "a", "b", None):
        make_node(shard=shard)
    shards = api.call("GET", "/v1/shards", status=200).json["shards"]
    assert shards[0] == {"name": "a", "count": 2}
    assert sorted(shards[1:], key=lambda s: s["name"]) == [
        {"name": "None", "count": 1}, {"name": "b", "count": 1}]


def test_shards_empty_and_below_version(api: Any) -> None:
    assert api.call("GET", "/v1/shards", status=200).json == {"shards": []}
    response = api.call("GET", "/v1/shards", version="1.81", status=404)
    assert "does not allow shards" in error_of(response)["faultstring"]


def test_v1_document_links_shards_and_events(api: Any) -> None:
    doc = api.call("GET", "/v1", status=200).json
    assert "shards" in doc and "events" in doc
    old = api.call("GET", "/v1", version="1.53", status=200).json
    assert "shards" not in old and "events" not in old


def _event(**kw: Any) -> dict[str, Any]:
    event = {"event": "network.bind_port", "port_id": PORT_ID,
             "mac_address": "52:54:00:00:00:01", "status": "ACTIVE",
             "device_id": PORT_ID, "binding:host_id": PORT_ID,
             "binding:vnic_type": "baremetal"}
    event.update(kw)
    return event


@pytest.mark.parametrize("kind", ["network.bind_port", "network.unbind_port",
                                  "network.delete_port"])
def test_events_accepted(api: Any, kind: str) -> None:
    response = api.call("POST", "/v1/events", {"events": [_event(event=kind)]},
                        status=204)
    assert response.body == b""


@pytest.mark.parametrize("body, message", [
    ({}, "'events' is a required property"),
    ({"events": []}, "non-empty"),
    ({"events": [{"event": "network.bind_port"}]}, "'port_id' is a required property"),
    ({"events": [_event(event="network.foo")]}, "'network.foo' is not one of"),
    ({"events": [_event(mac_address="nope")]}, "does not match"),
    ({"events": [_event(port_id="x")]}, "does not match"),
    ({"events": [_event(extra=1)]}, "Additional properties"),
    ({"events": [_event()], "x": 1}, "Additional properties"),
])
def test_events_invalid_body_is_400(api: Any, body: Any, message: str) -> None:
    response = api.call("POST", "/v1/events", body, status=400)
    assert message in error_of(response)["faultstring"]


def test_events_below_version_is_404(api: Any) -> None:
    api.call("POST", "/v1/events", {"events": [_event()]}, version="1.53", status=404)


def test_node_firmware_is_empty_list(api: Any, make_node: Any) -> None:
    node = make_node()
    assert api.call("GET", f"/v1/nodes/{node.uuid}/firmware",
                    status=200).json == {"firmware": []}
    api.call("GET", f"/v1/nodes/{node.uuid}/firmware", version="1.85", status=404)
    api.call("GET", "/v1/nodes/missing-node/firmware", status=404)
