"""Fake and no-op interfaces behave like simple, always-available hardware."""
from __future__ import annotations

import types

import pytest

from ironic.common import exception
from ironic.common import states
from ironic.drivers import steps
from tests.unit.drivers.conftest import FakeTask, plain_node


def test_fake_power_remembers_the_state_it_was_set_to(make_task) -> None:
    task = make_task()
    task.driver.power.set_power_state(task, states.POWER_ON)
    assert task.driver.power.get_power_state(task) == states.POWER_ON
    task.driver.power.set_power_state(task, states.SOFT_POWER_OFF)
    assert task.driver.power.get_power_state(task) == states.POWER_OFF


def test_fake_power_reboot_ends_powered_on(make_task) -> None:
    task = make_task()
    task.driver.power.reboot(task)
    assert task.driver.power.get_power_state(task) == states.POWER_ON


def test_fake_power_refuses_unknown_state(make_task) -> None:
    task = make_task()
    with pytest.raises(exception.InvalidParameterValue):
        task.driver.power.set_power_state(task, "sideways")


def test_fake_management_boot_device_round_trip(make_task) -> None:
    task = make_task()
    assert task.driver.management.get_boot_device(task)["boot_device"] == "pxe"
    task.driver.management.set_boot_device(task, "disk", persistent=True)
    assert task.driver.management.get_boot_device(task) == {
        "boot_device": "disk", "persistent": True}


def test_fake_management_refuses_unsupported_device(make_task) -> None:
    task = make_task()
    with pytest.raises(exception.InvalidParameterValue):
        task.driver.management.set_boot_device(task, "floppy")


@pytest.mark.parametrize(("kind", "call"), [
    ("raid", lambda d, t: d.raid.create_configuration(t)),
    ("bios", lambda d, t: d.bios.factory_reset(t)),
    ("console", lambda d, t: d.console.get_console(t)),
    ("inspect", lambda d, t: d.inspect.inspect_hardware(t)),
    ("rescue", lambda d, t: d.rescue.rescue(t)),
    ("vendor", lambda d, t: d.vendor.call(t, "x", "POST")),
    ("firmware", lambda d, t: d.firmware.update(t, [])),
])
def test_no_interfaces_refuse_with_unsupported(make_task, kind, call) -> None:
    task = make_task()
    assert getattr(task.driver, kind).supported is False
    with pytest.raises(exception.UnsupportedDriverExtension):
        getattr(task.driver, kind).validate(task)
    with pytest.raises(exception.UnsupportedDriverExtension):
        call(task.driver, task)


def test_fake_raid_copies_target_to_current(conf) -> None:
    conf.config(enabled_raid_interfaces=["fake"])
    target = {"logical_disks": [{"raid_level": "1", "size_gb": 100}]}
    task = FakeTask(_with_interfaces(plain_node(target_raid_config=target)))
    assert task.driver.raid.create_configuration(task) is steps.StepResult.DONE
    assert task.node.raid_config == target


def test_raid_config_validation_rejects_bad_level(conf) -> None:
    conf.config(enabled_raid_interfaces=["fake"])
    task = FakeTask(_with_interfaces(plain_node()))
    with pytest.raises(exception.InvalidParameterValue):
        task.driver.raid.validate_raid_config(
            task, {"logical_disks": [{"raid_level": "7", "size_gb": 1}]})


def test_flat_network_attaches_vifs_to_free_ports(make_task) -> None:
    task = make_task()
    task.ports = [types.SimpleNamespace(internal_info={})]
    task.driver.network.vif_attach(task, {"id": "vif-1"})
    assert task.driver.network.vif_list(task) == [{"id": "vif-1"}]
    with pytest.raises(exception.NoFreePhysicalPorts):
        task.driver.network.vif_attach(task, {"id": "vif-2"})
    task.driver.network.vif_detach(task, "vif-1")
    assert task.driver.network.vif_list(task) == []


def test_steps_are_discovered_with_their_priority(conf) -> None:
    conf.config(enabled_raid_interfaces=["fake"])
    task = FakeTask(_with_interfaces(plain_node()))
    names = {s["step"] for s in task.driver.raid.get_steps(steps.StepKind.CLEAN)}
    assert names == {"create_configuration", "delete_configuration"}
    deploy = task.driver.deploy.get_steps(steps.StepKind.DEPLOY)
    assert [(s["step"], s["priority"]) for s in deploy] == [("deploy", 100)]


def test_step_refuses_negative_priority() -> None:
    with pytest.raises(ValueError):
        steps.step(steps.StepKind.CLEAN, priority=-1)


def _with_interfaces(node):
    from ironic.drivers import factory
    factory.check_and_update_node_interfaces(node)
    return node
