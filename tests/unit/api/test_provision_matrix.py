"""Every provision verb from every state, through ``PUT .../states/provision``.

``LEGAL`` lists every (state, verb) pair the state machine accepts, with the
state the node ends in on fake-hardware (``fake-async`` interfaces make steps
wait, so wait and hold states are reached too). Every other pair must be
refused with 400 naming the verb and the state, leaving the node untouched,
or 409 when the node is locked.
"""
from __future__ import annotations

import pytest

from ironic import objects
from ironic.common import context as ir_context
from ironic.common import states
from tests.unit.api.conftest import error_of

VERBS = ("active", "deploy", "rebuild", "deleted", "undeploy", "manage", "provide",
         "inspect", "abort", "clean", "adopt", "rescue", "unrescue", "unhold",
         "service")
BODIES = {
    "clean": {"clean_steps": [{"interface": "bios", "step": "factory_reset"}]},
    "service": {"service_steps": [{"interface": "bios", "step": "factory_reset"}]},
    "rescue": {"rescue_password": "pw"},
}
_WAIT_CLEAN = {"clean_steps": [{"interface": "deploy", "step": "wait_for_callback"}]}
_WAIT_SERVICE = {"service_steps": [{"interface": "deploy",
                                    "step": "wait_for_callback"}]}
ASYNC = {"deploy_interface": "fake-async", "inspect_interface": "fake-async",
         "rescue_interface": "fake-async"}
CLEAN_STEP = {"interface": "deploy", "step": "erase_devices", "abortable": True}
SERVICE_STEP = {"interface": "deploy", "step": "wait_for_callback", "abortable": True}

# (state, verb, extra body, node fields, expected provision state afterwards)
LEGAL = [
    ("enroll", "manage", {}, {}, "manageable"),
    ("manageable", "provide", {}, {}, "available"),
    ("manageable", "provide", {}, ASYNC, "clean wait"),
    ("manageable", "inspect", {}, {}, "manageable"),
    ("manageable", "inspect", {}, ASYNC, "inspect wait"),
    ("manageable", "clean", {}, {}, "manageable"),
    ("manageable", "clean", _WAIT_CLEAN, ASYNC, "clean wait"),
    ("manageable", "adopt", {}, {}, "active"),
    ("available", "manage", {}, {}, "manageable"),
    ("available", "active", {}, {}, "active"),
    ("available", "deploy", {}, {}, "active"),
    ("available", "active", {}, ASYNC, "wait call-back"),
    ("active", "rebuild", {}, {}, "active"),
    ("active", "deleted", {}, {}, "available"),
    ("active", "undeploy", {}, {}, "available"),
    ("active", "rescue", {}, {}, "rescue"),
    ("active", "rescue", {}, ASYNC, "rescue wait"),
    ("active", "service", {}, {}, "active"),
    ("active", "service", _WAIT_SERVICE, ASYNC, "service wait"),
    ("rescue", "rescue", {}, {}, "rescue"),
    ("rescue", "unrescue", {}, {}, "active"),
    ("rescue", "deleted", {}, {}, "available"),
    ("rescue", "undeploy", {}, {}, "available"),
    ("deploy failed", "active", {}, {}, "active"),
    ("deploy failed", "deploy", {}, {}, "active"),
    ("deploy failed", "rebuild", {}, {}, "active"),
    ("deploy failed", "deleted", {}, {}, "available"),
    ("deploy failed", "undeploy", {}, {}, "available"),
    ("error", "rebuild", {}, {}, "active"),
    ("error", "deleted", {}, {}, "available"),
    ("error", "undeploy", {}, {}, "available"),
    ("clean failed", "manage", {}, {}, "manageable"),
    # A cleaning nobody works on (no lock, e.g. after a crash) can be recovered.
    ("cleaning", "manage", {}, {}, "manageable"),
    ("inspect failed", "inspect", {}, {}, "manageable"),
    ("inspect failed", "manage", {}, {}, "manageable"),
    ("adopt failed", "adopt", {}, {}, "active"),
    ("adopt failed", "manage", {}, {}, "manageable"),
    ("rescue failed", "rescue", {}, {}, "rescue"),
    ("rescue failed", "unrescue", {}, {}, "active"),
    ("rescue failed", "deleted", {}, {}, "available"),
    ("rescue failed", "undeploy", {}, {}, "available"),
    ("unrescue failed", "rescue", {}, {}, "rescue"),
    ("unrescue failed", "unrescue", {}, {}, "active"),
    ("unrescue failed", "deleted", {}, {}, "available"),
    ("unrescue failed", "undeploy", {}, {}, "available"),
    ("wait call-back", "deleted", {}, {}, "available"),
    ("wait call-back", "undeploy", {}, {}, "available"),
    ("clean wait", "abort", {}, {"clean_step": CLEAN_STEP}, "clean failed"),
    ("clean hold", "abort", {}, {}, "clean failed"),
    ("clean hold", "unhold", {}, {}, "clean wait"),
    ("deploy hold", "abort", {}, {}, "deploy failed"),
    ("deploy hold", "unhold", {}, {}, "wait call-back"),
    ("inspect wait", "abort", {}, {}, "inspect failed"),
    ("rescue wait", "abort", {}, {}, "rescue failed"),
    ("rescue wait", "deleted", {}, {}, "available"),
    ("rescue wait", "undeploy", {}, {}, "available"),
    ("service wait", "abort", {}, {"service_step": SERVICE_STEP}, "active"),
    ("service wait", "deleted", {}, {}, "available"),
    ("service wait", "undeploy", {}, {}, "available"),
    ("service hold", "abort", {}, {}, "active"),
    ("service hold", "unhold", {}, {}, "active"),
    ("service hold", "service", {}, {}, "active"),
    ("service failed", "abort", {}, {}, "active"),
    ("service failed", "service", {}, {}, "active"),
    ("service failed", "rescue", {}, {}, "rescue"),
    ("service failed", "deleted", {}, {}, "available"),
    ("service failed", "undeploy", {}, {}, "available"),
]
NOT_ACCEPTABLE = [("wait call-back", "abort")]
"""Legal in the state machine but refused (406) at the versions we serve."""
REFUSED_BY_CONDUCTOR = [("deleting", "clean")]
"""Internal events the API check lets through; the conductor refuses (400)."""

_EVENTS = {(source, str(event)) for source, event, _ in states.TRANSITIONS}


def _is_legal(state: str, verb: str) -> bool:
    return (state, states.VERBS[verb]) in _EVENTS


@pytest.fixture(autouse=True)
def _interfaces(conf):
    conf.config(enabled_inspect_interfaces=["fake", "fake-async", "no-inspect"],
                enabled_rescue_interfaces=["fake", "fake-async", "no-rescue"],
                enabled_deploy_interfaces=["fake", "fake-async"],
                enabled_bios_interfaces=["fake", "no-bios"])


def _node(make_node, state, **fields):
    values = {"inspect_interface": "fake", "rescue_interface": "fake",
              "bios_interface": "fake", "provision_state": state,
              "target_provision_state": states.TARGETS.get(state)}
    values.update(fields)
    return make_node(**values)


def _put(api, node, verb, status, **body):
    return api.call("PUT", f"/v1/nodes/{node.uuid}/states/provision",
                    {"target": verb, **body}, status=status)


def _stored(node):
    return objects.Node.get(ir_context.get_admin_context(), node.uuid)


def test_legal_table_covers_every_legal_verb_and_state():
    listed = ({(state, verb) for state, verb, *_ in LEGAL} | set(NOT_ACCEPTABLE)
              | set(REFUSED_BY_CONDUCTOR))
    expected = {(state, verb) for state in states.ALL_STATES for verb in VERBS
                if _is_legal(state, verb)}
    assert listed == expected


@pytest.mark.parametrize(("state", "verb", "body", "fields", "after"), LEGAL,
                         ids=[f"{s}-{v}-{a}" for s, v, _, _, a in LEGAL])
def test_legal_verb_is_accepted(api, make_node, state, verb, body, fields, after):
    node = _node(make_node, state, **fields)
    _put(api, node, verb, 202, **{**BODIES.get(verb, {}), **body})
    stored = _stored(node)
    assert stored.provision_state == after
    assert stored.reservation is None
    if after in states.STABLE_STATES:
        assert stored.target_provision_state is None
    else:
        assert stored.target_provision_state is not None


@pytest.mark.parametrize("state", states.ALL_STATES)
def test_illegal_verbs_are_refused_with_400(api, make_node, state):
    node = _node(make_node, state)
    for verb in VERBS:
        if _is_legal(state, verb):
            continue
        r = _put(api, node, verb, 400, **BODIES.get(verb, {}))
        text = error_of(r)["faultstring"]
        assert f'"{verb}"' in text and f'"{state}"' in text, text
    stored = _stored(node)
    assert (stored.provision_state, stored.last_error) == (state, None)


def test_illegal_verb_on_a_locked_node_is_409(api, make_node):
    node = _node(make_node, "deploying", reservation="other-host")
    r = _put(api, node, "manage", 409)
    assert "locked" in error_of(r)["faultstring"]


@pytest.mark.parametrize(("state", "verb"), REFUSED_BY_CONDUCTOR)
def test_internal_event_is_refused_by_the_conductor(api, make_node, state, verb):
    node = _node(make_node, state)
    r = _put(api, node, verb, 400, **BODIES.get(verb, {}))
    assert state in error_of(r)["faultstring"]
    assert _stored(node).provision_state == state


def test_abort_of_deploy_wait_needs_a_newer_version(api, make_node):
    node = _node(make_node, "wait call-back")
    _put(api, node, "abort", 406)
    assert _stored(node).provision_state == "wait call-back"
