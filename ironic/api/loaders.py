"""Loading resources named in the URL (by UUID, or by name where allowed)."""
from __future__ import annotations

import re
from typing import Any

import pecan
from oslo_utils import uuidutils

from ironic import objects
from ironic.api import microversions as mv
from ironic.common import exception

_NAME_1_5 = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)*$")
"""Host-name-like logical names (1.5 - 1.9)."""
_NAME_1_10 = re.compile(r"^[A-Za-z0-9._~-]+$")
"""RFC 3986 unreserved characters (1.10+)."""

LOGICAL_NAMES = mv.Version(1, 10)


def is_valid_name(name: str, version: mv.Version | None = None) -> bool:
    """Whether ``name`` is a valid logical node name at ``version``."""
    if not name or len(name) > 255 or uuidutils.is_uuid_like(name):
        return False
    pattern = _NAME_1_10 if (version or mv.MAX) >= LOGICAL_NAMES else _NAME_1_5
    return bool(pattern.match(name))


def node(ident: str) -> Any:
    """The node named by UUID or (from 1.5) logical name.

    :raises: NodeNotFound (404), InvalidUuidOrName (400).
    """
    context = pecan.request.context
    if uuidutils.is_uuid_like(ident):
        return objects.Node.get_by_uuid(context, ident)
    version = mv.requested()
    if version >= mv.NAMES:
        if not is_valid_name(ident, version):
            raise exception.NodeNotFound(node=ident)
        return objects.Node.get_by_name(context, ident)
    raise exception.InvalidUUID(uuid=ident)


def port(ident: str) -> Any:
    """The port named by UUID or (from 1.88) name.

    :raises: PortNotFound (404), InvalidUUID (400).
    """
    context = pecan.request.context
    if uuidutils.is_uuid_like(ident):
        return objects.Port.get_by_uuid(context, ident)
    if mv.supports(mv.PORT_NAME):
        return objects.Port.get_by_name(context, ident)
    raise exception.InvalidUUID(uuid=ident)


def portgroup(ident: str) -> Any:
    """The portgroup named by UUID or name.

    :raises: PortgroupNotFound (404).
    """
    context = pecan.request.context
    if uuidutils.is_uuid_like(ident):
        return objects.Portgroup.get_by_uuid(context, ident)
    return objects.Portgroup.get_by_name(context, ident)


def chassis(ident: str) -> Any:
    """The chassis named by UUID.

    :raises: ChassisNotFound (404), InvalidUUID (400).
    """
    if not uuidutils.is_uuid_like(ident):
        raise exception.InvalidUUID(uuid=ident)
    return objects.Chassis.get_by_uuid(pecan.request.context, ident)
