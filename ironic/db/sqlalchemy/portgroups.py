"""Queries on the portgroups table; rows carry ``node_uuid``."""
from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ironic.common import exception
from ironic.db.sqlalchemy import crud
from ironic.db.sqlalchemy import models

PORTGROUPS = models.Portgroup.__table__
PORTS = models.Port.__table__
NODES = models.Node.__table__

_NODE = NODES.alias("portgroup_node")


def _node_column(column: str, key: str, *, many: bool = False) -> crud.FilterHook:
    def hook(session: Session, stmt: sa.Select[Any],
             filters: Mapping[str, Any]) -> sa.Select[Any]:
        value = filters[key]
        sub = sa.select(NODES.c.id).where(
            NODES.c[column].in_(list(value)) if many else NODES.c[column] == value)
        return stmt.where(PORTGROUPS.c.node_id.in_(sub))
    return hook


def _by_project(session: Session, stmt: sa.Select[Any],
                filters: Mapping[str, Any]) -> sa.Select[Any]:
    project = filters["project"]
    sub = sa.select(NODES.c.id).where(
        sa.or_(NODES.c.owner == project, NODES.c.lessee == project))
    return stmt.where(PORTGROUPS.c.node_id.in_(sub))


def _address(session: Session, stmt: sa.Select[Any],
             filters: Mapping[str, Any]) -> sa.Select[Any]:
    return stmt.where(PORTGROUPS.c.address == str(filters["address"]).lower())


def _internal_info_mentions(session: Session, stmt: sa.Select[Any],
                            filters: Mapping[str, Any]) -> sa.Select[Any]:
    """Rows whose ``internal_info`` JSON text contains the given string (as a
    JSON string): a cheap pre-filter, callers check the exact key."""
    text = json.dumps(str(filters["internal_info_mentions"]))
    return stmt.where(sa.type_coerce(PORTGROUPS.c.internal_info, sa.Text)
                      .contains(text, autoescape=True))


RESOURCE = crud.Resource(
    table=PORTGROUPS,
    kind="Portgroup",
    not_found=lambda ident: exception.PortgroupNotFound(portgroup=ident),
    duplicates={
        "address": lambda v: exception.PortgroupMACAlreadyExists(mac=v["address"]),
        "name": lambda v: exception.PortgroupDuplicateName(name=v["name"]),
        "uuid": lambda v: exception.PortgroupAlreadyExists(uuid=v["uuid"]),
    },
    plain_filters=("id", "uuid", "name", "node_id", "mode", "physical_network",
                   "category", "dynamic_portgroup", "standalone_ports_supported"),
    special_filters={
        "internal_info_mentions": _internal_info_mentions,
        "address": _address,
        "node_uuid": _node_column("uuid", "node_uuid"),
        "shard": _node_column("shard", "shard", many=True),
        "conductor_group": _node_column("conductor_group", "conductor_group"),
        "owner": _node_column("owner", "owner"),
        "lessee": _node_column("lessee", "lessee"),
        "project": _by_project,
    },
    joins={"node_uuid": (_NODE, _NODE.c.id == PORTGROUPS.c.node_id, _NODE.c.uuid)},
    by_name=True,
    references=lambda v: exception.NodeNotFound(node=v.get("node_id")),
)
"""How portgroups are queried."""


def get_by_address(session: Session, address: str) -> crud.Row:
    """:raises PortgroupNotFound:"""
    return crud.get_where(session, RESOURCE,
                          PORTGROUPS.c.address == address.lower(), address)


def get_by_name(session: Session, name: str) -> crud.Row:
    """:raises PortgroupNotFound:"""
    return crud.get_where(session, RESOURCE, PORTGROUPS.c.name == name, name)


def destroy(session: Session, ident: int | str) -> None:
    """Delete an empty portgroup.

    :raises PortgroupNotFound:
    :raises PortgroupNotEmpty: if ports still belong to it.
    """
    row_id = crud.find_id(session, RESOURCE, ident)
    has_ports = session.execute(
        sa.select(PORTS.c.id).where(PORTS.c.portgroup_id == row_id).limit(1)).first()
    if has_ports is not None:
        raise exception.PortgroupNotEmpty(portgroup=ident)
    session.execute(sa.delete(PORTGROUPS).where(PORTGROUPS.c.id == row_id))
