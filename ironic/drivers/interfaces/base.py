"""BaseInterface: the part every hardware interface shares.

Contract for every interface (style guide section 4):

* ``validate(task)`` is fast: it reads ``task.node`` fields and config only and
  never contacts the BMC. It raises MissingParameterValue or
  InvalidParameterValue.
* Methods are re-entrant and never write the database; they change
  ``task.node`` and the conductor saves it.
* Library errors are translated into DriverRetryable or DriverFatal.
"""
from __future__ import annotations

import abc
from typing import TYPE_CHECKING, Any, ClassVar

from ironic.drivers import steps

if TYPE_CHECKING:
    from ironic.drivers.task import Task


class BaseInterface(abc.ABC):
    """An implementation of one kind of hardware interface."""

    interface_type: ClassVar[str] = "base"
    """The kind, e.g. ``power``; set by each interface ABC."""

    supported: ClassVar[bool] = True
    """False for the ``no-*`` implementations that refuse every operation."""

    @abc.abstractmethod
    def get_properties(self) -> dict[str, str]:
        """``driver_info`` fields this implementation reads -> description."""

    @abc.abstractmethod
    def validate(self, task: Task) -> None:
        """Check the node's configuration for this interface, without I/O.

        :raises: MissingParameterValue, InvalidParameterValue
        """

    def get_steps(self, kind: steps.StepKind) -> list[dict[str, Any]]:
        """The steps of ``kind`` this implementation declares, as dicts."""
        return [s.as_dict() for s in steps.collect(self, kind)]
