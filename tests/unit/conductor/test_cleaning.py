"""Cleaning: automated on/off, manual steps, wait/resume, hold, abort, timeout."""
from __future__ import annotations

import datetime

import pytest

from ironic import objects
from ironic.common import states
from ironic.conductor import cleaning


@pytest.fixture(autouse=True)
def _interfaces(conf):
    conf.config(enabled_deploy_interfaces=["fake", "fake-async"],
                enabled_bios_interfaces=["fake", "no-bios"])


def _stored(ctx, node):
    return objects.Node.get(ctx, node.uuid)


def _manageable(make_node, **fields):
    return make_node(provision_state=states.MANAGEABLE, deploy_interface="fake-async",
                     bios_interface="fake", **fields)


@pytest.mark.parametrize(("conf_value", "node_value", "expected"), [
    (True, None, states.CLEANWAIT), (False, None, states.AVAILABLE),
    (False, True, states.CLEANWAIT), (True, False, states.AVAILABLE)])
def test_automated_clean_follows_config_and_node(rpc, ctx, conf, make_node,
                                                 conf_value, node_value, expected):
    conf.config(automated_clean=conf_value, group="conductor")
    node = _manageable(make_node, automated_clean=node_value)
    rpc.do_provisioning_action(ctx, node.uuid, "provide")
    assert _stored(ctx, node).provision_state == expected


def test_clean_wait_resumes_to_available(rpc, ctx, make_node):
    node = _manageable(make_node)
    rpc.do_provisioning_action(ctx, node.uuid, "provide")
    stored = _stored(ctx, node)
    assert (stored.target_provision_state, stored.clean_step["step"]) == (
        states.AVAILABLE, "erase_devices")
    rpc.continue_node_clean(ctx, node.uuid)
    stored = _stored(ctx, node)
    assert (stored.provision_state, stored.target_provision_state) == (
        states.AVAILABLE, None)
    assert not stored.clean_step


def test_manual_clean_keeps_manageable_target_through_wait(rpc, ctx, make_node):
    node = _manageable(make_node)
    rpc.do_node_clean(ctx, node.uuid, [
        {"interface": "bios", "step": "factory_reset"},
        {"interface": "deploy", "step": "wait_for_callback"},
        {"interface": "bios", "step": "apply_configuration",
         "args": {"settings": [{"name": "a", "value": "b"}]}}])
    stored = _stored(ctx, node)
    assert (stored.provision_state, stored.target_provision_state) == (
        states.CLEANWAIT, states.MANAGEABLE)
    assert stored.driver_internal_info["clean_step_index"] == 1
    rpc.continue_node_clean(ctx, node.uuid)
    assert _stored(ctx, node).provision_state == states.MANAGEABLE


def test_hold_step_holds_until_unhold_then_waits(rpc, ctx, make_node):
    node = _manageable(make_node)
    rpc.do_node_clean(ctx, node.uuid, [{"interface": "deploy", "step": "hold"},
                                       {"interface": "bios", "step": "factory_reset"}])
    assert _stored(ctx, node).provision_state == states.CLEANHOLD
    rpc.do_provisioning_action(ctx, node.uuid, "unhold")
    assert _stored(ctx, node).provision_state == states.CLEANWAIT
    rpc.continue_node_clean(ctx, node.uuid)
    assert _stored(ctx, node).provision_state == states.MANAGEABLE


def test_abort_of_waiting_abortable_step_fails_cleaning(rpc, ctx, make_node):
    node = _manageable(make_node)
    rpc.do_provisioning_action(ctx, node.uuid, "provide")
    rpc.do_provisioning_action(ctx, node.uuid, "abort")
    stored = _stored(ctx, node)
    assert (stored.provision_state, stored.target_provision_state) == (
        states.CLEANFAIL, states.AVAILABLE)
    assert stored.last_error.startswith(cleaning.ABORTED)
    assert "erase_devices" in stored.last_error


def test_clean_wait_times_out_into_clean_failed(service, ctx, conf, make_node):
    conf.config(clean_callback_timeout=30, group="conductor")
    node = _manageable(make_node)
    service.do_node_clean(ctx, node.uuid, [{"interface": "deploy",
                                            "step": "wait_for_callback"}])
    assert cleaning.check_timeouts(ctx) == 0
    _age(node, 60)
    assert cleaning.check_timeouts(ctx) == 1
    stored = _stored(ctx, node)
    assert (stored.provision_state, stored.target_provision_state) == (
        states.CLEANFAIL, states.MANAGEABLE)
    assert cleaning.TIMED_OUT in stored.last_error
    assert not stored.clean_step


def test_timeout_zero_disables_the_check(service, ctx, conf, make_node):
    conf.config(clean_callback_timeout=0, group="conductor")
    node = make_node(provision_state=states.CLEANWAIT,
                     provision_updated_at=datetime.datetime(2020, 1, 1))
    assert cleaning.check_timeouts(ctx) == 0
    assert _stored(ctx, node).provision_state == states.CLEANWAIT


def _age(node, seconds):
    from ironic.db import api as db_api  # tests may reach the DB directly
    past = (datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
            - datetime.timedelta(seconds=seconds))
    db_api.get_instance().update_node(node.uuid, {"provision_updated_at": past})
