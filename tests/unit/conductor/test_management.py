"""Boot mode and secure boot through the RPC API on fake-hardware."""
from __future__ import annotations

import pytest

from ironic import objects
from ironic.common import exception
from ironic.common import states
from ironic.drivers.interfaces.management import ManagementInterface
from ironic.drivers.modules import fake


def _stored(ctx, node):
    return objects.Node.get(ctx, node.uuid)


def test_set_boot_mode_records_mode(rpc, ctx, make_node) -> None:
    node = make_node(provision_state=states.MANAGEABLE, last_error="old")
    rpc.set_boot_mode(ctx, node.uuid, "uefi")
    stored = _stored(ctx, node)
    assert (stored.boot_mode, stored.last_error, stored.reservation) == (
        "uefi", None, None)
    rpc.set_boot_mode(ctx, node.uuid, "bios")
    assert _stored(ctx, node).boot_mode == "bios"


def test_set_boot_mode_refuses_unsupported_mode(rpc, ctx, make_node) -> None:
    node = make_node()
    with pytest.raises(exception.InvalidParameterValue, match="supported boot modes"):
        rpc.set_boot_mode(ctx, node.uuid, "legacy")
    assert _stored(ctx, node).boot_mode is None


@pytest.mark.parametrize("enabled", [True, False])
def test_set_secure_boot_records_state(rpc, ctx, make_node, enabled) -> None:
    node = make_node(secure_boot=not enabled)
    rpc.set_secure_boot_state(ctx, node.uuid, enabled)
    assert _stored(ctx, node).secure_boot is enabled


@pytest.mark.parametrize("state", [states.CLEANING, states.DEPLOYWAIT,
                                   states.INSPECTWAIT, states.VERIFYING,
                                   states.RESCUEWAIT])
def test_transitioning_node_is_refused(rpc, ctx, make_node, state) -> None:
    node = make_node(provision_state=state)
    with pytest.raises(exception.InvalidState, match="transitioning"):
        rpc.set_boot_mode(ctx, node.uuid, "uefi")
    with pytest.raises(exception.InvalidState):
        rpc.set_secure_boot_state(ctx, node.uuid, True)
    stored = _stored(ctx, node)
    assert (stored.boot_mode, stored.secure_boot, stored.reservation) == (
        None, None, None)


def test_locked_node_is_refused(rpc, ctx, make_node) -> None:
    node = make_node()
    objects.Node.reserve(ctx, "other-host", node.uuid)
    with pytest.raises(exception.NodeLocked):
        rpc.set_boot_mode(ctx, node.uuid, "uefi")


def test_interface_without_support_is_refused(rpc, ctx, make_node,
                                              monkeypatch) -> None:
    # A management interface that keeps the base class behaviour.
    for name in ("get_supported_boot_modes", "set_boot_mode", "set_secure_boot_state"):
        monkeypatch.setattr(fake.FakeManagement, name,
                            getattr(ManagementInterface, name))
    node = make_node()
    with pytest.raises(exception.UnsupportedDriverExtension, match="set_boot_mode"):
        rpc.set_boot_mode(ctx, node.uuid, "uefi")
    with pytest.raises(exception.UnsupportedDriverExtension,
                       match="set_secure_boot_state"):
        rpc.set_secure_boot_state(ctx, node.uuid, True)
    assert _stored(ctx, node).reservation is None


def test_driver_failure_is_recorded_in_last_error(rpc, ctx, make_node,
                                                  monkeypatch) -> None:
    def broken(self, task, mode):
        raise exception.ManagementError(reason="BMC said no")

    monkeypatch.setattr(fake.FakeManagement, "set_boot_mode", broken)
    node = make_node()
    with pytest.raises(exception.ManagementError):
        rpc.set_boot_mode(ctx, node.uuid, "uefi")
    stored = _stored(ctx, node)
    assert "BMC said no" in stored.last_error and stored.boot_mode is None
