"""Step declarations for driver methods: the @step decorator and its records.

A step is a driver method the conductor runs as part of cleaning, deployment,
servicing or verification. Drivers mark such methods with :func:`step`; the
conductor discovers them with :func:`collect` and reads the returned
:class:`StepResult` to know whether to continue, wait or hold.
"""
from __future__ import annotations

import dataclasses
import enum
import inspect
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


class StepKind(enum.StrEnum):
    """Which flow a step belongs to."""

    CLEAN = "clean"
    DEPLOY = "deploy"
    SERVICE = "service"
    VERIFY = "verify"


class StepResult(enum.Enum):
    """What a step reports back to the conductor."""

    DONE = "done"
    """Finished; the conductor moves to the next step."""
    WAIT = "wait"
    """Continues elsewhere (agent, BMC job); a callback or poll resumes it."""
    HOLD = "hold"
    """Pause here until an operator says ``unhold``."""


@dataclasses.dataclass(frozen=True)
class ArgInfo:
    """Description of one argument a step accepts."""

    description: str
    required: bool = False


@dataclasses.dataclass(frozen=True)
class StepInfo:
    """How a method takes part in a flow."""

    kind: StepKind
    priority: int
    abortable: bool = False
    requires_ramdisk: bool = True
    argsinfo: Mapping[str, ArgInfo] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class DeclaredStep:
    """A step found on an interface instance."""

    interface: str
    name: str
    info: StepInfo

    def as_dict(self) -> dict[str, Any]:
        """The step as the API and the node's step lists show it."""
        return {
            "interface": self.interface,
            "step": self.name,
            "priority": self.info.priority,
            "abortable": self.info.abortable,
            "argsinfo": {name: {"description": arg.description,
                                "required": arg.required}
                         for name, arg in self.info.argsinfo.items()} or None,
            "requires_ramdisk": self.info.requires_ramdisk,
        }


def step(kind: StepKind, priority: int, **options: Any) -> Callable[[F], F]:
    """Mark a driver method as a step of ``kind``; may be stacked for several kinds.

    :param priority: order in automated flows (higher first); 0 means the step
        only runs when explicitly requested.
    :param options: further :class:`StepInfo` fields (abortable, argsinfo, ...).
    """
    if not isinstance(priority, int) or priority < 0:
        raise ValueError(f"Step priority must be a non-negative integer, "
                         f"got {priority!r}")
    info = StepInfo(kind=StepKind(kind), priority=priority, **options)

    def mark(method: F) -> F:
        method.__steps__ = (*getattr(method, "__steps__", ()), info)  # type: ignore[attr-defined]
        return method
    return mark


def collect(interface: Any, kind: StepKind) -> list[DeclaredStep]:
    """Every step of ``kind`` declared on an interface instance, by name."""
    found = []
    for name, method in inspect.getmembers(interface, callable):
        for info in getattr(method, "__steps__", ()):
            if info.kind == kind:
                found.append(DeclaredStep(interface=interface.interface_type,
                                          name=name, info=info))
    return found
