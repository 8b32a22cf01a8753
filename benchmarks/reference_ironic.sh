#!/usr/bin/env bash
# Start real OpenStack Ironic (the black-box peer) configured like our embedded
# service: all-in-one `ironic` command, SQLite file, noauth, rpc_transport=none,
# fake-hardware with fake interfaces, listening on 127.0.0.1:PORT.
#
# Usage: benchmarks/reference_ironic.sh [--port PORT] [--state-dir DIR] [--foreground]
# Prints the endpoint URL and, unless --foreground, the PID on stdout
# ("ENDPOINT=..." and "PID=..."), then returns once GET /v1 answers.
# Environment: IRONIC_REF_VENV (default /opt/ironic-ref if it has bin/ironic,
# else .venv-ironic-ref in the repo, created from PyPI ironic==39.0.0).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
port=6390
state_dir=""
foreground=0
while [ $# -gt 0 ]; do
    case "$1" in
        --port) port="$2"; shift 2 ;;
        --state-dir) state_dir="$2"; shift 2 ;;
        --foreground) foreground=1; shift ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done

venv="${IRONIC_REF_VENV:-}"
if [ -z "$venv" ]; then
    if [ -x /opt/ironic-ref/bin/ironic ]; then
        venv=/opt/ironic-ref
    else
        venv="$repo/.venv-ironic-ref"
    fi
fi
if [ ! -x "$venv/bin/ironic" ]; then
    echo "creating $venv with ironic==39.0.0 (one-off, takes a few minutes)" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --upgrade pip >&2
    "$venv/bin/pip" install -q "ironic==39.0.0" >&2
fi

if [ -z "$state_dir" ]; then
    state_dir="$(mktemp -d "${TMPDIR:-/tmp}/ironic-ref.XXXXXX")"
fi
mkdir -p "$state_dir"
conf="$state_dir/ironic.conf"
cat > "$conf" <<CONF
[DEFAULT]
auth_strategy = noauth
rpc_transport = none
host = reference-ironic
state_path = $state_dir
log_file = $state_dir/ironic.log
use_stderr = false
enabled_hardware_types = fake-hardware
enabled_bios_interfaces = fake,no-bios
enabled_boot_interfaces = fake
enabled_console_interfaces = fake,no-console
enabled_deploy_interfaces = fake
enabled_firmware_interfaces = fake,no-firmware
enabled_inspect_interfaces = fake,no-inspect
enabled_management_interfaces = fake
enabled_network_interfaces = noop,flat
enabled_power_interfaces = fake
enabled_raid_interfaces = fake,no-raid
enabled_rescue_interfaces = fake,no-rescue
enabled_storage_interfaces = fake,noop
enabled_vendor_interfaces = fake,no-vendor
default_network_interface = noop

[api]
host_ip = 127.0.0.1
port = $port

[database]
connection = sqlite:///$state_dir/ironic.sqlite

[dhcp]
dhcp_provider = none

[conductor]
automated_clean = false
CONF

"$venv/bin/ironic-dbsync" --config-file "$conf" create_schema >"$state_dir/dbsync.log" 2>&1

endpoint="http://127.0.0.1:$port"
if [ "$foreground" = 1 ]; then
    exec "$venv/bin/ironic" --config-file "$conf"
fi
"$venv/bin/ironic" --config-file "$conf" >"$state_dir/stdout.log" 2>&1 </dev/null &
pid=$!
for _ in $(seq 1 600); do
    if python3 - "$endpoint" <<'PY' 2>/dev/null
import sys, urllib.request
urllib.request.urlopen(sys.argv[1] + "/v1", timeout=1).read()
PY
    then
        echo "ENDPOINT=$endpoint"
        echo "PID=$pid"
        echo "STATE_DIR=$state_dir"
        exit 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
        echo "real Ironic exited early; see $state_dir/*.log" >&2
        tail -20 "$state_dir/ironic.log" "$state_dir/stdout.log" >&2 || true
        exit 1
    fi
    sleep 0.2
done
echo "real Ironic did not answer on $endpoint within 120 s" >&2
kill "$pid" 2>/dev/null || true
exit 1
