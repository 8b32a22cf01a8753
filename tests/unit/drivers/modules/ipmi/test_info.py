"""ipmi/info.py: driver_info parsing, every error naming the field."""
from __future__ import annotations

import types

import pytest

from ironic.common import exception
from ironic.drivers.modules.ipmi import info


def _node(**driver_info):
    return types.SimpleNamespace(uuid="n1", driver_info=driver_info)


def test_parse_defaults():
    parsed = info.parse(_node(ipmi_address="10.0.0.1"))
    assert (parsed.port, parsed.username, parsed.priv_level) == (623, "", 4)
    assert parsed.bridge_request is None and parsed.endpoint == "10.0.0.1:623"


def test_parse_all_fields():
    parsed = info.parse(_node(
        ipmi_address="bmc", ipmi_port="6230", ipmi_username="u", ipmi_password="p",
        ipmi_priv_level="operator", ipmi_hex_kg_key="0a0b", ipmi_bridging="single",
        ipmi_target_channel="7", ipmi_target_address="0x72",
        ipmi_force_boot_device="true", ipmi_terminal_port=8023))
    assert parsed.port == 6230 and parsed.priv_level == 3
    assert parsed.kg_key == b"\x0a\x0b"
    assert parsed.bridge_request == {"addr": 0x72, "channel": 7}
    assert parsed.force_boot_device is True and parsed.terminal_port == 8023


def test_password_is_not_in_repr():
    assert "secret" not in repr(info.parse(_node(ipmi_address="a", ipmi_password="secret")))


@pytest.mark.parametrize("field,value", [
    ("ipmi_port", "abc"), ("ipmi_port", 70000), ("ipmi_priv_level", "ROOT"),
    ("ipmi_bridging", "triple"), ("ipmi_bridging", "dual"), ("ipmi_hex_kg_key", "xyz"),
    ("ipmi_protocol_version", "1.5"), ("ipmi_cipher_suite", "1"),
    ("ipmi_force_boot_device", "maybe"), ("ipmi_address", "has space"),
])
def test_invalid_value_names_the_field(field, value):
    with pytest.raises(exception.InvalidParameterValue, match=field):
        info.parse(_node(**{"ipmi_address": "a", field: value}))


def test_unknown_field_is_refused():
    with pytest.raises(exception.InvalidParameterValue, match="ipmi_adress"):
        info.parse(_node(ipmi_address="a", ipmi_adress="typo"))


def test_missing_address():
    with pytest.raises(exception.MissingParameterValue, match="ipmi_address"):
        info.parse(_node())


def test_single_bridging_needs_target():
    with pytest.raises(exception.MissingParameterValue, match="ipmi_target_channel"):
        info.parse(_node(ipmi_address="a", ipmi_bridging="single"))


def test_every_field_is_described():
    assert all(desc.endswith((".", "\"single\".", "console.")) or desc
               for desc in info.COMMON_PROPERTIES.values())
    assert "ipmi_terminal_port" in info.CONSOLE_PROPERTIES
