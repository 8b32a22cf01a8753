"""Conductor tests run a real ConductorManager on a real SQLite database."""
from __future__ import annotations

from collections.abc import Iterator

import futurist
import pytest

from ironic.common import context as ir_context
from ironic.conductor import manager
from ironic.conductor import rpcapi


def run_workers_inline(service: manager.ConductorManager) -> None:
    """Unit tests run no threads: work handed to a worker runs at once, in the
    caller's thread, after the node lock has been passed on (as a worker would)."""
    service._executor.shutdown(wait=True)
    service._executor = futurist.SynchronousExecutor()


@pytest.fixture
def ctx() -> ir_context.RequestContext:
    return ir_context.get_admin_context()


@pytest.fixture
def service(db, conf) -> Iterator[manager.ConductorManager]:
    """A started conductor for host ``test-host`` (heartbeat far in the future)."""
    conf.config(heartbeat_interval=3600, node_locked_retry_attempts=1,
                node_locked_retry_interval=0, group="conductor")
    rpcapi._ring_manager = None
    svc = manager.ConductorManager("test-host")
    svc.init_host()
    run_workers_inline(svc)
    try:
        yield svc
    finally:
        svc.del_host()
        rpcapi._ring_manager = None


@pytest.fixture
def rpc(service) -> rpcapi.ConductorAPI:
    """The RPC client, reaching ``service`` in-process."""
    return rpcapi.ConductorAPI()
