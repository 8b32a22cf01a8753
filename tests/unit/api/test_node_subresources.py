"""Node sub-resources: states, power, maintenance, traits, validate."""
from __future__ import annotations

import pytest

from tests.unit.api.conftest import error_of


@pytest.fixture
def node(api):
    return api.call("POST", "/v1/nodes", {"driver": "fake-hardware", "name": "n1"},
                    status=201).json


def test_states_document(api, node):
    states = api.call("GET", "/v1/nodes/n1/states", status=200).json
    assert states["provision_state"] == "enroll"
    assert {"power_state", "target_power_state", "console_enabled", "last_error",
            "raid_config", "boot_mode", "secure_boot"} <= set(states)


def test_power_bad_target_is_400(api, node):
    r = api.call("PUT", "/v1/nodes/n1/states/power", {"target": "bogus"}, status=400)
    assert "bogus" in error_of(r)["faultstring"]


def test_power_on_is_accepted(api, node):
    api.call("PUT", "/v1/nodes/n1/states/power", {"target": "power on"}, status=202)


def test_provision_bad_verb_is_400(api, node):
    api.call("PUT", "/v1/nodes/n1/states/provision", {"target": "bogus"}, status=400)


def test_maintenance_set_and_clear(api, node):
    api.call("PUT", "/v1/nodes/n1/maintenance", {"reason": "broken"}, status=202)
    shown = api.call("GET", "/v1/nodes/n1", status=200).json
    assert shown["maintenance"] is True and shown["maintenance_reason"] == "broken"
    api.call("DELETE", "/v1/nodes/n1/maintenance", status=202)
    shown = api.call("GET", "/v1/nodes/n1", status=200).json
    assert shown["maintenance"] is False and shown["maintenance_reason"] is None


def test_traits_lifecycle(api, node):
    api.call("GET", "/v1/nodes/n1/traits", version="1.36", status=406)
    api.call("PUT", "/v1/nodes/n1/traits", {"traits": ["CUSTOM_A", "CUSTOM_B"]}, status=204)
    api.call("PUT", "/v1/nodes/n1/traits/CUSTOM_C", status=204)
    got = api.call("GET", "/v1/nodes/n1/traits", status=200).json["traits"]
    assert sorted(got) == ["CUSTOM_A", "CUSTOM_B", "CUSTOM_C"]
    api.call("DELETE", "/v1/nodes/n1/traits/CUSTOM_A", status=204)
    assert sorted(api.call("GET", "/v1/nodes/n1", status=200).json["traits"]) == [
        "CUSTOM_B", "CUSTOM_C"]
    api.call("DELETE", "/v1/nodes/n1/traits", status=204)
    assert api.call("GET", "/v1/nodes/n1/traits", status=200).json["traits"] == []


def test_invalid_trait_is_400(api, node):
    api.call("PUT", "/v1/nodes/n1/traits/lower", status=400)


def test_validate_reports_interfaces(api, node):
    result = api.call("GET", "/v1/nodes/n1/validate", status=200).json
    assert "power" in result
