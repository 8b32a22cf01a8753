"""etc/ironic/ironic.conf.sample is generated, never edited, and kept current."""
from __future__ import annotations

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_sample_config_matches_the_registered_options(tmp_path):
    out = tmp_path / "ironic.conf.sample"
    generator = pathlib.Path(sys.executable).parent / "oslo-config-generator"
    subprocess.run([str(generator), "--config-file",
                    "tools/config/ironic-config-generator.conf", "--output-file", str(out)],
                   cwd=ROOT, check=True, timeout=120)
    committed = (ROOT / "etc/ironic/ironic.conf.sample").read_text()
    assert out.read_text() == committed, (
        "options changed: regenerate with `tox -e genconfig` (oslo-config-generator)")


def test_sample_config_uses_ironic_option_names():
    sample = (ROOT / "etc/ironic/ironic.conf.sample").read_text()
    for name in ("#auth_strategy = noauth", "#rpc_transport = none",
                 "#enabled_hardware_types = fake-hardware", "#host_ip = 127.0.0.1",
                 "#port = 6385", "#automated_clean = true", "#connection = <None>"):
        assert name in sample
