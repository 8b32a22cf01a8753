"""IPMI serial console (entry point ``ipmitool-socat``): not available yet.

Ironic's ``ipmitool-socat`` console runs ``ipmitool sol activate`` behind a
socat TCP listener. This driver speaks IPMI only through pyghmi, which has a
Serial-over-LAN client but no TCP proxy yet here, so validation checks the
console's driver_info and starting the console answers a clear "not supported
yet" instead of half-working.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ironic.common import exception
from ironic.drivers.interfaces.console import ConsoleInterface
from ironic.drivers.modules.ipmi import info as ipmi_info

if TYPE_CHECKING:
    from ironic.drivers.task import Task


class IPMISocatConsole(ConsoleInterface):
    """Serial-over-LAN console placeholder with honest refusals."""

    def get_properties(self) -> dict[str, str]:
        return {**ipmi_info.COMMON_PROPERTIES, **ipmi_info.CONSOLE_PROPERTIES}

    def validate(self, task: Task) -> None:
        info = ipmi_info.parse(task.node)
        if info.terminal_port is None:
            raise exception.MissingParameterValue(
                err=f"Node {task.node.uuid}: missing driver_info "
                    f"ipmi_terminal_port (needed for the serial console)")

    def _unsupported(self, task: Task) -> exception.BMCFeatureUnsupported:
        return exception.BMCFeatureUnsupported(
            node=task.node.uuid, feature="the IPMI serial-over-LAN console",
            reason="the pyghmi-based driver has no console proxy yet; use "
                   "the no-console interface")

    def start_console(self, task: Task) -> None:
        raise self._unsupported(task)

    def stop_console(self, task: Task) -> None:
        # Nothing can be running, so stopping is always done (re-entrant).
        return None

    def get_console(self, task: Task) -> dict[str, Any]:
        raise self._unsupported(task)
