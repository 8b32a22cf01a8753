"""Driver tests need no database: a node is any object with the node's fields."""
from __future__ import annotations

import types
from typing import Any

import pytest

from ironic.drivers import factory


class FakeTask:
    """The smallest object satisfying the Task protocol for driver tests."""

    def __init__(self, node: Any, ports: list[Any] | None = None,
                 portgroups: list[Any] | None = None) -> None:
        self.context = None
        self.node = node
        self.ports = ports or []
        self.portgroups = portgroups or []
        self.shared = False
        self.driver = factory.build_driver(node)

    def upgrade_lock(self, purpose: str | None = None) -> None:
        self.shared = False

    def process_event(self, event: str, **kwargs: Any) -> None:
        raise AssertionError("drivers must not drive the state machine here")

    def store_bios_settings(self, settings: list[dict[str, Any]]) -> None:
        self.bios_settings = list(settings)

    def record_inspected_ports(self, macs: list[str]) -> list[str]:
        known = {p.address for p in self.ports}
        created = [m for m in macs if m not in known]
        self.ports = [*self.ports, *(types.SimpleNamespace(address=m) for m in created)]
        return created


def plain_node(**fields: Any) -> types.SimpleNamespace:
    """A node-like object with every interface unset and fake-hardware driver."""
    values: dict[str, Any] = {f"{k}_interface": None for k in factory.INTERFACE_KINDS}
    values.update(driver="fake-hardware", uuid="1be26c0b-03f2-4d2e-ae87-c02d7f33c123",
                  driver_info={}, driver_internal_info={}, power_state=None,
                  target_raid_config={}, raid_config={}, instance_info={})
    values.update(fields)
    return types.SimpleNamespace(**values)


@pytest.fixture
def make_task():
    def _make(**fields: Any) -> FakeTask:
        node = plain_node(**fields)
        factory.check_and_update_node_interfaces(node)
        return FakeTask(node)
    return _make
