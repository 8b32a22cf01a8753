"""Options of the [conductor] group: workers, heartbeats, cleaning, timeouts."""
from __future__ import annotations

from oslo_config import cfg

opts = [
    cfg.IntOpt("workers_pool_size", default=100, min=3,
               help="The size of the worker thread pool of a conductor."),
    cfg.IntOpt("heartbeat_interval", default=10, min=1,
               help="Seconds between conductor heartbeats."),
    cfg.IntOpt("heartbeat_timeout", default=60, min=2,
               help="Maximum time (in seconds) since the last check-in of a "
                    "conductor before it is considered inactive."),
    cfg.BoolOpt("automated_clean", default=True,
                help="Enables or disables automated cleaning, run when a node "
                     "is provided or undeployed."),
    cfg.StrOpt("conductor_group", default="",
               help="Name of the conductor group to join. Only nodes of this "
                    "group are handled by this conductor."),
    cfg.IntOpt("node_locked_retry_attempts", default=3, min=0,
               help="Number of attempts to grab a node lock."),
    cfg.IntOpt("node_locked_retry_interval", default=1, min=0,
               help="Seconds to sleep between node lock attempts."),
    cfg.IntOpt("sync_power_state_interval", default=60,
               help="Interval between syncing the node power state to the "
                    "database, in seconds. Set to 0 to disable syncing."),
    cfg.IntOpt("deploy_callback_timeout", default=1800, min=0,
               help="Timeout (seconds) to wait for a callback from a deploy "
                    "ramdisk. Set to 0 to disable the timeout."),
    cfg.IntOpt("clean_callback_timeout", default=1800, min=0,
               help="Timeout (seconds) to wait for a callback from the ramdisk "
                    "doing the cleaning. Set to 0 to disable the timeout."),
    cfg.IntOpt("inspect_wait_timeout", default=1800, min=0,
               help="Timeout (seconds) for waiting for node inspection. Set to "
                    "0 to disable the timeout."),
    cfg.IntOpt("rescue_callback_timeout", default=1800, min=0,
               help="Timeout (seconds) to wait for a callback from the rescue "
                    "ramdisk. Set to 0 to disable the timeout."),
    cfg.IntOpt("service_callback_timeout", default=1800, min=0,
               help="Timeout (seconds) to wait for a callback from the ramdisk "
                    "doing the servicing. Set to 0 to disable the timeout."),
    cfg.IntOpt("check_provision_state_interval", default=60, min=0,
               help="Interval (seconds) between checks of provision timeouts."),
    cfg.IntOpt("max_concurrent_deploy", default=250, min=1,
               help="The maximum number of concurrent nodes in deployment."),
    cfg.IntOpt("max_concurrent_clean", default=50, min=1,
               help="The maximum number of concurrent nodes in cleaning."),
    cfg.IntOpt("hash_ring_reset_interval", default=15,
               help="Time (seconds) after which the hash ring is considered "
                    "outdated and is refreshed on the next access."),
    cfg.IntOpt("hash_distribution_replicas", default=1,
               help="The number of conductors each node is mapped to."),
    cfg.BoolOpt("enable_mdns", default=False,
                help="Whether to publish the API endpoint via multicast DNS."),
]


def register_opts(conf: cfg.ConfigOpts) -> None:
    conf.register_opts(opts, group="conductor")


def list_opts() -> list[cfg.Opt]:
    return opts

opts.append(cfg.BoolOpt(
    "allow_deleting_available_nodes", default=True,
    help="Allow deleting nodes which are in state 'available'."))

# Options of the distributed conductor: power sync, periodic pool, takeover, stop.
opts.extend([
    cfg.IntOpt("sync_power_state_workers", default=8, min=1,
               help="The maximum number of worker threads that can be started "
                    "simultaneously to sync nodes power states from the "
                    "periodic task."),
    cfg.IntOpt("power_state_sync_max_retries", default=3, min=0,
               help="During sync_power_state failures, limit the number of "
                    "times the hardware power state is read or set before the "
                    "node is put in maintenance with fault 'power failure'."),
    cfg.BoolOpt("force_power_state_during_sync", default=True,
                mutable=True,
                help="During sync_power_state, should the hardware power state "
                     "be set to the state recorded in the database (True) or "
                     "should the database be updated based on the hardware "
                     "state (False)."),
    cfg.IntOpt("power_failure_recovery_interval", default=300, min=0,
               help="Interval (in seconds) between checking the power state "
                    "of nodes put into maintenance because of power sync "
                    "failures. Such a node leaves maintenance once its power "
                    "state is read successfully. 0 disables the check."),
    cfg.IntOpt("periodic_max_workers", default=8, min=1,
               help="Maximum number of threads running periodic tasks at "
                    "once. Periodic tasks have their own pool, separate from "
                    "the RPC worker pool."),
    cfg.IntOpt("sync_local_state_interval", default=180,
               help="How often (seconds) each conductor checks for nodes it "
                    "should take over from conductors that left or died: it "
                    "releases their locks and resumes or fails their work. "
                    "0 or less disables the check."),
    cfg.IntOpt("graceful_shutdown_timeout", default=60, min=0,
               help="Seconds a stopping conductor waits for running work to "
                    "finish before handing the nodes back. 0 waits without "
                    "limit."),
])
