"""Initial schema: every table of the bare-metal service.

Revision ID: 0001_initial
Revises:
Create Date: 2025-01-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None

_TIMESTAMP = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")
_JSON = sa.Text().with_variant(mysql.LONGTEXT(), "mysql", "mariadb")
_TABLE_ARGS = {"mysql_engine": "InnoDB", "mysql_charset": "utf8mb4",
               "mysql_collate": "utf8mb4_bin"}


def _create_chassis() -> None:
    op.create_table('chassis',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('uuid', sa.String(length=36), nullable=True),
        sa.Column('extra', _JSON, nullable=True),
        sa.Column('description', sa.String(length=255), nullable=True),
        sa.Column('version', sa.String(length=15), nullable=True),
        sa.Column('created_at', _TIMESTAMP, nullable=True),
        sa.Column('updated_at', _TIMESTAMP, nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('uuid', name='uniq_chassis0uuid'),
        **_TABLE_ARGS,
    )


def _create_conductors() -> None:
    op.create_table('conductors',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('hostname', sa.String(length=255), nullable=False),
        sa.Column('drivers', _JSON, nullable=True),
        sa.Column('online', sa.Boolean(), nullable=True),
        sa.Column('conductor_group', sa.String(length=255), server_default='', nullable=False),
        sa.Column('version', sa.String(length=15), nullable=True),
        sa.Column('created_at', _TIMESTAMP, nullable=True),
        sa.Column('updated_at', _TIMESTAMP, nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('hostname', name='uniq_conductors0hostname'),
        **_TABLE_ARGS,
    )


def _create_deploy_templates() -> None:
    op.create_table('deploy_templates',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('uuid', sa.String(length=36), nullable=True),
        sa.Column('name', sa.String(length=255), nullable=False),
        sa.Column('extra', _JSON, nullable=True),
        sa.Column('version', sa.String(length=15), nullable=True),
        sa.Column('created_at', _TIMESTAMP, nullable=True),
        sa.Column('updated_at', _TIMESTAMP, nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('name', name='uniq_deploytemplates0name'),
        sa.UniqueConstraint('uuid', name='uniq_deploytemplates0uuid'),
        **_TABLE_ARGS,
    )


def _create_conductor_hardware_interfaces() -> None:
    op.create_table('conductor_hardware_interfaces',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('conductor_id', sa.Integer(), nullable=False),
        sa.Column('hardware_type', sa.String(length=255), nullable=False),
        sa.Column('interface_type', sa.String(length=16), nullable=False),
        sa.Column('interface_name', sa.String(length=255), nullable=False),
        sa.Column('default', sa.Boolean(), nullable=False),
        sa.Column('version', sa.String(length=15), nullable=True),
        sa.Column('created_at', _TIMESTAMP, nullable=True),
        sa.Column('updated_at', _TIMESTAMP, nullable=True),
        sa.ForeignKeyConstraint(['conductor_id'], ['conductors.id'], ),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('conductor_id', 'hardware_type', 'interface_type', 'interface_name', name='uniq_conductorhardwareinterfaces0'),
        **_TABLE_ARGS,
    )


def _create_deploy_template_steps() -> None:
    op.create_table('deploy_template_steps',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('deploy_template_id', sa.Integer(), nullable=False),
        sa.Column('interface', sa.String(length=255), nullable=False),
        sa.Column('step', sa.String(length=255), nullable=False),
        sa.Column('args', _JSON, nullable=False),
        sa.Column('priority', sa.Integer(), nullable=False),
        sa.Column('version', sa.String(length=15), nullable=True),
        sa.Column('created_at', _TIMESTAMP, nullable=True),
        sa.Column('updated_at', _TIMESTAMP, nullable=True),
        sa.ForeignKeyConstraint(['deploy_template_id'], ['deploy_templates.id'], ),
        sa.PrimaryKeyConstraint('id'),
        **_TABLE_ARGS,
    )
    op.create_index('deploy_template_id', 'deploy_template_steps', ['deploy_template_id'], unique=False)
    op.create_index('deploy_template_steps_interface_idx', 'deploy_template_steps', ['interface'], unique=False)
    op.create_index('deploy_template_steps_step_idx', 'deploy_template_steps', ['step'], unique=False)


def _node_columns() -> list[sa.Column]:
    return [
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('uuid', sa.String(length=36), nullable=True),
        sa.Column('instance_uuid', sa.String(length=36), nullable=True),
        sa.Column('instance_name', sa.String(length=255), nullable=True),
        sa.Column('name', sa.String(length=255), nullable=True),
        sa.Column('chassis_id', sa.Integer(), nullable=True),
        sa.Column('power_state', sa.String(length=15), nullable=True),
        sa.Column('target_power_state', sa.String(length=15), nullable=True),
        sa.Column('provision_state', sa.String(length=15), nullable=True),
        sa.Column('target_provision_state', sa.String(length=15), nullable=True),
        sa.Column('provision_updated_at', _TIMESTAMP, nullable=True),
        sa.Column('last_error', sa.Text(), nullable=True),
        sa.Column('instance_info', _JSON, nullable=True),
        sa.Column('properties', _JSON, nullable=True),
        sa.Column('driver', sa.String(length=255), nullable=True),
        sa.Column('driver_info', _JSON, nullable=True),
        sa.Column('driver_internal_info', _JSON, nullable=True),
        sa.Column('clean_step', _JSON, nullable=True),
        sa.Column('deploy_step', _JSON, nullable=True),
        sa.Column('resource_class', sa.String(length=80), nullable=True),
        sa.Column('raid_config', _JSON, nullable=True),
        sa.Column('target_raid_config', _JSON, nullable=True),
        sa.Column('reservation', sa.String(length=255), nullable=True),
        sa.Column('conductor_affinity', sa.Integer(), nullable=True),
        sa.Column('conductor_group', sa.String(length=255), server_default='', nullable=False),
        sa.Column('maintenance', sa.Boolean(), nullable=True),
        sa.Column('maintenance_reason', sa.Text(), nullable=True),
        sa.Column('fault', sa.String(length=255), nullable=True),
        sa.Column('console_enabled', sa.Boolean(), nullable=True),
        sa.Column('inspection_finished_at', _TIMESTAMP, nullable=True),
        sa.Column('inspection_started_at', _TIMESTAMP, nullable=True),
        sa.Column('extra', _JSON, nullable=True),
        sa.Column('automated_clean', sa.Boolean(), nullable=True),
        sa.Column('protected', sa.Boolean(), nullable=False),
        sa.Column('protected_reason', sa.Text(), nullable=True),
        sa.Column('owner', sa.String(length=255), nullable=True),
        sa.Column('lessee', sa.String(length=255), nullable=True),
        sa.Column('allocation_id', sa.Integer(), nullable=True),
        sa.Column('description', sa.Text(), nullable=True),
        sa.Column('bios_interface', sa.String(length=255), nullable=True),
        sa.Column('boot_interface', sa.String(length=255), nullable=True),
        sa.Column('console_interface', sa.String(length=255), nullable=True),
        sa.Column('deploy_interface', sa.String(length=255), nullable=True),
        sa.Column('firmware_interface', sa.String(length=255), nullable=True),
        sa.Column('inspect_interface', sa.String(length=255), nullable=True),
        sa.Column('management_interface', sa.String(length=255), nullable=True),
        sa.Column('network_interface', sa.String(length=255), nullable=True),
        sa.Column('raid_interface', sa.String(length=255), nullable=True),
        sa.Column('rescue_interface', sa.String(length=255), nullable=True),
        sa.Column('retired', sa.Boolean(), nullable=True),
        sa.Column('retired_reason', sa.Text(), nullable=True),
        sa.Column('network_data', _JSON, nullable=True),
        sa.Column('storage_interface', sa.String(length=255), nullable=True),
        sa.Column('power_interface', sa.String(length=255), nullable=True),
        sa.Column('vendor_interface', sa.String(length=255), nullable=True),
        sa.Column('boot_mode', sa.String(length=16), nullable=True),
        sa.Column('secure_boot', sa.Boolean(), nullable=True),
        sa.Column('shard', sa.String(length=255), nullable=True),
        sa.Column('parent_node', sa.String(length=36), nullable=True),
        sa.Column('service_step', _JSON, nullable=True),
        sa.Column('disable_power_off', sa.Boolean(), nullable=True),
        sa.Column('health', sa.String(length=32), nullable=True),
        sa.Column('version', sa.String(length=15), nullable=True),
        sa.Column('created_at', _TIMESTAMP, nullable=True),
        sa.Column('updated_at', _TIMESTAMP, nullable=True),
    ]


def _create_nodes() -> None:
    op.create_table('nodes',
        *_node_columns(),
        sa.ForeignKeyConstraint(['chassis_id'], ['chassis.id'], ),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('instance_uuid', name='uniq_nodes0instance_uuid'),
        sa.UniqueConstraint('name', name='uniq_nodes0name'),
        sa.UniqueConstraint('uuid', name='uniq_nodes0uuid'),
        **_TABLE_ARGS,
    )
    op.create_index('allocation_id_idx', 'nodes', ['allocation_id'], unique=False)
    op.create_index('chassis_id_idx', 'nodes', ['chassis_id'], unique=False)
    op.create_index('conductor_group_idx', 'nodes', ['conductor_group'], unique=False)
    op.create_index('driver_idx', 'nodes', ['driver'], unique=False)
    op.create_index('fault_idx', 'nodes', ['fault'], unique=False)
    op.create_index('lessee_idx', 'nodes', ['lessee'], unique=False)
    op.create_index('maintenance_idx', 'nodes', ['maintenance'], unique=False)
    op.create_index('owner_idx', 'nodes', ['owner'], unique=False)
    op.create_index('parent_node_idx', 'nodes', ['parent_node'], unique=False)
    op.create_index('provision_state_idx', 'nodes', ['provision_state'], unique=False)
    op.create_index('provision_updated_at_idx', 'nodes', ['provision_updated_at'], unique=False)
    op.create_index('reservation_idx', 'nodes', ['reservation'], unique=False)
    op.create_index('resource_class_idx', 'nodes', ['resource_class'], unique=False)
    op.create_index('retired_idx', 'nodes', ['retired'], unique=False)
    op.create_index('shard_idx', 'nodes', ['shard'], unique=False)


def _create_allocations() -> None:
    op.create_table('allocations',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=255), nullable=True),
        sa.Column('node_id', sa.Integer(), nullable=True),
        sa.Column('state', sa.String(length=15), nullable=False),
        sa.Column('owner', sa.String(length=255), nullable=True),
        sa.Column('last_error', sa.Text(), nullable=True),
        sa.Column('resource_class', sa.String(length=80), nullable=True),
        sa.Column('traits', _JSON, nullable=True),
        sa.Column('candidate_nodes', _JSON, nullable=True),
        sa.Column('extra', _JSON, nullable=True),
        sa.Column('conductor_affinity', sa.Integer(), nullable=True),
        sa.Column('version', sa.String(length=15), nullable=True),
        sa.Column('created_at', _TIMESTAMP, nullable=True),
        sa.Column('updated_at', _TIMESTAMP, nullable=True),
        sa.ForeignKeyConstraint(['node_id'], ['nodes.id'], ),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('name', name='uniq_allocations0name'),
        sa.UniqueConstraint('uuid', name='uniq_allocations0uuid'),
        **_TABLE_ARGS,
    )
    op.create_index('allocations_node_id_idx', 'allocations', ['node_id'], unique=False)
    op.create_index('allocations_state_idx', 'allocations', ['state'], unique=False)


def _create_bios_settings() -> None:
    op.create_table('bios_settings',
        sa.Column('node_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=255), nullable=False),
        sa.Column('value', sa.Text(), nullable=True),
        sa.Column('attribute_type', sa.String(length=255), nullable=True),
        sa.Column('allowable_values', _JSON, nullable=True),
        sa.Column('lower_bound', sa.BigInteger(), nullable=True),
        sa.Column('max_length', sa.Integer(), nullable=True),
        sa.Column('min_length', sa.Integer(), nullable=True),
        sa.Column('read_only', sa.Boolean(), nullable=True),
        sa.Column('reset_required', sa.Boolean(), nullable=True),
        sa.Column('unique', sa.Boolean(), nullable=True),
        sa.Column('upper_bound', sa.BigInteger(), nullable=True),
        sa.Column('version', sa.String(length=15), nullable=True),
        sa.Column('created_at', _TIMESTAMP, nullable=True),
        sa.Column('updated_at', _TIMESTAMP, nullable=True),
        sa.ForeignKeyConstraint(['node_id'], ['nodes.id'], ),
        sa.PrimaryKeyConstraint('node_id', 'name'),
        **_TABLE_ARGS,
    )


def _create_node_history() -> None:
    op.create_table('node_history',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('conductor', sa.String(length=255), nullable=True),
        sa.Column('event_type', sa.String(length=255), nullable=True),
        sa.Column('severity', sa.String(length=255), nullable=True),
        sa.Column('event', sa.Text(), nullable=True),
        sa.Column('user', sa.String(length=64), nullable=True),
        sa.Column('project', sa.String(length=80), nullable=True),
        sa.Column('node_id', sa.Integer(), nullable=True),
        sa.Column('state', sa.String(length=255), nullable=True),
        sa.Column('target_provision_state', sa.String(length=255), nullable=True),
        sa.Column('duration_seconds', sa.Integer(), nullable=True),
        sa.Column('version', sa.String(length=15), nullable=True),
        sa.Column('created_at', _TIMESTAMP, nullable=True),
        sa.Column('updated_at', _TIMESTAMP, nullable=True),
        sa.ForeignKeyConstraint(['node_id'], ['nodes.id'], ),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('uuid', name='uniq_history0uuid'),
        **_TABLE_ARGS,
    )
    op.create_index('history_conductor_idx', 'node_history', ['conductor'], unique=False)
    op.create_index('history_node_id_idx', 'node_history', ['node_id'], unique=False)


def _create_node_inventory() -> None:
    op.create_table('node_inventory',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('inventory_data', _JSON, nullable=True),
        sa.Column('plugin_data', _JSON, nullable=True),
        sa.Column('node_id', sa.Integer(), nullable=True),
        sa.Column('version', sa.String(length=15), nullable=True),
        sa.Column('created_at', _TIMESTAMP, nullable=True),
        sa.Column('updated_at', _TIMESTAMP, nullable=True),
        sa.ForeignKeyConstraint(['node_id'], ['nodes.id'], ),
        sa.PrimaryKeyConstraint('id'),
        **_TABLE_ARGS,
    )
    op.create_index('inventory_node_id_idx', 'node_inventory', ['node_id'], unique=False)


def _create_node_tags() -> None:
    op.create_table('node_tags',
        sa.Column('node_id', sa.Integer(), nullable=False),
        sa.Column('tag', sa.String(length=255), nullable=False),
        sa.Column('version', sa.String(length=15), nullable=True),
        sa.Column('created_at', _TIMESTAMP, nullable=True),
        sa.Column('updated_at', _TIMESTAMP, nullable=True),
        sa.ForeignKeyConstraint(['node_id'], ['nodes.id'], ),
        sa.PrimaryKeyConstraint('node_id', 'tag'),
        **_TABLE_ARGS,
    )
    op.create_index('node_tags_idx', 'node_tags', ['tag'], unique=False)


def _create_node_traits() -> None:
    op.create_table('node_traits',
        sa.Column('node_id', sa.Integer(), nullable=False),
        sa.Column('trait', sa.String(length=255), nullable=False),
        sa.Column('version', sa.String(length=15), nullable=True),
        sa.Column('created_at', _TIMESTAMP, nullable=True),
        sa.Column('updated_at', _TIMESTAMP, nullable=True),
        sa.ForeignKeyConstraint(['node_id'], ['nodes.id'], ),
        sa.PrimaryKeyConstraint('node_id', 'trait'),
        **_TABLE_ARGS,
    )
    op.create_index('node_traits_idx', 'node_traits', ['trait'], unique=False)


def _create_portgroups() -> None:
    op.create_table('portgroups',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('uuid', sa.String(length=36), nullable=True),
        sa.Column('name', sa.String(length=255), nullable=True),
        sa.Column('node_id', sa.Integer(), nullable=True),
        sa.Column('address', sa.String(length=18), nullable=True),
        sa.Column('extra', _JSON, nullable=True),
        sa.Column('internal_info', _JSON, nullable=True),
        sa.Column('standalone_ports_supported', sa.Boolean(), nullable=True),
        sa.Column('mode', sa.String(length=255), nullable=True),
        sa.Column('properties', _JSON, nullable=True),
        sa.Column('physical_network', sa.String(length=64), nullable=True),
        sa.Column('category', sa.String(length=80), nullable=True),
        sa.Column('dynamic_portgroup', sa.Boolean(), nullable=True),
        sa.Column('version', sa.String(length=15), nullable=True),
        sa.Column('created_at', _TIMESTAMP, nullable=True),
        sa.Column('updated_at', _TIMESTAMP, nullable=True),
        sa.ForeignKeyConstraint(['node_id'], ['nodes.id'], ),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('address', name='uniq_portgroups0address'),
        sa.UniqueConstraint('name', name='uniq_portgroups0name'),
        sa.UniqueConstraint('uuid', name='uniq_portgroups0uuid'),
        **_TABLE_ARGS,
    )
    op.create_index('portgroups_node_id_idx', 'portgroups', ['node_id'], unique=False)


def _create_volume_connectors() -> None:
    op.create_table('volume_connectors',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('uuid', sa.String(length=36), nullable=True),
        sa.Column('node_id', sa.Integer(), nullable=True),
        sa.Column('type', sa.String(length=32), nullable=True),
        sa.Column('connector_id', sa.String(length=255), nullable=True),
        sa.Column('extra', _JSON, nullable=True),
        sa.Column('version', sa.String(length=15), nullable=True),
        sa.Column('created_at', _TIMESTAMP, nullable=True),
        sa.Column('updated_at', _TIMESTAMP, nullable=True),
        sa.ForeignKeyConstraint(['node_id'], ['nodes.id'], ),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('type', 'connector_id', name='uniq_volumeconnectors0type0connector_id'),
        sa.UniqueConstraint('uuid', name='uniq_volumeconnectors0uuid'),
        **_TABLE_ARGS,
    )
    op.create_index('volume_connectors_node_id_idx', 'volume_connectors', ['node_id'], unique=False)


def _create_volume_targets() -> None:
    op.create_table('volume_targets',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('uuid', sa.String(length=36), nullable=True),
        sa.Column('node_id', sa.Integer(), nullable=True),
        sa.Column('volume_type', sa.String(length=64), nullable=True),
        sa.Column('properties', _JSON, nullable=True),
        sa.Column('boot_index', sa.Integer(), nullable=True),
        sa.Column('volume_id', sa.String(length=36), nullable=True),
        sa.Column('extra', _JSON, nullable=True),
        sa.Column('version', sa.String(length=15), nullable=True),
        sa.Column('created_at', _TIMESTAMP, nullable=True),
        sa.Column('updated_at', _TIMESTAMP, nullable=True),
        sa.ForeignKeyConstraint(['node_id'], ['nodes.id'], ),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('node_id', 'boot_index', name='uniq_volumetargets0node_id0boot_index'),
        sa.UniqueConstraint('uuid', name='uniq_volumetargets0uuid'),
        **_TABLE_ARGS,
    )


def _create_ports() -> None:
    op.create_table('ports',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('uuid', sa.String(length=36), nullable=True),
        sa.Column('address', sa.String(length=18), nullable=True),
        sa.Column('node_id', sa.Integer(), nullable=True),
        sa.Column('extra', _JSON, nullable=True),
        sa.Column('local_link_connection', _JSON, nullable=True),
        sa.Column('portgroup_id', sa.Integer(), nullable=True),
        sa.Column('pxe_enabled', sa.Boolean(), nullable=True),
        sa.Column('internal_info', _JSON, nullable=True),
        sa.Column('physical_network', sa.String(length=64), nullable=True),
        sa.Column('is_smartnic', sa.Boolean(), nullable=True),
        sa.Column('name', sa.String(length=255), nullable=True),
        sa.Column('description', sa.String(length=255), nullable=True),
        sa.Column('vendor', sa.String(length=32), nullable=True),
        sa.Column('category', sa.String(length=80), nullable=True),
        sa.Column('available_for_dynamic_portgroup', sa.Boolean(), nullable=False),
        sa.Column('version', sa.String(length=15), nullable=True),
        sa.Column('created_at', _TIMESTAMP, nullable=True),
        sa.Column('updated_at', _TIMESTAMP, nullable=True),
        sa.ForeignKeyConstraint(['node_id'], ['nodes.id'], ),
        sa.ForeignKeyConstraint(['portgroup_id'], ['portgroups.id'], ),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('address', name='uniq_ports0address'),
        sa.UniqueConstraint('name', name='uniq_ports0name'),
        sa.UniqueConstraint('uuid', name='uniq_ports0uuid'),
        **_TABLE_ARGS,
    )
    op.create_index('ports_node_id_idx', 'ports', ['node_id'], unique=False)
    op.create_index('ports_portgroup_id_idx', 'ports', ['portgroup_id'], unique=False)


def upgrade() -> None:
    _create_chassis()
    _create_conductors()
    _create_deploy_templates()
    _create_conductor_hardware_interfaces()
    _create_deploy_template_steps()
    _create_nodes()
    _create_allocations()
    _create_bios_settings()
    _create_node_history()
    _create_node_inventory()
    _create_node_tags()
    _create_node_traits()
    _create_portgroups()
    _create_volume_connectors()
    _create_volume_targets()
    _create_ports()
