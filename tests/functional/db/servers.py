"""Throwaway databases on the local PostgreSQL and MariaDB servers.

Each call creates a database with a random name; ``drop`` removes it. When a
server cannot be reached the caller skips, or fails if the environment sets
IRONIC_TEST_REQUIRE_SERVICES=1 (CI).
"""
from __future__ import annotations

import os
import uuid

import pytest
import sqlalchemy as sa

SERVERS = {
    "postgresql": os.environ.get("IRONIC_TEST_POSTGRESQL_URL",
                                 "postgresql+psycopg2://postgres@127.0.0.1:5432"),
    "mysql": os.environ.get("IRONIC_TEST_MYSQL_URL",
                            "mysql+pymysql://root@127.0.0.1:3306"),
}
"""Server URLs (without database) of the backends besides SQLite; the
IRONIC_TEST_POSTGRESQL_URL / IRONIC_TEST_MYSQL_URL variables override them."""

_ADMIN_DB = {"postgresql": "postgres", "mysql": ""}


def _admin_engine(backend: str) -> sa.engine.Engine:
    url = f"{SERVERS[backend]}/{_ADMIN_DB[backend]}"
    return sa.create_engine(url, isolation_level="AUTOCOMMIT", pool_pre_ping=True,
                            connect_args={"connect_timeout": 5})


def unavailable(backend: str, reason: str) -> None:
    """Skip (or fail, when services are required) for an unreachable server."""
    message = f"{backend} server at {SERVERS[backend]} is unreachable: {reason}"
    if os.environ.get("IRONIC_TEST_REQUIRE_SERVICES") == "1":
        pytest.fail(message)
    pytest.skip(message)


def create(backend: str) -> str:
    """Create an empty database and return its URL (skips if unreachable)."""
    name = f"ironic_test_{uuid.uuid4().hex[:12]}"
    try:
        engine = _admin_engine(backend)
        with engine.connect() as conn:
            if backend == "mysql":
                conn.exec_driver_sql(f"CREATE DATABASE {name} CHARACTER SET utf8mb4")
            else:
                conn.exec_driver_sql(f"CREATE DATABASE {name}")
        engine.dispose()
    except sa.exc.OperationalError as exc:
        unavailable(backend, str(exc.orig).strip().splitlines()[0])
    suffix = "?charset=utf8mb4" if backend == "mysql" else ""
    return f"{SERVERS[backend]}/{name}{suffix}"


def drop(url: str) -> None:
    """Drop a database made by ``create``."""
    backend = "mysql" if url.startswith("mysql") else "postgresql"
    name = sa.engine.make_url(url).database
    engine = _admin_engine(backend)
    with engine.connect() as conn:
        if backend == "postgresql":
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        else:
            # Like PostgreSQL's FORCE: a connection a test left open (a worker
            # thread's pooled session) would otherwise hold a metadata lock
            # and make DROP wait for lock_wait_timeout (a year by default).
            conn.exec_driver_sql("SET SESSION lock_wait_timeout = 30")
            ids = conn.exec_driver_sql(
                "SELECT id FROM information_schema.processlist WHERE db = %s "
                "AND id <> CONNECTION_ID()", (name,)).scalars().all()
            for connection_id in ids:
                try:
                    conn.exec_driver_sql(f"KILL {int(connection_id)}")
                except sa.exc.DBAPIError:
                    pass  # it ended by itself in the meantime
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
    engine.dispose()
