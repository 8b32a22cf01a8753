"""``ironic --config-file FILE``: API and conductor in one process.

Embedded defaults (each can be overridden in the config file): SQLite under
``[DEFAULT] state_path``, ``rpc_transport = none``, ``auth_strategy = noauth``,
the fake-hardware type, and the API on 127.0.0.1:6385. On start the database
schema is created or upgraded, the conductor registers and heartbeats, and the
API is served until SIGTERM or SIGINT; the conductor then unregisters.
"""
from __future__ import annotations

import logging
import sys
from typing import Any

from ironic.api import app as api_app
from ironic.api import server
from ironic.cmd import conductor as conductor_cmd
from ironic.conf import CONF
from ironic.db import migration

LOG = logging.getLogger(__name__)


def set_embedded_defaults() -> None:
    """Defaults for a single-process service; the config file may override them."""
    CONF.set_default("rpc_transport", "none")
    CONF.set_default("auth_strategy", "noauth")
    CONF.set_default("enabled_hardware_types", ["fake-hardware"])
    CONF.set_default("host_ip", "127.0.0.1", group="api")
    CONF.set_default("port", 6385, group="api")


def prepare_database() -> None:
    """Create the schema on an empty database, otherwise upgrade it."""
    if migration.version() is None:
        LOG.info("Creating the database schema")
        migration.create_schema()
    else:
        migration.upgrade()


def _exit(_signum: int) -> None:
    # Raised in the main thread, where cheroot's serve loop stops on it.
    raise SystemExit(0)


def main(argv: list[str] | None = None) -> int:
    """Run the embedded service until stopped; returns the exit status."""
    set_embedded_defaults()
    conductor_cmd.parse_config(argv)
    if CONF.rpc_transport != "none":
        LOG.warning("Embedded mode needs rpc_transport 'none'; ignoring %r",
                    CONF.rpc_transport)
        CONF.set_override("rpc_transport", "none")
    prepare_database()
    service = conductor_cmd.start_conductor()
    status = 0
    try:
        app: Any = api_app.setup_app()
        conductor_cmd.stop_on_signals(_exit)
        LOG.info("Ironic (embedded) listening on http://%s:%s", CONF.api.host_ip,
                 CONF.api.port)
        server.serve(app, CONF.api.host_ip, CONF.api.port, CONF.api.wsgi_threads)
    except (KeyboardInterrupt, SystemExit):
        pass
    except OSError as e:
        LOG.error("Cannot serve the API on %s:%s: %s", CONF.api.host_ip,
                  CONF.api.port, e)
        status = 1
    finally:
        service.del_host()
        LOG.info("Ironic (embedded) stopped")
    return status


if __name__ == "__main__":
    sys.exit(main())
