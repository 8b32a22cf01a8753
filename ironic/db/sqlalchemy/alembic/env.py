"""Alembic environment: runs revisions on ironic's configured database.

``ironic.db.migration`` passes an open connection in
``config.attributes['connection']``; without one, the engine configured by
``ironic.db.sqlalchemy.enginefacade_setup`` is used.
"""
from __future__ import annotations

from alembic import context

from ironic.db.sqlalchemy import enginefacade_setup
from ironic.db.sqlalchemy import models


def _run(connection) -> None:
    context.configure(connection=connection,
                      target_metadata=models.Base.metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    with enginefacade_setup.get_engine().connect() as connection:
        _run(connection)


run_migrations_online()
