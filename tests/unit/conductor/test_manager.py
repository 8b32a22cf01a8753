"""RPC endpoints against a real conductor and database, as the API uses them."""
from __future__ import annotations

import pytest

from ironic import objects
from ironic.common import exception
from ironic.common import states


def _new_node(ctx, **fields):
    fields.setdefault("driver", "fake-hardware")
    fields.setdefault("provision_state", states.ENROLL)
    return objects.Node(ctx, **fields)


def _stored(ctx, node):
    return objects.Node.get(ctx, node.uuid)


# --- create / update / destroy -------------------------------------------


def test_create_node_fills_default_interfaces(rpc, ctx) -> None:
    node = rpc.create_node(ctx, _new_node(ctx, name="n1"))
    stored = objects.Node.get_by_name(ctx, "n1")
    assert (stored.power_interface, stored.raid_interface) == ("fake", "no-raid")
    assert node.uuid == stored.uuid


@pytest.mark.parametrize(("fields", "error"), [
    ({"power_interface": "ipmi"}, exception.InterfaceNotFoundInEntrypoint),
    ({"driver": "ipmi"}, exception.DriverNotFound),
    ({"raid_interface": "fake"}, exception.InterfaceNotFoundInEntrypoint),
])
def test_create_node_refuses_invalid_and_stores_nothing(rpc, ctx, fields, error) -> None:
    with pytest.raises(error):
        rpc.create_node(ctx, _new_node(ctx, **fields))
    assert objects.Node.list(ctx) == []


def test_update_node_saves_interface_change(rpc, ctx, conf, make_node) -> None:
    conf.config(enabled_raid_interfaces=["fake", "no-raid"])
    node = make_node(provision_state=states.MANAGEABLE)
    node.raid_interface = "fake"
    rpc.update_node(ctx, node)
    assert _stored(ctx, node).raid_interface == "fake"


def test_update_node_refuses_bad_interface_and_keeps_db(rpc, ctx, make_node) -> None:
    node = make_node(provision_state=states.MANAGEABLE, power_interface="fake")
    node.power_interface = "ipmi"
    node.description = "changed"
    with pytest.raises(exception.InterfaceNotFoundInEntrypoint):
        rpc.update_node(ctx, node)
    stored = _stored(ctx, node)
    assert (stored.power_interface, stored.description) == ("fake", None)
    assert stored.reservation is None


def test_update_interface_of_active_node_needs_maintenance(rpc, ctx, make_node) -> None:
    node = make_node(provision_state=states.ACTIVE)
    node.network_interface = "noop"
    with pytest.raises(exception.InvalidState):
        rpc.update_node(ctx, node)
    node.maintenance = True
    rpc.update_node(ctx, node)
    assert _stored(ctx, node).network_interface == "noop"


def test_driver_change_with_reset_recomputes_interfaces(rpc, ctx, conf, make_node) -> None:
    conf.config(enabled_bios_interfaces=["fake", "no-bios"])
    node = make_node(provision_state=states.MANAGEABLE, bios_interface="no-bios")
    node.driver = "fake-hardware"  # setting the driver counts as a change
    rpc.update_node(ctx, node, reset_interfaces=True)
    assert _stored(ctx, node).bios_interface == "fake"


def test_update_node_of_locked_node_is_refused(rpc, ctx, make_node) -> None:
    node = make_node()
    objects.Node.reserve(ctx, "other-host", node.uuid)
    node.description = "x"
    with pytest.raises(exception.NodeLocked):
        rpc.update_node(ctx, node)
    assert _stored(ctx, node).description is None


def test_protect_only_active_nodes(rpc, ctx, make_node) -> None:
    node = make_node(provision_state=states.MANAGEABLE)
    node.protected = True
    with pytest.raises(exception.InvalidState):
        rpc.update_node(ctx, node)


def test_destroy_node_in_enroll_deletes_it(rpc, ctx, make_node) -> None:
    node = make_node(provision_state=states.ENROLL)
    rpc.destroy_node(ctx, node.uuid)
    with pytest.raises(exception.NodeNotFound):
        _stored(ctx, node)


@pytest.mark.parametrize(("fields", "error"), [
    ({"provision_state": states.ACTIVE}, exception.InvalidState),
    ({"provision_state": states.MANAGEABLE,
      "instance_uuid": "0a7a5b0a-97bb-4f4b-9c51-3a3dd53bdb2c"}, exception.NodeAssociated),
    ({"provision_state": states.DEPLOYFAIL}, exception.InvalidState),
])
def test_destroy_node_in_use_is_refused(rpc, ctx, make_node, fields, error) -> None:
    node = make_node(**fields)
    with pytest.raises(error):
        rpc.destroy_node(ctx, node.uuid)
    assert _stored(ctx, node).reservation is None


def test_destroy_active_node_allowed_in_maintenance(rpc, ctx, make_node) -> None:
    node = make_node(provision_state=states.ACTIVE, maintenance=True)
    rpc.destroy_node(ctx, node.uuid)
    assert objects.Node.list(ctx) == []


def test_destroy_locked_node_is_refused(rpc, ctx, make_node) -> None:
    node = make_node()
    objects.Node.reserve(ctx, "other-host", node.uuid)
    with pytest.raises(exception.NodeLocked):
        rpc.destroy_node(ctx, node.uuid)


# --- validation, power, management ---------------------------------------


def test_validate_reports_each_interface_without_vendor(rpc, ctx, make_node) -> None:
    node = make_node()
    result = rpc.validate_driver_interfaces(ctx, node.uuid)
    assert result["power"] == {"result": True}
    assert result["raid"]["result"] is False and "raid" in result["raid"]["reason"]
    assert "vendor" not in result


def test_power_on_then_off_is_recorded(rpc, ctx, make_node) -> None:
    node = make_node(power_state=states.POWER_OFF)
    rpc.change_node_power_state(ctx, node.uuid, states.POWER_ON)
    stored = _stored(ctx, node)
    assert (stored.power_state, stored.target_power_state) == (states.POWER_ON, None)
    rpc.change_node_power_state(ctx, node.uuid, states.REBOOT)
    assert _stored(ctx, node).power_state == states.POWER_ON
    rpc.change_node_power_state(ctx, node.uuid, states.POWER_OFF)
    assert _stored(ctx, node).power_state == states.POWER_OFF


def test_unknown_power_state_is_refused(rpc, ctx, make_node) -> None:
    node = make_node(power_state=states.POWER_OFF)
    with pytest.raises(exception.InvalidParameterValue):
        rpc.change_node_power_state(ctx, node.uuid, "sideways")
    assert _stored(ctx, node).power_state == states.POWER_OFF


def test_boot_device_round_trip(rpc, ctx, make_node) -> None:
    node = make_node()
    assert "pxe" in rpc.get_supported_boot_devices(ctx, node.uuid)
    rpc.set_boot_device(ctx, node.uuid, "disk", persistent=True)
    assert rpc.get_boot_device(ctx, node.uuid) == {"boot_device": "disk",
                                                   "persistent": True}
    with pytest.raises(exception.InvalidParameterValue):
        rpc.set_boot_device(ctx, node.uuid, "floppy")


def test_inject_nmi_on_fake_succeeds(rpc, ctx, make_node) -> None:
    rpc.inject_nmi(ctx, make_node().uuid)


def test_console_unsupported_by_no_console(rpc, ctx, make_node) -> None:
    node = make_node()
    with pytest.raises(exception.UnsupportedDriverExtension):
        rpc.set_console_mode(ctx, node.uuid, True)
    assert _stored(ctx, node).console_enabled is False


def test_fake_console_enable_and_describe(rpc, ctx, conf, make_node) -> None:
    conf.config(enabled_console_interfaces=["fake", "no-console"])
    node = make_node(console_interface="fake")
    with pytest.raises(exception.NodeConsoleNotEnabled):
        rpc.get_console_information(ctx, node.uuid)
    rpc.set_console_mode(ctx, node.uuid, True)
    assert _stored(ctx, node).console_enabled is True
    assert rpc.get_console_information(ctx, node.uuid)["type"] == "shellinabox"


def test_traits_add_replace_remove(rpc, ctx, make_node) -> None:
    node = make_node()
    rpc.add_node_traits(ctx, node.uuid, ["CUSTOM_A", "CUSTOM_B"])
    rpc.add_node_traits(ctx, node.uuid, ["CUSTOM_C"], replace=True)
    assert _stored(ctx, node).traits.get_trait_names() == ["CUSTOM_C"]
    rpc.remove_node_traits(ctx, node.uuid, ["CUSTOM_C"])
    assert _stored(ctx, node).traits.get_trait_names() == []
    with pytest.raises(exception.NodeTraitNotFound):
        rpc.remove_node_traits(ctx, node.uuid, ["CUSTOM_X"])


def test_driver_properties_and_raid_properties(rpc, ctx, conf) -> None:
    assert rpc.get_driver_properties(ctx, "fake-hardware") == {
        "B1": "B1 description. Required.", "B2": "B2 description. Required."}
    with pytest.raises(exception.UnsupportedDriverExtension):
        rpc.get_raid_logical_disk_properties(ctx, "fake-hardware")


# --- provisioning ----------------------------------------------------------


def test_fake_node_lifecycle_enroll_to_active_and_back(rpc, ctx, make_node) -> None:
    node = make_node(provision_state=states.ENROLL)
    rpc.do_provisioning_action(ctx, node.uuid, "manage")
    assert _stored(ctx, node).provision_state == states.MANAGEABLE
    rpc.do_provisioning_action(ctx, node.uuid, "provide")
    assert _stored(ctx, node).provision_state == states.AVAILABLE
    rpc.do_node_deploy(ctx, node.uuid)
    stored = _stored(ctx, node)
    assert (stored.provision_state, stored.target_provision_state,
            stored.power_state) == (states.ACTIVE, None, states.POWER_ON)
    rpc.do_node_tear_down(ctx, node.uuid)
    stored = _stored(ctx, node)
    assert (stored.provision_state, stored.power_state) == (states.AVAILABLE,
                                                            states.POWER_OFF)
    assert stored.reservation is None


def test_illegal_provision_action_is_refused(rpc, ctx, make_node) -> None:
    node = make_node(provision_state=states.ENROLL)
    with pytest.raises(exception.InvalidStateRequested):
        rpc.do_provisioning_action(ctx, node.uuid, "provide")
    with pytest.raises(exception.InvalidStateRequested):
        rpc.do_node_deploy(ctx, node.uuid)
    assert _stored(ctx, node).provision_state == states.ENROLL


def test_inspect_without_inspect_interface_is_unsupported(rpc, ctx, make_node) -> None:
    node = make_node(provision_state=states.MANAGEABLE)
    with pytest.raises(exception.UnsupportedDriverExtension):
        rpc.inspect_hardware(ctx, node.uuid)
    assert _stored(ctx, node).provision_state == states.MANAGEABLE


def test_fake_inspection_returns_to_manageable(rpc, ctx, conf, make_node) -> None:
    conf.config(enabled_inspect_interfaces=["fake", "no-inspect"])
    node = make_node(provision_state=states.MANAGEABLE, inspect_interface="fake")
    rpc.inspect_hardware(ctx, node.uuid)
    assert _stored(ctx, node).provision_state == states.MANAGEABLE


def test_manual_clean_returns_to_manageable(rpc, ctx, conf, make_node) -> None:
    conf.config(enabled_raid_interfaces=["fake", "no-raid"])
    node = make_node(provision_state=states.MANAGEABLE, raid_interface="fake")
    rpc.do_node_clean(ctx, node.uuid, [{"interface": "raid",
                                        "step": "delete_configuration"}])
    assert _stored(ctx, node).provision_state == states.MANAGEABLE
    with pytest.raises(exception.InvalidParameterValue):
        rpc.do_node_clean(ctx, node.uuid, [{"interface": "raid", "step": "nope"}])


def test_deploy_in_maintenance_is_refused(rpc, ctx, make_node) -> None:
    node = make_node(provision_state=states.AVAILABLE, maintenance=True)
    with pytest.raises(exception.NodeInMaintenance):
        rpc.do_node_deploy(ctx, node.uuid)


def test_unavailable_operation_is_a_client_error(rpc, ctx, make_node) -> None:
    node = make_node(provision_state=states.ACTIVE)
    with pytest.raises(exception.OperationNotAvailable) as err:
        rpc.vendor_passthru(ctx, node.uuid, "first_method", "POST", {})
    assert 400 <= err.value.code < 500


# --- ports and portgroups --------------------------------------------------


def test_port_create_update_destroy(rpc, ctx, make_node) -> None:
    node = make_node()
    port = objects.Port(ctx, node_id=node.id, address="52:54:00:aa:bb:cc")
    created = rpc.create_port(ctx, port)
    created.address = "52:54:00:aa:bb:dd"
    rpc.update_port(ctx, created)
    assert objects.Port.get_by_address(ctx, "52:54:00:aa:bb:dd").uuid == created.uuid
    rpc.destroy_port(ctx, created)
    assert objects.Port.list(ctx) == []


def test_duplicate_mac_is_refused(rpc, ctx, make_port) -> None:
    existing = make_port()
    port = objects.Port(ctx, node_id=existing.node_id, address=existing.address)
    with pytest.raises(exception.MACAlreadyExists):
        rpc.create_port(ctx, port)


def test_portgroup_with_ports_cannot_be_deleted(rpc, ctx, make_portgroup,
                                                make_port) -> None:
    group = make_portgroup()
    make_port(node_id=group.node_id, portgroup_id=group.id)
    with pytest.raises(exception.PortgroupNotEmpty):
        rpc.destroy_portgroup(ctx, group)
    assert objects.Portgroup.list(ctx)


def test_vif_attach_list_detach(rpc, ctx, make_port) -> None:
    port = make_port()
    node_uuid = objects.Node.get(ctx, port.node_id).uuid
    rpc.vif_attach(ctx, node_uuid, {"id": "vif-1"})
    assert rpc.vif_list(ctx, node_uuid) == [{"id": "vif-1"}]
    rpc.vif_detach(ctx, node_uuid, "vif-1")
    assert rpc.vif_list(ctx, node_uuid) == []
