"""The configuration example in the README is valid and means what it says."""
from __future__ import annotations

import pathlib

from oslo_config import cfg

from ironic.conf import api, auth, conductor, database, default

ROOT = pathlib.Path(__file__).resolve().parents[2]


def _readme_ini() -> str:
    text = (ROOT / "README.md").read_text()
    start = text.index("```ini\n") + len("```ini\n")
    return text[start:text.index("```", start)]


def test_readme_config_example_parses_to_its_stated_values(tmp_path):
    path = tmp_path / "ironic.conf"
    path.write_text(_readme_ini())
    conf = cfg.ConfigOpts()
    for module in (default, api, auth, conductor, database):
        module.register_opts(conf)
    conf(["--config-file", str(path)], project="ironic", default_config_files=[])
    assert conf.host == "conductor-1"  # no inline comment swallowed into a value
    assert conf.rpc_transport == "none"
    assert conf.default_network_interface == "noop"
    assert conf.enabled_network_interfaces == ["flat", "noop"]
    assert conf.api.port == 6385
    assert conf.conductor.automated_clean is False
    assert conf.database.connection == "sqlite:////var/lib/ironic/ironic.sqlite"
