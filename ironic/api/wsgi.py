"""Entry point for running the API under an external WSGI server (uwsgi, mod_wsgi)."""
from __future__ import annotations

import sys
from typing import Any

from ironic.api import app
from ironic.common import logging_setup
from ironic.conf import CONF


def initialize_wsgi_app(argv: list[str] | None = None) -> Any:
    """Parse configuration, set up logging and return the WSGI application."""
    logging_setup.register_options(CONF)
    CONF(argv if argv is not None else sys.argv[1:], project="ironic")
    logging_setup.setup(CONF)
    return app.setup_app()
