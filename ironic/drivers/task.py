"""The Task protocol: everything a driver may see of the conductor.

The conductor's TaskManager satisfies this protocol structurally, so drivers
never import :mod:`ironic.conductor`. Drivers read and change ``task.node``
fields; the conductor saves them.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ironic.common.context import RequestContext
    from ironic.drivers.base import BareDriver


class Task(Protocol):
    """A locked (or shared) view of one node handed to driver methods."""

    context: RequestContext
    node: Any
    ports: Sequence[Any]
    portgroups: Sequence[Any]
    driver: BareDriver
    shared: bool

    def upgrade_lock(self, purpose: str | None = None) -> None:
        """Turn a shared lock into an exclusive one.

        :raises: NodeLocked if another conductor holds the node.
        """

    def process_event(self, event: str, **kwargs: Any) -> None:
        """Move the node's provision state along ``event``."""

    def store_bios_settings(self, settings: Sequence[dict[str, Any]]) -> None:
        """Make the node's stored BIOS settings (``/v1/nodes/{node}/bios``)
        equal ``settings``: ``{"name", "value"}`` plus optional registry fields.
        Settings no longer listed are deleted.
        """

    def record_inspected_ports(self, macs: Sequence[str]) -> list[str]:
        """Create a PXE-enabled port for every MAC the node has no port for.

        A MAC that belongs to another node's port is skipped with a warning.
        ``task.ports`` is reloaded afterwards.

        :returns: the MACs for which a port was created.
        """
