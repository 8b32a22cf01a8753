"""Provision verbs through ``PUT /v1/nodes/{node}/states/provision`` on fake-hardware.

Fake interfaces finish at once, so each accepted verb (202) leaves the node in
the stable state it heads for; refused verb/state pairs are 400 with a message
naming the verb and the state; a locked node is 409.
"""
from __future__ import annotations

import pytest

from ironic import objects
from ironic.common import context as ir_context
from tests.unit.api.conftest import error_of

PROVISION = "/v1/nodes/n1/states/provision"


@pytest.fixture(autouse=True)
def _fake_interfaces(conf):
    """Enable the fake inspect, rescue and BIOS interfaces (set before the
    conductor starts, so it registers them)."""
    conf.config(enabled_inspect_interfaces=["fake", "no-inspect"],
                enabled_rescue_interfaces=["fake", "no-rescue"],
                enabled_bios_interfaces=["fake", "no-bios"])


@pytest.fixture
def node(api):
    return api.call("POST", "/v1/nodes", {"driver": "fake-hardware", "name": "n1",
                                          "inspect_interface": "fake",
                                          "rescue_interface": "fake",
                                          "bios_interface": "fake"}, status=201).json


def _state(api):
    shown = api.call("GET", "/v1/nodes/n1/states", status=200).json
    return shown["provision_state"], shown["target_provision_state"]


def _verb(api, target, status=202, version="1.109", **body):
    return api.call("PUT", PROVISION, {"target": target, **body}, version=version,
                    status=status)


def _to(api, *verbs):
    for verb in verbs:
        _verb(api, verb)


def test_full_lifecycle(api, node):
    r = _verb(api, "manage")
    assert r.headers["Location"].endswith(f"/v1/nodes/{node['uuid']}/states")
    assert _state(api) == ("manageable", None)
    _verb(api, "provide")
    assert _state(api) == ("available", None)
    _verb(api, "active")
    assert _state(api) == ("active", None)
    _verb(api, "rebuild")
    assert _state(api) == ("active", None)
    _verb(api, "deleted")
    assert _state(api) == ("available", None)
    _verb(api, "deploy")
    assert _state(api) == ("active", None)
    _verb(api, "undeploy")
    assert _state(api) == ("available", None)


def test_inspect_from_manageable(api, node):
    _to(api, "manage")
    _verb(api, "inspect")
    assert _state(api) == ("manageable", None)


def test_manual_clean_runs_steps(api, node):
    _to(api, "manage")
    r = _verb(api, "clean", status=400,
              clean_steps=[{"interface": "deploy", "step": "no_such_step"}])
    assert "no_such_step" in error_of(r)["faultstring"]
    _verb(api, "clean", clean_steps=[{"interface": "bios", "step": "factory_reset"}])
    assert _state(api) == ("manageable", None)


def test_clean_needs_clean_steps(api, node):
    _to(api, "manage")
    r = _verb(api, "clean", status=400)
    assert "clean_steps" in error_of(r)["faultstring"]
    _verb(api, "clean", status=400, clean_steps="not a list")
    assert _state(api) == ("manageable", None)


def test_rescue_and_unrescue(api, node):
    _to(api, "manage", "provide", "active")
    r = _verb(api, "rescue", status=400)
    assert "rescue_password" in error_of(r)["faultstring"]
    _verb(api, "rescue", rescue_password="secret")
    assert _state(api) == ("rescue", None)
    _verb(api, "unrescue")
    assert _state(api) == ("active", None)


def test_adopt_from_manageable(api, node):
    _to(api, "manage")
    _verb(api, "adopt")
    assert _state(api) == ("active", None)


@pytest.mark.parametrize(("setup", "verb"), [
    ((), "provide"), ((), "active"), ((), "deleted"), ((), "inspect"), ((), "adopt"),
    ((), "rescue"), ((), "unrescue"), ((), "abort"),
    (("manage",), "active"), (("manage",), "deleted"), (("manage",), "unrescue"),
    (("manage", "provide"), "provide"), (("manage", "provide"), "adopt"),
    (("manage", "provide"), "rescue"), (("manage", "provide"), "abort"),
    (("manage", "provide", "active"), "active"),
    (("manage", "provide", "active"), "manage"),
    (("manage", "provide", "active"), "inspect"),
])
def test_refused_verb_state_pairs_are_400(api, node, setup, verb):
    _to(api, *setup)
    before = _state(api)
    body = {"rescue_password": "pw"} if verb == "rescue" else {}
    r = _verb(api, verb, status=400, **body)
    text = error_of(r)["faultstring"]
    assert verb in text and before[0] in text
    assert _state(api) == before


def test_abort_of_waiting_inspection(api, node, make_node):
    waiting = make_node(name="w", provision_state="inspect wait",
                        target_provision_state="manageable")
    api.call("PUT", f"/v1/nodes/{waiting.uuid}/states/provision", {"target": "abort"},
             status=202)
    shown = api.call("GET", f"/v1/nodes/{waiting.uuid}", status=200).json
    assert shown["provision_state"] == "inspect failed"


def test_locked_node_is_409(api, node):
    objects.Node.reserve(ir_context.get_admin_context(), "other-host", node["uuid"])
    r = _verb(api, "manage", status=409)
    assert "locked" in error_of(r)["faultstring"]
    assert _state(api) == ("enroll", None)


@pytest.mark.parametrize(("verb", "older", "status"), [
    ("manage", "1.3", 406), ("inspect", "1.5", 406), ("abort", "1.12", 406),
    ("clean", "1.14", 406), ("adopt", "1.16", 406), ("rescue", "1.37", 406),
    ("deploy", "1.72", 406), ("undeploy", "1.72", 400), ("unhold", "1.84", 400),
    ("service", "1.86", 400)])
def test_verbs_newer_than_the_request_are_refused(api, node, verb, older, status):
    """Ironic answers 406 for the verbs it gates by version, 400 for the others
    (refused as unknown for the node's state)."""
    api.call("PUT", f"/v1/nodes/{node['uuid']}/states/provision",
             {"target": verb, **({"rescue_password": "x"} if verb == "rescue" else {}),
              **({"clean_steps": [{"interface": "bios", "step": "factory_reset"}]}
                 if verb == "clean" else {})},
             version=older, status=status)
    assert _state(api) == ("enroll", None)


@pytest.mark.parametrize("body", [
    {}, {"target": 5}, {"target": "manage", "bogus": 1},
    {"target": "active", "configdrive": 5}, {"target": "clean", "clean_steps": [1]}])
def test_malformed_bodies_are_400(api, node, body):
    api.call("PUT", PROVISION, body, status=400)
    assert _state(api) == ("enroll", None)


def test_maintenance_blocks_provide(api, node):
    _to(api, "manage")
    api.call("PUT", "/v1/nodes/n1/maintenance", {"reason": "x"}, status=202)
    r = _verb(api, "provide", status=400)
    assert "maintenance" in error_of(r)["faultstring"]


def test_busy_database_is_503_asking_to_retry(api, node, monkeypatch):
    from oslo_db import exception as db_exc

    def busy(*_args, **_kwargs):
        raise db_exc.DBError("(sqlite3.OperationalError) database is locked")
    monkeypatch.setattr(objects.Node, "reserve", busy)
    r = _verb(api, "manage", status=503)
    assert "retry" in error_of(r)["faultstring"]
    monkeypatch.undo()
    assert _state(api) == ("enroll", None)


def test_json_config_drive_needs_1_56(api, node):
    _to(api, "manage", "provide")
    r = _verb(api, "active", status=400, version="1.55",
              configdrive={"meta_data": {}})
    assert "1.56" in error_of(r)["faultstring"]
    _verb(api, "active", configdrive={"meta_data": {"hostname": "h"},
                                      "user_data": "#!/bin/sh\n"})
    assert _state(api) == ("active", None)


@pytest.mark.parametrize(("body", "text"), [
    ({"target": "manage", "rescue_password": "x"}, "rescue_password"),
    ({"target": "manage", "clean_steps": [{"interface": "bios", "step": "x"}]},
     "clean_steps"),
    ({"target": "manage", "configdrive": "abcd"}, "config drive"),
    ({"target": "manage", "disable_ramdisk": True}, "disable_ramdisk"),
])
def test_arguments_of_other_verbs_are_refused(api, node, body, text):
    r = api.call("PUT", PROVISION, body, status=400)
    assert text in error_of(r)["faultstring"]
    assert _state(api) == ("enroll", None)
