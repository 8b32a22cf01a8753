"""Lists every option for oslo-config-generator (entry point ``oslo.config.opts``)."""
from __future__ import annotations

from oslo_config import cfg

from ironic.conf import api
from ironic.conf import auth
from ironic.conf import conductor
from ironic.conf import database
from ironic.conf import default
from ironic.conf import json_rpc
from ironic.conf import ipmi
from ironic.conf import redfish


def list_opts() -> list[tuple[str, list[cfg.Opt]]]:
    return [
        ("DEFAULT", default.list_opts() + auth.list_opts()),
        ("api", api.list_opts()),
        ("conductor", conductor.list_opts()),
        ("database", database.list_opts()),
        ("ipmi", ipmi.list_opts()),
        ("json_rpc", json_rpc.list_opts()),
        ("redfish", redfish.list_opts()),
    ]
