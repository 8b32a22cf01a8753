"""Options used by the authentication middleware that are not keystone's own."""
from __future__ import annotations

from oslo_config import cfg

opts: list[cfg.Opt] = []


def register_opts(conf: cfg.ConfigOpts) -> None:
    conf.register_opts(opts)


def list_opts() -> list[cfg.Opt]:
    return opts
