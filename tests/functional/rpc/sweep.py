"""Call every ConductorAPI method against a remote conductor and check the answers.

Runs in the test process with a real ConductorAPI (same transport and database
as the topology). Each call must be answered by the remote conductor: a result,
or an Ironic exception of the class the conductor raised. A missing answer
(ServiceUnavailable) or an unexpected remote error fails the sweep.
"""
from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

import pytest

from ironic import objects
from ironic.common import context as ir_context
from ironic.common import exception
from ironic.conductor import rpcapi

Check = Callable[[Any], Any]


class Sweep:
    """Holds the client, context and the methods called so far."""

    def __init__(self, node_uuid: str) -> None:
        self.api = rpcapi.ConductorAPI()
        self.ctx = ir_context.get_admin_context()
        self.uuid = node_uuid
        self.called: set[str] = set()

    def node(self) -> Any:
        return objects.Node.get(self.ctx, self.uuid)

    def topic(self) -> str:
        return self.api.get_topic_for(self.node())

    def call(self, method: str, *args: Any, raises: type[Exception] | None = None,
             node_topic: bool = True, **kwargs: Any) -> Any:
        """Call ``method``; with ``raises`` the call must raise exactly that class."""
        self.called.add(method)
        if node_topic:
            kwargs.setdefault("topic", self.topic())
        func = getattr(self.api, method)
        if raises is None:
            return func(self.ctx, *args, **kwargs)
        with pytest.raises(raises) as info:
            func(self.ctx, *args, **kwargs)
        assert not isinstance(info.value, exception.ServiceUnavailable), info.value
        assert "Traceback" not in str(info.value)
        return info.value

    def answer(self, method: str, *args: Any, **kwargs: Any) -> Any:
        """Call ``method``; a result or any Ironic error answer is fine.

        For calls whose outcome is the flow's business, not the bus's.
        """
        try:
            return self.call(method, *args, **kwargs)
        except exception.IronicError as e:
            assert not isinstance(e, exception.ServiceUnavailable), e
            assert "Traceback" not in str(e)
            return e

    def wait_state(self, state: str, timeout: float = 30) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            node = self.node()
            if node.provision_state == state and node.reservation is None:
                return node
            time.sleep(0.1)
        raise AssertionError(f"node {self.uuid} stuck in {self.node().provision_state}"
                             f" (wanted {state}): {self.node().last_error}")


EVERY_METHOD = {
    "add_node_traits", "remove_node_traits", "change_node_power_state",
    "continue_node_clean", "create_node", "create_port", "update_node", "update_port",
    "update_portgroup", "destroy_node", "destroy_port", "destroy_portgroup",
    "update_volume_connector", "destroy_volume_connector", "update_volume_target",
    "destroy_volume_target", "do_node_clean", "do_node_deploy", "do_node_tear_down",
    "do_node_rescue", "do_node_unrescue", "do_provisioning_action", "inspect_hardware",
    "heartbeat", "inject_nmi", "set_boot_device", "get_boot_device",
    "get_supported_boot_devices", "set_console_mode", "get_console_information",
    "set_target_raid_config", "get_raid_logical_disk_properties",
    "get_driver_properties", "validate_driver_interfaces", "vendor_passthru",
    "driver_vendor_passthru", "get_node_vendor_passthru_methods",
    "get_driver_vendor_passthru_methods", "vif_attach", "vif_detach", "vif_list",
    "object_action", "object_class_action_versions", "object_backport_versions",
    "continue_node_deploy", "create_allocation", "destroy_allocation",
    "do_node_service", "set_boot_mode", "set_secure_boot_state",
}
"""The methods the issue lists plus the later ones the API uses."""


def run(node_uuid: str) -> set[str]:
    """Sweep every method; returns the names called (checked by the caller)."""
    s = Sweep(node_uuid)
    _nodes_and_traits(s)
    _power_and_management(s)
    _ports_and_volumes(s)
    _drivers_and_vendor(s)
    _provisioning(s)
    _indirection_and_allocations(s)
    return s.called


def _nodes_and_traits(s: Sweep) -> None:
    new = objects.Node(s.ctx, uuid=str(uuid.uuid4()), driver="fake-hardware",
                       conductor_group="", provision_state="enroll", name=None)
    created = s.call("create_node", new, topic=s.api.get_topic_for(new))
    assert created.power_interface == "fake" and created.id
    node = s.node()
    node.extra = {"swept": "yes"}
    assert s.call("update_node", node).extra == {"swept": "yes"}
    s.call("add_node_traits", s.uuid, ["CUSTOM_SWEEP"])
    assert s.node().traits.get_trait_names() == ["CUSTOM_SWEEP"]
    s.call("remove_node_traits", s.uuid, ["CUSTOM_SWEEP"])
    s.call("remove_node_traits", s.uuid, ["CUSTOM_SWEEP"], raises=exception.NodeTraitNotFound)
    result = s.call("validate_driver_interfaces", s.uuid)
    assert result["power"]["result"] is True
    s.call("destroy_node", created.uuid, topic=s.api.get_topic_for(created))
    with pytest.raises(exception.NodeNotFound):
        objects.Node.get(s.ctx, created.uuid)
    # Errors cross the bus as their class: a locked node and a missing one.
    objects.Node.reserve(s.ctx, "sweep-holder", s.uuid)
    try:
        error = s.call("change_node_power_state", s.uuid, "power on",
                       raises=exception.NodeLocked)
        assert error.code == 409 and "sweep-holder" in str(error)
    finally:
        objects.Node.release(s.ctx, "sweep-holder", s.uuid)
    missing = str(uuid.uuid4())
    error = s.call("vif_list", missing, raises=exception.NodeNotFound)
    assert error.code == 404


def _power_and_management(s: Sweep) -> None:
    s.call("change_node_power_state", s.uuid, "power on", timeout=10)
    deadline = time.monotonic() + 20
    while s.node().power_state != "power on" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert s.node().power_state == "power on"
    s.call("set_boot_device", s.uuid, "pxe", persistent=True)
    assert s.call("get_boot_device", s.uuid) == {"boot_device": "pxe", "persistent": True}
    assert set(s.call("get_supported_boot_devices", s.uuid)) == {"pxe", "disk"}
    s.call("set_boot_mode", s.uuid, "uefi")
    s.call("set_secure_boot_state", s.uuid, True)
    s.call("inject_nmi", s.uuid)
    s.call("set_console_mode", s.uuid, True, raises=exception.UnsupportedDriverExtension)
    s.call("get_console_information", s.uuid,
           raises=exception.UnsupportedDriverExtension)
    s.call("set_target_raid_config", s.uuid, {"logical_disks": []},
           raises=exception.UnsupportedDriverExtension)


def _ports_and_volumes(s: Sweep) -> None:
    node = s.node()
    port = objects.Port(s.ctx, uuid=str(uuid.uuid4()), node_id=node.id,
                        address="52:54:00:aa:bb:01")
    port = s.call("create_port", port)
    port.extra = {"a": "b"}
    assert s.call("update_port", port).extra == {"a": "b"}
    vif = str(uuid.uuid4())
    s.call("vif_attach", s.uuid, {"id": vif})
    assert [v["id"] for v in s.call("vif_list", s.uuid)] == [vif]
    s.call("vif_detach", s.uuid, vif)
    s.call("destroy_port", port)
    group = objects.Portgroup(s.ctx, uuid=str(uuid.uuid4()), node_id=node.id,
                              address="52:54:00:aa:bb:02", name=None)
    group.create()
    group.extra = {"g": "1"}
    assert s.call("update_portgroup", group).extra == {"g": "1"}
    s.call("destroy_portgroup", group)
    connector = objects.VolumeConnector(s.ctx, uuid=str(uuid.uuid4()), node_id=node.id,
                                        type="iqn", connector_id=f"iqn.{uuid.uuid4()}")
    connector.create()
    target = objects.VolumeTarget(s.ctx, uuid=str(uuid.uuid4()), node_id=node.id,
                                  volume_type="iscsi", boot_index=0,
                                  volume_id=str(uuid.uuid4()))
    target.create()
    s.call("change_node_power_state", s.uuid, "power off")
    deadline = time.monotonic() + 20
    while s.node().power_state != "power off" and time.monotonic() < deadline:
        time.sleep(0.1)
    connector.extra = {"c": "1"}
    assert s.call("update_volume_connector", connector).extra == {"c": "1"}
    target.extra = {"t": "1"}
    assert s.call("update_volume_target", target).extra == {"t": "1"}
    s.call("destroy_volume_connector", connector)
    s.call("destroy_volume_target", target)


def _drivers_and_vendor(s: Sweep) -> None:
    driver_topic = s.api.get_topic_for_driver("fake-hardware")
    assert driver_topic.startswith(rpcapi.MANAGER_TOPIC + ".")
    assert isinstance(s.call("get_driver_properties", "fake-hardware",
                             topic=driver_topic), dict)
    s.call("get_raid_logical_disk_properties", "fake-hardware", topic=driver_topic,
           raises=exception.UnsupportedDriverExtension)
    assert s.call("get_driver_vendor_passthru_methods", "fake-hardware",
                  topic=driver_topic) == {}
    # fake-hardware has no vendor methods: any Ironic error answer will do.
    s.call("driver_vendor_passthru", "fake-hardware", "probe", "POST", {},
           topic=driver_topic, raises=exception.IronicError)
    assert s.call("get_node_vendor_passthru_methods", s.uuid) == {}
    s.call("vendor_passthru", s.uuid, "probe", "POST", {}, raises=exception.IronicError)


def _provisioning(s: Sweep) -> None:
    s.call("do_node_deploy", s.uuid)
    s.wait_state("active")
    s.answer("inspect_hardware", s.uuid)
    s.answer("heartbeat", s.uuid, "http://127.0.0.1:9", agent_version="10.0.0")
    s.call("continue_node_deploy", s.uuid)  # casts: nobody waits for an answer
    s.call("continue_node_clean", s.uuid)
    s.answer("do_node_rescue", s.uuid, "secret")
    s.answer("do_node_unrescue", s.uuid)
    s.answer("do_node_service", s.uuid, [{"interface": "deploy", "step": "nonexistent"}])
    s.wait_state("active")
    s.call("do_node_tear_down", s.uuid)
    s.wait_state("available")
    s.call("do_provisioning_action", s.uuid, "manage")
    s.wait_state("manageable")
    s.answer("do_node_clean", s.uuid, [])
    s.wait_state("manageable")
    s.call("do_provisioning_action", s.uuid, "provide")
    s.wait_state("available")
    assert s.node().reservation is None


def _indirection_and_allocations(s: Sweep) -> None:
    found = s.call("object_class_action_versions", "Node", "get_by_uuid",
                   {"Node": "1.0"}, (s.uuid,), {}, node_topic=False)
    assert found.uuid == s.uuid
    updates, _ = s.call("object_action", s.node(), "refresh", (), {}, node_topic=False)
    assert isinstance(updates, dict)
    backported = s.call("object_backport_versions", s.node(), {"Node": "1.0"},
                        node_topic=False)
    assert backported.obj_name() == "Node" and backported.uuid == s.uuid
    allocation = objects.Allocation(s.ctx, uuid=str(uuid.uuid4()), name=None,
                                    resource_class="sweep-none", traits=[],
                                    candidate_nodes=[], state="allocating")
    created = s.call("create_allocation", allocation,
                     topic=s.api.get_random_topic())
    assert created.uuid == allocation.uuid
    s.call("destroy_allocation", created, topic=s.api.get_random_topic())
    assert s.api.can_send_create_port() and s.api.can_send_rescue()
