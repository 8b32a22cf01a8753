"""The ramdisk agent's endpoints: lookup, heartbeat (1.22) and
continue_inspection (1.84), through the API and the in-process conductor."""
from __future__ import annotations

from typing import Any

import pytest
from oslo_utils import uuidutils

from ironic import objects
from ironic.common import context as ir_context
from tests.unit.api.conftest import error_of

MAC = "52:54:00:aa:bb:cc"


def _reload(node: Any) -> Any:
    return objects.Node.get_by_uuid(ir_context.get_admin_context(), node.uuid)


@pytest.fixture
def waiting(make_node: Any, make_port: Any) -> Any:
    node = make_node(provision_state="wait call-back", target_provision_state="active",
                     driver_internal_info={"agent_url": "http://old"})
    make_port(node_id=node.id, address=MAC)
    return node


def test_lookup_by_mac_issues_token_once(api: Any, waiting: Any) -> None:
    doc = api.call("GET", f"/v1/lookup?addresses={MAC.upper()},bogus", status=200).json
    assert doc["node"]["uuid"] == waiting.uuid
    assert set(doc["node"]) >= {"properties", "instance_info", "driver_internal_info"}
    assert "agent_secret_token" not in doc["node"]["driver_internal_info"]
    token = doc["config"]["agent_token"]
    assert token and token != "******" and doc["config"]["agent_token_required"]
    assert _reload(waiting).driver_internal_info["agent_secret_token"] == token
    again = api.call("GET", f"/v1/lookup?node_uuid={waiting.uuid}", status=200).json
    assert again["config"]["agent_token"] == "******"


def test_lookup_is_public_and_needs_a_key(api: Any, waiting: Any) -> None:
    response = api.call("GET", "/v1/lookup", status=400)
    assert "At least one of 'addresses' and 'node_uuid'" in error_of(response)["faultstring"]
    api.call("GET", "/v1/lookup?addresses=zz", status=400)


def test_lookup_refused_outside_agent_states(api: Any, make_node: Any,
                                              make_port: Any) -> None:
    node = make_node(provision_state="manageable")
    make_port(node_id=node.id, address="52:54:00:00:00:09")
    api.call("GET", "/v1/lookup?addresses=52:54:00:00:00:09", status=404)
    api.call("GET", f"/v1/lookup?node_uuid={node.uuid}", status=404)
    api.call("GET", "/v1/lookup?addresses=52:54:00:00:00:0a", status=404)
    api.call("GET", f"/v1/lookup?node_uuid={uuidutils.generate_uuid()}", status=404)


def test_lookup_below_version_is_404(api: Any, waiting: Any) -> None:
    api.call("GET", f"/v1/lookup?node_uuid={waiting.uuid}", version="1.21", status=404)


def _token(api: Any, node: Any) -> str:
    return api.call("GET", f"/v1/lookup?node_uuid={node.uuid}").json["config"]["agent_token"]


def test_heartbeat_reaches_the_conductor(api: Any, make_node: Any) -> None:
    node = make_node(provision_state="inspect wait", target_provision_state="manageable")
    body = {"callback_url": "http://10.0.0.5:9999", "agent_version": "9.0",
            "agent_token": _token(api, node), "agent_verify_ca": None,
            "agent_status": "start", "agent_status_message": "up"}
    response = api.call("POST", f"/v1/heartbeat/{node.uuid}", body, status=202)
    assert response.body == b""
    assert _reload(node).driver_internal_info["agent_url"] == "http://10.0.0.5:9999"


@pytest.mark.parametrize("body, version, message", [
    ({}, "1.109", "callback_url"),
    ({"callback_url": "http://h"}, "1.109", "Agent token is required"),
    ({"callback_url": "http://h", "agent_token": "t"}, "1.109", "did not transmit a version"),
    ({"callback_url": "http://h", "agent_token": "wrong", "agent_version": "9"},
     "1.109", "Invalid or missing agent token"),
    ({"callback_url": "http://h", "agent_version": "9", "agent_token": "t"}, "1.35",
     "Field 'agent_version' not recognised"),
    ({"callback_url": "http://h", "agent_version": "9", "agent_token": "t"}, "1.61",
     "Field 'agent_token' not recognised"),
    ({"callback_url": "http://h", "agent_version": "9", "agent_token": "t",
      "agent_status": "start"}, "1.71", "Field 'agent_status' not recognised"),
])
def test_heartbeat_invalid_is_400(api: Any, waiting: Any, body: Any, version: str,
                                  message: str) -> None:
    _token(api, waiting)
    response = api.call("POST", f"/v1/heartbeat/{waiting.uuid}", body,
                        version=version, status=400)
    assert message in error_of(response)["faultstring"]


def test_heartbeat_unknown_node_and_old_version(api: Any, waiting: Any) -> None:
    body = {"callback_url": "http://h", "agent_version": "9", "agent_token": "t"}
    api.call("POST", f"/v1/heartbeat/{uuidutils.generate_uuid()}", body, status=404)
    api.call("POST", f"/v1/heartbeat/{waiting.uuid}", body, version="1.21", status=404)


INVENTORY = {"interfaces": [{"name": "eth0", "mac_address": MAC}],
             "cpu": {"count": 4}, "bmc_address": "192.0.2.9"}


def test_continue_inspection_stores_inventory(api: Any, make_node: Any,
                                              make_port: Any) -> None:
    node = make_node(provision_state="inspect wait", target_provision_state="manageable")
    make_port(node_id=node.id, address=MAC)
    response = api.call("POST", "/v1/continue_inspection",
                        {"inventory": INVENTORY, "root_disk": {"name": "/dev/sda"}},
                        status=202)
    assert response.json == {"uuid": node.uuid}
    assert _reload(node).provision_state == "manageable"
    stored = api.call("GET", f"/v1/nodes/{node.uuid}/inventory", status=200).json
    assert stored == {"inventory": INVENTORY, "plugin_data": {"root_disk": {"name": "/dev/sda"}}}


def test_continue_inspection_by_bmc_address(api: Any, make_node: Any) -> None:
    node = make_node(provision_state="inspect wait", target_provision_state="manageable",
                     driver_info={"redfish_address": "https://192.0.2.9:8000"})
    api.call("POST", "/v1/continue_inspection",
             {"inventory": {"interfaces": [], "bmc_address": "192.0.2.9"}}, status=202)
    assert _reload(node).provision_state == "manageable"


def test_continue_inspection_refusals(api: Any, make_node: Any, make_port: Any) -> None:
    node = make_node(provision_state="manageable")
    make_port(node_id=node.id, address=MAC)
    response = api.call("POST", "/v1/continue_inspection", {"foo": 1}, status=400)
    assert "'inventory' is a required property" in error_of(response)["faultstring"]
    api.call("POST", "/v1/continue_inspection", {"inventory": INVENTORY}, status=404)
    api.call("POST", f"/v1/continue_inspection?node_uuid={node.uuid}",
             {"inventory": INVENTORY}, status=404)
    api.call("POST", "/v1/continue_inspection", {"inventory": INVENTORY},
             version="1.83", status=404)
    assert _reload(node).provision_state == "manageable"
