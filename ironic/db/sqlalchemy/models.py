"""Declarative SQLAlchemy models: one class per table, Ironic's names and types.

This module only describes the schema. Queries live in the per-table modules
next to it, and every schema change also needs an alembic revision.

Unique constraints are named ``uniq_<table>0<column>[0<column>...]`` because
oslo.db reads the violated columns back from that name on PostgreSQL and MySQL,
and the query modules turn those columns into the matching user-facing error.
"""
from __future__ import annotations

import datetime
import json
from typing import Any

from sqlalchemy import (BigInteger, Boolean, DateTime, ForeignKey, Index, Integer,
                        String, Text, UniqueConstraint)
from sqlalchemy.dialects import mysql
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

TABLE_ARGS = {"mysql_engine": "InnoDB", "mysql_charset": "utf8mb4",
              "mysql_collate": "utf8mb4_bin"}
"""MySQL/MariaDB table options; binary collation keeps unique names and
filters case-sensitive, as they are on PostgreSQL and SQLite."""

LongText = Text().with_variant(mysql.LONGTEXT(), "mysql", "mariadb")
"""TEXT everywhere, LONGTEXT on MySQL (its TEXT stops at 64 KiB)."""

Timestamp = DateTime().with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")
"""Naive UTC timestamps; microseconds kept on MySQL too."""


_decode = json.JSONDecoder().decode


class _JSONEncoded(TypeDecorator[Any]):
    """A JSON document stored as text; ``None`` is stored as an empty one."""

    impl = Text
    cache_ok = True
    empty: type = dict

    def load_dialect_impl(self, dialect: Any) -> Any:
        if dialect.name in ("mysql", "mariadb"):
            return dialect.type_descriptor(mysql.LONGTEXT())
        return dialect.type_descriptor(Text())

    def process_bind_param(self, value: Any, dialect: Any) -> str:
        if value is None:
            value = self.empty()
        return json.dumps(value)

    def process_result_value(self, value: Any, dialect: Any) -> Any:
        if not value:
            return self.empty()
        return json.loads(value)

    def result_processor(self, dialect: Any, coltype: Any) -> Any:
        # Decode directly instead of through TypeDecorator's wrapper: node
        # lists decode eleven of these per row, so the call layers add up.
        empty = self.empty
        empty_text = json.dumps(empty())

        def process(value: Any) -> Any:
            if not value or value == empty_text:
                return empty()
            return _decode(value)
        return process


class JSONEncodedDict(_JSONEncoded):
    """A JSON object stored as text; reads ``{}`` for NULL."""

    cache_ok = True
    empty = dict


class JSONEncodedList(_JSONEncoded):
    """A JSON array stored as text; reads ``[]`` for NULL."""

    cache_ok = True
    empty = list


def _utcnow() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    """The declarative registry every model belongs to."""


class _Versioned:
    """Common columns: the object version that wrote the row and timestamps."""

    version: Mapped[str | None] = mapped_column(String(15), sort_order=100)
    created_at: Mapped[datetime.datetime | None] = mapped_column(
        Timestamp, default=_utcnow, sort_order=101)
    updated_at: Mapped[datetime.datetime | None] = mapped_column(
        Timestamp, sort_order=102)


def _str(length: int, nullable: bool = True, **kw: Any) -> Mapped[Any]:
    return mapped_column(String(length), nullable=nullable, **kw)


def _json(nullable: bool = True) -> Mapped[Any]:
    return mapped_column(JSONEncodedDict, nullable=nullable)


def _json_list() -> Mapped[Any]:
    return mapped_column(JSONEncodedList)


def _bool(default: bool | None = None, nullable: bool = True) -> Mapped[Any]:
    return mapped_column(Boolean, default=default, nullable=nullable)


def _int_pk() -> Mapped[int]:
    return mapped_column(Integer, primary_key=True, autoincrement=True)


class Chassis(_Versioned, Base):
    __tablename__ = "chassis"
    __table_args__ = (UniqueConstraint("uuid", name="uniq_chassis0uuid"), TABLE_ARGS)

    id: Mapped[int] = _int_pk()
    uuid = _str(36)
    extra = _json()
    description = _str(255)


class Conductor(_Versioned, Base):
    __tablename__ = "conductors"
    __table_args__ = (UniqueConstraint("hostname", name="uniq_conductors0hostname"),
                      TABLE_ARGS)

    id: Mapped[int] = _int_pk()
    hostname = _str(255, nullable=False)
    drivers = _json_list()
    online = _bool(default=True)
    conductor_group = _str(255, nullable=False, default="", server_default="")


class ConductorHardwareInterface(_Versioned, Base):
    __tablename__ = "conductor_hardware_interfaces"
    __table_args__ = (
        UniqueConstraint("conductor_id", "hardware_type", "interface_type",
                         "interface_name",
                         name="uniq_conductorhardwareinterfaces0"),
        TABLE_ARGS)

    id: Mapped[int] = _int_pk()
    conductor_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("conductors.id"), nullable=False)
    hardware_type = _str(255, nullable=False)
    interface_type = _str(16, nullable=False)
    interface_name = _str(255, nullable=False)
    default = _bool(default=False, nullable=False)


class Node(_Versioned, Base):
    __tablename__ = "nodes"
    __table_args__ = (
        UniqueConstraint("uuid", name="uniq_nodes0uuid"),
        UniqueConstraint("instance_uuid", name="uniq_nodes0instance_uuid"),
        UniqueConstraint("name", name="uniq_nodes0name"),
        Index("owner_idx", "owner"),
        Index("lessee_idx", "lessee"),
        Index("driver_idx", "driver"),
        Index("conductor_group_idx", "conductor_group"),
        Index("reservation_idx", "reservation"),
        Index("resource_class_idx", "resource_class"),
        Index("provision_state_idx", "provision_state"),
        Index("parent_node_idx", "parent_node"),
        Index("shard_idx", "shard"),
        Index("chassis_id_idx", "chassis_id"),
        Index("allocation_id_idx", "allocation_id"),
        Index("maintenance_idx", "maintenance"),
        Index("retired_idx", "retired"),
        Index("fault_idx", "fault"),
        Index("provision_updated_at_idx", "provision_updated_at"),
        TABLE_ARGS)

    id: Mapped[int] = _int_pk()
    uuid = _str(36)
    instance_uuid = _str(36)
    instance_name = _str(255)
    name = _str(255)
    chassis_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("chassis.id"))
    power_state = _str(15)
    target_power_state = _str(15)
    provision_state = _str(15)
    target_provision_state = _str(15)
    provision_updated_at: Mapped[datetime.datetime | None] = mapped_column(Timestamp)
    last_error: Mapped[str | None] = mapped_column(Text)
    instance_info = _json()
    properties = _json()
    driver = _str(255)
    driver_info = _json()
    driver_internal_info = _json()
    clean_step = _json()
    deploy_step = _json()
    resource_class = _str(80)
    raid_config = _json()
    target_raid_config = _json()
    reservation = _str(255)
    conductor_affinity: Mapped[int | None] = mapped_column(Integer)
    conductor_group = _str(255, nullable=False, default="", server_default="")
    maintenance = _bool(default=False)
    maintenance_reason: Mapped[str | None] = mapped_column(Text)
    fault = _str(255)
    console_enabled = _bool(default=False)
    inspection_finished_at: Mapped[datetime.datetime | None] = mapped_column(Timestamp)
    inspection_started_at: Mapped[datetime.datetime | None] = mapped_column(Timestamp)
    extra = _json()
    automated_clean = _bool()
    protected = _bool(default=False, nullable=False)
    protected_reason: Mapped[str | None] = mapped_column(Text)
    owner = _str(255)
    lessee = _str(255)
    # No foreign key: allocations.node_id already points back at nodes, and a
    # cycle of foreign keys would complicate creation and deletion order.
    allocation_id: Mapped[int | None] = mapped_column(Integer)
    description: Mapped[str | None] = mapped_column(Text)
    bios_interface = _str(255)
    boot_interface = _str(255)
    console_interface = _str(255)
    deploy_interface = _str(255)
    firmware_interface = _str(255)
    inspect_interface = _str(255)
    management_interface = _str(255)
    network_interface = _str(255)
    raid_interface = _str(255)
    rescue_interface = _str(255)
    retired = _bool(default=False)
    retired_reason: Mapped[str | None] = mapped_column(Text)
    network_data = _json()
    storage_interface = _str(255)
    power_interface = _str(255)
    vendor_interface = _str(255)
    boot_mode = _str(16)
    secure_boot = _bool()
    shard = _str(255)
    parent_node = _str(36)
    service_step = _json()
    disable_power_off = _bool(default=False)
    health = _str(32)


class NodeTrait(_Versioned, Base):
    __tablename__ = "node_traits"
    __table_args__ = (Index("node_traits_idx", "trait"), TABLE_ARGS)

    node_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("nodes.id"), primary_key=True, nullable=False)
    trait: Mapped[str] = mapped_column(String(255), primary_key=True, nullable=False)


class NodeTag(_Versioned, Base):
    __tablename__ = "node_tags"
    __table_args__ = (Index("node_tags_idx", "tag"), TABLE_ARGS)

    node_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("nodes.id"), primary_key=True, nullable=False)
    tag: Mapped[str] = mapped_column(String(255), primary_key=True, nullable=False)


class Portgroup(_Versioned, Base):
    __tablename__ = "portgroups"
    __table_args__ = (
        UniqueConstraint("uuid", name="uniq_portgroups0uuid"),
        UniqueConstraint("address", name="uniq_portgroups0address"),
        UniqueConstraint("name", name="uniq_portgroups0name"),
        Index("portgroups_node_id_idx", "node_id"),
        TABLE_ARGS)

    id: Mapped[int] = _int_pk()
    uuid = _str(36)
    name = _str(255)
    node_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("nodes.id"))
    address = _str(18)
    extra = _json()
    internal_info = _json()
    standalone_ports_supported = _bool(default=True)
    mode = _str(255)
    properties = _json()
    physical_network = _str(64)
    category = _str(80)
    dynamic_portgroup = _bool(default=False)


class Port(_Versioned, Base):
    __tablename__ = "ports"
    __table_args__ = (
        UniqueConstraint("uuid", name="uniq_ports0uuid"),
        UniqueConstraint("address", name="uniq_ports0address"),
        UniqueConstraint("name", name="uniq_ports0name"),
        Index("ports_node_id_idx", "node_id"),
        Index("ports_portgroup_id_idx", "portgroup_id"),
        TABLE_ARGS)

    id: Mapped[int] = _int_pk()
    uuid = _str(36)
    address = _str(18)
    node_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("nodes.id"))
    extra = _json()
    local_link_connection = _json()
    portgroup_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("portgroups.id"))
    pxe_enabled = _bool(default=True)
    internal_info = _json()
    physical_network = _str(64)
    is_smartnic = _bool(default=False)
    name = _str(255)
    description = _str(255)
    vendor = _str(32)
    category = _str(80)
    available_for_dynamic_portgroup = _bool(default=False, nullable=False)


class Allocation(_Versioned, Base):
    __tablename__ = "allocations"
    __table_args__ = (
        UniqueConstraint("uuid", name="uniq_allocations0uuid"),
        UniqueConstraint("name", name="uniq_allocations0name"),
        Index("allocations_node_id_idx", "node_id"),
        Index("allocations_state_idx", "state"),
        TABLE_ARGS)

    id: Mapped[int] = _int_pk()
    uuid = _str(36, nullable=False)
    name = _str(255)
    node_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("nodes.id"))
    state = _str(15, nullable=False)
    owner = _str(255)
    last_error: Mapped[str | None] = mapped_column(Text)
    resource_class = _str(80)
    traits = _json_list()
    candidate_nodes = _json_list()
    extra = _json()
    conductor_affinity: Mapped[int | None] = mapped_column(Integer)


class DeployTemplate(_Versioned, Base):
    __tablename__ = "deploy_templates"
    __table_args__ = (
        UniqueConstraint("uuid", name="uniq_deploytemplates0uuid"),
        UniqueConstraint("name", name="uniq_deploytemplates0name"),
        TABLE_ARGS)

    id: Mapped[int] = _int_pk()
    uuid = _str(36)
    name = _str(255, nullable=False)
    extra = _json()


class DeployTemplateStep(_Versioned, Base):
    __tablename__ = "deploy_template_steps"
    __table_args__ = (
        Index("deploy_template_id", "deploy_template_id"),
        Index("deploy_template_steps_step_idx", "step"),
        Index("deploy_template_steps_interface_idx", "interface"),
        TABLE_ARGS)

    id: Mapped[int] = _int_pk()
    deploy_template_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("deploy_templates.id"), nullable=False)
    interface = _str(255, nullable=False)
    step = _str(255, nullable=False)
    args = _json(nullable=False)
    priority: Mapped[int] = mapped_column(Integer, nullable=False)


class Runbook(_Versioned, Base):
    __tablename__ = "runbooks"
    __table_args__ = (
        UniqueConstraint("uuid", name="uniq_runbooks0uuid"),
        UniqueConstraint("name", name="uniq_runbooks0name"),
        Index("runbooks_owner_idx", "owner"),
        TABLE_ARGS)

    id: Mapped[int] = _int_pk()
    uuid = _str(36)
    name = _str(255, nullable=False)
    disable_ramdisk = _bool(default=False)
    public = _bool(default=False)
    owner = _str(255)
    extra = _json()


class RunbookStep(_Versioned, Base):
    __tablename__ = "runbook_steps"
    __table_args__ = (
        Index("runbook_id", "runbook_id"),
        Index("runbook_steps_step_idx", "step"),
        Index("runbook_steps_interface_idx", "interface"),
        TABLE_ARGS)

    id: Mapped[int] = _int_pk()
    runbook_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("runbooks.id"), nullable=False)
    interface = _str(255, nullable=False)
    step = _str(255, nullable=False)
    args = _json(nullable=False)
    order: Mapped[int] = mapped_column(Integer, nullable=False)


class InspectionRule(_Versioned, Base):
    __tablename__ = "inspection_rules"
    __table_args__ = (
        UniqueConstraint("uuid", name="uniq_inspection_rules0uuid"),
        Index("inspection_rules_phase_idx", "phase"),
        TABLE_ARGS)

    id: Mapped[int] = _int_pk()
    uuid = _str(36)
    description = _str(255)
    priority: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    sensitive = _bool(default=False)
    phase = _str(16)
    scope = _str(255)
    conditions = _json_list()
    actions = _json_list()


class VolumeConnector(_Versioned, Base):
    __tablename__ = "volume_connectors"
    __table_args__ = (
        UniqueConstraint("uuid", name="uniq_volumeconnectors0uuid"),
        UniqueConstraint("type", "connector_id",
                         name="uniq_volumeconnectors0type0connector_id"),
        Index("volume_connectors_node_id_idx", "node_id"),
        TABLE_ARGS)

    id: Mapped[int] = _int_pk()
    uuid = _str(36)
    node_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("nodes.id"))
    type = _str(32)
    connector_id = _str(255)
    extra = _json()


class VolumeTarget(_Versioned, Base):
    __tablename__ = "volume_targets"
    __table_args__ = (
        UniqueConstraint("uuid", name="uniq_volumetargets0uuid"),
        UniqueConstraint("node_id", "boot_index",
                         name="uniq_volumetargets0node_id0boot_index"),
        TABLE_ARGS)

    id: Mapped[int] = _int_pk()
    uuid = _str(36)
    node_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("nodes.id"))
    volume_type = _str(64)
    properties = _json()
    boot_index: Mapped[int | None] = mapped_column(Integer)
    volume_id = _str(36)
    extra = _json()


class NodeHistory(_Versioned, Base):
    __tablename__ = "node_history"
    __table_args__ = (
        UniqueConstraint("uuid", name="uniq_history0uuid"),
        Index("history_conductor_idx", "conductor"),
        Index("history_node_id_idx", "node_id"),
        TABLE_ARGS)

    id: Mapped[int] = _int_pk()
    uuid = _str(36, nullable=False)
    conductor = _str(255)
    event_type = _str(255)
    severity = _str(255)
    event: Mapped[str | None] = mapped_column(Text)
    user = _str(64)
    project = _str(80)
    node_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("nodes.id"))
    state = _str(255)
    target_provision_state = _str(255)
    duration_seconds: Mapped[int | None] = mapped_column(Integer)


class BIOSSetting(_Versioned, Base):
    __tablename__ = "bios_settings"
    __table_args__ = (TABLE_ARGS,)

    node_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("nodes.id"), primary_key=True, nullable=False)
    name: Mapped[str] = mapped_column(String(255), primary_key=True, nullable=False)
    value: Mapped[str | None] = mapped_column(Text)
    attribute_type = _str(255)
    allowable_values = _json_list()
    lower_bound: Mapped[int | None] = mapped_column(BigInteger)
    max_length: Mapped[int | None] = mapped_column(Integer)
    min_length: Mapped[int | None] = mapped_column(Integer)
    read_only = _bool()
    reset_required = _bool()
    unique = _bool()
    upper_bound: Mapped[int | None] = mapped_column(BigInteger)


class NodeInventory(_Versioned, Base):
    __tablename__ = "node_inventory"
    __table_args__ = (Index("inventory_node_id_idx", "node_id"), TABLE_ARGS)

    id: Mapped[int] = _int_pk()
    inventory_data = _json()
    plugin_data = _json()
    node_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("nodes.id"))
