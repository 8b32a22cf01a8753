"""Volume connector/target update and deletion through the RPC API."""
from __future__ import annotations

import pytest
from oslo_utils import uuidutils

from ironic import objects
from ironic.common import exception
from ironic.common import states


def _connector(ctx, node):
    obj = objects.VolumeConnector(ctx, uuid=uuidutils.generate_uuid(), node_id=node.id,
                                  type="iqn", connector_id=f"iqn.{node.id}", extra={})
    obj.create()
    return obj


def _target(ctx, node, boot_index=0):
    obj = objects.VolumeTarget(ctx, uuid=uuidutils.generate_uuid(), node_id=node.id,
                               volume_type="iscsi", volume_id=f"v{boot_index}",
                               boot_index=boot_index, properties={}, extra={})
    obj.create()
    return obj


def test_update_connector_of_powered_off_node(rpc, ctx, make_node) -> None:
    node = make_node(power_state=states.POWER_OFF, provision_state=states.ACTIVE)
    connector = _connector(ctx, node)
    connector.extra = {"a": "b"}
    rpc.update_volume_connector(ctx, connector)
    assert objects.VolumeConnector.get_by_uuid(ctx, connector.uuid).extra == {"a": "b"}


@pytest.mark.parametrize("power", [states.POWER_ON, None])
def test_update_refused_unless_powered_off(rpc, ctx, make_node, power) -> None:
    node = make_node(power_state=power, provision_state=states.MANAGEABLE)
    target = _target(ctx, node)
    target.volume_id = "changed"
    with pytest.raises(exception.InvalidStateRequested, match="volume target update"):
        rpc.update_volume_target(ctx, target)
    assert objects.VolumeTarget.get_by_uuid(ctx, target.uuid).volume_id == "v0"
    assert objects.Node.get(ctx, node.uuid).reservation is None


def test_update_to_duplicate_boot_index_is_conflict(rpc, ctx, make_node) -> None:
    node = make_node(power_state=states.POWER_OFF)
    _target(ctx, node, 0)
    second = _target(ctx, node, 1)
    second.boot_index = 0
    with pytest.raises(exception.VolumeTargetBootIndexAlreadyExists):
        rpc.update_volume_target(ctx, second)


@pytest.mark.parametrize(("power", "provision", "allowed"), [
    (states.POWER_ON, states.ENROLL, True),
    (states.POWER_ON, states.MANAGEABLE, True),
    (states.POWER_ON, states.AVAILABLE, False),
    (states.POWER_ON, states.ACTIVE, False),
    (states.POWER_OFF, states.ACTIVE, True),
])
def test_destroy_rules(rpc, ctx, make_node, power, provision, allowed) -> None:
    node = make_node(power_state=power, provision_state=provision)
    connector = _connector(ctx, node)
    if allowed:
        rpc.destroy_volume_connector(ctx, connector)
        assert objects.VolumeConnector.list(ctx) == []
    else:
        with pytest.raises(exception.InvalidStateRequested, match="deletion"):
            rpc.destroy_volume_connector(ctx, connector)
        assert len(objects.VolumeConnector.list(ctx)) == 1


def test_destroy_target_of_locked_node_is_refused(rpc, ctx, make_node) -> None:
    node = make_node(power_state=states.POWER_OFF)
    target = _target(ctx, node)
    objects.Node.reserve(ctx, "other-host", node.uuid)
    with pytest.raises(exception.NodeLocked):
        rpc.destroy_volume_target(ctx, target)
    assert len(objects.VolumeTarget.list(ctx)) == 1
