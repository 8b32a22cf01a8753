"""Options of the [DEFAULT] group: identity of this service, transports, drivers."""
from __future__ import annotations

import os
import socket

from oslo_config import cfg

INTERFACE_KINDS = ("bios", "boot", "console", "deploy", "firmware", "inspect",
                   "management", "network", "power", "raid", "rescue", "storage",
                   "vendor")
"""Every hardware interface kind, in the order the API lists them."""

_ENABLED_DEFAULTS = {
    "bios": ["no-bios"],
    "boot": ["fake"],
    "console": ["no-console"],
    "deploy": ["fake"],
    "firmware": ["no-firmware"],
    "inspect": ["no-inspect"],
    "management": ["fake"],
    "network": ["flat", "noop"],
    "power": ["fake"],
    "raid": ["no-raid"],
    "rescue": ["no-rescue"],
    "storage": ["noop"],
    "vendor": ["no-vendor"],
}

service_opts = [
    cfg.StrOpt("host", default=socket.gethostname(), sample_default="localhost",
               help="Name of this node. Must be unique among conductors; it is "
                    "the value stored in a node's reservation while this "
                    "conductor holds the node's lock."),
    cfg.StrOpt("auth_strategy", default="noauth",
               choices=[("noauth", "no authentication"),
                        ("keystone", "use the Identity service for authentication"),
                        ("http_basic", "HTTP basic authentication against an "
                                       "htpasswd file (bcrypt)")],
               help="Authentication strategy used by the API."),
    cfg.StrOpt("rpc_transport", default="none",
               choices=[("oslo", "use oslo.messaging (RabbitMQ)"),
                        ("json-rpc", "use JSON RPC over HTTP"),
                        ("none", "API and conductor run in one process and "
                                 "call each other directly")],
               help="Which RPC transport the API and conductors use."),
    cfg.StrOpt("state_path",
               default=os.path.join(os.path.expanduser("~"), ".local", "state", "ironic"),
               sample_default="$HOME/.local/state/ironic",
               help="Directory where the service keeps its state, such as the "
                    "embedded SQLite database."),
    cfg.StrOpt("pin_release_version",
               help="Pin RPC and object versions to those of this release, for "
                    "rolling upgrades."),
    cfg.StrOpt("http_basic_auth_user_file", default="/etc/ironic/htpasswd",
               help="Path to the Apache-format user authentication file used "
                    "when auth_strategy=http_basic (bcrypt passwords)."),
]

driver_opts = [
    cfg.ListOpt("enabled_hardware_types", default=["fake-hardware"],
                help="Hardware types this service can run."),
]
for _kind in INTERFACE_KINDS:
    driver_opts.append(cfg.ListOpt(
        f"enabled_{_kind}_interfaces", default=list(_ENABLED_DEFAULTS[_kind]),
        help=f"Enabled {_kind} interfaces. Every hardware type needs at least "
             f"one of its supported {_kind} interfaces enabled."))
    driver_opts.append(cfg.StrOpt(
        f"default_{_kind}_interface",
        help=f"Default {_kind} interface for nodes that do not set one. When "
             f"unset, the first of the hardware type's supported {_kind} "
             f"interfaces that is enabled is used."))


def register_opts(conf: cfg.ConfigOpts) -> None:
    conf.register_opts(service_opts)
    conf.register_opts(driver_opts)


def list_opts() -> list[cfg.Opt]:
    return service_opts + driver_opts
