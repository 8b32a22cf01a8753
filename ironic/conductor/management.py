"""Management flows: boot device, boot mode, secure boot, NMI, console, RAID
target, vendor queries, indicators and virtual media."""
from __future__ import annotations

import logging
from typing import Any

from ironic.common import exception
from ironic.common import states

LOG = logging.getLogger(__name__)

BOOT_SETTING_BUSY_STATES = frozenset({
    states.VERIFYING, states.DEPLOYING, states.DEPLOYWAIT, states.CLEANING,
    states.CLEANWAIT, states.DELETING, states.INSPECTING, states.INSPECTWAIT,
    states.ADOPTING, states.RESCUING, states.RESCUEWAIT, states.UNRESCUING,
    states.SERVICING, states.SERVICEWAIT,
})
"""Provision states in which boot mode and secure boot must not change: a flow
is working on the node and may itself depend on the current settings."""


def set_boot_device(task: Any, device: str, persistent: bool) -> None:
    """Set the next boot device (driver state saved with the node).

    :raises: InvalidParameterValue, UnsupportedDriverExtension
    """
    task.driver.management.validate(task)
    task.driver.management.set_boot_device(task, device, persistent=persistent)
    task.node.save()


def get_boot_device(task: Any) -> dict[str, Any]:
    """The current boot device as the management interface reports it."""
    task.driver.management.validate(task)
    return task.driver.management.get_boot_device(task)  # type: ignore[no-any-return]


def get_supported_boot_devices(task: Any) -> list[str]:
    """Boot devices the node's management interface accepts."""
    return list(task.driver.management.get_supported_boot_devices(task))


def inject_nmi(task: Any) -> None:
    """Send a non-maskable interrupt.

    :raises: UnsupportedDriverExtension
    """
    task.driver.management.validate(task)
    task.driver.management.inject_nmi(task)


def set_console_mode(task: Any, enabled: bool) -> None:
    """Start or stop the console and record ``console_enabled``.

    :raises: UnsupportedDriverExtension
    """
    console = task.driver.console
    console.validate(task)
    if enabled:
        console.start_console(task)
    else:
        console.stop_console(task)
    task.node.console_enabled = enabled
    task.node.last_error = None
    task.node.save()


def get_console_information(task: Any) -> dict[str, Any]:
    """``{"console_enabled": True, "console_info": {...}}`` of an enabled console.

    :raises: NodeConsoleNotEnabled, UnsupportedDriverExtension
    """
    task.driver.console.validate(task)
    if not task.node.console_enabled:
        raise exception.NodeConsoleNotEnabled(node=task.node.uuid)
    return task.driver.console.get_console(task)  # type: ignore[no-any-return]


def set_target_raid_config(task: Any, target: dict[str, Any]) -> None:
    """Validate and store a target RAID configuration ({} clears it).

    :raises: UnsupportedDriverExtension, InvalidParameterValue
    """
    if target:
        task.driver.raid.validate_raid_config(task, target)
    task.node.target_raid_config = target
    task.node.save()


def vendor_methods(task: Any) -> dict[str, Any]:
    """Vendor passthru methods of the node's vendor interface."""
    routes = task.driver.vendor.vendor_routes()
    return {name: {k: v for k, v in info.items() if k != "func"}
            for name, info in routes.items()}


def _check_boot_setting_allowed(task: Any, what: str) -> None:
    state = task.node.provision_state
    if state in BOOT_SETTING_BUSY_STATES:
        raise exception.InvalidState(
            f"Node {task.node.uuid} is in {state} state. Since the node is "
            f"transitioning, the {what} will not be changed, as this may interfere "
            "with the ongoing operation. Try again later.")


def _record_failure(task: Any, what: str, value: Any, error: Exception) -> None:
    task.node.refresh()
    task.node.last_error = f"Failed to change {what} to '{value}': {error}"
    task.node.save()
    LOG.warning("Node %s: failed to change %s to %s: %s", task.node.uuid, what,
                value, error)


def set_boot_mode(task: Any, mode: str) -> None:
    """Switch the node's boot mode (``bios``/``uefi``) and record it.

    :raises: InvalidState while the node is transitioning (409),
        UnsupportedDriverExtension, InvalidParameterValue (400),
        DriverError (``last_error`` is set).
    """
    _check_boot_setting_allowed(task, "boot mode")
    management = task.driver.management
    management.validate(task)
    supported = management.get_supported_boot_modes(task)
    if mode not in supported:
        raise exception.InvalidParameterValue(
            err=f"Unsupported boot mode {mode} requested for node {task.node.uuid}; "
                f"supported boot modes: {', '.join(supported)}")
    try:
        management.set_boot_mode(task, mode)
    except exception.DriverError as e:
        _record_failure(task, "boot mode", mode, e)
        raise
    task.node.boot_mode = mode
    task.node.last_error = None
    task.node.save()
    LOG.info("Node %s: boot mode is now %s", task.node.uuid, mode)


def set_secure_boot_state(task: Any, enabled: bool) -> None:
    """Turn UEFI secure boot on or off and record it.

    :raises: InvalidState while the node is transitioning (409),
        UnsupportedDriverExtension (400), DriverError (``last_error`` is set).
    """
    _check_boot_setting_allowed(task, "secure boot state")
    management = task.driver.management
    management.validate(task)
    try:
        management.set_secure_boot_state(task, enabled)
    except exception.DriverError as e:
        _record_failure(task, "secure boot state", enabled, e)
        raise
    task.node.secure_boot = bool(enabled)
    task.node.last_error = None
    task.node.save()
    LOG.info("Node %s: secure boot is now %s", task.node.uuid,
             "on" if enabled else "off")


# --- indicators ---------------------------------------------------------------

INDICATOR_STATES = ("ON", "OFF", "BLINKING")
"""States an indicator can be set to (``UNKNOWN`` can only be read)."""


def get_supported_indicators(task: Any,
                             component: str | None = None) -> dict[str, dict[str, Any]]:
    """``{component: {indicator: {"readonly", "states"}}}``, of one component
    when given.

    :raises: UnsupportedDriverExtension, InvalidParameterValue
    """
    management = task.driver.management
    management.validate(task)
    found = management.get_supported_indicators(task)
    return {c: dict(names) for c, names in found.items()
            if component is None or c == component}


def get_indicator_state(task: Any, component: str, indicator: str) -> str:
    """The state of ``indicator`` on ``component``.

    :raises: UnsupportedDriverExtension, InvalidParameterValue
    """
    management = task.driver.management
    management.validate(task)
    return str(management.get_indicator_state(task, component, indicator))


def set_indicator_state(task: Any, component: str, indicator: str, state: str) -> None:
    """Light, blink or turn off one indicator (driver state saved with the node).

    :raises: UnsupportedDriverExtension, InvalidParameterValue
    """
    if state not in INDICATOR_STATES:
        raise exception.InvalidParameterValue(
            err=f"Invalid indicator state {state!r}; expected one of "
                f"{', '.join(INDICATOR_STATES)}")
    management = task.driver.management
    management.validate(task)
    management.set_indicator_state(task, component, indicator, state)
    task.node.save()


# --- virtual media ------------------------------------------------------------

def attach_virtual_media(task: Any, device_type: str, image_url: str) -> None:
    """Insert ``image_url`` as ``device_type`` on the node's BMC.

    :raises: UnsupportedDriverExtension, InvalidParameterValue,
        DriverError (``last_error`` is set).
    """
    management = task.driver.management
    management.validate(task)
    try:
        management.attach_virtual_media(task, device_type, image_url)
    except exception.DriverError as e:
        _record_failure(task, f"virtual media {device_type}", image_url, e)
        raise
    task.node.last_error = None
    task.node.save()
    LOG.info("Node %s: virtual media %s attached (%s)", task.node.uuid, device_type,
             image_url)


def detach_virtual_media(task: Any, device_types: list[str] | None = None) -> None:
    """Eject the media of ``device_types`` (every type when None).

    :raises: UnsupportedDriverExtension, InvalidParameterValue,
        DriverError (``last_error`` is set).
    """
    management = task.driver.management
    management.validate(task)
    what = ", ".join(device_types) if device_types else "all"
    try:
        management.detach_virtual_media(task, device_types)
    except exception.DriverError as e:
        _record_failure(task, "virtual media", f"ejected ({what})", e)
        raise
    task.node.last_error = None
    task.node.save()
    LOG.info("Node %s: virtual media detached (%s)", task.node.uuid, what)


def get_virtual_media(task: Any) -> list[dict[str, Any]]:
    """The node's virtual media slots and what they hold.

    :raises: UnsupportedDriverExtension
    """
    management = task.driver.management
    management.validate(task)
    return list(management.get_virtual_media(task))
