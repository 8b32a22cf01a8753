"""Run the DB-API tests on SQLite, PostgreSQL and MariaDB.

``backend_url`` is a session fixture parametrised over the three backends: one
throwaway database each, migrated with alembic, dropped at the end. ``db``
overrides the unit-test fixture of the same name, so the backend-neutral test
modules of tests/unit/db run unchanged against each backend; rows are deleted
after every test.
"""
from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from ironic.db import api as db_api
from ironic.db import migration
from ironic.db.sqlalchemy import enginefacade_setup
from ironic.db.sqlalchemy import models
from tests.functional.db import servers

BACKENDS = ("sqlite", "postgresql", "mysql")


@pytest.fixture(scope="session", params=BACKENDS)
def backend_url(request: pytest.FixtureRequest,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated throwaway database on each backend (session-wide)."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("functional-db") / "ironic.sqlite"
        url = f"sqlite:///{path}"
    else:
        url = servers.create(request.param)
    enginefacade_setup.configure(url)
    try:
        migration.upgrade()
    finally:
        enginefacade_setup.dispose()
    try:
        yield url
    finally:
        enginefacade_setup.dispose()
        if request.param == "sqlite":
            os.unlink(url[len("sqlite:///"):])
        else:
            servers.drop(url)


def _empty_tables() -> None:
    with enginefacade_setup.writer() as session:
        for table in reversed(models.Base.metadata.sorted_tables):
            session.execute(sa.delete(table))


@pytest.fixture
def db(conf, backend_url: str) -> Iterator[db_api.Connection]:
    """The DB API on the current backend, emptied after the test."""
    enginefacade_setup.configure(backend_url)
    try:
        yield db_api.get_instance()
    finally:
        _empty_tables()
        enginefacade_setup.dispose()
