"""Queries on volume connectors and volume targets of nodes."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ironic.common import exception
from ironic.db.sqlalchemy import crud
from ironic.db.sqlalchemy import models

CONNECTORS = models.VolumeConnector.__table__
TARGETS = models.VolumeTarget.__table__
NODES = models.Node.__table__


def _node_hook(table: sa.Table, column: str, key: str) -> crud.FilterHook:
    def hook(session: Session, stmt: sa.Select[Any],
             filters: Mapping[str, Any]) -> sa.Select[Any]:
        sub = sa.select(NODES.c.id).where(NODES.c[column] == filters[key])
        return stmt.where(table.c.node_id.in_(sub))
    return hook


def _project_hook(table: sa.Table) -> crud.FilterHook:
    def hook(session: Session, stmt: sa.Select[Any],
             filters: Mapping[str, Any]) -> sa.Select[Any]:
        project = filters["project"]
        sub = sa.select(NODES.c.id).where(
            sa.or_(NODES.c.owner == project, NODES.c.lessee == project))
        return stmt.where(table.c.node_id.in_(sub))
    return hook


def _node_join(table: sa.Table, alias: str) -> dict[str, Any]:
    node = NODES.alias(alias)
    return {"node_uuid": (node, node.c.id == table.c.node_id, node.c.uuid)}


def _filters(table: sa.Table) -> dict[str, crud.FilterHook]:
    return {"node_uuid": _node_hook(table, "uuid", "node_uuid"),
            "owner": _node_hook(table, "owner", "owner"),
            "lessee": _node_hook(table, "lessee", "lessee"),
            "project": _project_hook(table)}


CONNECTOR_RESOURCE = crud.Resource(
    table=CONNECTORS,
    kind="VolumeConnector",
    not_found=lambda ident: exception.VolumeConnectorNotFound(connector=ident),
    duplicates={
        "type,connector_id": lambda v: exception.VolumeConnectorTypeAndIdAlreadyExists(
            type=v["type"], connector_id=v["connector_id"]),
        "uuid": lambda v: exception.VolumeConnectorAlreadyExists(uuid=v["uuid"]),
    },
    plain_filters=("id", "uuid", "node_id", "type", "connector_id"),
    special_filters=_filters(CONNECTORS),
    joins=_node_join(CONNECTORS, "connector_node"),
    references=lambda v: exception.NodeNotFound(node=v.get("node_id")),
)
"""How volume connectors are queried."""

TARGET_RESOURCE = crud.Resource(
    table=TARGETS,
    kind="VolumeTarget",
    not_found=lambda ident: exception.VolumeTargetNotFound(target=ident),
    duplicates={
        "node_id,boot_index": lambda v: exception.VolumeTargetBootIndexAlreadyExists(
            boot_index=v["boot_index"]),
        "uuid": lambda v: exception.VolumeTargetAlreadyExists(uuid=v["uuid"]),
    },
    plain_filters=("id", "uuid", "node_id", "volume_type", "volume_id", "boot_index"),
    special_filters=_filters(TARGETS),
    joins=_node_join(TARGETS, "target_node"),
    references=lambda v: exception.NodeNotFound(node=v.get("node_id")),
)
"""How volume targets are queried."""
