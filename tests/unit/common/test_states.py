"""The provision state machine allows exactly Ironic's documented transitions."""
from __future__ import annotations

import itertools

import pytest

from ironic.common import exception
from ironic.common import states

# Written out independently of states.TRANSITIONS: source -> {event: destination}.
EXPECTED = {
    "enroll": {"manage": "verifying"},
    "verifying": {"done": "manageable", "fail": "enroll"},
    "manageable": {"provide": "cleaning", "clean": "cleaning",
                   "inspect": "inspecting", "adopt": "adopting"},
    "available": {"manage": "manageable", "deploy": "deploying"},
    "cleaning": {"done": "available", "fail": "clean failed", "wait": "clean wait",
                 "hold": "clean hold", "manage": "manageable"},
    "clean wait": {"resume": "cleaning", "fail": "clean failed",
                   "abort": "clean failed", "hold": "clean hold"},
    "clean hold": {"unhold": "clean wait", "abort": "clean failed"},
    "clean failed": {"manage": "manageable"},
    "inspecting": {"done": "manageable", "fail": "inspect failed",
                   "wait": "inspect wait"},
    "inspect wait": {"resume": "inspecting", "done": "manageable",
                     "fail": "inspect failed", "abort": "inspect failed"},
    "inspect failed": {"inspect": "inspecting", "manage": "manageable"},
    "adopting": {"done": "active", "fail": "adopt failed"},
    "adopt failed": {"adopt": "adopting", "manage": "manageable"},
    "deploying": {"done": "active", "fail": "deploy failed",
                  "wait": "wait call-back", "hold": "deploy hold"},
    "wait call-back": {"resume": "deploying", "fail": "deploy failed",
                       "abort": "deploy failed", "hold": "deploy hold",
                       "delete": "deleting"},
    "deploy hold": {"unhold": "wait call-back", "abort": "deploy failed"},
    "deploy failed": {"deploy": "deploying", "rebuild": "deploying",
                      "delete": "deleting"},
    "active": {"rebuild": "deploying", "delete": "deleting",
               "rescue": "rescuing", "service": "servicing"},
    "deleting": {"clean": "cleaning", "fail": "error"},
    "error": {"delete": "deleting", "rebuild": "deploying"},
    "rescuing": {"done": "rescue", "fail": "rescue failed", "wait": "rescue wait"},
    "rescue wait": {"resume": "rescuing", "fail": "rescue failed",
                    "abort": "rescue failed", "delete": "deleting"},
    "rescue": {"rescue": "rescuing", "unrescue": "unrescuing",
               "delete": "deleting"},
    "rescue failed": {"rescue": "rescuing", "unrescue": "unrescuing",
                      "delete": "deleting"},
    "unrescuing": {"done": "active", "fail": "unrescue failed"},
    "unrescue failed": {"rescue": "rescuing", "unrescue": "unrescuing",
                        "delete": "deleting"},
    "servicing": {"done": "active", "fail": "service failed",
                  "wait": "service wait", "hold": "service hold"},
    "service wait": {"resume": "servicing", "fail": "service failed",
                     "abort": "service failed", "hold": "service hold",
                     "delete": "deleting"},
    "service hold": {"unhold": "service wait", "service": "servicing",
                     "abort": "service failed", "fail": "service failed"},
    "service failed": {"service": "servicing", "abort": "active",
                       "hold": "service hold", "wait": "service wait",
                       "rescue": "rescuing", "delete": "deleting"},
}

LEGAL = [(src, ev, dst) for src, moves in EXPECTED.items() for ev, dst in moves.items()]
ILLEGAL = [(src, ev) for src, ev in itertools.product(EXPECTED, states.Event)
           if ev not in EXPECTED[src]]


def _machine_in(state: str) -> states.fsm.FSM:
    machine = states.build_machine()
    machine.initialize(state)
    return machine


def test_machine_knows_exactly_the_user_visible_states() -> None:
    assert set(states.build_machine().states) == set(EXPECTED)
    assert set(states.ALL_STATES) == set(EXPECTED)


def test_table_has_no_transition_beyond_the_expected_ones() -> None:
    assert sorted((s, str(e), d) for s, e, d in states.TRANSITIONS) == sorted(LEGAL)


@pytest.mark.parametrize(("source", "event", "dest"), LEGAL)
def test_legal_transition_reaches_destination(source: str, event: str,
                                              dest: str) -> None:
    machine = _machine_in(source)
    machine.process_event(event)
    assert machine.current_state == dest


@pytest.mark.parametrize(("source", "event"), ILLEGAL)
def test_illegal_transition_is_refused(source: str, event: str) -> None:
    machine = _machine_in(source)
    assert not machine.is_actionable_event(event)
    with pytest.raises(exception.InvalidState):
        machine.process_event(event)
    assert machine.current_state == source


def test_events_cover_every_provision_verb() -> None:
    verbs = {"manage", "provide", "inspect", "clean", "deploy", "rebuild", "delete",
             "rescue", "unrescue", "adopt", "abort", "hold", "unhold", "service",
             "wait", "resume", "done", "fail"}
    assert {str(e) for e in states.Event} == verbs
    assert set(states.VERBS.values()) <= verbs


@pytest.mark.parametrize("state", ["enroll", "manageable", "available", "active",
                                   "error", "rescue"])
def test_stable_state_has_no_target(state: str) -> None:
    machine = states.build_machine()
    assert machine.is_stable(state)


@pytest.mark.parametrize(("source", "event", "target"), [
    ("available", "deploy", "active"),
    ("manageable", "provide", "available"),
    ("manageable", "inspect", "manageable"),
    ("enroll", "manage", "manageable"),
    ("active", "rescue", "rescue"),
    ("active", "delete", "available"),
    ("active", "service", "active"),
    ("rescue", "unrescue", "active"),
])
def test_transient_state_shows_its_target(source: str, event: str,
                                          target: str) -> None:
    machine = _machine_in(source)
    machine.process_event(event)
    assert machine.target_state == target


def test_reaching_stable_state_clears_target() -> None:
    machine = _machine_in("available")
    machine.process_event("deploy")
    machine.process_event("done")
    assert machine.current_state == "active"
    assert machine.target_state is None


def test_explicit_target_overrides_the_default() -> None:
    machine = _machine_in("manageable")
    machine.process_event("clean", target_state="manageable")
    assert machine.target_state == "manageable"


def test_explicit_target_must_be_stable() -> None:
    machine = _machine_in("manageable")
    with pytest.raises(exception.InvalidState):
        machine.process_event("clean", target_state="cleaning")
    assert machine.current_state == "manageable"


def test_built_machine_is_frozen() -> None:
    machine = states.build_machine()
    with pytest.raises(Exception):
        machine.add_state("bogus")
