#!/usr/bin/env bash
# Benchmark real Ironic 39 and our service one after the other, each on a fresh
# SQLite database, and print the figures side by side (B/A ratios).
#
#   benchmarks/compare.sh [api_bench options]    e.g. benchmarks/compare.sh --quick
#
# A = real Ironic (benchmarks/reference_ironic.sh), B = ours (.venv/bin/ironic,
# installed by scripts/run or scripts/test). Only 127.0.0.1 is used. Results are
# kept in $OUT_DIR (default: a new temporary directory).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
out_dir="${OUT_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/ironic-compare.XXXXXX")}"
ref_port="${REF_PORT:-6390}"
our_port="${OUR_PORT:-6386}"
ours_bin="${IRONIC_VENV:-$repo/.venv}/bin/ironic"
pids=()

cleanup() {
    local pid
    for pid in "${pids[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT

wait_for() {
    local url="$1" pid="$2"
    for _ in $(seq 1 450); do
        if python3 -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)" \
                "$url/v1" 2>/dev/null; then
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || { echo "server for $url exited early" >&2; return 1; }
        sleep 0.2
    done
    echo "$url did not answer within 90 s" >&2
    return 1
}

stop() {
    local pid="$1"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
}

echo "== A: real Ironic 39 on 127.0.0.1:$ref_port"
eval "$("$here/reference_ironic.sh" --port "$ref_port" --state-dir "$out_dir/reference")"
pids+=("$PID")
python3 "$here/api_bench.py" --endpoint "http://127.0.0.1:$ref_port" \
    --json-out "$out_dir/reference.json" "$@" || echo "(errors against real Ironic)"
stop "$PID"

echo
echo "== B: ours on 127.0.0.1:$our_port"
if [ ! -x "$ours_bin" ]; then
    echo "$ours_bin is missing: run scripts/run or scripts/test once" >&2
    exit 1
fi
mkdir -p "$out_dir/ours"
cat > "$out_dir/ours/ironic.conf" <<CONF
[DEFAULT]
host = bench-conductor
state_path = $out_dir/ours
auth_strategy = noauth
rpc_transport = none
enabled_hardware_types = fake-hardware

[api]
host_ip = 127.0.0.1
port = $our_port

[conductor]
automated_clean = false
CONF
"$ours_bin" --config-file "$out_dir/ours/ironic.conf" >"$out_dir/ours/service.log" 2>&1 </dev/null &
our_pid=$!
pids+=("$our_pid")
wait_for "http://127.0.0.1:$our_port" "$our_pid"
python3 "$here/api_bench.py" --endpoint "http://127.0.0.1:$our_port" \
    --json-out "$out_dir/ours.json" "$@" || echo "(errors against ours)"
stop "$our_pid"

echo
python3 "$here/api_bench.py" --compare "$out_dir/reference.json" "$out_dir/ours.json"
echo "(results in $out_dir)"
