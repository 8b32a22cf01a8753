"""Versioned objects: the data model shared by the API and the conductors.

``from ironic import objects`` then ``objects.Node``, ``objects.Port``, ...
Every object class registers itself here on import.
"""
from __future__ import annotations

from ironic.objects import base  # noqa: F401  (registry first)
from ironic.objects import allocation  # noqa: F401
from ironic.objects import bios  # noqa: F401
from ironic.objects import chassis  # noqa: F401
from ironic.objects import conductor  # noqa: F401
from ironic.objects import deploy_template  # noqa: F401
from ironic.objects import inspection_rule  # noqa: F401
from ironic.objects import node  # noqa: F401
from ironic.objects import node_history  # noqa: F401
from ironic.objects import node_inventory  # noqa: F401
from ironic.objects import port  # noqa: F401
from ironic.objects import portgroup  # noqa: F401
from ironic.objects import runbook  # noqa: F401
from ironic.objects import trait  # noqa: F401
from ironic.objects import volume_connector  # noqa: F401
from ironic.objects import volume_target  # noqa: F401


def register_all() -> None:
    """Kept for callers used to Ironic: every object is registered on import."""
