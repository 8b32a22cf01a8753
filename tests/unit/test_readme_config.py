"""The configuration example in the README is valid and means what it says."""
from __future__ import annotations

import pathlib

from ironic.conf import CONF

ROOT = pathlib.Path(__file__).resolve().parents[2]


def _readme_ini() -> str:
    text = (ROOT / "README.md").read_text()
    start = text.index("```ini\n") + len("```ini\n")
    return text[start:text.index("```", start)]


def test_readme_config_example_parses_to_its_stated_values(tmp_path, conf):
    path = tmp_path / "ironic.conf"
    path.write_text(_readme_ini())
    conf.set_config_files([str(path)])
    assert CONF.host == "conductor-1"  # no inline comment swallowed into a value
    assert CONF.rpc_transport == "none"
    assert CONF.default_network_interface == "noop"
    assert CONF.enabled_network_interfaces == ["flat", "noop"]
    assert CONF.api.port == 6385
    assert CONF.conductor.automated_clean is False
