"""``PUT /v1/nodes/{node}/states/boot_mode`` and ``.../secure_boot`` (1.76)."""
from __future__ import annotations

import pytest

from ironic import objects
from ironic.common import context as ir_context
from tests.unit.api.conftest import error_of


@pytest.fixture
def node(api):
    return api.call("POST", "/v1/nodes", {"driver": "fake-hardware", "name": "n1"},
                    status=201).json


def _states(api):
    return api.call("GET", "/v1/nodes/n1/states", status=200).json


def _set_state(uuid, state):
    stored = objects.Node.get_by_uuid(ir_context.get_admin_context(), uuid)
    stored.provision_state = state
    stored.save()


@pytest.mark.parametrize("mode", ["uefi", "bios"])
def test_boot_mode_is_set_and_shown(api, node, mode):
    r = api.call("PUT", "/v1/nodes/n1/states/boot_mode", {"target": mode}, status=202)
    assert r.headers["Location"].endswith(f"/v1/nodes/{node['uuid']}/states")
    assert _states(api)["boot_mode"] == mode
    assert api.call("GET", "/v1/nodes/n1", status=200).json["boot_mode"] == mode


@pytest.mark.parametrize(("target", "expected"), [
    (True, True), (False, False), ("true", True), ("off", False), (1, True)])
def test_secure_boot_is_set_and_shown(api, node, target, expected):
    api.call("PUT", "/v1/nodes/n1/states/secure_boot", {"target": target}, status=202)
    assert _states(api)["secure_boot"] is expected


@pytest.mark.parametrize("resource", ["boot_mode", "secure_boot"])
def test_older_versions_do_not_have_the_endpoint(api, node, resource):
    r = api.call("PUT", f"/v1/nodes/n1/states/{resource}", {"target": "uefi"},
                 version="1.75", status=404)
    assert "1.76" in error_of(r)["faultstring"]
    assert _states(api)["boot_mode"] is None


@pytest.mark.parametrize(("resource", "body", "text"), [
    ("boot_mode", {"target": "UEFI"}, "Allowed boot modes are: bios, uefi"),
    ("boot_mode", {"target": None}, "Invalid boot mode"),
    ("boot_mode", {"target": ["uefi"]}, "Invalid boot mode"),
    ("boot_mode", {}, "Missing mandatory parameter: target"),
    ("boot_mode", [1], "Missing mandatory parameter: target"),
    ("boot_mode", {"target": "uefi", "extra": 1}, "Unexpected arguments: extra"),
    ("secure_boot", {"target": "bogus"}, "Invalid target"),
    ("secure_boot", {"target": None}, "Invalid target"),
    ("secure_boot", {"target": {"a": 1}}, "Invalid target"),
])
def test_bad_targets_are_400(api, node, resource, body, text):
    r = api.call("PUT", f"/v1/nodes/n1/states/{resource}", body, status=400)
    assert text in error_of(r)["faultstring"]
    assert _states(api)["boot_mode"] is None and _states(api)["secure_boot"] is None


@pytest.mark.parametrize("state", ["cleaning", "clean wait", "inspecting", "deploying",
                                   "wait call-back", "rescuing", "servicing"])
def test_transitioning_node_is_409(api, node, state):
    _set_state(node["uuid"], state)
    for resource, target in (("boot_mode", "uefi"), ("secure_boot", True)):
        r = api.call("PUT", f"/v1/nodes/n1/states/{resource}", {"target": target},
                     status=409)
        assert "transitioning" in error_of(r)["faultstring"]
    assert _states(api)["boot_mode"] is None


@pytest.mark.parametrize("state", ["active", "available", "deploy failed", "error",
                                   "clean hold", "rescue"])
def test_stable_or_failed_node_accepts(api, node, state):
    _set_state(node["uuid"], state)
    api.call("PUT", "/v1/nodes/n1/states/boot_mode", {"target": "bios"}, status=202)
    assert _states(api)["boot_mode"] == "bios"


def test_locked_node_is_409(api, node):
    objects.Node.reserve(ir_context.get_admin_context(), "other-host", node["uuid"])
    api.call("PUT", "/v1/nodes/n1/states/boot_mode", {"target": "uefi"}, status=409)


def test_unknown_node_is_404(api, node):
    api.call("PUT", "/v1/nodes/nope/states/boot_mode", {"target": "uefi"}, status=404)
