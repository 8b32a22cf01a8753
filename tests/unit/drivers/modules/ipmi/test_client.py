"""ipmi/client.py: response checking and retry classification (no network)."""
from __future__ import annotations

import pytest

from ironic.common import exception
from ironic.drivers.modules.ipmi import client
from ironic.drivers.modules.ipmi.info import IPMIInfo

INFO = IPMIInfo(address="127.0.0.1", port=6230)


def _job():
    return client._Job(node="n1", info=INFO, action="get power state")


def test_checked_strips_to_data():
    assert client._checked({"code": 0, "data": bytearray(b"\x01")}, _job()) == b"\x01"


def test_checked_timeout_is_bmc_timeout():
    with pytest.raises(exception.BMCTimeout, match="n1"):
        client._checked({"error": "timeout", "code": 0xFFFF}, _job())


def test_checked_busy_is_transient():
    with pytest.raises(exception.BMCCommandFailed) as caught:
        client._checked({"code": 0xC0, "data": b""}, _job())
    assert client._is_transient(caught.value)


def test_checked_error_code_is_not_transient():
    with pytest.raises(exception.BMCCommandFailed, match="0xff") as caught:
        client._checked({"code": 0xFF, "data": b""}, _job())
    assert not client._is_transient(caught.value)


def test_login_errors_classified():
    assert isinstance(client._login_error(_job(), {"error": "Incorrect password provided"}),
                      exception.BMCCredentialsRejected)
    assert isinstance(client._login_error(_job(), {"error": "timeout"}),
                      exception.BMCTimeout)


def test_retrying_retries_timeouts_then_gives_up(monkeypatch, conf):
    conf.config(command_retries=2, retry_backoff=0, group="ipmi")
    calls = []

    def once(job):
        calls.append(job)
        return {"error": "timeout", "code": 0xFFFF}
    monkeypatch.setattr(client, "_once", once)
    with pytest.raises(exception.BMCTimeout):
        client.raw("n1", INFO, 0, 1, action="get power state")
    assert len(calls) == 3


def test_retrying_does_not_retry_bad_credentials(monkeypatch, conf):
    conf.config(command_retries=3, retry_backoff=0, group="ipmi")
    calls = []

    def once(job):
        calls.append(job)
        raise exception.BMCCredentialsRejected(node="n1", address="a", reason="no")
    monkeypatch.setattr(client, "_once", once)
    with pytest.raises(exception.BMCCredentialsRejected):
        client.raw("n1", INFO, 0, 1, action="get power state")
    assert len(calls) == 1
