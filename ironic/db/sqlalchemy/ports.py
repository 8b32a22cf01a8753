"""Queries on the ports table; rows carry ``node_uuid`` and ``portgroup_uuid``."""
from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ironic.common import exception
from ironic.db.sqlalchemy import crud
from ironic.db.sqlalchemy import models

PORTS = models.Port.__table__
NODES = models.Node.__table__
PORTGROUPS = models.Portgroup.__table__

_NODE = NODES.alias("port_node")
_GROUP = PORTGROUPS.alias("port_group")


def _via_node(column: str, *, many: bool = False) -> crud.FilterHook:
    """A filter on a column of the port's node (``node_uuid``, ``owner``...)."""
    def hook(session: Session, stmt: sa.Select[Any],
             filters: Mapping[str, Any]) -> sa.Select[Any]:
        key = {"uuid": "node_uuid"}.get(column, column)
        value = filters[key]
        sub = sa.select(NODES.c.id).where(
            NODES.c[column].in_(list(value)) if many else NODES.c[column] == value)
        return stmt.where(PORTS.c.node_id.in_(sub))
    return hook


def _by_portgroup_uuid(session: Session, stmt: sa.Select[Any],
                       filters: Mapping[str, Any]) -> sa.Select[Any]:
    sub = sa.select(PORTGROUPS.c.id).where(
        PORTGROUPS.c.uuid == filters["portgroup_uuid"])
    return stmt.where(PORTS.c.portgroup_id.in_(sub))


def _by_project(session: Session, stmt: sa.Select[Any],
                filters: Mapping[str, Any]) -> sa.Select[Any]:
    project = filters["project"]
    sub = sa.select(NODES.c.id).where(
        sa.or_(NODES.c.owner == project, NODES.c.lessee == project))
    return stmt.where(PORTS.c.node_id.in_(sub))


def _address(session: Session, stmt: sa.Select[Any],
             filters: Mapping[str, Any]) -> sa.Select[Any]:
    address = filters["address"]
    if isinstance(address, (list, tuple, set)):
        return stmt.where(PORTS.c.address.in_([a.lower() for a in address]))
    return stmt.where(PORTS.c.address == str(address).lower())


def _internal_info_mentions(session: Session, stmt: sa.Select[Any],
                            filters: Mapping[str, Any]) -> sa.Select[Any]:
    """Rows whose ``internal_info`` JSON text contains the given string (as a
    JSON string): a cheap pre-filter, callers check the exact key."""
    text = json.dumps(str(filters["internal_info_mentions"]))
    return stmt.where(sa.type_coerce(PORTS.c.internal_info, sa.Text)
                      .contains(text, autoescape=True))


RESOURCE = crud.Resource(
    table=PORTS,
    kind="Port",
    not_found=lambda ident: exception.PortNotFound(port=ident),
    duplicates={
        "address": lambda v: exception.MACAlreadyExists(mac=v["address"]),
        "name": lambda v: exception.PortDuplicateName(name=v["name"]),
        "uuid": lambda v: exception.PortAlreadyExists(uuid=v["uuid"]),
    },
    plain_filters=("id", "uuid", "name", "node_id", "portgroup_id",
                   "pxe_enabled", "physical_network", "is_smartnic", "vendor",
                   "category", "description"),
    special_filters={
        "internal_info_mentions": _internal_info_mentions,
        "address": _address,
        "node_uuid": _via_node("uuid"),
        "portgroup_uuid": _by_portgroup_uuid,
        "shard": _via_node("shard", many=True),
        "conductor_group": _via_node("conductor_group"),
        "owner": _via_node("owner"),
        "lessee": _via_node("lessee"),
        "project": _by_project,
    },
    joins={
        "node_uuid": (_NODE, _NODE.c.id == PORTS.c.node_id, _NODE.c.uuid),
        "portgroup_uuid": (_GROUP, _GROUP.c.id == PORTS.c.portgroup_id,
                           _GROUP.c.uuid),
    },
    by_name=True,
    references=lambda v: exception.NodeNotFound(node=v.get("node_id")),
)
"""How ports are queried."""


def get_by_address(session: Session, address: str) -> crud.Row:
    """:raises PortNotFound:"""
    return crud.get_where(session, RESOURCE, PORTS.c.address == address.lower(),
                          address)


def get_by_name(session: Session, name: str) -> crud.Row:
    """:raises PortNotFound:"""
    return crud.get_where(session, RESOURCE, PORTS.c.name == name, name)
