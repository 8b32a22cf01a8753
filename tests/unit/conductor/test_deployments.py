"""Deployment flow: wait and resume, abort, failures, protection, config drives,
tear down and the callback timeout (workers run inline in unit tests)."""
from __future__ import annotations

import datetime

import pytest

from ironic import objects
from ironic.common import exception
from ironic.common import states
from ironic.conductor import configdrive
from ironic.conductor import deployments
from ironic.drivers.modules import fake


@pytest.fixture(autouse=True)
def _interfaces(conf):
    conf.config(enabled_deploy_interfaces=["fake", "fake-async"],
                enabled_bios_interfaces=["fake", "no-bios"])


def _stored(ctx, node):
    return objects.Node.get(ctx, node.uuid)


def _available(make_node, **fields):
    return make_node(provision_state=states.AVAILABLE, **fields)


def test_deploy_moves_to_wait_when_step_returns_wait(rpc, ctx, make_node):
    node = _available(make_node, deploy_interface="fake-async")
    rpc.do_node_deploy(ctx, node.uuid)
    stored = _stored(ctx, node)
    assert (stored.provision_state, stored.target_provision_state) == (
        states.DEPLOYWAIT, states.ACTIVE)
    assert stored.deploy_step["step"] == "deploy"
    assert stored.reservation is None


def test_continue_finishes_waiting_deploy(rpc, ctx, make_node):
    node = _available(make_node, deploy_interface="fake-async")
    rpc.do_node_deploy(ctx, node.uuid)
    rpc.continue_node_deploy(ctx, node.uuid)
    stored = _stored(ctx, node)
    assert (stored.provision_state, stored.target_provision_state) == (states.ACTIVE,
                                                                       None)
    assert not stored.deploy_step and stored.power_state == states.POWER_ON
    assert "deploy_steps" not in stored.driver_internal_info


def test_continue_of_a_node_not_waiting_is_refused(service, ctx, make_node):
    node = make_node(provision_state=states.ACTIVE)
    with pytest.raises(exception.InvalidStateRequested):
        service.continue_node_deploy(ctx, node.uuid)


def test_user_deploy_steps_run_after_the_deploy_step(rpc, ctx, make_node):
    node = _available(make_node, deploy_interface="fake-async", bios_interface="fake")
    rpc.do_node_deploy(ctx, node.uuid, deploy_steps=[
        {"interface": "deploy", "step": "wait_for_callback", "args": {},
         "priority": 50}])
    rpc.continue_node_deploy(ctx, node.uuid)
    stored = _stored(ctx, node)
    assert stored.provision_state == states.DEPLOYWAIT
    assert stored.deploy_step["step"] == "wait_for_callback"
    rpc.continue_node_deploy(ctx, node.uuid)
    assert _stored(ctx, node).provision_state == states.ACTIVE


def test_step_failure_moves_to_deploy_failed_with_last_error(rpc, ctx, make_node,
                                                             monkeypatch):
    def boom(self, task):
        raise exception.InstanceDeployFailure(reason="disk on fire")
    monkeypatch.setattr(fake.FakeDeploy, "deploy", fake.steps.step(
        fake.steps.StepKind.DEPLOY, priority=100)(boom))
    node = _available(make_node)
    rpc.do_node_deploy(ctx, node.uuid)
    stored = _stored(ctx, node)
    assert (stored.provision_state, stored.target_provision_state) == (
        states.DEPLOYFAIL, states.ACTIVE)
    assert "deploy.deploy failed" in stored.last_error
    assert "disk on fire" in stored.last_error
    assert not stored.deploy_step and stored.reservation is None


def test_abort_of_abortable_wait_fails_the_deploy(service, ctx, make_node):
    node = _available(make_node, deploy_interface="fake-async")
    service.do_node_deploy(ctx, node.uuid, deploy_steps=[
        {"interface": "deploy", "step": "wait_for_callback", "args": {},
         "priority": 200}])
    stored = _stored(ctx, node)
    stored.deploy_step = {**stored.deploy_step, "abortable": True}
    stored.save()
    service.do_provisioning_action(ctx, node.uuid, "abort")
    stored = _stored(ctx, node)
    assert stored.provision_state == states.DEPLOYFAIL
    assert stored.last_error == deployments.ABORTED


def test_abort_of_unabortable_step_stops_after_it(service, ctx, make_node):
    node = _available(make_node, deploy_interface="fake-async")
    service.do_node_deploy(ctx, node.uuid)
    service.do_provisioning_action(ctx, node.uuid, "abort")
    assert _stored(ctx, node).deploy_step["abort_after"] is True
    service.continue_node_deploy(ctx, node.uuid)
    stored = _stored(ctx, node)
    assert stored.provision_state == states.DEPLOYFAIL
    assert "aborted" in stored.last_error


def test_rebuild_of_protected_node_is_refused(rpc, ctx, make_node):
    node = make_node(provision_state=states.ACTIVE, protected=True)
    with pytest.raises(exception.NodeProtected) as err:
        rpc.do_node_deploy(ctx, node.uuid, rebuild=True)
    assert err.value.code == 403
    with pytest.raises(exception.NodeProtected):
        rpc.do_node_tear_down(ctx, node.uuid)
    assert _stored(ctx, node).provision_state == states.ACTIVE


@pytest.mark.parametrize("info", [{"root_gb": "ten"}, {"image_source": ""},
                                  {"swap_mb": -1}, {"capabilities": 5}])
def test_malformed_instance_info_is_a_client_error(rpc, ctx, make_node, info):
    node = _available(make_node, instance_info=info)
    with pytest.raises(exception.InstanceDeployFailure) as err:
        rpc.do_node_deploy(ctx, node.uuid)
    assert err.value.code == 400
    assert _stored(ctx, node).provision_state == states.AVAILABLE


def test_json_config_drive_is_stored_as_iso(rpc, ctx, make_node):
    node = _available(make_node, instance_info={"image_source": "http://x/i.img"})
    rpc.do_node_deploy(ctx, node.uuid, configdrive={"meta_data": {"hostname": "a"}})
    stored = _stored(ctx, node)
    built = stored.instance_info["configdrive"]
    assert configdrive.volume_label(built) == "config-2"
    assert stored.instance_info["image_source"] == "http://x/i.img"


def test_bad_config_drive_is_refused_before_deploying(rpc, ctx, make_node):
    node = _available(make_node)
    with pytest.raises(exception.InvalidParameterValue):
        rpc.do_node_deploy(ctx, node.uuid, configdrive="%%%")
    assert _stored(ctx, node).provision_state == states.AVAILABLE


def test_no_free_worker_puts_node_back(service, ctx, make_node, monkeypatch):
    def full(*_args, **_kwargs):
        raise exception.NoFreeConductorWorker()
    monkeypatch.setattr(service, "spawn_worker", full)
    node = _available(make_node)
    with pytest.raises(exception.NoFreeConductorWorker):
        service.do_node_deploy(ctx, node.uuid)
    stored = _stored(ctx, node)
    assert (stored.provision_state, stored.target_provision_state) == (
        states.AVAILABLE, None)
    assert "No free conductor workers" in stored.last_error
    assert stored.reservation is None


def test_tear_down_forgets_instance_and_cleans(rpc, ctx, make_node):
    node = make_node(provision_state=states.ACTIVE, instance_uuid=
                     "5b0a4b39-f4f3-4f5e-9e0c-3b2a0f8b5d11",
                     instance_info={"image_source": "x"})
    rpc.do_node_tear_down(ctx, node.uuid)
    stored = _stored(ctx, node)
    assert (stored.provision_state, stored.instance_uuid, stored.instance_info) == (
        states.AVAILABLE, None, {})


def test_deploy_wait_times_out_into_deploy_failed(service, ctx, conf, make_node):
    conf.config(deploy_callback_timeout=60, group="conductor")
    node = _available(make_node, deploy_interface="fake-async")
    service.do_node_deploy(ctx, node.uuid)
    assert deployments.check_timeouts(ctx) == 0
    _age(ctx, node, seconds=120)
    assert deployments.check_timeouts(ctx) == 1
    stored = _stored(ctx, node)
    assert stored.provision_state == states.DEPLOYFAIL
    assert "Timeout reached while waiting for callback" in stored.last_error


def test_timeout_check_skips_locked_and_maintenance_nodes(service, ctx, conf,
                                                          make_node):
    conf.config(deploy_callback_timeout=1, group="conductor")
    old = datetime.datetime(2020, 1, 1)
    make_node(provision_state=states.DEPLOYWAIT, reservation="other",
              provision_updated_at=old)
    make_node(provision_state=states.DEPLOYWAIT, maintenance=True,
              provision_updated_at=old)
    assert deployments.check_timeouts(ctx) == 0


def test_heartbeat_resumes_a_waiting_deploy(service, ctx, make_node):
    node = _available(make_node, deploy_interface="fake-async")
    service.do_node_deploy(ctx, node.uuid)
    service.heartbeat(ctx, node.uuid, "http://127.0.0.1:9999")
    stored = _stored(ctx, node)
    assert stored.provision_state == states.ACTIVE
    assert stored.driver_internal_info["agent_url"] == "http://127.0.0.1:9999"


def _age(ctx, node, *, seconds):
    from ironic.db import api as db_api  # tests may reach the DB directly
    past = datetime.datetime.now(datetime.UTC).replace(tzinfo=None) - \
        datetime.timedelta(seconds=seconds)
    db_api.get_instance().update_node(node.uuid, {"provision_updated_at": past})
