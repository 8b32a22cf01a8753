"""Node CRUD through the real API, conductor and SQLite."""
from __future__ import annotations

import pytest

from tests.unit.api.conftest import error_of

UUID = "1be26c0b-03f2-4d2e-ae87-c02d7f33c123"


def _create(api, status=201, version="1.109", **body):
    body.setdefault("driver", "fake-hardware")
    return api.call("POST", "/v1/nodes", body, version=version, status=status)


def test_create_returns_201_location_and_enroll(api):
    r = _create(api, name="n1", uuid=UUID)
    assert r.headers["Location"] == f"http://localhost/v1/nodes/{UUID}"
    assert r.json["provision_state"] == "enroll"
    assert r.json["name"] == "n1"
    assert r.json["driver"] == "fake-hardware"
    assert r.json["states"][0]["href"].endswith(f"/v1/nodes/{UUID}/states")


def test_create_below_1_11_starts_available(api):
    r = _create(api, version="1.10")
    assert r.json["provision_state"] == "available"


def test_get_by_uuid_and_name(api):
    _create(api, name="n1", uuid=UUID)
    assert api.call("GET", f"/v1/nodes/{UUID}", status=200).json["name"] == "n1"
    assert api.call("GET", "/v1/nodes/n1", status=200).json["uuid"] == UUID


def test_missing_node_is_404(api):
    r = api.call("GET", "/v1/nodes/nope", status=404)
    assert error_of(r) == {"faultcode": "Client",
                           "faultstring": "Node nope could not be found.",
                           "debuginfo": None}


def test_bad_uuid_in_body_is_400(api):
    r = _create(api, uuid="bad", status=400)
    assert error_of(r)["faultstring"] == "Expected UUID for uuid: bad"


def test_unknown_field_in_body_is_400(api):
    r = _create(api, foo="x", status=400)
    assert "'foo' was unexpected" in error_of(r)["faultstring"]
    assert api.call("GET", "/v1/nodes", status=200).json["nodes"] == []


def test_missing_driver_is_400(api):
    r = api.call("POST", "/v1/nodes", {"name": "x"}, status=400)
    assert "'driver' is a required property" in error_of(r)["faultstring"]


def test_unknown_driver_is_400_and_leaves_db_unchanged(api):
    _create(api, driver="nodriver", status=400)
    assert api.call("GET", "/v1/nodes", status=200).json["nodes"] == []


def test_duplicate_name_is_409(api):
    _create(api, name="n1")
    r = _create(api, name="n1", status=409)
    assert error_of(r)["faultstring"] == "A node with name n1 already exists."
    assert len(api.call("GET", "/v1/nodes", status=200).json["nodes"]) == 1


def test_field_newer_than_version_is_406_in_body(api):
    _create(api, owner="me", version="1.40", status=406)


def test_invalid_json_body_is_400(api):
    r = api.post("/v1/nodes", "notjson", headers={"Content-Type": "application/json"},
                 expect_errors=True)
    assert r.status_int == 400


def test_delete_returns_204_and_removes(api):
    _create(api, uuid=UUID)
    r = api.call("DELETE", f"/v1/nodes/{UUID}", status=204)
    assert r.body == b""
    api.call("GET", f"/v1/nodes/{UUID}", status=404)


def test_passwords_are_masked(api):
    r = _create(api, driver_info={"ipmi_password": "s3cret", "ipmi_address": "1.2.3.4",
                                  "redfish_password": "x"},
                instance_info={"configdrive": "abc", "image_source": "img"})
    node = api.call("GET", f"/v1/nodes/{r.json['uuid']}", status=200).json
    assert node["driver_info"] == {"ipmi_password": "******",
                                   "ipmi_address": "1.2.3.4",
                                   "redfish_password": "******"}
    assert node["instance_info"] == {"configdrive": "******", "image_source": "img"}
    assert "s3cret" not in r.text


@pytest.mark.parametrize(("version", "hidden", "shown"), [
    ("1.1", "name", "uuid"),
    ("1.4", "name", "driver"),
    ("1.36", "traits", "network_interface"),
    ("1.41", "fault", "bios_interface"),
    ("1.64", "lessee", "retired"),
    ("1.81", "shard", "boot_mode"),
    ("1.108", "health", "instance_name"),
])
def test_fields_hidden_below_their_version(api, version, hidden, shown):
    uuid = _create(api).json["uuid"]
    node = api.call("GET", f"/v1/nodes/{uuid}", version=version, status=200).json
    assert hidden not in node
    assert shown in node


def test_latest_shows_every_field(api):
    node = _create(api).json
    for name in ("health", "instance_name", "disable_power_off", "service_step",
                 "firmware_interface", "parent_node", "shard", "traits", "conductor",
                 "allocation_uuid", "network_data", "boot_mode", "secure_boot"):
        assert name in node
    assert node["traits"] == []
    assert node["conductor"] == "test-host"


def test_fields_selection(api):
    uuid = _create(api, name="n1").json["uuid"]
    node = api.call("GET", f"/v1/nodes/{uuid}?fields=uuid,name", status=200).json
    assert set(node) == {"uuid", "name", "links"}
    listed = api.call("GET", "/v1/nodes?fields=name", status=200).json["nodes"]
    assert set(listed[0]) == {"uuid", "name", "links"}


def test_fields_errors(api):
    uuid = _create(api).json["uuid"]
    api.call("GET", f"/v1/nodes/{uuid}?fields=uuid", version="1.7", status=406)
    api.call("GET", f"/v1/nodes/{uuid}?fields=uuid,fault", version="1.40", status=406)
    r = api.call("GET", f"/v1/nodes/{uuid}?fields=uuid,foo", status=400)
    assert error_of(r)["faultstring"] == "Field foo is not a valid field."
    api.call("GET", "/v1/nodes?fields=uuid&detail=True", status=400)


def test_config_drive_in_instance_info_is_masked(api):
    node = api.call("POST", "/v1/nodes", {
        "driver": "fake-hardware",
        "instance_info": {"image_source": "http://127.0.0.1/img", "configdrive": "H4sIAAAA"}},
        status=201).json
    assert node["instance_info"] == {"image_source": "http://127.0.0.1/img",
                                     "configdrive": "******"}
    shown = api.call("GET", f"/v1/nodes/{node['uuid']}").json
    assert shown["instance_info"]["configdrive"] == "******"
