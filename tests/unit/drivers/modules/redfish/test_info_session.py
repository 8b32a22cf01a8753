"""redfish/info.py parsing and redfish/session.py error translation (no network)."""
from __future__ import annotations

import types

import pytest
from sushy import exceptions as sushy_exc

from ironic.common import exception
from ironic.drivers.modules.redfish import info
from ironic.drivers.modules.redfish import session


def _node(**driver_info):
    return types.SimpleNamespace(uuid="n1", driver_info=driver_info)


def test_parse_defaults_to_https_and_auto_auth():
    parsed = info.parse(_node(redfish_address="bmc.example.com"))
    assert parsed.address == "https://bmc.example.com"
    assert parsed.auth_type == "auto" and parsed.verify_ca is True


def test_parse_full():
    parsed = info.parse(_node(redfish_address="http://127.0.0.1:8000/",
                              redfish_system_id="/redfish/v1/Systems/1",
                              redfish_username="u", redfish_password="s3cr3t",
                              redfish_verify_ca="false", redfish_auth_type="basic"))
    assert parsed.address == "http://127.0.0.1:8000"
    assert parsed.verify_ca is False and parsed.auth_type == "basic"
    assert "s3cr3t" not in repr(parsed)


@pytest.mark.parametrize("field,value", [
    ("redfish_address", "ftp://x"), ("redfish_address", "http://:80"),
    ("redfish_verify_ca", "/no/such/bundle"), ("redfish_auth_type", "kerberos"),
    ("redfish_system_id", "  "), ("redfish_sytem_id", "typo"),
])
def test_invalid_values_name_the_field(field, value):
    fields = {"redfish_address": "http://127.0.0.1", field: value}
    with pytest.raises(exception.InvalidParameterValue, match=field):
        info.parse(_node(**fields))


def test_missing_address():
    with pytest.raises(exception.MissingParameterValue, match="redfish_address"):
        info.parse(_node())


@pytest.mark.parametrize("error,expected", [
    (sushy_exc.ConnectionError(url="u", error="refused"), exception.BMCTimeout),
    (sushy_exc.MissingAttributeError(attribute="PowerState", resource="s"),
     exception.BMCMalformedResponse),
    (sushy_exc.MissingActionError(action="#Reset", resource="s"),
     exception.BMCFeatureUnsupported),
    (ValueError("not json"), exception.BMCMalformedResponse),
])
def test_errors_are_translated(monkeypatch, conf, error, expected):
    conf.config(connection_attempts=1, group="redfish")

    def boom(system):
        raise error
    monkeypatch.setattr(session, "_client", lambda i: types.SimpleNamespace(
        get_system=lambda ident: object()))
    with pytest.raises(expected, match="n1"):
        session.call(_node(redfish_address="http://127.0.0.1"), "do it", boom)


def test_unreachable_is_retried_then_raised(monkeypatch, conf):
    conf.config(connection_attempts=3, connection_retry_interval=0, group="redfish")
    attempts = []

    def connect(i):
        attempts.append(i)
        raise sushy_exc.ConnectionError(url="u", error="refused")
    monkeypatch.setattr(session, "_connect", connect)
    with pytest.raises(exception.BMCTimeout):
        session.call(_node(redfish_address="http://127.0.0.1"), "get power", lambda s: s)
    assert len(attempts) == 3


def test_clients_are_cached_per_bmc_and_credentials(monkeypatch, conf):
    session.clear_cache()
    made = []
    monkeypatch.setattr(session, "_connect", lambda i: made.append(i) or
                        types.SimpleNamespace(get_system=lambda ident: ident))
    node_a = _node(redfish_address="http://127.0.0.1", redfish_username="a")
    node_b = _node(redfish_address="http://127.0.0.1", redfish_username="b")
    for node in (node_a, node_a, node_b):
        session.call(node, "x", lambda s: s)
    assert len(made) == 2
    session.clear_cache()
