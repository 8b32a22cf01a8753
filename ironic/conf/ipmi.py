"""Options of the [ipmi] group: the pyghmi-based IPMI driver."""
from __future__ import annotations

from oslo_config import cfg

opts = [
    cfg.FloatOpt("command_timeout", default=5.0, min=0.5,
                 help="Seconds one IPMI request (including a session log-in) "
                      "may take before the attempt counts as timed out. "
                      "pyghmi retransmits lost UDP packets within this time."),
    cfg.IntOpt("command_retries", default=2, min=0,
               help="How many more times a timed-out or busy IPMI request is "
                    "tried again, with exponential backoff, before the "
                    "operation fails."),
    cfg.FloatOpt("retry_backoff", default=0.5, min=0,
                 help="Seconds to wait before the first retry of an IPMI "
                      "request; each further retry waits twice as long."),
    cfg.IntOpt("command_retry_timeout", default=60, min=1,
               help="Upper bound in seconds on the time spent retrying one "
                    "IPMI operation, whatever command_retries says."),
    cfg.IntOpt("power_state_change_timeout", default=60, min=1,
               help="Seconds to wait for a node to reach the requested power "
                    "state after a hard power on, off or reboot."),
    cfg.IntOpt("soft_power_off_timeout", default=600, min=1,
               help="Seconds to wait for a node to power off after a soft "
                    "(ACPI) power off or soft reboot request."),
    cfg.FloatOpt("power_poll_interval", default=0.5, min=0.05,
                 help="Seconds between power state polls while waiting for a "
                      "power change (the driver polls instead of blocking "
                      "inside pyghmi)."),
    cfg.IntOpt("session_idle_timeout", default=600, min=30,
               help="Seconds an IPMI session may stay unused before the "
                    "driver logs it out. Sessions are reused per BMC and "
                    "credentials until then."),
    cfg.IntOpt("max_sessions_per_bmc", default=1, min=1, max=4,
               help="Largest number of IPMI sessions one conductor keeps open "
                    "to one BMC (one per distinct set of credentials); when "
                    "reached, the least recently used one is logged out. "
                    "Requests over one session are sent one at a time."),
    cfg.IntOpt("max_pending_requests", default=10000, min=1,
               help="Largest number of IPMI operations waiting for the IPMI "
                    "I/O thread; further requests fail at once as busy."),
]


def register_opts(conf: cfg.ConfigOpts) -> None:
    conf.register_opts(opts, group="ipmi")


def list_opts() -> list[cfg.Opt]:
    return opts
