"""Config drives: JSON built into a config-2 ISO, images checked, sizes limited."""
from __future__ import annotations

import base64
import gzip
import json
import types

import pytest

from ironic.common import exception
from ironic.conductor import configdrive

NODE = types.SimpleNamespace(uuid="1be26c0b-03f2-4d2e-ae87-c02d7f33c123", name="n1")


def test_json_becomes_config2_iso_with_openstack_layout():
    built = configdrive.prepare(NODE, {"meta_data": {"hostname": "h"},
                                       "user_data": "#cloud-config\n",
                                       "network_data": {"links": []},
                                       "vendor_data": {"k": "v"}})
    assert configdrive.volume_label(built) == "config-2"
    files = configdrive.read_files(built)
    meta = json.loads(files["openstack/latest/meta_data.json"])
    assert meta == {"uuid": NODE.uuid, "name": "n1", "hostname": "h"}
    assert files["openstack/latest/user_data"] == b"#cloud-config\n"
    assert json.loads(files["openstack/latest/vendor_data2.json"]) == {"k": "v"}
    assert "openstack/2012-08-10/network_data.json" in files


def test_meta_data_uuid_given_by_user_wins():
    built = configdrive.build(NODE, {"meta_data": {"uuid": "mine"}})
    files = configdrive.read_files(built)
    assert json.loads(files["openstack/latest/meta_data.json"])["uuid"] == "mine"


def test_user_data_object_is_stored_as_json():
    built = configdrive.build(NODE, {"user_data": {"a": [1]}})
    assert json.loads(configdrive.read_files(built)["openstack/latest/user_data"]) == {
        "a": [1]}


def test_gzipped_image_and_url_are_kept_as_given():
    image = base64.b64encode(gzip.compress(b"\0" * 4096)).decode()
    assert configdrive.prepare(NODE, image) == image
    assert configdrive.prepare(NODE, "http://127.0.0.1/cd") == "http://127.0.0.1/cd"


@pytest.mark.parametrize("value", ["not base64 !!", 5, {"bogus": {}},
                                   {"meta_data": "x"}])
def test_malformed_config_drive_is_refused(value):
    with pytest.raises(exception.InvalidParameterValue):
        configdrive.prepare(NODE, value)


def test_oversized_image_is_refused_with_the_limit(monkeypatch):
    monkeypatch.setattr(configdrive, "MAX_SIZE_BYTES", 1024)
    image = base64.b64encode(gzip.compress(b"\0" * 4096)).decode()
    with pytest.raises(exception.InvalidParameterValue) as err:
        configdrive.prepare(NODE, image)
    assert "larger than" in str(err.value)


def test_oversized_json_is_refused(monkeypatch):
    monkeypatch.setattr(configdrive, "MAX_SIZE_BYTES", 1024)
    with pytest.raises(exception.InvalidParameterValue):
        configdrive.prepare(NODE, {"user_data": "x" * 4096})
