"""The steps engine: ordering, validation of requested steps, reserved steps."""
from __future__ import annotations

import pytest

from ironic.common import exception
from ironic.common import states
from ironic.conductor import steps
from ironic.conductor import task_manager

KIND = steps.StepKind


@pytest.fixture(autouse=True)
def _interfaces(conf):
    conf.config(enabled_deploy_interfaces=["fake", "fake-async"],
                enabled_bios_interfaces=["fake", "no-bios"],
                enabled_raid_interfaces=["fake", "no-raid"])


@pytest.fixture
def task(service, ctx, make_node):
    node = make_node(provision_state=states.MANAGEABLE, deploy_interface="fake-async",
                     bios_interface="fake", raid_interface="fake")
    with task_manager.acquire(ctx, node.uuid) as held:
        yield held


def test_automated_plan_orders_by_priority_and_skips_priority_zero(task):
    plan = steps.automated_plan(task, KIND.CLEAN)
    assert [(s["interface"], s["step"], s["priority"]) for s in plan] == [
        ("deploy", "erase_devices", 10)]


def test_automated_plan_breaks_ties_by_interface_priority(task):
    overrides = [{"interface": "raid", "step": "delete_configuration", "priority": 50,
                  "args": {}},
                 {"interface": "bios", "step": "factory_reset", "priority": 50,
                  "args": {}}]
    plan = steps.automated_plan(task, KIND.DEPLOY, overrides=overrides)
    assert [s["step"] for s in plan] == ["deploy", "factory_reset",
                                         "delete_configuration"]


def test_user_priority_zero_disables_a_driver_deploy_step(task):
    plan = steps.automated_plan(task, KIND.DEPLOY, overrides=[
        {"interface": "deploy", "step": "deploy", "priority": 0, "args": {}}])
    assert plan == []


def test_unknown_step_is_refused_naming_it(task):
    with pytest.raises(exception.InvalidParameterValue) as err:
        steps.validate_user_steps(task, KIND.CLEAN,
                                  [{"interface": "bios", "step": "nope"}])
    assert "bios.nope" in str(err.value)


def test_step_of_another_kind_is_refused(task):
    with pytest.raises(exception.InvalidParameterValue):
        steps.validate_user_steps(task, KIND.CLEAN,
                                  [{"interface": "deploy", "step": "deploy"}])


def test_unexpected_and_missing_arguments_are_refused(task):
    with pytest.raises(exception.InvalidParameterValue) as err:
        steps.validate_user_steps(task, KIND.CLEAN, [
            {"interface": "bios", "step": "apply_configuration",
             "args": {"bogus": 1}}])
    assert "unexpected arguments: bogus" in str(err.value)
    assert "missing these required arguments: settings" in str(err.value)


def test_ramdisk_step_refused_when_ramdisk_disabled(task):
    with pytest.raises(exception.InvalidParameterValue) as err:
        steps.validate_user_steps(task, KIND.CLEAN,
                                  [{"interface": "bios", "step": "factory_reset"}],
                                  disable_ramdisk=True)
    assert "requires booting a ramdisk" in str(err.value)


def test_validated_clean_step_takes_driver_fields(task):
    [step] = steps.validate_user_steps(task, KIND.CLEAN, [
        {"interface": "deploy", "step": "wait_for_callback", "priority": 99}])
    assert (step["priority"], step["abortable"], step["args"]) == (0, True, {})


def test_reserved_steps_need_no_driver_declaration(task):
    found = steps.validate_user_steps(task, KIND.CLEAN, [
        {"interface": "power", "step": "power_on"},
        {"interface": "deploy", "step": "hold"}])
    assert [s["step"] for s in found] == ["power_on", "hold"]


def test_power_step_sets_power_state(task):
    steps.execute(task, {"interface": "power", "step": "power_on", "args": {}})
    assert task.node.power_state == states.POWER_ON
