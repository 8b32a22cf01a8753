"""Engine set-up: the embedded SQLite default and its connection settings."""
from __future__ import annotations

import os
import threading

import sqlalchemy as sa

from ironic.conf import CONF
from ironic.db.sqlalchemy import enginefacade_setup


def test_default_database_is_sqlite_file_under_state_path(conf):
    conf.config(state_path=os.path.join(CONF.state_path, "new", "dir"))
    enginefacade_setup.configure()
    try:
        engine = enginefacade_setup.get_engine()
        assert engine.url.database == os.path.join(CONF.state_path, "ironic.sqlite")
        assert os.path.isdir(CONF.state_path)
        assert enginefacade_setup.is_sqlite()
    finally:
        enginefacade_setup.dispose()


def test_sqlite_connections_use_wal_busy_timeout_and_foreign_keys(db):
    with enginefacade_setup.get_engine().connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == \
            enginefacade_setup.SQLITE_BUSY_TIMEOUT_MS


def test_failed_write_transaction_is_rolled_back(db):
    table = sa.table("chassis", sa.column("description"))
    try:
        with enginefacade_setup.writer() as session:
            session.execute(sa.insert(table).values(description="half"))
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert db.get_chassis_list() == []


def test_many_threads_writing_at_once_never_see_database_locked(db):
    errors = []

    def write(i):
        try:
            for j in range(20):
                db.create_chassis({"description": f"{i}-{j}"})
        except Exception as exc:  # collected and checked below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert len(db.get_chassis_list()) == 200
