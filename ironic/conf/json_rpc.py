"""Options of the [json_rpc] group: JSON-RPC over HTTP between API and conductors."""
from __future__ import annotations

from oslo_config import cfg

opts = [
    cfg.StrOpt("auth_strategy",
               choices=[("noauth", "no authentication"),
                        ("http_basic", "HTTP basic authentication")],
               help="Authentication strategy used by JSON RPC. Defaults to the "
                    "global auth_strategy setting (keystone is treated as "
                    "noauth)."),
    cfg.StrOpt("http_basic_auth_user_file",
               default="/etc/ironic/htpasswd-json-rpc",
               help="Path to Apache format user authentication file used when "
                    "auth_strategy=http_basic (bcrypt passwords)."),
    cfg.HostAddressOpt("host_ip", default="::",
                       help="The IP address or hostname on which JSON RPC will "
                            "listen."),
    cfg.PortOpt("port", default=8089,
                help="The port to use for JSON RPC. A conductor whose [DEFAULT] "
                     "host is 'name:port' is reached on that port instead."),
    cfg.BoolOpt("use_ssl", default=False,
                help="Whether to use TLS for JSON RPC (clients only; terminate "
                     "TLS in front of the conductor)."),
    cfg.StrOpt("username", deprecated_name="user_name",
               help="User name the client sends with http_basic."),
    cfg.StrOpt("password", secret=True,
               help="Password the client sends with http_basic."),
    cfg.IntOpt("timeout", default=60, min=1,
               help="Seconds a client waits for a JSON RPC answer."),
    cfg.IntOpt("server_threads", default=64, min=1,
               help="Threads of the conductor's JSON RPC HTTP server."),
]


def register_opts(conf: cfg.ConfigOpts) -> None:
    conf.register_opts(opts, group="json_rpc")


def list_opts() -> list[cfg.Opt]:
    return opts
