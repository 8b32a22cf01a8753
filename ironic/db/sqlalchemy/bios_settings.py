"""Queries on a node's cached BIOS settings (keyed by node id and name)."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ironic.common import exception
from ironic.db.sqlalchemy import models
from ironic.db.sqlalchemy import query
from ironic.db.sqlalchemy.query import Row

SETTINGS = models.BIOSSetting.__table__
NODES = models.Node.__table__

_COLUMNS = ("value", "attribute_type", "allowable_values", "lower_bound",
            "max_length", "min_length", "read_only", "reset_required", "unique",
            "upper_bound")


def _check_node(session: Session, node_id: int) -> None:
    if session.execute(sa.select(NODES.c.id).where(NODES.c.id == node_id)).first() is None:
        raise exception.NodeNotFound(node=node_id)


def _select(node_id: int, names: Iterable[str] | None = None) -> sa.Select[Any]:
    stmt = sa.select(*SETTINGS.c).where(SETTINGS.c.node_id == node_id)
    if names is not None:
        stmt = stmt.where(SETTINGS.c.name.in_(list(names)))
    return stmt.order_by(SETTINGS.c.name)


def get_list(session: Session, node_id: int) -> list[Row]:
    """Every setting of the node, by name. :raises NodeNotFound:"""
    _check_node(session, node_id)
    return query.to_rows(session.execute(_select(node_id)))


def get(session: Session, node_id: int, name: str) -> Row:
    """:raises NodeNotFound, BIOSSettingNotFound:"""
    _check_node(session, node_id)
    rows = query.to_rows(session.execute(_select(node_id, [name])))
    if not rows:
        raise exception.BIOSSettingNotFound(node=node_id, name=name)
    return rows[0]


def _values(setting: Mapping[str, Any], every: bool = False) -> dict[str, Any]:
    return {key: setting.get(key) for key in _COLUMNS if every or key in setting}


def create_list(session: Session, node_id: int, settings: Iterable[Mapping[str, Any]],
                version: str | None = None) -> list[Row]:
    """Add settings (each a dict with name, value, ...).

    :raises NodeNotFound:
    :raises Conflict: if a setting of that name already exists.
    """
    _check_node(session, node_id)
    now = query.utcnow()
    settings = list(settings)
    rows = [{"node_id": node_id, "name": s["name"], "version": version,
             "created_at": now, **_values(s, every=True)} for s in settings]
    existing = session.execute(_select(node_id, [s["name"] for s in settings])).first()
    if existing is not None:
        raise exception.Conflict(
            f"BIOS setting {existing.name} of node {node_id} already exists.")
    if rows:
        session.execute(sa.insert(SETTINGS), rows)
    return query.to_rows(session.execute(_select(node_id, [s["name"] for s in settings])))


def update_list(session: Session, node_id: int, settings: Iterable[Mapping[str, Any]],
                version: str | None = None) -> list[Row]:
    """Change existing settings.

    :raises NodeNotFound:
    :raises BIOSSettingListNotFound: naming the settings the node lacks.
    """
    _check_node(session, node_id)
    settings = list(settings)
    names = [s["name"] for s in settings]
    found = set(session.execute(sa.select(SETTINGS.c.name).where(
        SETTINGS.c.node_id == node_id, SETTINGS.c.name.in_(names))).scalars())
    missing = [n for n in names if n not in found]
    if missing:
        raise exception.BIOSSettingListNotFound(node=node_id, names=",".join(missing))
    now = query.utcnow()
    for setting in settings:
        session.execute(sa.update(SETTINGS).where(
            SETTINGS.c.node_id == node_id, SETTINGS.c.name == setting["name"])
            .values(updated_at=now, version=version, **_values(setting)))
    return query.to_rows(session.execute(_select(node_id, names)))


def delete_list(session: Session, node_id: int, names: Iterable[str]) -> None:
    """Remove settings by name.

    :raises NodeNotFound:
    :raises BIOSSettingListNotFound: if any name is unknown (nothing deleted).
    """
    _check_node(session, node_id)
    names = list(names)
    found = set(session.execute(sa.select(SETTINGS.c.name).where(
        SETTINGS.c.node_id == node_id, SETTINGS.c.name.in_(names))).scalars())
    missing = [n for n in names if n not in found]
    if missing:
        raise exception.BIOSSettingListNotFound(node=node_id, names=",".join(missing))
    session.execute(sa.delete(SETTINGS).where(
        SETTINGS.c.node_id == node_id, SETTINGS.c.name.in_(names)))
