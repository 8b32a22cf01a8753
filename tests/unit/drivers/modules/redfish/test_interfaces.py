"""Redfish interfaces over a fake ComputerSystem (the sushy edge is faked)."""
from __future__ import annotations

import types

import pytest

from ironic.common import exception
from ironic.common import states
from ironic.drivers import steps
from ironic.drivers.modules.redfish import bios
from ironic.drivers.modules.redfish import inspect as redfish_inspect
from ironic.drivers.modules.redfish import management
from ironic.drivers.modules.redfish import power
from ironic.drivers.modules.redfish import raid
from ironic.drivers.modules.redfish import session


class FakeSystem:
    def __init__(self):
        self.power_state = session.POWER_OFF
        self.resets = []
        self.boot = types.SimpleNamespace(target=session.BootSource.HDD,
                                          enabled=session.BootSourceOverrideEnabled.ONCE,
                                          mode=session.BootSourceOverrideMode.UEFI)
        self.bios = types.SimpleNamespace(attributes={"ProcTurboMode": "Enabled"},
                                          set_attributes=self._set_bios)

    def _set_bios(self, values):
        self.bios.attributes.update(values)

    def reset_system(self, kind):
        self.resets.append(kind)
        if kind in (session.ResetType.ON, session.ResetType.FORCE_RESTART):
            self.power_state = session.POWER_ON
        elif kind in (session.ResetType.FORCE_OFF, session.ResetType.GRACEFUL_SHUTDOWN):
            self.power_state = session.POWER_OFF

    def set_system_boot_options(self, target=None, enabled=None, mode=None):
        self.boot.target = target or self.boot.target
        self.boot.enabled = enabled or self.boot.enabled
        self.boot.mode = mode or self.boot.mode


@pytest.fixture
def system(monkeypatch, conf):
    fake = FakeSystem()
    monkeypatch.setattr(session, "call",
                        lambda node, action, func, system=True: func(fake))
    conf.config(power_poll_interval=0.05, group="redfish")
    return fake


@pytest.fixture
def task():
    node = types.SimpleNamespace(uuid="n1", driver="redfish", id=1, properties={},
                                 driver_info={"redfish_address": "http://127.0.0.1"},
                                 target_raid_config={}, raid_config={})
    return types.SimpleNamespace(node=node, ports=[], context=None)


def test_power_on_reboot_and_off(system, task):
    iface = power.RedfishPower()
    iface.set_power_state(task, states.POWER_ON)
    assert iface.get_power_state(task) == states.POWER_ON
    iface.reboot(task)
    assert system.resets[-1] == session.ResetType.FORCE_RESTART
    iface.set_power_state(task, states.SOFT_POWER_OFF)
    assert system.resets[-1] == session.ResetType.GRACEFUL_SHUTDOWN
    assert iface.get_power_state(task) == states.POWER_OFF


def test_power_already_there_sends_nothing(system, task):
    power.RedfishPower().set_power_state(task, states.POWER_OFF)
    assert system.resets == []


def test_boot_device_once_and_persistent(system, task):
    iface = management.RedfishManagement()
    iface.set_boot_device(task, "pxe")
    assert iface.get_boot_device(task) == {"boot_device": "pxe", "persistent": False}
    iface.set_boot_device(task, "disk", persistent=True)
    assert iface.get_boot_device(task) == {"boot_device": "disk", "persistent": True}


def test_boot_mode(system, task):
    iface = management.RedfishManagement()
    iface.set_boot_mode(task, "bios")
    assert iface.get_boot_mode(task) == "bios" and task.node.boot_mode == "bios"


def test_indicator_validation(system, task):
    with pytest.raises(exception.InvalidParameterValue, match="indicator"):
        management.RedfishManagement().set_indicator_state(task, "chassis", "led", "ON")


def test_bios_apply_is_a_clean_and_deploy_step():
    kinds = {s.kind for s in bios.RedfishBIOS.apply_configuration.__steps__}
    assert kinds == {steps.StepKind.CLEAN, steps.StepKind.DEPLOY}


def test_bios_apply_refuses_unknown_setting(system, task):
    with pytest.raises(exception.InvalidParameterValue, match="NoSuchThing"):
        bios.RedfishBIOS().apply_configuration(
            task, [{"name": "NoSuchThing", "value": "x"}])


def test_bios_apply_sets_and_stores(system, task, monkeypatch):
    stored = []
    monkeypatch.setattr(bios, "store_settings", lambda t, s: stored.append(s))
    monkeypatch.setattr(bios, "_registry", lambda s: {})
    result = bios.RedfishBIOS().apply_configuration(
        task, [{"name": "ProcTurboMode", "value": "Disabled"}])
    assert result is steps.StepResult.DONE
    assert system.bios.attributes["ProcTurboMode"] == "Disabled"
    assert stored[-1] == [{"name": "ProcTurboMode", "value": "Disabled"}]


def test_inspection_properties(task):
    inventory = {"cpus": 4, "cpu_arch": "x86_64", "memory_gib": 16,
                 "disks": [107374182400], "macs": [], "boot_mode": "UEFI"}
    props = redfish_inspect._properties(task, inventory)
    assert props == {"cpus": 4, "cpu_arch": "x86_64", "memory_mb": 16384,
                     "local_gb": 99, "capabilities": "boot_mode:uefi"}


def test_inspection_without_cpus_is_malformed(task):
    with pytest.raises(exception.BMCMalformedResponse, match="cpus"):
        redfish_inspect._properties(task, {"cpus": None, "cpu_arch": None,
                                           "memory_gib": 1, "disks": [],
                                           "macs": [], "boot_mode": None})


def test_raid_level_not_offered_over_redfish(task):
    with pytest.raises(exception.InvalidParameterValue, match="JBOD"):
        raid.RedfishRAID().validate_raid_config(
            task, {"logical_disks": [{"raid_level": "JBOD", "size_gb": 10}]})
