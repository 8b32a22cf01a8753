"""Options of the [database] group: oslo.db's options with our embedded default.

Without a configured connection the service uses a SQLite file under
``[DEFAULT] state_path`` (see ``ironic.db.sqlalchemy.enginefacade_setup``).
"""
from __future__ import annotations

from oslo_config import cfg
from oslo_db import options as db_options

opts = [
    cfg.StrOpt("mysql_engine", default="InnoDB", help="MySQL engine to use."),
    cfg.BoolOpt("sqlite_wal", default=True,
                help="Use SQLite's write-ahead log for the embedded database, "
                     "so readers never wait for a writer."),
]


def register_opts(conf: cfg.ConfigOpts) -> None:
    db_options.set_defaults(conf)
    conf.register_opts(opts, group="database")


def list_opts() -> list[cfg.Opt]:
    return opts
