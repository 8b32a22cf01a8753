"""Secrets never reach a log file."""
from __future__ import annotations

import io
import logging

from ironic.common import logging_setup


def _logger_with_stream() -> tuple[logging.Logger, io.StringIO]:
    stream = io.StringIO()
    logger = logging.getLogger("ironic.test.masking")
    logger.handlers = [logging.StreamHandler(stream)]
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    logging_setup.install_masking(logger)
    return logger, stream


def test_password_in_driver_info_is_masked_in_log_output():
    logger, stream = _logger_with_stream()
    logger.info("Node %s driver_info: %s", "n1",
                {"ipmi_address": "10.0.0.1", "ipmi_password": "s3cret"})
    out = stream.getvalue()
    assert "s3cret" not in out
    assert "ipmi_address" in out and "10.0.0.1" in out


def test_message_without_secrets_is_unchanged():
    logger, stream = _logger_with_stream()
    logger.warning("Node %s: power on failed: %s", "n1", "timeout")
    assert stream.getvalue().strip() == "Node n1: power on failed: timeout"


def test_masking_filter_is_installed_once():
    logger, _ = _logger_with_stream()
    logging_setup.install_masking(logger)
    filters = logger.handlers[0].filters
    assert sum(isinstance(f, logging_setup.SecretMaskingFilter) for f in filters) == 1
