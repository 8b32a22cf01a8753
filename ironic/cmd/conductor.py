"""``ironic-conductor``: run one conductor service until SIGTERM or SIGINT.

The conductor registers in the conductors table, heartbeats, and serves RPC
through the transport chosen by ``[DEFAULT] rpc_transport`` (``oslo``:
RabbitMQ at ``transport_url``; ``json-rpc``: HTTP on ``[json_rpc]
host_ip``/``port``). With ``none`` only an API in the same process can reach
it; use the embedded ``ironic`` command for that.

SIGTERM (or SIGINT) stops it gracefully: no new RPC, running work gets
``[conductor] graceful_shutdown_timeout`` seconds, its locks are released and
it unregisters, so the other conductors take its nodes over at once.
"""
from __future__ import annotations

import logging
import signal
import sys
import threading
from typing import Any

from ironic.common import gc_tuning
from ironic.common import logging_setup
from ironic.common import rpc
from ironic.conductor import manager
from ironic.conf import CONF

LOG = logging.getLogger(__name__)


def parse_config(argv: list[str] | None) -> None:
    """Register logging options, parse the command line and config files."""
    logging_setup.register_options(CONF)
    CONF(argv if argv is not None else sys.argv[1:], project="ironic")
    logging_setup.setup(CONF)


def start_conductor() -> manager.ConductorManager:
    """Create and start the conductor service of this host.

    :raises: ConfigInvalid if the driver configuration is unusable.
    """
    service = manager.ConductorManager(CONF.host)
    service.init_host()
    return service


def stop_on_signals(stop: Any) -> None:
    """Call ``stop(signum)`` on SIGTERM and SIGINT (main thread only)."""
    def handler(signum: int, _frame: Any) -> None:
        LOG.info("Received signal %s, stopping", signal.Signals(signum).name)
        stop(signum)
    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)


def main(argv: list[str] | None = None) -> int:
    """Run a conductor until stopped; returns the exit status."""
    parse_config(argv)
    if CONF.rpc_transport == "none":
        LOG.warning("rpc_transport is 'none': no API outside this process can "
                    "reach this conductor (use the 'ironic' command instead)")
    stopped = threading.Event()
    stop_on_signals(lambda _signum: stopped.set())
    service = start_conductor()
    gc_tuning.tune_after_start_up()
    try:
        while not stopped.wait(1):
            pass
    finally:
        service.del_host()
        rpc.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
