"""etc/ironic/policy.yaml.sample is generated from the registered rules."""
from __future__ import annotations

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_sample_policy_matches_the_registered_rules(tmp_path):
    out = tmp_path / "policy.yaml.sample"
    generator = pathlib.Path(sys.executable).parent / "oslopolicy-sample-generator"
    subprocess.run([str(generator), "--config-file",
                    "tools/config/ironic-policy-generator.conf", "--output-file", str(out)],
                   cwd=ROOT, check=True, timeout=120)
    committed = (ROOT / "etc/ironic/policy.yaml.sample").read_text()
    assert out.read_text() == committed, (
        "rules changed: regenerate with oslopolicy-sample-generator "
        "--config-file tools/config/ironic-policy-generator.conf")
