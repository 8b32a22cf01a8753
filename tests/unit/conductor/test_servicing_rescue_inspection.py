"""Servicing, rescue and inspection flows: waits, resumes, aborts, timeouts."""
from __future__ import annotations

import datetime

import pytest

from ironic import objects
from ironic.common import exception
from ironic.common import states
from ironic.conductor import inspection
from ironic.conductor import rescue
from ironic.conductor import servicing

_WAIT = [{"interface": "deploy", "step": "wait_for_callback"}]


@pytest.fixture(autouse=True)
def _interfaces(conf):
    conf.config(enabled_deploy_interfaces=["fake", "fake-async"],
                enabled_bios_interfaces=["fake", "no-bios"],
                enabled_rescue_interfaces=["fake", "fake-async", "no-rescue"],
                enabled_inspect_interfaces=["fake", "fake-async", "no-inspect"])


def _stored(ctx, node):
    return objects.Node.get(ctx, node.uuid)


def _active(make_node, **fields):
    values = {"provision_state": states.ACTIVE, "deploy_interface": "fake-async",
              "bios_interface": "fake", "rescue_interface": "fake-async"}
    return make_node(**{**values, **fields})


def _age(node, seconds, field="provision_updated_at"):
    from ironic.db import api as db_api  # tests may reach the DB directly
    past = (datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
            - datetime.timedelta(seconds=seconds))
    db_api.get_instance().update_node(node.uuid, {field: past})


def test_service_steps_run_and_return_to_active(rpc, ctx, make_node):
    node = _active(make_node)
    rpc.do_node_service(ctx, node.uuid, [{"interface": "bios",
                                          "step": "factory_reset"}])
    stored = _stored(ctx, node)
    assert (stored.provision_state, stored.target_provision_state) == (
        states.ACTIVE, None)


def test_service_wait_resumes_through_continue(service, ctx, make_node):
    node = _active(make_node)
    service.do_node_service(ctx, node.uuid, _WAIT)
    stored = _stored(ctx, node)
    assert (stored.provision_state, stored.service_step["step"]) == (
        states.SERVICEWAIT, "wait_for_callback")
    service.continue_node_service(ctx, node.uuid)
    assert _stored(ctx, node).provision_state == states.ACTIVE


def test_abort_of_service_wait_returns_to_active_with_error(service, ctx, make_node):
    node = _active(make_node)
    service.do_node_service(ctx, node.uuid, _WAIT)
    service.do_provisioning_action(ctx, node.uuid, "abort")
    stored = _stored(ctx, node)
    assert (stored.provision_state, stored.last_error) == (states.ACTIVE,
                                                           servicing.ABORTED)


def test_service_hold_unhold_continues(service, ctx, make_node):
    node = _active(make_node)
    service.do_node_service(ctx, node.uuid, [{"interface": "deploy", "step": "hold"}])
    assert _stored(ctx, node).provision_state == states.SERVICEHOLD
    service.do_provisioning_action(ctx, node.uuid, "unhold")
    assert _stored(ctx, node).provision_state == states.ACTIVE


def test_service_wait_times_out(service, ctx, conf, make_node):
    conf.config(service_callback_timeout=10, group="conductor")
    node = _active(make_node)
    service.do_node_service(ctx, node.uuid, _WAIT)
    _age(node, 20)
    assert servicing.check_timeouts(ctx) == 1
    stored = _stored(ctx, node)
    assert stored.provision_state == states.SERVICEFAIL
    assert servicing.TIMED_OUT in stored.last_error


def test_rescue_waits_then_heartbeat_finishes_it(service, ctx, make_node):
    node = _active(make_node)
    service.do_node_rescue(ctx, node.uuid, "s3cret")
    stored = _stored(ctx, node)
    assert (stored.provision_state, stored.instance_info["rescue_password"]) == (
        states.RESCUEWAIT, "s3cret")
    service.heartbeat(ctx, node.uuid, "http://127.0.0.1:9999")
    assert _stored(ctx, node).provision_state == states.RESCUE
    service.do_node_unrescue(ctx, node.uuid)
    stored = _stored(ctx, node)
    assert stored.provision_state == states.ACTIVE
    assert "rescue_password" not in stored.instance_info


def test_rescue_needs_a_password(service, ctx, make_node):
    node = _active(make_node)
    with pytest.raises(exception.InvalidParameterValue):
        service.do_node_rescue(ctx, node.uuid, "  ")


def test_rescue_wait_abort_and_timeout(service, ctx, conf, make_node):
    conf.config(rescue_callback_timeout=10, group="conductor")
    first, second = _active(make_node), _active(make_node)
    for node in (first, second):
        service.do_node_rescue(ctx, node.uuid, "pw")
    service.do_provisioning_action(ctx, first.uuid, "abort")
    stored = _stored(ctx, first)
    assert (stored.provision_state, stored.last_error) == (states.RESCUEFAIL,
                                                           rescue.ABORTED)
    assert "rescue_password" not in stored.instance_info
    _age(second, 20)
    assert rescue.check_timeouts(ctx) == 1
    assert _stored(ctx, second).provision_state == states.RESCUEFAIL


def test_inspection_wait_resume_abort_and_timeout(service, ctx, conf, make_node):
    conf.config(inspect_wait_timeout=10, group="conductor")
    nodes = [make_node(provision_state=states.MANAGEABLE,
                       inspect_interface="fake-async") for _ in range(3)]
    for node in nodes:
        service.inspect_hardware(ctx, node.uuid)
        assert _stored(ctx, node).provision_state == states.INSPECTWAIT
    from ironic.conductor import task_manager
    with task_manager.acquire(ctx, nodes[0].uuid) as task:
        inspection.resume(task)
    assert _stored(ctx, nodes[0]).provision_state == states.MANAGEABLE
    assert _stored(ctx, nodes[0]).inspection_finished_at is not None
    service.do_provisioning_action(ctx, nodes[1].uuid, "abort")
    assert _stored(ctx, nodes[1]).last_error == inspection.ABORTED
    _age(nodes[2], 20, field="inspection_started_at")
    assert inspection.check_timeouts(ctx) == 1
    stored = _stored(ctx, nodes[2])
    assert stored.provision_state == states.INSPECTFAIL
    assert inspection.TIMED_OUT in stored.last_error


def test_verification_failure_returns_to_enroll(service, ctx, make_node, monkeypatch):
    from ironic.drivers.modules import fake

    def refuse(self, task):
        raise exception.InvalidParameterValue(err="bad credentials")
    monkeypatch.setattr(fake.FakePower, "validate", refuse)
    node = make_node(provision_state=states.ENROLL)
    service.do_provisioning_action(ctx, node.uuid, "manage")
    stored = _stored(ctx, node)
    assert (stored.provision_state, stored.target_provision_state) == (
        states.ENROLL, None)
    assert "bad credentials" in stored.last_error


def test_adoption_failure_lands_in_adopt_failed(service, ctx, make_node, monkeypatch):
    from ironic.drivers.modules import fake

    def refuse(self, task):
        raise exception.InvalidParameterValue(err="no image")
    monkeypatch.setattr(fake.FakeDeploy, "validate", refuse)
    node = make_node(provision_state=states.MANAGEABLE)
    service.do_provisioning_action(ctx, node.uuid, "adopt")
    stored = _stored(ctx, node)
    assert stored.provision_state == states.ADOPTFAIL
    assert "Adoption failed: no image" == stored.last_error
