"""Interface selection for nodes and driver loading per configuration."""
from __future__ import annotations

import pytest

from ironic.common import exception
from ironic.drivers import factory
from ironic.drivers.modules import fake, noop
from tests.unit.drivers.conftest import plain_node


def test_new_node_gets_first_supported_enabled_interfaces() -> None:
    node = plain_node()
    assert factory.check_and_update_node_interfaces(node)
    assert node.power_interface == "fake"
    assert node.bios_interface == "no-bios"
    assert node.network_interface == "flat"
    assert node.storage_interface == "noop"
    assert node.vendor_interface == "no-vendor"


def test_enabling_a_preferred_interface_makes_it_the_default(conf) -> None:
    conf.config(enabled_bios_interfaces=["no-bios", "fake"])
    node = plain_node()
    factory.check_and_update_node_interfaces(node)
    assert node.bios_interface == "fake"


def test_configured_default_wins_over_first_supported(conf) -> None:
    conf.config(enabled_bios_interfaces=["no-bios", "fake"],
                default_bios_interface="no-bios")
    node = plain_node()
    factory.check_and_update_node_interfaces(node)
    assert node.bios_interface == "no-bios"


def test_explicit_value_wins_over_configured_default(conf) -> None:
    conf.config(enabled_bios_interfaces=["no-bios", "fake"],
                default_bios_interface="no-bios")
    node = plain_node(bios_interface="fake")
    factory.check_and_update_node_interfaces(node)
    assert node.bios_interface == "fake"


def test_disabled_interface_is_refused() -> None:
    node = plain_node(raid_interface="fake")
    with pytest.raises(exception.InterfaceNotFoundInEntrypoint) as err:
        factory.check_and_update_node_interfaces(node)
    assert "ironic.hardware.interfaces.raid" in str(err.value)


def test_unknown_interface_is_refused() -> None:
    node = plain_node(power_interface="ipmi")
    with pytest.raises(exception.InterfaceNotFoundInEntrypoint):
        factory.check_and_update_node_interfaces(node)


def test_unsupported_but_enabled_interface_is_incompatible(monkeypatch) -> None:
    from ironic.drivers import fake_hardware
    monkeypatch.setattr(fake_hardware.FakeHardware, "supported_storage_interfaces",
                        (fake.FakeStorage,))
    node = plain_node(storage_interface="noop")
    with pytest.raises(exception.IncompatibleInterface):
        factory.check_and_update_node_interfaces(node)


def test_default_that_is_not_enabled_leaves_no_valid_default(conf) -> None:
    conf.config(default_bios_interface="fake")
    with pytest.raises(exception.NoValidDefaultForInterface):
        factory.check_and_update_node_interfaces(plain_node())


def test_unknown_hardware_type_is_not_found() -> None:
    with pytest.raises(exception.DriverNotFound):
        factory.check_and_update_node_interfaces(plain_node(driver="ipmi"))


def test_reset_recomputes_named_kinds_only(conf) -> None:
    conf.config(enabled_bios_interfaces=["no-bios", "fake"])
    node = plain_node(bios_interface="no-bios", console_interface="no-console")
    factory.check_and_update_node_interfaces(node, reset={"bios"})
    assert node.bios_interface == "fake"
    assert node.console_interface == "no-console"


def test_built_driver_holds_the_selected_implementations() -> None:
    node = plain_node()
    factory.check_and_update_node_interfaces(node)
    driver = factory.build_driver(node)
    assert isinstance(driver.power, fake.FakePower)
    assert isinstance(driver.raid, noop.NoRAID)


def test_driver_properties_include_enabled_interfaces_only(conf) -> None:
    assert set(factory.driver_properties("fake-hardware")) == {"B1", "B2"}
    conf.config(enabled_vendor_interfaces=["fake", "no-vendor"])
    assert set(factory.driver_properties("fake-hardware")) == {"A1", "A2", "B1", "B2"}


def test_raid_properties_need_a_raid_interface(conf) -> None:
    with pytest.raises(exception.UnsupportedDriverExtension):
        factory.raid_logical_disk_properties("fake-hardware")
    conf.config(enabled_raid_interfaces=["fake", "no-raid"])
    assert "raid_level" in factory.raid_logical_disk_properties("fake-hardware")


def test_interface_rows_mark_one_default_per_kind(conf) -> None:
    conf.config(enabled_bios_interfaces=["no-bios", "fake"])
    rows = factory.hardware_interface_rows()
    bios = {r["interface_name"]: r["default"] for r in rows
            if r["interface_type"] == "bios"}
    assert bios == {"fake": True, "no-bios": False}
    assert {r["interface_type"] for r in rows} == set(factory.INTERFACE_KINDS)


def test_configuration_without_usable_interface_is_invalid(conf) -> None:
    conf.config(enabled_power_interfaces=[])
    with pytest.raises(exception.ConfigInvalid):
        factory.check_configuration()


def test_configuration_naming_unknown_hardware_type_is_invalid(conf) -> None:
    conf.config(enabled_hardware_types=["fake-hardware", "nope"])
    with pytest.raises(exception.ConfigInvalid):
        factory.check_configuration()


def test_default_configuration_is_valid() -> None:
    factory.check_configuration()
