"""Queries on conductors and the hardware interfaces each conductor offers.

A conductor is alive when it is online and its ``updated_at`` (heartbeat) is
newer than ``[conductor] heartbeat_timeout``.
"""
from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa
from oslo_db import exception as db_exc
from sqlalchemy.orm import Session

from ironic.common import exception
from ironic.conf import CONF
from ironic.db.sqlalchemy import crud
from ironic.db.sqlalchemy import models
from ironic.db.sqlalchemy import query
from ironic.db.sqlalchemy.query import Row

CONDUCTORS = models.Conductor.__table__
INTERFACES = models.ConductorHardwareInterface.__table__

RESOURCE = crud.Resource(
    table=CONDUCTORS,
    kind="Conductor",
    not_found=lambda ident: exception.ConductorNotFound(conductor=ident),
    duplicates={"hostname": lambda v: exception.ConductorAlreadyRegistered(
        conductor=v["hostname"])},
    plain_filters=("id", "hostname", "online", "conductor_group"),
)
"""How conductors are queried."""


def _alive_since() -> datetime.datetime:
    return query.utcnow() - datetime.timedelta(seconds=CONF.conductor.heartbeat_timeout)


def _alive() -> sa.ColumnElement[bool]:
    return sa.and_(CONDUCTORS.c.online.is_(True),
                   CONDUCTORS.c.updated_at >= _alive_since())


def get_by_hostname(session: Session, hostname: str,
                    online: bool | None = True) -> Row:
    """A conductor by hostname; ``online=None`` ignores the online flag.

    :raises ConductorNotFound:
    """
    where = CONDUCTORS.c.hostname == hostname
    if online is not None:
        where = sa.and_(where, CONDUCTORS.c.online.is_(online))
    return crud.get_where(session, RESOURCE, where, hostname)


def register(session: Session, values: Mapping[str, Any], update_existing: bool = False,
             version: str | None = None) -> Row:
    """Register (or re-register an offline) conductor as online.

    :raises ConductorAlreadyRegistered: if an online conductor has the same
        hostname and ``update_existing`` is false.
    """
    hostname = values["hostname"]
    data = {"drivers": values.get("drivers") or [], "online": True,
            "conductor_group": values.get("conductor_group") or "",
            "updated_at": query.utcnow()}
    if version is not None:
        data["version"] = version
    existing = session.execute(
        sa.select(CONDUCTORS.c.id, CONDUCTORS.c.online)
        .where(CONDUCTORS.c.hostname == hostname).with_for_update()).first()
    if existing is None:
        try:
            session.execute(sa.insert(CONDUCTORS).values(
                hostname=hostname, created_at=query.utcnow(), **data))
        except db_exc.DBDuplicateEntry as exc:
            raise exception.ConductorAlreadyRegistered(conductor=hostname) from exc
    elif existing.online and not update_existing:
        raise exception.ConductorAlreadyRegistered(conductor=hostname)
    else:
        session.execute(sa.update(CONDUCTORS)
                        .where(CONDUCTORS.c.id == existing.id).values(**data))
    return get_by_hostname(session, hostname, online=None)


def touch(session: Session, hostname: str, online: bool = True) -> None:
    """Record a heartbeat.

    :raises ConductorNotFound:
    """
    result = session.execute(
        sa.update(CONDUCTORS).where(CONDUCTORS.c.hostname == hostname)
        .values(updated_at=query.utcnow(), online=online))
    if not result.rowcount:
        raise exception.ConductorNotFound(conductor=hostname)


def unregister(session: Session, hostname: str) -> None:
    """Mark a conductor offline.

    :raises ConductorNotFound:
    """
    result = session.execute(
        sa.update(CONDUCTORS)
        .where(CONDUCTORS.c.hostname == hostname, CONDUCTORS.c.online.is_(True))
        .values(online=False, updated_at=query.utcnow()))
    if not result.rowcount:
        raise exception.ConductorNotFound(conductor=hostname)


def register_hardware_interfaces(session: Session, conductor_id: int,
                                 interfaces: Iterable[Mapping[str, Any]],
                                 version: str | None = None) -> None:
    """Replace the hardware interfaces a conductor offers.

    :param interfaces: dicts with hardware_type, interface_type,
        interface_name and default.
    """
    session.execute(sa.delete(INTERFACES).where(INTERFACES.c.conductor_id == conductor_id))
    now = query.utcnow()
    rows = [{"conductor_id": conductor_id, "hardware_type": i["hardware_type"],
             "interface_type": i["interface_type"],
             "interface_name": i["interface_name"],
             "default": bool(i.get("default", False)), "created_at": now,
             "version": version} for i in interfaces]
    if rows:
        session.execute(sa.insert(INTERFACES), rows)


def unregister_hardware_interfaces(session: Session, conductor_id: int) -> None:
    """Forget every hardware interface of a conductor."""
    session.execute(sa.delete(INTERFACES).where(INTERFACES.c.conductor_id == conductor_id))


def active_hardware_types(session: Session,
                          use_groups: bool = False) -> dict[str, set[str]]:
    """Map hardware type (``"group:type"`` with groups) to alive hostnames."""
    stmt = (sa.select(INTERFACES.c.hardware_type, CONDUCTORS.c.hostname,
                      CONDUCTORS.c.conductor_group).distinct()
            .join(CONDUCTORS, CONDUCTORS.c.id == INTERFACES.c.conductor_id)
            .where(_alive()))
    result: dict[str, set[str]] = {}
    for hw_type, hostname, group in session.execute(stmt):
        key = f"{group}:{hw_type}" if use_groups else hw_type
        result.setdefault(key, set()).add(hostname)
    return result


def hardware_type_interfaces(session: Session,
                             hardware_types: Iterable[str]) -> list[Row]:
    """Interfaces that alive conductors offer for ``hardware_types``."""
    stmt = (sa.select(INTERFACES.c.hardware_type, INTERFACES.c.interface_type,
                      INTERFACES.c.interface_name, INTERFACES.c.default,
                      CONDUCTORS.c.hostname.label("conductor"))
            .join(CONDUCTORS, CONDUCTORS.c.id == INTERFACES.c.conductor_id)
            .where(_alive(), INTERFACES.c.hardware_type.in_(list(hardware_types)))
            .order_by(INTERFACES.c.hardware_type, INTERFACES.c.interface_type,
                      INTERFACES.c.interface_name))
    return query.to_rows(session.execute(stmt))


def list_by_liveness(session: Session, alive: bool) -> list[Row]:
    """Conductors that are (or are not) alive."""
    where = _alive() if alive else sa.or_(
        CONDUCTORS.c.online.is_not(True), CONDUCTORS.c.updated_at.is_(None),
        CONDUCTORS.c.updated_at < _alive_since())
    stmt = sa.select(*CONDUCTORS.c).where(where).order_by(CONDUCTORS.c.id)
    return query.to_rows(session.execute(stmt))
