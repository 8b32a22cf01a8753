"""The migration walk from an empty database on SQLite, PostgreSQL and MariaDB."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from ironic.db import migration
from ironic.db.sqlalchemy import enginefacade_setup
from ironic.db.sqlalchemy import models
from tests.functional.db import servers


@pytest.fixture(params=["sqlite", "postgresql", "mysql"])
def empty_database(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'walk.sqlite'}"
    else:
        url = servers.create(request.param)
    enginefacade_setup.configure(url)
    try:
        yield enginefacade_setup.get_engine()
    finally:
        enginefacade_setup.dispose()
        if request.param != "sqlite":
            servers.drop(url)


def test_upgrade_from_empty_reaches_head_with_every_table_and_index(empty_database):
    assert migration.version() is None
    migration.upgrade()
    assert migration.version() == migration.head()
    inspector = sa.inspect(empty_database)
    tables = set(inspector.get_table_names())
    for table in models.Base.metadata.sorted_tables:
        assert table.name in tables
        indexes = {ix["name"] for ix in inspector.get_indexes(table.name)}
        assert {ix.name for ix in table.indexes} <= indexes, table.name
        uniques = {uc["name"] for uc in inspector.get_unique_constraints(table.name)}
        if empty_database.dialect.name == "mysql":
            uniques |= indexes  # MySQL reports unique constraints as indexes
        wanted = {c.name for c in table.constraints
                  if isinstance(c, sa.UniqueConstraint) and c.name}
        assert wanted <= uniques, table.name


def test_upgrade_is_idempotent(empty_database):
    migration.upgrade()
    migration.upgrade()
    assert migration.version() == migration.head()


def test_runbooks_revision_applies_on_top_of_0001(empty_database):
    migration.upgrade("0001_initial")
    with empty_database.begin() as connection:
        connection.execute(sa.text("INSERT INTO deploy_templates (uuid, name) "
                                   "VALUES ('u1', 'CUSTOM_KEEP')"))
    assert "runbooks" not in sa.inspect(empty_database).get_table_names()
    migration.upgrade("0002_runbooks")
    assert migration.version() == "0002_runbooks"
    inspector = sa.inspect(empty_database)
    assert {"runbooks", "runbook_steps"} <= set(inspector.get_table_names())
    assert [fk["referred_table"] for fk in inspector.get_foreign_keys("runbook_steps")] \
        == ["runbooks"]
    with empty_database.connect() as connection:
        names = connection.execute(sa.text("SELECT name FROM deploy_templates"))
        assert [n for (n,) in names] == ["CUSTOM_KEEP"]


def test_inspection_rules_revision_applies_on_top_of_0002(empty_database):
    migration.upgrade("0002_runbooks")
    assert "inspection_rules" not in sa.inspect(empty_database).get_table_names()
    migration.upgrade()
    assert migration.version() == migration.head() == "0003_inspection_rules"
    inspector = sa.inspect(empty_database)
    columns = {c["name"] for c in inspector.get_columns("inspection_rules")}
    assert {"uuid", "description", "priority", "sensitive", "phase", "scope",
            "conditions", "actions", "version", "created_at",
            "updated_at"} <= columns
