"""Run our embedded ``ironic`` command as a child process for the compat tests.

The service gets a fresh state directory, a config file written here and a free
port on 127.0.0.1. ``start()`` returns once GET /v1 answers; ``stop()`` sends
SIGTERM and reports whether the process exited in time and with which code.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sysconfig
import time
import urllib.error
import urllib.request
from pathlib import Path

CONDUCTOR_HOST = "compat-conductor"
START_TIMEOUT = 90.0
STOP_TIMEOUT = 30.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ironic_command() -> Path:
    """The ``ironic`` console script of the virtualenv running the tests."""
    return Path(sysconfig.get_path("scripts")) / "ironic"


def write_config(state_dir: Path, port: int) -> Path:
    """Config with Ironic's option names; the database is left to the default."""
    conf = state_dir / "ironic.conf"
    conf.write_text(
        "[DEFAULT]\n"
        f"host = {CONDUCTOR_HOST}\n"
        f"state_path = {state_dir}\n"
        "auth_strategy = noauth\n"
        "rpc_transport = none\n"
        "enabled_hardware_types = fake-hardware\n"
        # The fake interfaces benchmarks/reference_ironic.sh enables for real
        # Ironic, so both services offer the same inspect/rescue/steps.
        "enabled_bios_interfaces = fake,no-bios\n"
        # fake-async (ours only) lets tests hold a node in a wait state.
        "enabled_deploy_interfaces = fake,fake-async\n"
        "enabled_console_interfaces = fake,no-console\n"
        "enabled_firmware_interfaces = fake,no-firmware\n"
        "enabled_inspect_interfaces = fake,no-inspect\n"
        "enabled_raid_interfaces = fake,no-raid\n"
        "enabled_rescue_interfaces = fake,no-rescue\n"
        "enabled_storage_interfaces = fake,noop\n"
        "enabled_vendor_interfaces = fake,no-vendor\n"
        "enabled_network_interfaces = noop,flat\n"
        "default_network_interface = noop\n"
        "debug = false\n"
        "\n[api]\n"
        "host_ip = 127.0.0.1\n"
        f"port = {port}\n"
        "\n[conductor]\n"
        "automated_clean = false\n"
    )
    return conf


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/v1", timeout=2) as resp:
            return resp.status == 200
    except (OSError, urllib.error.URLError):
        return False


class EmbeddedService:
    """One ``ironic --config-file FILE`` child process."""

    def __init__(self, state_dir: Path) -> None:
        self.state_dir = state_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.config = write_config(state_dir, self.port)
        self.log = state_dir / "service.log"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        command = ironic_command()
        if not command.exists():
            raise RuntimeError(f"{command} is missing: install the project (scripts/test)")
        env = {k: v for k, v in os.environ.items() if not k.startswith("OS_")}
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(
                [str(command), "--config-file", str(self.config)],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                cwd=self.state_dir, env=env)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if answers(self.url):
                return
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"ironic exited with {self.proc.returncode} before answering "
                    f"GET /v1:\n{self.log_tail()}")
            time.sleep(0.2)
        self.kill()
        raise RuntimeError(f"ironic did not answer GET {self.url}/v1 within "
                           f"{START_TIMEOUT:.0f} s:\n{self.log_tail()}")

    def stop(self) -> tuple[bool, int | None]:
        """SIGTERM, then wait. Returns (exited_in_time, returncode)."""
        if self.proc is None or self.proc.poll() is not None:
            return True, None if self.proc is None else self.proc.returncode
        self.proc.send_signal(signal.SIGTERM)
        try:
            return True, self.proc.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.kill()
            return False, None

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"
