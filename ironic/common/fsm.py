"""A thin wrapper over automaton's finite machine adding stable and target states.

A *stable* state is one a node rests in until a user asks for something. Every
other state is transient and has a *target*: the stable state it heads for,
which the API shows as ``target_provision_state``. This module knows no states
or transitions; those live in :mod:`ironic.common.states`.
"""
from __future__ import annotations

from typing import Any

from automaton import exceptions as automaton_exc
from automaton import machines

from ironic.common import exception


class FSM(machines.FiniteMachine):
    """A finite state machine that also tracks a target state."""

    def __init__(self) -> None:
        super().__init__()
        self._target_state: str | None = None
        self._stable: dict[str, bool] = {}
        self._targets: dict[str, str | None] = {}

    @property
    def target_state(self) -> str | None:
        """The stable state the current transient state heads for, or None."""
        return self._target_state

    def is_stable(self, state: str) -> bool:
        """Whether ``state`` is a stable state of this machine.

        :raises: InvalidState if the state is unknown.
        """
        try:
            return self._stable[state]
        except KeyError:
            raise exception.InvalidState(f"State '{state}' does not exist") from None

    def add_state(self, state: str, terminal: bool = False, on_enter: Any = None,
                  on_exit: Any = None, *, stable: bool = False,
                  target: str | None = None) -> None:
        """Add a state; a transient state may name the stable state it heads for.

        :raises: ValueError if a stable state gets a target, or a target is not
            an already added stable state.
        """
        if stable and target is not None:
            raise ValueError(f"Stable state '{state}' cannot have a target")
        if target is not None and not self._stable.get(target):
            raise ValueError(f"Target '{target}' of '{state}' must be an "
                             f"already added stable state")
        super().add_state(state, terminal=terminal, on_enter=on_enter,
                          on_exit=on_exit)
        self._stable[state] = stable
        self._targets[state] = target

    def initialize(self, start_state: str | None = None,
                   target_state: str | None = None) -> None:
        """Put the machine in ``start_state`` (and ``target_state``)."""
        super().initialize(start_state=start_state)
        if target_state is not None:
            self._check_target(target_state)
        self._target_state = target_state

    def process_event(self, event: str,
                      target_state: str | None = None) -> Any:
        """Move along ``event``; the new target is the state's own unless given.

        :raises: InvalidState if ``event`` is not allowed in the current state
            or ``target_state`` is not a stable state.
        """
        if target_state is not None:
            self._check_target(target_state)
        try:
            result = super().process_event(event)
        except (automaton_exc.NotFound, automaton_exc.InvalidState) as e:
            raise exception.InvalidState(str(e)) from e
        current = self.current_state
        assert current is not None
        if self._stable[current]:
            self._target_state = None
        else:
            self._target_state = target_state or self._targets[current]
        return result

    def is_actionable_event(self, event: str) -> bool:
        """Whether ``event`` is allowed in the current state."""
        return bool(super().is_actionable_event(event))

    def copy(self, shallow: bool = False, unfreeze: bool = False) -> FSM:
        """A copy keeping stable and target information (not initialised)."""
        clone = super().copy(shallow=shallow, unfreeze=unfreeze)
        clone._stable = self._stable if shallow else dict(self._stable)
        clone._targets = self._targets if shallow else dict(self._targets)
        return clone

    def _check_target(self, target_state: str) -> None:
        if not self.is_stable(target_state):
            raise exception.InvalidState(
                f"Target state '{target_state}' is not a stable state")
