"""How long one power-sync pass takes: ours and real Ironic 39 on the same simulators.

    .venv/bin/python benchmarks/power_sync_bench.py [--sizes 100,1000]
        [--redfish 100] [--reference /opt/ironic-ref] [--skip-reference]

Starts ``../shared/bmc/ipmi_sim.py`` (as many BMCs as the largest size) and
``redfish_sim.py`` on 127.0.0.1, then for each case runs a fresh process that
enrolls the nodes on a new SQLite database, starts a conductor and times two
power-sync passes: *cold* (first contact: IPMI sessions and Redfish logins are
made) and *warm* (sessions reused). Ours runs ``power_sync.sync_power_states``
(IPMI through pyghmi); real Ironic runs its ``_sync_power_states`` periodic
(IPMI through the ipmitool command), both with 8 sync workers.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from tests.functional.drivers import simulators  # noqa: E402


def _ours(driver: str, infos: list[dict[str, Any]], workers: int) -> dict[str, Any]:
    """Child process body: enroll ``infos`` and time two sync passes."""
    from ironic import objects
    from ironic.common import context as ir_context
    from ironic.conductor import manager
    from ironic.conductor import power_sync
    from ironic.conf import CONF
    from ironic.db import migration
    from ironic.db.sqlalchemy import enginefacade_setup
    from ironic.drivers import factory

    state = tempfile.mkdtemp(prefix="power-sync-bench.")
    CONF([], project="ironic", default_config_files=[])
    iface = "ipmitool" if driver == "ipmi" else "redfish"
    CONF.set_override("state_path", state)
    CONF.set_override("host", "bench-host")
    CONF.set_override("enabled_hardware_types", [driver])
    for kind, names in {"power": [iface], "management": [iface], "boot": ["pxe"],
                        "deploy": ["direct"]}.items():
        CONF.set_override(f"enabled_{kind}_interfaces", names)
    CONF.set_override("sync_power_state_workers", workers, group="conductor")
    enginefacade_setup.configure(f"sqlite:///{state}/ironic.sqlite")
    migration.create_schema()
    manager.ConductorManager._start_periodics = lambda self: None  # type: ignore[method-assign]
    ctx = ir_context.get_admin_context()
    for index, info in enumerate(infos):
        node = objects.Node(ctx, driver=driver, driver_info=info, name=f"sync-{index}",
                            provision_state="manageable", power_state="power off")
        node.uuid = __import__("uuid").uuid4().hex
        factory.check_and_update_node_interfaces(node)
        node.create()
    service = manager.ConductorManager("bench-host")
    service.init_host()
    try:
        timings = []
        for _ in range(2):
            started = time.monotonic()
            power_sync.sync_power_states(service, ctx)
            timings.append(time.monotonic() - started)
        failures = sum(1 for n in objects.Node.list(ctx) if n.maintenance)
    finally:
        service.del_host()
    return {"cold_s": timings[0], "warm_s": timings[1], "nodes": len(infos),
            "errors": failures + sum(power_sync.FAILURES.get(n.uuid) > 0
                                     for n in objects.Node.list(ctx))}


def _run(cmd: list[str], timeout_s: float) -> dict[str, Any]:
    started = time.monotonic()
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout_s)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout_s:.0f} s"}
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode or not lines:
        return {"error": (out.stderr or out.stdout)[-500:]}
    result = json.loads(lines[-1])
    result["wall_s"] = time.monotonic() - started
    return result


def _case(label: str, driver: str, infos: list[dict[str, Any]], args: Any,
          tmp: Path) -> tuple[str, dict[str, Any], dict[str, Any] | None]:
    spec = tmp / f"{label}.json"
    spec.write_text(json.dumps(infos))
    ours = _run([sys.executable, __file__, "--child", driver, str(spec)], 600)
    ref = None
    if not args.skip_reference:
        ref = _run([str(Path(args.reference) / "bin" / "python"),
                    str(HERE / "reference_power_sync.py"), "--driver", driver,
                    "--nodes-json", str(spec)], args.reference_timeout)
    return label, ours, ref


def _fmt(result: dict[str, Any] | None, key: str) -> str:
    if result is None:
        return "-"
    if "error" in result:
        return "error"
    return f"{result[key]:.2f}"


def _report(rows: list[tuple[str, dict[str, Any], dict[str, Any] | None]]) -> None:
    print(f"{'case':<16}{'ours cold s':>12}{'ours warm s':>12}{'Ironic cold s':>14}"
          f"{'Ironic warm s':>14}{'x cold':>8}{'x warm':>8}")
    for label, ours, ref in rows:
        ratios = []
        for key in ("cold_s", "warm_s"):
            ok = ref and "error" not in ref and "error" not in ours
            ratios.append(f"{ref[key] / max(ours[key], 1e-6):.1f}" if ok else "-")
        print(f"{label:<16}{_fmt(ours, 'cold_s'):>12}{_fmt(ours, 'warm_s'):>12}"
              f"{_fmt(ref, 'cold_s'):>14}{_fmt(ref, 'warm_s'):>14}"
              f"{ratios[0]:>8}{ratios[1]:>8}")
        for name, result in (("ours", ours), ("Ironic", ref)):
            if result and "error" in result:
                print(f"    {name}: {result['error'][-300:]}")
            elif result and result.get("errors"):
                print(f"    {name}: {result['errors']} node(s) failed to sync")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--redfish", type=int, default=100)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--reference", default=os.environ.get("IRONIC_REF_VENV",
                                                              "/opt/ironic-ref"))
    parser.add_argument("--reference-timeout", type=float, default=900)
    parser.add_argument("--skip-reference", action="store_true")
    parser.add_argument("--child", nargs=2, metavar=("DRIVER", "SPEC"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        driver, spec = args.child
        print(json.dumps(_ours(driver, json.loads(Path(spec).read_text()),
                               args.workers)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s]
    tmp = Path(tempfile.mkdtemp(prefix="power-sync-bench."))
    ipmi = simulators.IPMISimulator(tmp, count=max(sizes))
    redfish = simulators.RedfishSimulator(tmp, count=args.redfish) if args.redfish else None
    rows = []
    try:
        for size in sizes:
            infos = [ipmi.driver_info(i) for i in range(size)]
            rows.append(_case(f"ipmi x{size}", "ipmi", infos, args, tmp))
            ipmi_reset(ipmi)
        if redfish is not None:
            infos = [redfish.driver_info(i) for i in range(args.redfish)]
            rows.append(_case(f"redfish x{args.redfish}", "redfish", infos, args, tmp))
    finally:
        ipmi.stop()
        if redfish is not None:
            redfish.stop()
    _report(rows)
    return 0


def ipmi_reset(sim: simulators.IPMISimulator) -> None:
    """All BMCs back to their initial state between cases."""
    import urllib.request
    urllib.request.urlopen(urllib.request.Request(
        f"http://127.0.0.1:{sim.control_port}/reset", data=b"", method="POST"),
        timeout=10).read()


if __name__ == "__main__":
    sys.exit(main())
