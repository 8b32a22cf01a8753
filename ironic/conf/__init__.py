"""The global configuration object with every option group registered.

Import ``CONF`` from here; option definitions live in one module per group.
"""
from oslo_config import cfg

from ironic.conf import api
from ironic.conf import auth
from ironic.conf import conductor
from ironic.conf import database
from ironic.conf import default
from ironic.conf import json_rpc
from ironic.conf import ipmi
from ironic.conf import redfish

CONF = cfg.CONF

default.register_opts(CONF)
api.register_opts(CONF)
auth.register_opts(CONF)
conductor.register_opts(CONF)
database.register_opts(CONF)
json_rpc.register_opts(CONF)
ipmi.register_opts(CONF)
redfish.register_opts(CONF)
