"""The DevStack plugin's shell files parse (bash -n) and pass shellcheck."""
from __future__ import annotations

import os
import pathlib
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
FILES = ("devstack/plugin.sh", "devstack/settings", "devstack/lib/ironic")


@pytest.mark.parametrize("path", FILES)
def test_devstack_file_is_valid_bash(path: str) -> None:
    result = subprocess.run(["bash", "-n", str(ROOT / path)], capture_output=True,
                            text=True, timeout=30)
    assert result.returncode == 0, result.stderr


def test_devstack_files_pass_shellcheck() -> None:
    shellcheck = shutil.which("shellcheck")
    if shellcheck is None:
        message = ("shellcheck is not installed (apt-get install shellcheck; "
                   ".ci/run installs it in CI)")
        if os.environ.get("IRONIC_TEST_REQUIRE_SERVICES") == "1":
            pytest.fail(message)
        pytest.skip(message)
    result = subprocess.run([shellcheck, "--shell=bash", "--severity=style",
                             *(str(ROOT / p) for p in FILES)],
                            capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_plugin_starts_api_and_conductor_with_database_and_rabbit() -> None:
    lib = (ROOT / "devstack/lib/ironic").read_text()
    for needle in ("run_process ir-api", "run_process ir-cond",
                   "database_connection_url ironic", "iniset_rpc_backend ironic",
                   "ironic-dbsync"):
        assert needle in lib
    settings = (ROOT / "devstack/settings").read_text()
    assert "enable_service ir-api ir-cond" in settings
