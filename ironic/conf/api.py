"""Options of the [api] group: where and how the REST API listens."""
from __future__ import annotations

from oslo_config import cfg

opts = [
    cfg.HostAddressOpt("host_ip", default="127.0.0.1",
                       help="The IP address or hostname on which the API listens."),
    cfg.PortOpt("port", default=6385, help="The TCP port on which the API listens."),
    cfg.IntOpt("max_limit", default=1000, min=1,
               help="The maximum number of items returned in a single response "
                    "from a collection resource."),
    cfg.StrOpt("public_endpoint",
               help="Public URL to use when building the links to the API "
                    "resources (for example, https://ironic.example.com:6385). "
                    "When unset, the request's host URL is used."),
    cfg.IntOpt("api_workers", min=0,
               help="Number of API worker processes for ironic-api; defaults "
                    "to the number of CPUs, at most 4."),
    cfg.IntOpt("max_request_body_size", default=1024 * 1024 * 32, min=1,
               help="Largest request body, in bytes, the API accepts; larger "
                    "requests get 413."),
    cfg.IntOpt("wsgi_threads", default=16, min=1,
               help="Threads serving requests in each API process."),
    cfg.StrOpt("network_data_schema",
               help="Schema for network data used by this deployment."),
]


def register_opts(conf: cfg.ConfigOpts) -> None:
    conf.register_opts(opts, group="api")


def list_opts() -> list[cfg.Opt]:
    return opts
