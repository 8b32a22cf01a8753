"""Schema management on SQLite: the alembic walk, create_schema, ironic-dbsync."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
import sqlalchemy as sa

from ironic.conf import CONF
from ironic.db import migration
from ironic.db.sqlalchemy import enginefacade_setup
from ironic.db.sqlalchemy import models


@pytest.fixture
def empty_sqlite(conf):
    enginefacade_setup.configure()
    yield enginefacade_setup.get_engine()
    enginefacade_setup.dispose()


def _schema(engine):
    inspector = sa.inspect(engine)
    return {table: {ix["name"] for ix in inspector.get_indexes(table)}
            for table in inspector.get_table_names()}


def test_upgrade_from_empty_creates_every_table_and_index(empty_sqlite):
    assert migration.version() is None
    migration.upgrade()
    assert migration.version() == migration.head()
    schema = _schema(empty_sqlite)
    for table in models.Base.metadata.sorted_tables:
        assert table.name in schema
        assert {ix.name for ix in table.indexes} <= schema[table.name]


def test_runbooks_revision_upgrades_a_0001_database_keeping_its_rows(empty_sqlite):
    migration.upgrade("0001_initial")
    with empty_sqlite.begin() as connection:
        connection.execute(sa.text("INSERT INTO deploy_templates (uuid, name) "
                                   "VALUES ('u1', 'CUSTOM_KEEP')"))
    assert "runbooks" not in _schema(empty_sqlite)
    migration.upgrade("0002_runbooks")
    assert migration.version() == "0002_runbooks"
    schema = _schema(empty_sqlite)
    assert {"runbook_id", "runbook_steps_step_idx",
            "runbook_steps_interface_idx"} <= schema["runbook_steps"]
    with empty_sqlite.connect() as connection:
        names = connection.execute(sa.text("SELECT name FROM deploy_templates"))
        assert [n for (n,) in names] == ["CUSTOM_KEEP"]


def test_inspection_rules_revision_upgrades_a_0002_database(empty_sqlite):
    migration.upgrade("0002_runbooks")
    assert "inspection_rules" not in _schema(empty_sqlite)
    migration.upgrade()
    assert migration.version() == migration.head() == "0003_inspection_rules"
    assert "inspection_rules_phase_idx" in _schema(empty_sqlite)["inspection_rules"]


def test_migrations_match_the_models(empty_sqlite):
    migration.upgrade()
    upgraded = _schema(empty_sqlite)
    enginefacade_setup.configure("sqlite:///" + os.path.join(CONF.state_path, "m.sqlite"))
    migration.create_schema()
    assert _schema(enginefacade_setup.get_engine()) == upgraded


def test_create_schema_refuses_a_versioned_database(empty_sqlite):
    migration.create_schema()
    assert migration.version() == migration.head()
    with pytest.raises(migration.SchemaAlreadyExists):
        migration.create_schema()


def _dbsync(config_file, *args):
    return subprocess.run(
        [sys.executable, "-c", "import sys; from ironic.cmd.dbsync import main; "
                               "sys.exit(main())", "--config-file", config_file, *args],
        capture_output=True, text=True, timeout=120)


def test_dbsync_upgrade_then_version_reports_head(tmp_path):
    state = tmp_path / "state"
    config = tmp_path / "ironic.conf"
    config.write_text(f"[DEFAULT]\nstate_path = {state}\n")
    assert _dbsync(str(config), "version").stdout.strip() == "None"
    assert _dbsync(str(config), "upgrade").returncode == 0
    assert _dbsync(str(config), "version").stdout.strip() == migration.head()
    assert _dbsync(str(config), "create_schema").returncode == 1
    assert _dbsync(str(config), "online_data_migrations").returncode == 0
    assert (state / "ironic.sqlite").exists()
