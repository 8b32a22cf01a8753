"""Queries on node inventory: the hardware data inspection stored per node."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ironic.common import exception
from ironic.db.sqlalchemy import models
from ironic.db.sqlalchemy import query
from ironic.db.sqlalchemy.query import Row

INVENTORY = models.NodeInventory.__table__
NODES = models.Node.__table__


def get_by_node_id(session: Session, node_id: int) -> Row:
    """The newest inventory of a node. :raises NodeInventoryNotFound:"""
    stmt = (sa.select(*INVENTORY.c).where(INVENTORY.c.node_id == node_id)
            .order_by(INVENTORY.c.id.desc()).limit(1))
    rows = query.to_rows(session.execute(stmt))
    if not rows:
        raise exception.NodeInventoryNotFound(node=node_id)
    return rows[0]


def create(session: Session, values: Mapping[str, Any],
           version: str | None = None) -> Row:
    """Store a node's inventory, replacing any previous one.

    :raises NodeNotFound:
    """
    node_id = values["node_id"]
    if session.execute(sa.select(NODES.c.id).where(NODES.c.id == node_id)).first() is None:
        raise exception.NodeNotFound(node=node_id)
    session.execute(sa.delete(INVENTORY).where(INVENTORY.c.node_id == node_id))
    session.execute(sa.insert(INVENTORY).values(
        node_id=node_id, inventory_data=values.get("inventory_data") or {},
        plugin_data=values.get("plugin_data") or {}, version=version,
        created_at=query.utcnow()))
    return get_by_node_id(session, node_id)


def destroy_by_node_id(session: Session, node_id: int) -> None:
    """Delete a node's inventory. :raises NodeInventoryNotFound:"""
    result = session.execute(sa.delete(INVENTORY).where(INVENTORY.c.node_id == node_id))
    if not result.rowcount:
        raise exception.NodeInventoryNotFound(node=node_id)
