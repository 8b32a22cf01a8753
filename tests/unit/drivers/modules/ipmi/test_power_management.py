"""IPMI power, management, boot device and vendor logic over a fake client.

The fake stands in for ``client.raw`` (the pyghmi edge): it keeps a chassis
power state and boot flags the way a BMC answers them.
"""
from __future__ import annotations

import types

import pytest

from ironic.common import exception
from ironic.common import states
from ironic.drivers.modules.ipmi import boot_device
from ironic.drivers.modules.ipmi import client
from ironic.drivers.modules.ipmi import management
from ironic.drivers.modules.ipmi import power
from ironic.drivers.modules.ipmi import vendor


class FakeBMC:
    def __init__(self):
        self.on = False
        self.boot = bytes((0x01, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00))
        self.sent = []
        self.lag = 0

    def raw(self, node, info, netfn, command, data=(), *, action):
        self.sent.append((netfn, command, tuple(data)))
        if (netfn, command) == (0, 1):
            if self.lag:
                self.lag -= 1
                return bytes((0x01 if not self.on else 0x00,))
            return bytes((0x01 if self.on else 0x00, 0, 0, 0))
        if (netfn, command) == (0, 2):
            self.on = {0: False, 1: True, 5: False}.get(data[0], self.on)
            return b""
        if (netfn, command) == (0, 8) and data[0] == 5:
            self.boot = bytes((0x01, 0x05, *data[1:]))
            return b""
        if (netfn, command) == (0, 9):
            return self.boot
        return b""


@pytest.fixture
def bmc(monkeypatch, conf):
    fake = FakeBMC()
    monkeypatch.setattr(client, "raw", fake.raw)
    conf.config(power_poll_interval=0.05, group="ipmi")
    return fake


@pytest.fixture
def task():
    node = types.SimpleNamespace(uuid="n1", driver="ipmi", boot_mode=None, properties={},
                                 driver_info={"ipmi_address": "127.0.0.1"},
                                 driver_internal_info={})
    return types.SimpleNamespace(node=node)


def test_power_on_off_and_state(bmc, task):
    iface = power.IPMIPower()
    iface.set_power_state(task, states.POWER_ON)
    assert iface.get_power_state(task) == states.POWER_ON
    iface.set_power_state(task, states.POWER_OFF)
    assert iface.get_power_state(task) == states.POWER_OFF


def test_setting_the_current_state_sends_no_control(bmc, task):
    power.IPMIPower().set_power_state(task, states.POWER_OFF)
    assert (0, 2, (0,)) not in bmc.sent


def test_reboot_powers_off_then_on(bmc, task):
    bmc.on = True
    power.IPMIPower().reboot(task)
    controls = [s[2] for s in bmc.sent if s[:2] == (0, 2)]
    assert controls == [(0,), (1,)] and bmc.on


def test_soft_off_uses_acpi_shutdown(bmc, task):
    bmc.on = True
    power.IPMIPower().set_power_state(task, states.SOFT_POWER_OFF)
    assert (0, 2, (5,)) in bmc.sent


def test_power_timeout_is_reported(bmc, task, monkeypatch):
    monkeypatch.setattr(bmc, "raw", lambda *a, **k: bytes((0,)) if a[3] == 1 else b"")
    monkeypatch.setattr(client, "raw", bmc.raw)
    with pytest.raises(exception.PowerStateTimeout, match="n1"):
        power.IPMIPower().set_power_state(task, states.POWER_ON, timeout_s=0.1)


def test_invalid_power_target(bmc, task):
    with pytest.raises(exception.InvalidParameterValue):
        power.IPMIPower().set_power_state(task, "sideways")


def test_boot_device_round_trip_persistent(bmc, task):
    iface = management.IPMIManagement()
    iface.set_boot_device(task, "pxe", persistent=True)
    assert iface.get_boot_device(task) == {"boot_device": "pxe", "persistent": True}
    assert task.node.driver_internal_info[boot_device.PERSISTENT_DEVICE_KEY] == "pxe"
    assert (0, 8, (3, 8)) in bmc.sent


def test_boot_device_uefi_bit_follows_boot_mode(bmc, task):
    task.node.boot_mode = "uefi"
    management.IPMIManagement().set_boot_device(task, "disk")
    assert bmc.boot[2] & 0x20 and not bmc.boot[2] & 0x40


def test_no_override_reads_as_none(bmc, task):
    assert management.IPMIManagement().get_boot_device(task) == {
        "boot_device": None, "persistent": None}


def test_malformed_boot_answer(bmc, task):
    bmc.boot = b"\x01"
    with pytest.raises(exception.BMCMalformedResponse, match="n1"):
        management.IPMIManagement().get_boot_device(task)


def test_unknown_boot_device(bmc, task):
    with pytest.raises(exception.InvalidParameterValue, match="floppy"):
        management.IPMIManagement().set_boot_device(task, "floppy")


def test_nmi_sends_diagnostic_interrupt(bmc, task):
    management.IPMIManagement().inject_nmi(task)
    assert (0, 2, (4,)) in bmc.sent


def test_force_boot_device_resent_before_power_on(bmc, task):
    task.node.driver_info["ipmi_force_boot_device"] = True
    task.node.driver_internal_info[boot_device.PERSISTENT_DEVICE_KEY] = "disk"
    power.IPMIPower().set_power_state(task, states.POWER_ON)
    assert bmc.boot[3] == boot_device.DEVICES["disk"]


def test_sensor_grouping():
    reading = types.SimpleNamespace(name="CPU Temp", type="Temperature", value=40.0,
                                    units="°C", health=0, states=[])
    grouped = management.group_sensors([reading])
    assert grouped["Temperature"]["CPU Temp"]["Sensor Reading"] == "40.0 °C"


def test_vendor_raw_bytes_parsing():
    node = types.SimpleNamespace(uuid="n1")
    assert vendor.parse_raw_bytes(node, "0x00 0x01 0x02") == (0, 1, (2,))
    with pytest.raises(exception.InvalidParameterValue, match="raw_bytes"):
        vendor.parse_raw_bytes(node, "0x00")
