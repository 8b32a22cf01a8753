"""Engine and transaction set-up for every database backend we support.

Owns the process-wide oslo.db transaction context: which database URL is used
(``[database] connection``, or a SQLite file ``ironic.sqlite`` under
``[DEFAULT] state_path`` when unset), per-connection SQLite settings (WAL,
busy timeout, foreign keys), and the ``reader()``/``writer()`` context managers
the query modules run in.

SQLite allows one writer at a time. Instead of letting concurrent writer
threads fail with "database is locked", ``writer()`` holds a process-wide
re-entrant lock for the whole write transaction when the backend is SQLite,
and begins that transaction with ``BEGIN IMMEDIATE`` so another process
waits (busy timeout) rather than failing on a lock upgrade.
"""
from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from typing import Any

import sqlalchemy
from oslo_db.sqlalchemy import enginefacade
from sqlalchemy import event
from sqlalchemy import pool
from sqlalchemy.orm import Session

from ironic.conf import CONF

SQLITE_FILENAME = "ironic.sqlite"
"""Name of the embedded database file under ``[DEFAULT] state_path``."""

SQLITE_BUSY_TIMEOUT_MS = 30000
"""How long a SQLite connection waits for another process's write lock."""

SQLITE_POOL_SIZE = 10
"""Pooled connections kept open to the SQLite file (readers run in parallel)."""

_CONTEXT = threading.local()
_STATE = threading.local()
_WRITE_LOCK = threading.RLock()
_FACADE_LOCK = threading.Lock()
_facade: Any = None
_is_sqlite = False


def default_connection() -> str:
    """The URL of the embedded SQLite database, creating its directory."""
    state_path = os.path.abspath(CONF.state_path)
    os.makedirs(state_path, exist_ok=True)
    return "sqlite:///" + os.path.join(state_path, SQLITE_FILENAME)


def connection_url() -> str:
    """The configured database URL, or the embedded SQLite default."""
    return CONF.database.connection or default_connection()


def _sqlite_on_connect(dbapi_con: Any, _record: Any) -> None:
    dbapi_con.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    dbapi_con.execute("PRAGMA foreign_keys = ON")
    if CONF.database.sqlite_wal and _is_file_sqlite(dbapi_con):
        dbapi_con.execute("PRAGMA journal_mode = WAL")
        # WAL is crash-safe with NORMAL; FULL would fsync every commit.
        dbapi_con.execute("PRAGMA synchronous = NORMAL")


def _is_file_sqlite(dbapi_con: Any) -> bool:
    row = dbapi_con.execute("PRAGMA database_list").fetchone()
    return bool(row and row[2])


def _sqlite_begin(conn: Any) -> None:
    # Writers take the write lock up front
    # (BEGIN IMMEDIATE). The statement goes straight to the sqlite3
    # connection: through SQLAlchemy it cost a quarter of a one-row read.
    if "in_transaction" not in conn.info:
        begin = "BEGIN IMMEDIATE" if getattr(_STATE, "writing", 0) else "BEGIN"
        conn.connection.driver_connection.execute(begin)
        conn.info["in_transaction"] = True


def _pool_sqlite_file(engine: sqlalchemy.engine.Engine) -> None:
    """Keep connections open instead of oslo.db's NullPool for SQLite files.

    Opening a connection (and applying the pragmas) on every transaction
    costs more than the query itself; the file database is safe to share
    across threads since writes are serialised by ``_WRITE_LOCK``.
    """
    old = engine.pool
    if not isinstance(old, pool.NullPool):
        return
    engine.pool = pool.QueuePool(
        old._creator, pool_size=SQLITE_POOL_SIZE, max_overflow=50, timeout=60,
        recycle=old._recycle, echo=old.echo,
        logging_name=old._orig_logging_name,
        reset_on_return=old._reset_on_return, _dispatch=old.dispatch,
        dialect=old._dialect)
    old.dispose()


def _on_engine_create(engine: sqlalchemy.engine.Engine) -> None:
    if engine.dialect.name != "sqlite":
        return
    event.listen(engine, "connect", _sqlite_on_connect)
    # Replace oslo.db's BEGIN listener with ours (listener order cannot be
    # relied on: it ran first even with insert=True, so BEGIN IMMEDIATE was
    # never sent). oslo.db's commit/rollback listener still clears the flag.
    for listener in list(engine.dispatch.begin):
        if getattr(listener, "__name__", "") == "_sqlite_emit_begin":
            event.remove(engine, "begin", listener)
    event.listen(engine, "begin", _sqlite_begin)
    if engine.url.database not in (None, "", ":memory:"):
        _pool_sqlite_file(engine)
    # oslo.db tested a connection before this hook ran; drop it so every
    # pooled connection gets the settings above.
    engine.dispose()


def configure(connection: str | None = None) -> None:
    """(Re)build the transaction context, disposing of any previous engine.

    :param connection: database URL; defaults to ``[database] connection``
        or the embedded SQLite file.
    """
    global _facade, _is_sqlite
    url = connection or connection_url()
    facade = enginefacade.transaction_context()
    # thread_checkin yields to eventlet on every checkin; we use threads.
    facade.configure(connection=url, sqlite_fk=True, thread_checkin=False)
    facade.append_on_engine_create(_on_engine_create)
    with _FACADE_LOCK:
        old, _facade = _facade, facade
        _is_sqlite = url.startswith("sqlite")
    if old is not None:
        _dispose(old)


def _dispose(facade: Any) -> None:
    with contextlib.suppress(Exception):
        facade.dispose_pool()


def dispose() -> None:
    """Close every pooled connection and forget the engine (tests, shutdown)."""
    global _facade
    with _FACADE_LOCK:
        old, _facade = _facade, None
    if old is not None:
        _dispose(old)


def get_facade() -> Any:
    """The current transaction context, created from config on first use."""
    if _facade is None:
        configure()
    return _facade


def get_engine() -> sqlalchemy.engine.Engine:
    """The writer engine (starts the facade if needed)."""
    return get_facade().writer.get_engine()


def is_sqlite() -> bool:
    """Whether the configured backend is SQLite."""
    get_facade()
    return _is_sqlite


@contextlib.contextmanager
def reader() -> Iterator[Session]:
    """A read-only transaction; nested inside a writer it reuses the writer's."""
    with get_facade().reader.using(_CONTEXT) as session:
        yield session


@contextlib.contextmanager
def writer() -> Iterator[Session]:
    """A write transaction, committed on success and rolled back on error."""
    facade = get_facade()
    if not _is_sqlite:
        with facade.writer.using(_CONTEXT) as session:
            yield session
        return
    with _WRITE_LOCK:
        _STATE.writing = getattr(_STATE, "writing", 0) + 1
        try:
            with facade.writer.using(_CONTEXT) as session:
                yield session
        finally:
            _STATE.writing -= 1
