"""Power control: the one interface every hardware type must provide.

Implementations are re-entrant (asking for the state a node is already in is
fine) and report power states with the ``states.POWER_*`` strings.
"""
from __future__ import annotations

import abc
from typing import TYPE_CHECKING, ClassVar

from ironic.common import states
from ironic.drivers.interfaces.base import BaseInterface

if TYPE_CHECKING:
    from ironic.drivers.task import Task


class PowerInterface(BaseInterface):
    """Read and change a node's power state."""

    interface_type: ClassVar[str] = "power"

    @abc.abstractmethod
    def get_power_state(self, task: Task) -> str:
        """The power state the BMC reports now (``states.POWER_ON`` ...)."""

    @abc.abstractmethod
    def set_power_state(self, task: Task, target: str, *,
                        timeout_s: float | None = None) -> None:
        """Return once the node reached ``target``.

        :raises: InvalidParameterValue for an unsupported target,
            DriverRetryable if the BMC did not answer in time.
        """

    def reboot(self, task: Task, *, timeout_s: float | None = None) -> None:
        """Hard power cycle; override when the BMC has a native reset."""
        self.set_power_state(task, states.POWER_OFF, timeout_s=timeout_s)
        self.set_power_state(task, states.POWER_ON, timeout_s=timeout_s)

    def get_supported_power_states(self, task: Task) -> list[str]:
        """Targets ``set_power_state`` accepts for this node."""
        return [states.POWER_ON, states.POWER_OFF, states.REBOOT]
