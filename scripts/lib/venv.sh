# shellcheck shell=bash
# Sourced by scripts/run and scripts/test: make sure the repository's .venv exists
# and holds the project installed in editable mode with the wanted extras.
#
# ensure_venv EXTRAS   (EXTRAS is "" for the service alone or "test")
#
# pip runs only when the packaging files (setup.cfg, setup.py, pyproject.toml,
# requirements files), the extras or the Python version changed since the last
# successful install, which is remembered as a hash in .venv/.install-stamp-*.
# Environment: IRONIC_VENV (default <repo>/.venv), PYTHON (default python3).

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="${IRONIC_VENV:-$repo_root/.venv}"

_install_hash() {
    local extras="$1" f
    {
        echo "extras=$extras"
        "$venv/bin/python" -c 'import sys; print(sys.version)'
        for f in setup.cfg setup.py pyproject.toml requirements.txt test-requirements.txt; do
            if [ -f "$repo_root/$f" ]; then
                echo "== $f"
                cat "$repo_root/$f"
            fi
        done
    } | sha256sum | cut -d' ' -f1
}

_stamp_matches() {
    local extras="$1" stamp="$venv/.install-stamp-${1:-base}"
    [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(_install_hash "$extras")" ] \
        && [ -x "$venv/bin/ironic" ]
}

ensure_venv() {
    local extras="$1" python="${PYTHON:-python3}" spec="."
    if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        echo "error: $python is missing or older than Python 3.11" >&2
        return 1
    fi
    if [ ! -x "$venv/bin/python" ]; then
        echo "==> creating virtualenv $venv" >&2
        "$python" -m venv "$venv"
    fi
    # The test extras are a superset: an up-to-date test install serves `run` too.
    if _stamp_matches "$extras" || { [ -z "$extras" ] && _stamp_matches test; }; then
        return 0
    fi
    [ -n "$extras" ] && spec=".[$extras]"
    echo "==> installing $spec into $venv (only when packaging files change)" >&2
    rm -f "$venv/.install-stamp-${extras:-base}"
    local log="$venv/pip-install.log" started=$SECONDS
    if ! (cd "$repo_root" && "$venv/bin/python" -m pip install \
            --disable-pip-version-check --editable "$spec") >"$log" 2>&1; then
        echo "error: pip install failed; last lines of $log:" >&2
        grep -v "^WARNING: Location" "$log" | tail -n 30 >&2
        return 1
    fi
    echo "==> installed in $((SECONDS - started)) s (log: $log)" >&2
    _install_hash "$extras" > "$venv/.install-stamp-${extras:-base}"
}
