"""Node record flows: create, update, destroy, and interface validation."""
from __future__ import annotations

import logging
from typing import Any

from oslo_utils import uuidutils

from ironic.common import exception
from ironic.common import states
from ironic.conf import CONF
from ironic.drivers import base as drivers_base
from ironic.drivers import factory

LOG = logging.getLogger(__name__)

INTERFACE_UPDATE_STATES = (states.ENROLL, states.INSPECTING, states.INSPECTWAIT,
                           states.MANAGEABLE, states.AVAILABLE)
"""Provision states in which interfaces, driver and resource class may change."""

_INTERFACE_FIELDS = {f"{kind}_interface": kind for kind in factory.INTERFACE_KINDS}


def create(node: Any) -> Any:
    """Fill in default interfaces, refuse invalid ones, and store the node.

    :raises: DriverNotFound, InterfaceNotFoundInEntrypoint, IncompatibleInterface,
        NoValidDefaultForInterface, DuplicateName, NodeAlreadyExists
    """
    if not node.obj_attr_is_set("uuid") or not node.uuid:
        node.uuid = uuidutils.generate_uuid()
    factory.check_and_update_node_interfaces(node)
    node.create()
    LOG.info("Node %s created with hardware type %s", node.uuid, node.driver)
    return node


def check_update(current: Any, node: Any, *, reset_interfaces: bool) -> None:
    """Refuse an update of ``current`` into ``node`` that is not allowed now.

    Interface fields are filled or reset on ``node`` as a side effect.

    :raises: InvalidState, InvalidParameterValue, NodeAssociated, DriverNotFound,
        InterfaceNotFoundInEntrypoint, IncompatibleInterface,
        NoValidDefaultForInterface
    """
    delta = node.obj_what_changed()
    _check_protected(node, delta)
    _check_retired(node, delta)
    changed_ifaces = [f for f in _INTERFACE_FIELDS if f in delta]
    for field in changed_ifaces:
        _check_state_allows(node, field, maintenance_ok=True)
    if "resource_class" in delta and current.resource_class:
        _check_state_allows(current, "resource_class", maintenance_ok=False)
    if "instance_uuid" in delta and node.instance_uuid and current.instance_uuid:
        raise exception.NodeAssociated(node=node.uuid, instance=current.instance_uuid)
    if "driver" in delta or changed_ifaces:
        reset = ({k for f, k in _INTERFACE_FIELDS.items() if f not in delta}
                 if "driver" in delta and reset_interfaces else set())
        factory.check_and_update_node_interfaces(node, reset=reset)


def _check_protected(node: Any, delta: set[str]) -> None:
    if "protected" in delta:
        if not node.protected:
            node.protected_reason = None
        elif node.provision_state not in (states.ACTIVE, states.RESCUE):
            raise exception.InvalidState(
                f"Node {node.uuid} can only be made protected in provision "
                f"states 'active' or 'rescue', the current state is "
                f"'{node.provision_state}'")
    if "protected_reason" in delta and node.protected_reason and not node.protected:
        raise exception.InvalidParameterValue(
            err="The protected_reason field can only be set when protected is True")


def _check_retired(node: Any, delta: set[str]) -> None:
    if "retired" in delta:
        if not node.retired:
            node.retired_reason = None
        elif node.provision_state == states.AVAILABLE:
            raise exception.InvalidState(
                f"Node {node.uuid} can not be retired in provision state "
                f"'available'; move it to manageable first")
    if "retired_reason" in delta and node.retired_reason and not node.retired:
        raise exception.InvalidParameterValue(
            err="The retired_reason field can only be set when retired is True")


def _check_state_allows(node: Any, field: str, *, maintenance_ok: bool) -> None:
    if node.provision_state in INTERFACE_UPDATE_STATES:
        return
    if maintenance_ok and node.maintenance:
        return
    hint = " or in maintenance mode" if maintenance_ok else ""
    raise exception.InvalidState(
        f"Node {node.uuid} can not have {field} updated unless it is in one of "
        f"allowed ({', '.join(INTERFACE_UPDATE_STATES)}) states{hint}. Current "
        f"state is '{node.provision_state}'.")


def update(task: Any, node: Any, *, reset_interfaces: bool) -> Any:
    """Validate and save the changes of ``node`` (the task holds its lock).

    :raises: see :func:`check_update`
    """
    _check_not_changed_since_read(task.node, node)
    delta = node.obj_what_changed()
    if "maintenance" in delta and not node.maintenance:
        node.maintenance_reason = None
        node.fault = None
    check_update(task.node, node, reset_interfaces=reset_interfaces)
    node.save()
    task.node = node
    return node


def _check_not_changed_since_read(locked: Any, node: Any) -> None:
    """Refuse saving a copy read before another write (no lost updates).

    ``updated_at`` changes with every content write (never with the lock), so
    a copy whose ``updated_at`` differs from the locked row's is stale.

    :raises: NodeChangedConcurrently
    """
    if not node.obj_attr_is_set("updated_at") or "updated_at" in node.obj_what_changed():
        return
    if _naive(node.updated_at) != _naive(locked.updated_at):
        raise exception.NodeChangedConcurrently(node=locked.uuid)


def _naive(moment: Any) -> Any:
    return moment.replace(tzinfo=None) if moment is not None else None


def check_destroy(node: Any) -> None:
    """Refuse deleting a node that is in use or in a state that forbids it.

    :raises: NodeAssociated, NodeProtected, InvalidState
    """
    if not node.maintenance and node.instance_uuid is not None:
        raise exception.NodeAssociated(node=node.uuid, instance=node.instance_uuid)
    if node.protected:
        raise exception.NodeProtected(node=node.uuid)
    allowed = tuple(states.DELETE_ALLOWED_STATES)
    if CONF.conductor.allow_deleting_available_nodes:
        allowed += (states.AVAILABLE,)
    if not node.maintenance and node.provision_state not in allowed:
        raise exception.InvalidState(
            f'Can not delete node "{node.uuid}" while it is in provision state '
            f'"{node.provision_state}". Valid provision states to perform '
            f'deletion are: "{", ".join(allowed)}", or set the node into '
            f'maintenance mode')


def destroy(task: Any) -> None:
    """Delete the task's node after the checks of :func:`check_destroy`.

    :raises: NodeAssociated, NodeProtected, InvalidState
    """
    check_destroy(task.node)
    if task.node.console_enabled and task.driver is not None:
        try:
            task.driver.console.stop_console(task)
        except exception.IronicError as e:
            LOG.warning("Node %s: console not stopped before deletion: %s",
                        task.node.uuid, e)
    task.node.destroy()
    LOG.info("Node %s deleted", task.node.uuid)


def validate_interfaces(task: Any) -> dict[str, dict[str, Any]]:
    """``{kind: {"result": bool, "reason": str}}`` from each interface's validate.

    Every kind but ``vendor`` is reported; ``reason`` is present only on
    failure. Nothing here contacts the BMC.
    """
    results: dict[str, dict[str, Any]] = {}
    for kind in drivers_base.INTERFACE_ABCS:
        if kind == "vendor":
            continue
        impl = getattr(task.driver, kind)
        try:
            impl.validate(task)
        except exception.IronicError as e:
            results[kind] = {"result": False, "reason": str(e)}
        except Exception as e:
            LOG.exception("Node %s: unexpected error validating %s", task.node.uuid,
                          kind)
            results[kind] = {"result": False,
                             "reason": f"Unexpected error on conductor "
                                       f"{CONF.host}: {e}"}
        else:
            results[kind] = {"result": True}
    return results
