"""A threaded WSGI server (cheroot) for embedded mode and ``ironic-api``."""
from __future__ import annotations

import logging
from typing import Any

from cheroot import wsgi

from ironic.common import gc_tuning
from ironic.conf import CONF

LOG = logging.getLogger(__name__)


def make_server(app: Any, host: str, port: int, threads: int | None = None) -> wsgi.Server:
    """Create (without starting) a cheroot server bound to ``host:port``.

    :param threads: worker threads; ``[api] wsgi_threads`` when ``None``.
    """
    numthreads = threads or CONF.api.wsgi_threads
    # A listen backlog of 128 (cheroot's default is 5) lets bursts of new
    # connections queue instead of being reset.
    server = wsgi.Server((host, port), app, numthreads=numthreads,
                         server_name="ironic-api", request_queue_size=128)
    # No cheroot body limit: the API itself answers oversized requests with
    # Ironic's JSON 413 (see hooks.VersionHook and expose.body).
    return server


def serve(app: Any, host: str, port: int, threads: int | None = None) -> None:
    """Serve ``app`` until interrupted (KeyboardInterrupt or SIGTERM handler)."""
    server = make_server(app, host, port, threads)
    gc_tuning.tune_after_start_up()
    LOG.info("Serving the API on http://%s:%s with %s threads", host, port,
             threads or CONF.api.wsgi_threads)
    try:
        server.safe_start()
    finally:
        server.stop()
