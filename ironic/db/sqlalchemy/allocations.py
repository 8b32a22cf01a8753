"""Queries on allocations, keeping the node's side of the link consistent.

An allocation bound to a node is mirrored on the node: ``nodes.allocation_id``
points at it and ``nodes.instance_uuid`` holds the allocation's UUID. Binding,
unbinding and deleting keep both sides in one transaction.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ironic.common import exception
from ironic.common import states
from ironic.db.sqlalchemy import crud
from ironic.db.sqlalchemy import models
from ironic.db.sqlalchemy import query
from ironic.db.sqlalchemy.query import Row

ALLOCATIONS = models.Allocation.__table__
NODES = models.Node.__table__
_NODE = NODES.alias("allocation_node")


def _by_node_uuid(session: Session, stmt: sa.Select[Any],
                  filters: Mapping[str, Any]) -> sa.Select[Any]:
    sub = sa.select(NODES.c.id).where(NODES.c.uuid == filters["node_uuid"])
    return stmt.where(ALLOCATIONS.c.node_id.in_(sub))


RESOURCE = crud.Resource(
    table=ALLOCATIONS,
    kind="Allocation",
    not_found=lambda ident: exception.AllocationNotFound(allocation=ident),
    duplicates={
        "name": lambda v: exception.AllocationDuplicateName(name=v["name"]),
        "uuid": lambda v: exception.AllocationAlreadyExists(uuid=v["uuid"]),
    },
    plain_filters=("id", "uuid", "name", "node_id", "state", "owner",
                   "resource_class", "conductor_affinity"),
    special_filters={"node_uuid": _by_node_uuid},
    joins={"node_uuid": (_NODE, _NODE.c.id == ALLOCATIONS.c.node_id, _NODE.c.uuid)},
    by_name=True,
    references=lambda v: exception.NodeNotFound(node=v.get("node_id")),
)
"""How allocations are queried."""


def _bind_node(session: Session, allocation: Row, node_id: int) -> None:
    """Point the node at the allocation.

    :raises NodeAssociated: if the node already has an instance.
    :raises NodeNotFound:
    """
    node = session.execute(
        sa.select(NODES.c.uuid, NODES.c.instance_uuid, NODES.c.allocation_id)
        .where(NODES.c.id == node_id).with_for_update()).first()
    if node is None:
        raise exception.NodeNotFound(node=node_id)
    if node.instance_uuid is not None and node.instance_uuid != allocation["uuid"]:
        raise exception.NodeAssociated(node=node.uuid, instance=node.instance_uuid)
    session.execute(sa.update(NODES).where(NODES.c.id == node_id).values(
        allocation_id=allocation["id"], instance_uuid=allocation["uuid"],
        updated_at=query.utcnow()))


def _unbind_node(session: Session, allocation: Row) -> None:
    """Clear the node's link to the allocation (if it still points at it)."""
    if allocation.get("node_id") is None:
        return
    session.execute(
        sa.update(NODES)
        .where(NODES.c.id == allocation["node_id"],
               NODES.c.allocation_id == allocation["id"])
        .values(allocation_id=None, instance_uuid=None, updated_at=query.utcnow()))


def create(session: Session, values: Mapping[str, Any],
           version: str | None = None) -> Row:
    """Insert an allocation (state ``allocating`` unless given).

    :raises AllocationAlreadyExists, AllocationDuplicateName:
    :raises NodeAssociated: if created bound to a node that has an instance.
    """
    data = dict(values)
    data.setdefault("state", states.ALLOCATING)
    data["state"] = data["state"] or states.ALLOCATING
    row = crud.create(session, RESOURCE, data, version)
    if row.get("node_id") is not None:
        _bind_node(session, row, row["node_id"])
    return row


def update(session: Session, ident: int | str, values: Mapping[str, Any],
           version: str | None = None, update_node: bool = True) -> Row:
    """Update an allocation; a changed ``node_id`` re-links the nodes.

    :raises AllocationNotFound, AllocationDuplicateName, NodeAssociated:
    """
    before = crud.get(session, RESOURCE, ident)
    row = crud.update(session, RESOURCE, before["id"], values, version)
    if update_node and "node_id" in values and values["node_id"] != before["node_id"]:
        _unbind_node(session, before)
        if values["node_id"] is not None:
            _bind_node(session, row, values["node_id"])
    return row


def destroy(session: Session, ident: int | str) -> None:
    """Delete an allocation and unlink its node.

    :raises AllocationNotFound:
    """
    row = crud.get(session, RESOURCE, ident)
    _unbind_node(session, row)
    session.execute(sa.delete(ALLOCATIONS).where(ALLOCATIONS.c.id == row["id"]))


def release_for_node(session: Session, node_id: int, allocation_id: int) -> None:
    """Delete the allocation of a node whose instance is being removed.

    Clearing a node's ``instance_uuid`` ends its allocation, as in Ironic: a
    torn down or disassociated node is free again.
    """
    session.execute(sa.delete(ALLOCATIONS).where(ALLOCATIONS.c.id == allocation_id,
                                                 ALLOCATIONS.c.node_id == node_id))


def take_over(session: Session, ident: int | str, old_conductor_id: int | None,
              new_conductor_id: int) -> bool:
    """Move an allocation to a new conductor if still owned by the old one.

    :returns: whether this caller won the take-over.
    :raises AllocationNotFound:
    """
    row_id = crud.find_id(session, RESOURCE, ident)
    owner = (ALLOCATIONS.c.conductor_affinity.is_(None) if old_conductor_id is None
             else ALLOCATIONS.c.conductor_affinity == old_conductor_id)
    result = session.execute(
        sa.update(ALLOCATIONS).where(ALLOCATIONS.c.id == row_id, owner)
        .values(conductor_affinity=new_conductor_id, updated_at=query.utcnow()))
    return bool(result.rowcount)
