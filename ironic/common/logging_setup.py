"""Logging set-up for every service: oslo.log plus secret masking.

Every record that reaches a handler is passed through
``oslo_utils.strutils.mask_password`` first, so a password or token that slips
into a log message (for example inside a node's driver_info) is written as
``***``. Masking happens on the formatted message, after argument interpolation.
"""
from __future__ import annotations

import logging

from oslo_config import cfg
from oslo_log import log as oslo_logging
from oslo_utils import strutils

_DEFAULT_LEVELS = [
    "amqp=WARN", "amqplib=WARN", "oslo_messaging=INFO", "sqlalchemy=WARN",
    "stevedore=INFO", "urllib3.connectionpool=WARN", "keystonemiddleware=WARN",
    "cheroot=WARN", "pecan=WARN", "alembic=WARN",
]


class SecretMaskingFilter(logging.Filter):
    """Rewrites a record's message with secrets masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True  # a broken format string is logged by logging itself
        masked = strutils.mask_password(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def register_options(conf: cfg.ConfigOpts) -> None:
    """Register oslo.log's options; call before parsing the command line."""
    oslo_logging.register_options(conf)
    oslo_logging.set_defaults(default_log_levels=_DEFAULT_LEVELS)


def setup(conf: cfg.ConfigOpts, product: str = "ironic") -> None:
    """Configure handlers from ``conf`` and mask secrets on every one of them."""
    oslo_logging.setup(conf, product)
    install_masking()


def install_masking(logger: logging.Logger | None = None) -> None:
    """Attach the masking filter to every handler of ``logger`` (root by default)."""
    target = logger or logging.getLogger()
    for handler in target.handlers:
        if not any(isinstance(f, SecretMaskingFilter) for f in handler.filters):
            handler.addFilter(SecretMaskingFilter())
