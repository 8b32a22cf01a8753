"""Redfish power interface (entry point ``redfish``), through sushy.

Changes are ComputerSystem.Reset actions confirmed by polling PowerState from
the caller's thread, up to ``[redfish] power_state_change_timeout`` (or
``soft_power_off_timeout`` for graceful actions, or the API's timeout).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ironic.common import exception
from ironic.common import states
from ironic.conf import CONF
from ironic.drivers.interfaces.power import PowerInterface
from ironic.drivers.modules import power_wait
from ironic.drivers.modules.redfish import info as redfish_info
from ironic.drivers.modules.redfish import session

if TYPE_CHECKING:
    from ironic.drivers.task import Task

_FROM_REDFISH = {session.POWER_ON: states.POWER_ON,
                 session.POWERING_OFF: states.POWER_ON,
                 session.POWER_OFF: states.POWER_OFF,
                 session.POWERING_ON: states.POWER_OFF}
"""Redfish PowerState -> ours; a transition counts as where it comes from."""


def read_power(task: Task) -> str:
    """The power state the BMC reports now (``states.ERROR`` if unknown)."""
    value = session.call(task.node, "get power state", lambda s: s.power_state)
    return _FROM_REDFISH.get(value, states.ERROR)


def reset(task: Task, reset_type: Any, what: str) -> None:
    """Send one ComputerSystem.Reset action."""
    session.call(task.node, what, lambda s: s.reset_system(reset_type))


def wait_for(task: Task, target: str, timeout_s: float) -> None:
    """Poll until the node reports ``target``.

    :raises: PowerStateTimeout, or the errors of :func:`read_power`.
    """
    power_wait.wait_for(task, read_power, target, timeout_s=timeout_s,
                        interval_s=CONF.redfish.power_poll_interval)


class RedfishPower(PowerInterface):
    """Power control over Redfish."""

    def get_properties(self) -> dict[str, str]:
        return dict(redfish_info.COMMON_PROPERTIES)

    def validate(self, task: Task) -> None:
        redfish_info.parse(task.node)

    def get_power_state(self, task: Task) -> str:
        return read_power(task)

    def get_supported_power_states(self, task: Task) -> list[str]:
        return [states.POWER_ON, states.POWER_OFF, states.REBOOT,
                states.SOFT_REBOOT, states.SOFT_POWER_OFF]

    def set_power_state(self, task: Task, target: str, *,
                        timeout_s: float | None = None) -> None:
        hard = timeout_s or CONF.redfish.power_state_change_timeout
        soft = timeout_s or CONF.redfish.soft_power_off_timeout
        if target in (states.REBOOT, states.SOFT_REBOOT):
            self._reboot(task, soft=target == states.SOFT_REBOOT, timeout_s=timeout_s)
            return
        plan = {states.POWER_ON: (session.ResetType.ON, states.POWER_ON, hard, "power on"),
                states.POWER_OFF: (session.ResetType.FORCE_OFF, states.POWER_OFF,
                                   hard, "power off"),
                states.SOFT_POWER_OFF: (session.ResetType.GRACEFUL_SHUTDOWN,
                                        states.POWER_OFF, soft, "soft power off")}
        if target not in plan:
            raise exception.InvalidParameterValue(
                err=f"Node {task.node.uuid}: set_power_state called with an "
                    f"invalid power state: {target}")
        reset_type, final, timeout, what = plan[target]
        if read_power(task) == final:
            return
        reset(task, reset_type, what)
        wait_for(task, final, timeout)

    def reboot(self, task: Task, *, timeout_s: float | None = None) -> None:
        self._reboot(task, soft=False, timeout_s=timeout_s)

    def _reboot(self, task: Task, *, soft: bool, timeout_s: float | None) -> None:
        if read_power(task) == states.POWER_OFF:
            reset(task, session.ResetType.ON, "power on")
        elif soft:
            # A graceful restart never shows "off" long enough to see; wait for
            # the shutdown, then power on ourselves, as Ironic does.
            reset(task, session.ResetType.GRACEFUL_SHUTDOWN, "soft reboot")
            wait_for(task, states.POWER_OFF,
                     timeout_s or CONF.redfish.soft_power_off_timeout)
            reset(task, session.ResetType.ON, "power on")
        else:
            reset(task, session.ResetType.FORCE_RESTART, "reboot")
        wait_for(task, states.POWER_ON,
                 timeout_s or CONF.redfish.power_state_change_timeout)
