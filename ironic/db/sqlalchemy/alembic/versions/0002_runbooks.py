"""Runbooks: named, ordered clean/service steps matched to nodes by trait.

Revision ID: 0002_runbooks
Revises: 0001_initial
Create Date: 2025-06-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision = "0002_runbooks"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

_TIMESTAMP = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")
_JSON = sa.Text().with_variant(mysql.LONGTEXT(), "mysql", "mariadb")
_TABLE_ARGS = {"mysql_engine": "InnoDB", "mysql_charset": "utf8mb4",
               "mysql_collate": "utf8mb4_bin"}


def upgrade() -> None:
    op.create_table('runbooks',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('uuid', sa.String(length=36), nullable=True),
        sa.Column('name', sa.String(length=255), nullable=False),
        sa.Column('disable_ramdisk', sa.Boolean(), nullable=True),
        sa.Column('public', sa.Boolean(), nullable=True),
        sa.Column('owner', sa.String(length=255), nullable=True),
        sa.Column('extra', _JSON, nullable=True),
        sa.Column('version', sa.String(length=15), nullable=True),
        sa.Column('created_at', _TIMESTAMP, nullable=True),
        sa.Column('updated_at', _TIMESTAMP, nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('name', name='uniq_runbooks0name'),
        sa.UniqueConstraint('uuid', name='uniq_runbooks0uuid'),
        **_TABLE_ARGS,
    )
    op.create_index('runbooks_owner_idx', 'runbooks', ['owner'], unique=False)
    op.create_table('runbook_steps',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('runbook_id', sa.Integer(), nullable=False),
        sa.Column('interface', sa.String(length=255), nullable=False),
        sa.Column('step', sa.String(length=255), nullable=False),
        sa.Column('args', _JSON, nullable=False),
        sa.Column('order', sa.Integer(), nullable=False),
        sa.Column('version', sa.String(length=15), nullable=True),
        sa.Column('created_at', _TIMESTAMP, nullable=True),
        sa.Column('updated_at', _TIMESTAMP, nullable=True),
        sa.ForeignKeyConstraint(['runbook_id'], ['runbooks.id'], ),
        sa.PrimaryKeyConstraint('id'),
        **_TABLE_ARGS,
    )
    op.create_index('runbook_id', 'runbook_steps', ['runbook_id'], unique=False)
    op.create_index('runbook_steps_interface_idx', 'runbook_steps', ['interface'],
                    unique=False)
    op.create_index('runbook_steps_step_idx', 'runbook_steps', ['step'], unique=False)

