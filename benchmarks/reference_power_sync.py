"""Time one power-sync pass of real Ironic 39 (run with its own Python).

Started by power_sync_bench.py as ``<ironic-ref>/bin/python
reference_power_sync.py --driver ipmi --nodes-json FILE``. It builds a fresh
SQLite database, enrolls the nodes described in FILE (driver_info dicts), starts
Ironic's conductor in-process (rpc_transport = none, periodic power sync off)
and calls its power-sync periodic once (cold) and once more (warm), printing
one JSON line: {"cold_s": ..., "warm_s": ..., "nodes": N, "errors": E}.
Real Ironic's ipmi hardware type runs the ipmitool command for every node.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import uuid

CONFIG = """
[DEFAULT]
auth_strategy = noauth
rpc_transport = none
host = reference-power-sync
state_path = {state}

use_stderr = true
debug = true
enabled_hardware_types = {driver}
enabled_power_interfaces = {iface}
enabled_management_interfaces = {iface}
enabled_boot_interfaces = pxe
enabled_deploy_interfaces = direct
enabled_network_interfaces = noop
enabled_inspect_interfaces = no-inspect
enabled_console_interfaces = no-console
enabled_vendor_interfaces = no-vendor
enabled_bios_interfaces = no-bios
enabled_raid_interfaces = no-raid
enabled_firmware_interfaces = no-firmware
default_network_interface = noop

[conductor]
sync_power_state_interval = -1
sync_power_state_workers = {workers}
power_state_sync_max_retries = 3

[database]
connection = sqlite:///{state}/ironic.sqlite

[dhcp]
dhcp_provider = none

[ipmi]
min_command_interval = 1

[deploy]
http_root = {state}/httpboot

[pxe]
tftp_root = {state}/tftpboot
"""


class _NeverRecent(dict):
    """A LAST_CMD_TIME that never remembers a command (distinct BMC addresses)."""

    def __setitem__(self, key: object, value: object) -> None:
        return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--driver", choices=("ipmi", "redfish"), required=True)
    parser.add_argument("--nodes-json", required=True)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--per-address-throttle", action="store_true",
                        help="keep Ironic's min_command_interval throttle, which is "
                             "keyed by BMC address: every simulated BMC shares "
                             "127.0.0.1, so Ironic would space ALL commands 1 s "
                             "apart; by default the throttle is neutralised, as "
                             "if each BMC had its own address")
    args = parser.parse_args()
    infos = json.load(open(args.nodes_json))
    state = tempfile.mkdtemp(prefix="ironic-ref-sync.")
    conf_file = os.path.join(state, "ironic.conf")
    for sub in ("httpboot", "tftpboot"):
        os.makedirs(os.path.join(state, sub))
    iface = "ipmitool" if args.driver == "ipmi" else "redfish"
    with open(conf_file, "w") as f:
        f.write(CONFIG.format(state=state, driver=args.driver, iface=iface,
                              workers=args.workers))

    from ironic.common import driver_factory
    from ironic.common import rpc
    from ironic.conductor import manager
    from ironic.conf import CONF
    from ironic.db import migration
    from ironic import objects
    from ironic.common import context as ir_context
    from oslo_log import log

    log.register_options(CONF)
    CONF([f"--config-file={conf_file}"], project="ironic")
    if not args.per_address_throttle:
        from ironic.drivers.modules import ipmitool
        ipmitool.LAST_CMD_TIME = _NeverRecent()
    log.setup(CONF, "ironic")
    objects.register_all()
    rpc.init(CONF)
    migration.create_schema()
    ctx = ir_context.get_admin_context()
    for index, info in enumerate(infos):
        node = objects.Node(ctx, uuid=str(uuid.uuid4()), driver=args.driver,
                            driver_info=info,
                            name=f"sync-{index}", provision_state="manageable",
                            power_state="power off")
        driver_factory.check_and_update_node_interfaces(node)
        node.create()
    conductor = manager.ConductorManager(CONF.host, "ironic.conductor_manager")
    conductor.init_host()
    try:
        owned = len(list(conductor.iter_nodes(filters={"maintenance": False})))
        timings = []
        for _ in range(2):
            started = time.monotonic()
            conductor._sync_power_states(ctx)
            timings.append(time.monotonic() - started)
        errors = sum(1 for n in objects.Node.list(ctx) if n.maintenance)
    finally:
        conductor.del_host()
    print(json.dumps({"cold_s": timings[0], "warm_s": timings[1],
                      "nodes": len(infos), "owned": owned,
                      "errors": errors}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
