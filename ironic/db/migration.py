"""Schema management: alembic upgrade, version and stamp, and create_schema.

Used by ``ironic-dbsync``, the embedded ``ironic`` command and the test
fixtures. Works on whichever database ``enginefacade_setup`` is configured for.
"""
from __future__ import annotations

import os

import alembic.command
import alembic.config
import alembic.migration
import alembic.script
import sqlalchemy

from ironic.db.sqlalchemy import enginefacade_setup
from ironic.db.sqlalchemy import models

_INI_PATH = os.path.join(os.path.dirname(__file__), "sqlalchemy", "alembic.ini")


class SchemaAlreadyExists(Exception):
    """create_schema was asked to run on a database that already has one."""


def _config(connection: sqlalchemy.engine.Connection | None = None) -> alembic.config.Config:
    config = alembic.config.Config(_INI_PATH)
    config.set_main_option(
        "script_location",
        os.path.join(os.path.dirname(_INI_PATH), "alembic"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head() -> str:
    """The newest revision shipped with this code."""
    script = alembic.script.ScriptDirectory.from_config(_config())
    return str(script.get_current_head())


def version() -> str | None:
    """The revision the database is at, or ``None`` if it has no schema."""
    with enginefacade_setup.get_engine().connect() as connection:
        context = alembic.migration.MigrationContext.configure(connection)
        return context.get_current_revision()


def upgrade(revision: str | None = None) -> None:
    """Upgrade the schema to ``revision`` (default: the newest)."""
    _run(alembic.command.upgrade, revision or "head")


def stamp(revision: str) -> None:
    """Record ``revision`` as current without running any migration."""
    _run(alembic.command.stamp, revision)


def _run(command: object, revision: str) -> None:
    engine = enginefacade_setup.get_engine()
    with engine.begin() as connection:
        command(_config(connection), revision)  # type: ignore[operator]


def create_schema() -> None:
    """Create every table from the models and stamp the newest revision.

    Quicker than walking the migrations; only for an empty database.

    :raises SchemaAlreadyExists: if the database is already versioned.
    """
    if version() is not None:
        raise SchemaAlreadyExists(
            "The database schema is already under version control; "
            "use upgrade instead.")
    engine = enginefacade_setup.get_engine()
    with engine.begin() as connection:
        models.Base.metadata.create_all(connection)
        alembic.command.stamp(_config(connection), "head")
