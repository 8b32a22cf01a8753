"""Inspection rules: conditions checked and actions run when inspection ends.

Revision ID: 0003_inspection_rules
Revises: 0002_runbooks
Create Date: 2025-07-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision = "0003_inspection_rules"
down_revision = "0002_runbooks"
branch_labels = None
depends_on = None

_TIMESTAMP = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")
_JSON = sa.Text().with_variant(mysql.LONGTEXT(), "mysql", "mariadb")
_TABLE_ARGS = {"mysql_engine": "InnoDB", "mysql_charset": "utf8mb4",
               "mysql_collate": "utf8mb4_bin"}


def upgrade() -> None:
    op.create_table('inspection_rules',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('uuid', sa.String(length=36), nullable=True),
        sa.Column('description', sa.String(length=255), nullable=True),
        sa.Column('priority', sa.Integer(), nullable=False),
        sa.Column('sensitive', sa.Boolean(), nullable=True),
        sa.Column('phase', sa.String(length=16), nullable=True),
        sa.Column('scope', sa.String(length=255), nullable=True),
        sa.Column('conditions', _JSON, nullable=True),
        sa.Column('actions', _JSON, nullable=True),
        sa.Column('version', sa.String(length=15), nullable=True),
        sa.Column('created_at', _TIMESTAMP, nullable=True),
        sa.Column('updated_at', _TIMESTAMP, nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('uuid', name='uniq_inspection_rules0uuid'),
        **_TABLE_ARGS,
    )
    op.create_index('inspection_rules_phase_idx', 'inspection_rules', ['phase'],
                    unique=False)
