"""``ironic-api``: serve the REST API, in one process or several workers.

With ``[api] api_workers`` greater than one, the parent forks that many
workers, each running a threaded cheroot server on the same port
(SO_REUSEPORT lets the kernel spread connections); the parent waits and stops
them all on SIGTERM/SIGINT. Dead workers are not restarted.
"""
from __future__ import annotations

import os
import signal
import sys
from typing import Any

from ironic.api import app as api_app
from ironic.api import server
from ironic.common import gc_tuning
from ironic.common import logging_setup
from ironic.conf import CONF


def _worker_count() -> int:
    configured = CONF.api.api_workers
    if configured is None:
        return min(os.cpu_count() or 1, 4)
    return max(configured, 1)


def _serve_one(app: Any) -> None:
    server.serve(app, CONF.api.host_ip, CONF.api.port, CONF.api.wsgi_threads)


def _run_workers(count: int) -> int:
    children: list[int] = []
    for _ in range(count):
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            # Each worker builds its own app (and RPC client) after the fork.
            srv = server.make_server(api_app.setup_app(), CONF.api.host_ip,
                                     CONF.api.port, CONF.api.wsgi_threads)
            srv.reuse_port = True
            gc_tuning.tune_after_start_up()
            try:
                srv.safe_start()
            finally:
                srv.stop()
                os._exit(0)
        children.append(pid)

    def stop(signum: int, _frame: Any) -> None:
        for child in children:
            os.kill(child, signal.SIGTERM)
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    status = 0
    for child in children:
        _, code = os.waitpid(child, 0)
        status = status or os.waitstatus_to_exitcode(code)
    return status


def main(argv: list[str] | None = None) -> int:
    """Parse configuration and serve until stopped."""
    logging_setup.register_options(CONF)
    CONF(argv if argv is not None else sys.argv[1:], project="ironic")
    logging_setup.setup(CONF)
    workers = _worker_count()
    if workers == 1:
        _serve_one(api_app.setup_app())
        return 0
    return _run_workers(workers)


if __name__ == "__main__":
    sys.exit(main())
