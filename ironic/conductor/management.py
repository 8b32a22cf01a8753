"""Management flows: boot device, NMI, console, RAID target and vendor queries."""
from __future__ import annotations

from typing import Any

from ironic.common import exception


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
