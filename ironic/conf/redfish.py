"""Options of the [redfish] group: the sushy-based Redfish driver."""
from __future__ import annotations

from oslo_config import cfg

opts = [
    cfg.IntOpt("connection_attempts", default=3, min=1,
               help="How many times a Redfish request that could not reach "
                    "the BMC is attempted before the operation fails."),
    cfg.FloatOpt("connection_retry_interval", default=0.5, min=0,
                 help="Seconds to wait before the first retry of a Redfish "
                      "request; each further retry waits twice as long."),
    cfg.FloatOpt("request_timeout", default=30.0, min=1,
                 help="Seconds one Redfish HTTP request may take."),
    cfg.IntOpt("connection_cache_size", default=1000, min=0,
               help="How many Redfish client sessions (one per BMC address "
                    "and credentials) are kept for reuse. 0 disables "
                    "caching."),
    cfg.StrOpt("auth_type", default="auto",
               choices=[("basic", "HTTP basic authentication"),
                        ("session", "Redfish session authentication"),
                        ("auto", "session authentication, falling back to "
                                 "basic when the BMC has no sessions")],
               help="Default Redfish authentication method; a node's "
                    "driver_info redfish_auth_type overrides it."),
    cfg.IntOpt("power_state_change_timeout", default=60, min=1,
               help="Seconds to wait for a node to reach the requested power "
                    "state after a hard power change."),
    cfg.IntOpt("soft_power_off_timeout", default=600, min=1,
               help="Seconds to wait for a node to power off after a "
                    "graceful shutdown or restart request."),
    cfg.FloatOpt("power_poll_interval", default=0.5, min=0.05,
                 help="Seconds between power state polls while waiting for a "
                      "power change."),
]


def register_opts(conf: cfg.ConfigOpts) -> None:
    conf.register_opts(opts, group="redfish")


def list_opts() -> list[cfg.Opt]:
    return opts
