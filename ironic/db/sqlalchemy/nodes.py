"""Queries on the nodes table: load with derived fields, list, create, update.

Rows carry the node's columns plus the derived ``chassis_uuid``,
``allocation_uuid`` (LEFT JOINs in the same query) and ``traits`` (a list of
trait rows, fetched with one extra query per page, never one per node).
Locking (reserve/release) and deletion live in ``node_locks`` and
``node_delete``.
"""
from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import sqlalchemy as sa
from oslo_db import exception as db_exc
from sqlalchemy.orm import Session

from ironic.common import exception
from ironic.common import states
from ironic.db.sqlalchemy import allocations
from ironic.db.sqlalchemy import models
from ironic.db.sqlalchemy import query
from ironic.db.sqlalchemy.query import Row

NODES = models.Node.__table__
CHASSIS = models.Chassis.__table__
ALLOCATIONS = models.Allocation.__table__
TRAITS = models.NodeTrait.__table__

DERIVED = ("chassis_uuid", "allocation_uuid", "traits")
"""Fields of a node row that are not columns of the nodes table."""

_JOINED = {"chassis_uuid": CHASSIS.c.uuid, "allocation_uuid": ALLOCATIONS.c.uuid}
_TRAIT_COLS = (TRAITS.c.trait, TRAITS.c.version, TRAITS.c.created_at,
               TRAITS.c.updated_at)

_PLAIN_FILTERS = ("id", "uuid", "name", "maintenance", "retired", "driver",
                  "resource_class", "fault", "conductor_group", "owner", "lessee",
                  "instance_uuid", "parent_node", "console_enabled", "reservation",
                  "chassis_id", "power_state", "provision_state",
                  "target_provision_state", "shard", "allocation_id",
                  "conductor_affinity")
_FILTERS = frozenset(_PLAIN_FILTERS) | {
    "associated", "reserved", "reserved_by_any_of", "chassis_uuid",
    "provisioned_before", "project", "description_contains", "sharded",
    "include_children", "uuid_in", "provision_state_in", "inspection_started_before",
}


def _wanted(fields: Iterable[str] | None) -> set[str]:
    return set(DERIVED) if not fields else set(fields) & set(DERIVED)


def _select(fields: Iterable[str] | None) -> sa.Select[Any]:
    derived = _wanted(fields)
    cols: list[Any] = query.columns(NODES, fields)
    source: Any = NODES
    if "chassis_uuid" in derived:
        source = source.outerjoin(CHASSIS, CHASSIS.c.id == NODES.c.chassis_id)
        cols.append(CHASSIS.c.uuid.label("chassis_uuid"))
    if "allocation_uuid" in derived:
        source = source.outerjoin(ALLOCATIONS,
                                  ALLOCATIONS.c.id == NODES.c.allocation_id)
        cols.append(ALLOCATIONS.c.uuid.label("allocation_uuid"))
    return sa.select(*cols).select_from(source)


def attach_traits(session: Session, rows: list[Row]) -> list[Row]:
    """Fill ``row['traits']`` for every row with one query per 500 nodes."""
    by_id: dict[int, list[Row]] = {}
    for row in rows:
        row["traits"] = []
        by_id[row["id"]] = row["traits"]
    ids = list(by_id)
    for part in query.chunks(ids):
        stmt = sa.select(TRAITS.c.node_id, *_TRAIT_COLS).where(
            TRAITS.c.node_id.in_(part)).order_by(TRAITS.c.node_id, TRAITS.c.trait)
        for node_id, trait, version, created, updated in session.execute(stmt).all():
            by_id[node_id].append({"node_id": node_id, "trait": trait,
                                   "version": version, "created_at": created,
                                   "updated_at": updated})
    return rows


@functools.cache
def _get_statement(column: str) -> sa.Select[Any]:
    """One node by ``column == :ident`` with derived fields and traits.

    Built once per lookup column: re-building the statement for every request
    cost more than running it.
    """
    stmt = _select(None).where(NODES.c[column] == sa.bindparam("ident"))
    return stmt.outerjoin(TRAITS, TRAITS.c.node_id == NODES.c.id).add_columns(
        *(col.label("__trait_" + col.name) for col in _TRAIT_COLS))


def get_one(session: Session, column: str, value: Any,
            not_found: Callable[[], Exception]) -> Row:
    """One node with its derived fields, in a single query.

    :raises: the exception ``not_found()`` returns if no row matches.
    """
    result = query.to_rows(session.execute(_get_statement(column), {"ident": value}))
    if not result:
        raise not_found()
    node = {k: v for k, v in result[0].items() if not k.startswith("__trait_")}
    node["traits"] = [
        {"node_id": node["id"], "trait": r["__trait_trait"],
         "version": r["__trait_version"], "created_at": r["__trait_created_at"],
         "updated_at": r["__trait_updated_at"]}
        for r in sorted(result, key=lambda r: r["__trait_trait"] or "")
        if r["__trait_trait"] is not None]
    return node


def get(session: Session, ident: int | str) -> Row:
    """A node by integer id, UUID or name.

    :raises NodeNotFound:
    """
    column, value = query.ident_column(ident, by_name=True)
    return get_one(session, column, value, lambda: exception.NodeNotFound(node=ident))


def get_by_name(session: Session, name: str) -> Row:
    """:raises NodeNotFound:"""
    return get_one(session, "name", name, lambda: exception.NodeNotFound(node=name))


def get_by_instance(session: Session, instance_uuid: str) -> Row:
    """:raises InstanceNotFound:"""
    return get_one(session, "instance_uuid", instance_uuid,
                   lambda: exception.InstanceNotFound(instance=instance_uuid))


def get_list(session: Session, filters: Mapping[str, Any] | None = None,
             limit: int | None = None, marker: Any = None,
             sort_key: str | None = None, sort_dir: str | None = None,
             fields: Iterable[str] | None = None) -> list[Row]:
    """Nodes matching ``filters``, sorted and paginated.

    :raises InvalidParameterValue: on an unknown filter or sort key.
    :raises NodeNotFound: if the marker node does not exist.
    :raises ChassisNotFound: when filtering by an unknown chassis UUID.
    """
    fields = list(fields) if fields else None
    sort_col, sort_dir = query.check_sort(NODES, sort_key, sort_dir)
    marker_row = query.load_marker(
        session, NODES, marker, sort_col,
        lambda m: exception.NodeNotFound(node=m))
    stmt = _apply_filters(session, _select(fields), filters or {})
    stmt = query.paginate(stmt, NODES, sort_col=sort_col, sort_dir=sort_dir,
                          marker=marker_row, limit=limit,
                          dialect=query.dialect_name(session))
    rows = query.to_rows(session.execute(stmt))
    if "traits" in _wanted(fields):
        attach_traits(session, rows)
    return rows


def _apply_filters(session: Session, stmt: sa.Select[Any],
                   filters: Mapping[str, Any]) -> sa.Select[Any]:
    unknown = set(filters) - _FILTERS
    if unknown:
        raise exception.InvalidParameterValue(
            err=f"Unsupported node filter(s): {', '.join(sorted(unknown))}")
    for key in _PLAIN_FILTERS:
        if key in filters:
            stmt = query.plain_filter(stmt, NODES.c[key], filters[key])
    return _special_filters(session, stmt, filters)


def _bool_null(stmt: sa.Select[Any], column: Any, is_set: Any) -> sa.Select[Any]:
    return stmt.where(column.is_not(None) if is_set else column.is_(None))


def _special_filters(session: Session, stmt: sa.Select[Any],
                     filters: Mapping[str, Any]) -> sa.Select[Any]:
    if "associated" in filters:
        stmt = _bool_null(stmt, NODES.c.instance_uuid, filters["associated"])
    if "reserved" in filters:
        stmt = _bool_null(stmt, NODES.c.reservation, filters["reserved"])
    if "sharded" in filters:
        stmt = _bool_null(stmt, NODES.c.shard, filters["sharded"])
    if "reserved_by_any_of" in filters:
        stmt = stmt.where(NODES.c.reservation.in_(list(filters["reserved_by_any_of"])))
    if "uuid_in" in filters:
        stmt = stmt.where(NODES.c.uuid.in_(list(filters["uuid_in"])))
    if "provision_state_in" in filters:
        stmt = stmt.where(NODES.c.provision_state.in_(list(filters["provision_state_in"])))
    if "chassis_uuid" in filters:
        stmt = stmt.where(NODES.c.chassis_id == _chassis_id(
            session, filters["chassis_uuid"]))
    if "provisioned_before" in filters:
        stmt = stmt.where(NODES.c.provision_updated_at < _seconds_ago(
            filters["provisioned_before"]))
    if "inspection_started_before" in filters:
        stmt = stmt.where(NODES.c.inspection_started_at < _seconds_ago(
            filters["inspection_started_before"]))
    if "project" in filters:
        project = filters["project"]
        stmt = stmt.where(sa.or_(NODES.c.owner == project, NODES.c.lessee == project))
    if "description_contains" in filters:
        stmt = stmt.where(NODES.c.description.contains(
            filters["description_contains"], autoescape=True))
    if "include_children" in filters and not filters["include_children"]:
        stmt = stmt.where(NODES.c.parent_node.is_(None))
    return stmt


def _seconds_ago(seconds: Any) -> datetime.datetime:
    return query.utcnow() - datetime.timedelta(seconds=int(seconds))


def _chassis_id(session: Session, chassis_uuid: str) -> int:
    chassis_id = session.execute(
        sa.select(CHASSIS.c.id).where(CHASSIS.c.uuid == chassis_uuid)).scalar()
    if chassis_id is None:
        raise exception.ChassisNotFound(chassis=chassis_uuid)
    return int(chassis_id)


def _duplicate(exc: db_exc.DBDuplicateEntry, values: Mapping[str, Any],
               node: Any) -> Exception:
    return query.duplicate_error(exc, values, {
        "name": lambda v: exception.DuplicateName(name=v["name"]),
        "instance_uuid": lambda v: exception.InstanceAssociated(
            instance_uuid=v["instance_uuid"], node=node),
        "uuid": lambda v: exception.NodeAlreadyExists(uuid=v["uuid"]),
    })


def _resolve_derived(session: Session, values: dict[str, Any]) -> None:
    """Accept ``chassis_uuid`` in written values by resolving it to an id."""
    if "chassis_uuid" in values and "chassis_id" not in values:
        uuid = values["chassis_uuid"]
        values["chassis_id"] = None if uuid is None else _chassis_id(session, uuid)


def create(session: Session, values: Mapping[str, Any],
           version: str | None = None) -> Row:
    """Insert a node with Ironic's defaults for unset fields.

    :raises NodeAlreadyExists, DuplicateName, InstanceAssociated:
    :raises ChassisNotFound: if ``chassis_uuid`` names no chassis.
    """
    values = dict(values)
    _resolve_derived(session, values)
    data = query.prepare_insert(values, NODES, version)
    if not data.get("provision_state"):
        data["provision_state"] = states.ENROLL
    if data.get("conductor_group") is None:
        data["conductor_group"] = ""
    for flag in ("maintenance", "protected", "retired", "console_enabled",
                 "disable_power_off"):
        if data.get(flag) is None:
            data[flag] = False
    try:
        session.execute(sa.insert(NODES).values(**data))
    except db_exc.DBDuplicateEntry as exc:
        raise _duplicate(exc, data, data.get("uuid")) from exc
    except db_exc.DBReferenceError as exc:
        raise exception.ChassisNotFound(chassis=data.get("chassis_id")) from exc
    return get_one(session, "uuid", data["uuid"],
                   lambda: exception.NodeNotFound(node=data["uuid"]))


def _state_timestamps(current: Any, data: dict[str, Any]) -> None:
    """Stamp provision and inspection times when the provision state changes."""
    if "provision_state" not in data:
        return
    now = data["updated_at"]
    new = data["provision_state"]
    data["provision_updated_at"] = now
    if new == states.INSPECTING:
        data["inspection_started_at"] = now
        data["inspection_finished_at"] = None
    elif (current.provision_state in (states.INSPECTING, states.INSPECTWAIT)
          and new == states.MANAGEABLE):
        data["inspection_finished_at"] = now
        data["inspection_started_at"] = None


def update(session: Session, ident: int | str, values: Mapping[str, Any],
           version: str | None = None) -> Row:
    """Update a node and return the new row.

    :raises NodeNotFound, DuplicateName, InstanceAssociated, ChassisNotFound:
    :raises NodeAssociated: if the node already has a different instance.
    :raises InvalidParameterValue: on an attempt to change the UUID.
    """
    values = dict(values)
    _resolve_derived(session, values)
    data = query.update_values(values, NODES, "Node")
    if version is not None:
        data["version"] = version
    current = session.execute(
        sa.select(NODES.c.id, NODES.c.uuid, NODES.c.instance_uuid,
                  NODES.c.provision_state, NODES.c.allocation_id)
        .where(query.ident_clause(NODES, ident, by_name=True))
        .with_for_update()).first()
    if current is None:
        raise exception.NodeNotFound(node=ident)
    new_instance = data.get("instance_uuid")
    if (new_instance is not None and current.instance_uuid is not None
            and new_instance != current.instance_uuid):
        raise exception.NodeAssociated(node=current.uuid,
                                       instance=current.instance_uuid)
    if ("instance_uuid" in data and new_instance is None
            and current.allocation_id is not None):
        allocations.release_for_node(session, current.id, current.allocation_id)
        data["allocation_id"] = None
    _state_timestamps(current, data)
    try:
        session.execute(sa.update(NODES).where(NODES.c.id == current.id)
                        .values(**data))
    except db_exc.DBDuplicateEntry as exc:
        raise _duplicate(exc, data, current.uuid) from exc
    except db_exc.DBReferenceError as exc:
        raise exception.ChassisNotFound(chassis=data.get("chassis_id")) from exc
    return get_one(session, "id", current.id,
                   lambda: exception.NodeNotFound(node=ident))


def touch_provisioning(session: Session, ident: int | str) -> None:
    """Set provision_updated_at to now (keeps a waiting node from timing out).

    :raises NodeNotFound:
    """
    result = session.execute(
        sa.update(NODES).where(query.ident_clause(NODES, ident))
        .values(provision_updated_at=query.utcnow()))
    if not result.rowcount:
        raise exception.NodeNotFound(node=ident)


def get_by_port_addresses(session: Session, addresses: list[str]) -> Row:
    """The one node owning ports with any of ``addresses`` (for lookup).

    :raises NodeNotFound: if none or more than one node matches.
    """
    ports = models.Port.__table__
    ids = session.execute(
        sa.select(ports.c.node_id).distinct()
        .where(ports.c.address.in_([a.lower() for a in addresses]))).scalars().all()
    if len(ids) != 1:
        raise exception.NodeNotFound(node=", ".join(addresses))
    return get_one(session, "id", ids[0], lambda: exception.NodeNotFound(node=ids[0]))


def get_shard_list(session: Session) -> list[dict[str, Any]]:
    """Every shard name in use with its node count, largest shard first.

    Nodes without a shard are counted under the name ``None``.
    """
    count = sa.func.count(NODES.c.id)
    rows = session.execute(
        sa.select(NODES.c.shard, count).group_by(NODES.c.shard)
        .order_by(count.desc(), NODES.c.shard)).all()
    return [{"name": shard, "count": number} for shard, number in rows]
