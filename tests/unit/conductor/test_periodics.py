"""The periodic task registry and the conductor's periodic pool."""
from __future__ import annotations

import pytest

from ironic.conductor import periodics


@pytest.fixture
def registered_task():
    calls = []

    @periodics.register(spacing_opt="check_provision_state_interval",
                        name="test.probe")
    def probe(manager, context) -> None:
        calls.append((manager, context))
    try:
        yield calls
    finally:
        periodics.unregister("test.probe")


def test_registered_task_uses_its_option_as_spacing(conf, registered_task) -> None:
    conf.config(check_provision_state_interval=7, group="conductor")
    spacing = dict((t.name, s) for t, s in periodics.enabled())
    assert spacing["test.probe"] == 7.0


def test_zero_interval_disables_task(conf, registered_task) -> None:
    conf.config(check_provision_state_interval=0, group="conductor")
    assert "test.probe" not in {t.name for t, _ in periodics.enabled()}


def test_core_tasks_are_registered(conf) -> None:
    names = {t.name for t in periodics.registered()}
    assert {"ironic.conductor.power_sync.sync_power_states",
            "ironic.conductor.power_sync.recover_power_failures",
            "ironic.conductor.takeover.take_over"} <= names


def test_register_needs_exactly_one_spacing() -> None:
    with pytest.raises(ValueError):
        periodics.register()
    with pytest.raises(ValueError):
        periodics.register("heartbeat_interval", spacing=3)


def test_conductor_schedules_registered_tasks(service, registered_task, ctx) -> None:
    callables = service._periodic_callables()
    names = [fn.__name__ for fn, _, _ in callables]
    assert "test_probe" in names and "heartbeat" in names
    probe = next(fn for fn, _, _ in callables if fn.__name__ == "test_probe")
    probe()
    assert registered_task[0][0] is service


def test_failing_task_is_logged_not_raised(service, caplog) -> None:
    @periodics.register(spacing=5, name="test.broken")
    def broken(manager, context) -> None:
        raise RuntimeError("boom")
    try:
        runner = next(fn for fn, _, _ in service._periodic_callables()
                      if fn.__name__ == "test_broken")
        runner()
    finally:
        periodics.unregister("test.broken")
    assert "periodic task test.broken failed" in caplog.text
