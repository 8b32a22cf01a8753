"""Fixtures of the topology tests: throwaway databases and in-process clients."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from oslo_messaging import conffixture

from ironic.common import rpc
from ironic.conductor import rpcapi
from ironic.conf import CONF
from ironic.db.sqlalchemy import enginefacade_setup
from tests.functional.rpc.topology import RABBIT_URL, Topology


@pytest.fixture
def client_of(conf) -> Iterator:
    """Point this process's ConductorAPI at a topology (database and transport)."""
    fixtures = []

    def configure(topo: Topology) -> None:
        fixture = conffixture.ConfFixture(CONF)
        fixture.setUp()
        fixtures.append(fixture)
        fixture.transport_url = RABBIT_URL
        conf.config(rpc_transport=topo.transport, control_exchange=topo.exchange,
                    rpc_response_timeout=10)
        conf.config(heartbeat_timeout=topo.options("x")["conductor"]["heartbeat_timeout"],
                    hash_ring_reset_interval=1, group="conductor")
        conf.config(timeout=10, group="json_rpc")
        enginefacade_setup.configure(topo.db_url)
        rpcapi._ring_manager = None
    try:
        yield configure
    finally:
        rpc.cleanup()
        enginefacade_setup.dispose()
        rpcapi._ring_manager = None
        for fixture in fixtures:
            fixture.cleanUp()
