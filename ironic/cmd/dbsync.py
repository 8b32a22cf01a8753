"""ironic-dbsync: create or upgrade the database schema and report its version.

Usage: ``ironic-dbsync [--config-file FILE] {create_schema|upgrade|version|
online_data_migrations|stamp}``. Without a command, ``upgrade`` runs.
"""
from __future__ import annotations

import sys
from collections.abc import Sequence

from oslo_config import cfg

from ironic.conf import CONF
from ironic.db import migration


def _upgrade() -> int:
    migration.upgrade(CONF.command.revision)
    print(f"Database upgraded to {migration.version()}")
    return 0


def _version() -> int:
    print(migration.version() or "None")
    return 0


def _create_schema() -> int:
    try:
        migration.create_schema()
    except migration.SchemaAlreadyExists as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Database schema created at {migration.version()}")
    return 0


def _stamp() -> int:
    migration.stamp(CONF.command.revision)
    return 0


def _online_data_migrations() -> int:
    # The initial schema needs no data migrations; later releases list their
    # migrations here, each returning (found, done) counts per batch.
    if migration.version() != migration.head():
        print("The schema is not at the newest revision; run 'upgrade' first.",
              file=sys.stderr)
        return 1
    print("Running online data migrations: nothing to migrate.")
    return 0


def _add_parsers(subparsers: object) -> None:
    parser = subparsers.add_parser(  # type: ignore[attr-defined]
        "upgrade", help="Upgrade the schema to the newest (or given) revision.")
    parser.add_argument("--revision", nargs="?", default=None)
    parser.set_defaults(func=_upgrade)
    parser = subparsers.add_parser(  # type: ignore[attr-defined]
        "stamp", help="Record a revision without running migrations.")
    parser.add_argument("--revision", nargs="?", default="head")
    parser.set_defaults(func=_stamp)
    for name, func, text in (
            ("version", _version, "Print the current schema revision."),
            ("create_schema", _create_schema,
             "Create the schema of an empty database directly from the models."),
            ("online_data_migrations", _online_data_migrations,
             "Run data migrations that can run while services are online.")):
        parser = subparsers.add_parser(name, help=text)  # type: ignore[attr-defined]
        if name == "online_data_migrations":
            parser.add_argument("--max-count", type=int, default=None)
        parser.set_defaults(func=func)


_COMMAND_OPT = cfg.SubCommandOpt("command", title="Command",
                                 help="Available commands",
                                 handler=_add_parsers)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``ironic-dbsync``."""
    args = list(sys.argv[1:] if argv is None else argv)
    commands = {"upgrade", "stamp", "version", "create_schema",
                "online_data_migrations"}
    if not any(arg in commands for arg in args):
        args.append("upgrade")
    CONF.register_cli_opt(_COMMAND_OPT)
    try:
        CONF(args, project="ironic")
        return int(CONF.command.func())
    finally:
        CONF.reset()
        CONF.unregister_opt(_COMMAND_OPT)
