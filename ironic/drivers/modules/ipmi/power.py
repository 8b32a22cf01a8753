"""IPMI power interface (entry point ``ipmitool``), spoken through pyghmi.

Changes are sent as Chassis Control commands and then confirmed by polling
Chassis Status from the caller's thread (pyghmi's own ``wait=True`` is never
used), up to ``[ipmi] power_state_change_timeout`` or, for soft actions,
``[ipmi] soft_power_off_timeout``, or the timeout given by the API.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ironic.common import exception
from ironic.common import states
from ironic.conf import CONF
from ironic.drivers.interfaces.power import PowerInterface
from ironic.drivers.modules import power_wait
from ironic.drivers.modules.ipmi import boot_device
from ironic.drivers.modules.ipmi import client
from ironic.drivers.modules.ipmi import info as ipmi_info

if TYPE_CHECKING:
    from ironic.drivers.task import Task

CHASSIS = 0x00
"""Chassis network function."""
GET_STATUS = 0x01
"""Get Chassis Status."""
CONTROL = 0x02
"""Chassis Control."""


class ChassisAction:
    """Chassis Control data byte values (IPMI 2.0, table 28-4)."""

    OFF = 0x00
    ON = 0x01
    CYCLE = 0x02
    RESET = 0x03
    NMI = 0x04
    SOFT_OFF = 0x05


def read_power(task: Task) -> str:
    """``states.POWER_ON`` or ``POWER_OFF`` as the BMC reports it now.

    :raises: BMCTimeout, BMCCredentialsRejected, BMCCommandFailed,
        BMCMalformedResponse
    """
    info = ipmi_info.parse(task.node)
    data = client.raw(task.node.uuid, info, CHASSIS, GET_STATUS,
                      action="get power state")
    if not data:
        raise exception.BMCMalformedResponse(
            node=task.node.uuid, address=info.endpoint,
            reason="empty Chassis Status answer")
    return states.POWER_ON if data[0] & 0x01 else states.POWER_OFF


def chassis_control(task: Task, action: int, what: str) -> None:
    """Send one Chassis Control command.

    :raises: BMCTimeout, BMCCredentialsRejected, BMCCommandFailed
    """
    info = ipmi_info.parse(task.node)
    client.raw(task.node.uuid, info, CHASSIS, CONTROL, (action,), action=what)


def wait_for(task: Task, target: str, timeout_s: float) -> None:
    """Poll until the node reports ``target``.

    :raises: PowerStateTimeout, or the errors of :func:`read_power`.
    """
    power_wait.wait_for(task, read_power, target, timeout_s=timeout_s,
                        interval_s=CONF.ipmi.power_poll_interval)


class IPMIPower(PowerInterface):
    """Power control over IPMI 2.0 (RMCP+)."""

    def get_properties(self) -> dict[str, str]:
        return dict(ipmi_info.COMMON_PROPERTIES)

    def validate(self, task: Task) -> None:
        ipmi_info.parse(task.node)

    def get_power_state(self, task: Task) -> str:
        return read_power(task)

    def get_supported_power_states(self, task: Task) -> list[str]:
        return [states.POWER_ON, states.POWER_OFF, states.REBOOT,
                states.SOFT_REBOOT, states.SOFT_POWER_OFF]

    def set_power_state(self, task: Task, target: str, *,
                        timeout_s: float | None = None) -> None:
        if target == states.POWER_ON:
            self._power_on(task, timeout_s)
        elif target == states.POWER_OFF:
            self._power_off(task, ChassisAction.OFF, timeout_s
                            or CONF.ipmi.power_state_change_timeout)
        elif target == states.SOFT_POWER_OFF:
            self._power_off(task, ChassisAction.SOFT_OFF, timeout_s
                            or CONF.ipmi.soft_power_off_timeout)
        elif target in (states.REBOOT, states.SOFT_REBOOT):
            self._reboot(task, soft=target == states.SOFT_REBOOT,
                         timeout_s=timeout_s)
        else:
            raise exception.InvalidParameterValue(
                err=f"Node {task.node.uuid}: set_power_state called with an "
                    f"invalid power state: {target}")

    def reboot(self, task: Task, *, timeout_s: float | None = None) -> None:
        self._reboot(task, soft=False, timeout_s=timeout_s)

    def _reboot(self, task: Task, *, soft: bool, timeout_s: float | None) -> None:
        if soft:
            self._power_off(task, ChassisAction.SOFT_OFF,
                            timeout_s or CONF.ipmi.soft_power_off_timeout)
        else:
            self._power_off(task, ChassisAction.OFF,
                            timeout_s or CONF.ipmi.power_state_change_timeout)
        self._power_on(task, timeout_s)

    def _power_on(self, task: Task, timeout_s: float | None) -> None:
        if read_power(task) == states.POWER_ON:
            return
        _resend_boot_device(task)
        chassis_control(task, ChassisAction.ON, "power on")
        wait_for(task, states.POWER_ON,
                 timeout_s or CONF.ipmi.power_state_change_timeout)

    def _power_off(self, task: Task, action: int, timeout_s: float) -> None:
        if read_power(task) == states.POWER_OFF:
            return
        what = "soft power off" if action == ChassisAction.SOFT_OFF else "power off"
        chassis_control(task, action, what)
        wait_for(task, states.POWER_OFF, timeout_s)


def _resend_boot_device(task: Task) -> None:
    """With ipmi_force_boot_device, repeat the recorded boot device first."""
    info = ipmi_info.parse(task.node)
    if not info.force_boot_device:
        return
    stored = (task.node.driver_internal_info or {}).get(
        boot_device.PERSISTENT_DEVICE_KEY)
    if stored:
        boot_device.send(task, stored, persistent=False)
