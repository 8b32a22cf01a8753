"""Virtual media (1.89/1.93) and indicators (1.63) through the API on fake-hardware."""
from __future__ import annotations

import pytest

from ironic.drivers.interfaces.management import ManagementInterface
from ironic.drivers.modules import fake
from tests.unit.api.conftest import error_of


@pytest.fixture
def node(api, make_node):
    return make_node(driver="fake-hardware")


def _vmedia(api, node, version="1.93"):
    return api.call("GET", f"/v1/nodes/{node.uuid}/vmedia", version=version,
                    status=200).json


def _inserted(api, node):
    return {m["media_types"][0]: m["image"] for m in _vmedia(api, node) if m["inserted"]}


# --- virtual media ---------------------------------------------------------------

def test_attach_list_and_detach_virtual_media(api, node):
    body = {"device_type": "cdrom", "image_url": "http://127.0.0.1/boot.iso"}
    r = api.call("POST", f"/v1/nodes/{node.uuid}/vmedia", body, version="1.89", status=204)
    assert r.body == b""
    api.call("POST", f"/v1/nodes/{node.uuid}/vmedia",
             {"device_type": "floppy", "image_url": "https://127.0.0.1/f.img",
              "image_download_source": "http"}, status=204)
    assert _inserted(api, node) == {"cdrom": "http://127.0.0.1/boot.iso",
                                    "floppy": "https://127.0.0.1/f.img"}
    api.call("DELETE", f"/v1/nodes/{node.uuid}/vmedia?device_types=floppy", status=204)
    assert _inserted(api, node) == {"cdrom": "http://127.0.0.1/boot.iso"}
    api.call("DELETE", f"/v1/nodes/{node.uuid}/vmedia", version="1.89", status=204)
    assert _inserted(api, node) == {}


def test_node_name_is_accepted(api, make_node):
    named = make_node(driver="fake-hardware", name="vm-node")
    api.call("POST", "/v1/nodes/vm-node/vmedia",
             {"device_type": "disk", "image_url": "nfs://127.0.0.1/d.img"}, status=204)
    assert _inserted(api, named) == {"disk": "nfs://127.0.0.1/d.img"}


@pytest.mark.parametrize("method,version", [("POST", "1.88"), ("DELETE", "1.88"),
                                            ("GET", "1.92")])
def test_vmedia_routes_do_not_exist_before_their_version(api, node, method, version):
    body = ({"device_type": "cdrom", "image_url": "http://127.0.0.1/x.iso"}
            if method == "POST" else None)
    api.call(method, f"/v1/nodes/{node.uuid}/vmedia", body, version=version, status=404)
    assert _inserted(api, node) == {}


@pytest.mark.parametrize("body,message", [
    ({"image_url": "http://127.0.0.1/x.iso"}, "device_type"),
    ({"device_type": "usb", "image_url": "http://127.0.0.1/x.iso"}, "usb"),
    ({"device_type": "cdrom"}, "image_url"),
    ({"device_type": "cdrom", "image_url": "http://127.0.0.1/x.iso", "x": 1}, "x"),
    ({"device_type": "cdrom", "image_url": "http://127.0.0.1/x.iso",
      "image_download_source": "ftp"}, "ftp"),
    ({"device_type": "cdrom", "image_url": "ftp://127.0.0.1/x.iso"}, "scheme: ftp"),
    ({"device_type": "cdrom", "image_url": "/local/x.iso"}, "URL scheme"),
    (["cdrom"], "vmedia"),
])
def test_attach_refuses_bad_bodies(api, node, body, message):
    r = api.call("POST", f"/v1/nodes/{node.uuid}/vmedia", body, status=400)
    assert message in error_of(r)["faultstring"]
    assert _inserted(api, node) == {}


def test_detach_refuses_unknown_device_types(api, node):
    r = api.call("DELETE", f"/v1/nodes/{node.uuid}/vmedia?device_types=cdrom,usb",
                 status=400)
    assert "usb" in error_of(r)["faultstring"]


def test_vmedia_on_unknown_node_is_404(api):
    api.call("POST", "/v1/nodes/no-such-node/vmedia",
             {"device_type": "cdrom", "image_url": "http://127.0.0.1/x.iso"}, status=404)
    api.call("GET", "/v1/nodes/no-such-node/vmedia", status=404)


@pytest.mark.parametrize("method", ["attach_virtual_media", "get_supported_indicators"])
def test_interface_defaults_answer_unsupported_400(api, node, monkeypatch, method):
    """A management interface without the feature keeps the base class default."""
    monkeypatch.setattr(fake.FakeManagement, method,
                        getattr(ManagementInterface, method))
    if method == "get_supported_indicators":
        r = api.call("GET", f"/v1/nodes/{node.uuid}/management/indicators", status=400)
    else:
        r = api.call("POST", f"/v1/nodes/{node.uuid}/vmedia",
                     {"device_type": "cdrom", "image_url": "http://127.0.0.1/x.iso"},
                     status=400)
    assert method in error_of(r)["faultstring"]


# --- indicators ----------------------------------------------------------------

def test_list_indicators_with_links(api, node):
    r = api.call("GET", f"/v1/nodes/{node.uuid}/management/indicators", version="1.63",
                 status=200).json
    by_name = {i["name"]: i for i in r["indicators"]}
    assert set(by_name) == {"led@system", "led-0@chassis"}
    led = by_name["led@system"]
    assert (led["component"], led["readonly"]) == ("system", False)
    assert set(led["states"]) == {"ON", "OFF", "BLINKING"}
    assert led["links"][0]["href"].endswith(
        f"/v1/nodes/{node.uuid}/management/indicators/led@system")
    assert by_name["led-0@chassis"]["readonly"] is True


def test_set_and_get_indicator_state(api, node):
    url = f"/v1/nodes/{node.uuid}/management/indicators/led@system"
    assert api.call("GET", url, status=200).json == {"state": "OFF"}
    api.call("PUT", url, {"state": "BLINKING"}, status=204)
    assert api.call("GET", url, version="1.63", status=200).json == {"state": "BLINKING"}


@pytest.mark.parametrize("ident,body", [
    ("led@system", {"state": "PURPLE"}),
    ("led@system", {"colour": "ON"}),
    ("led@system", {}),
    ("led-0@chassis", {"state": "ON"}),
    ("nothing@system", {"state": "ON"}),
    ("led", {"state": "ON"}),
])
def test_set_indicator_refusals_are_400(api, node, ident, body):
    api.call("PUT", f"/v1/nodes/{node.uuid}/management/indicators/{ident}", body,
             status=400)
    url = f"/v1/nodes/{node.uuid}/management/indicators/led@system"
    assert api.call("GET", url, status=200).json == {"state": "OFF"}


def test_get_unknown_indicator_is_400(api, node):
    api.call("GET", f"/v1/nodes/{node.uuid}/management/indicators/led@disk", status=400)


def test_indicators_do_not_exist_before_1_63(api, node):
    api.call("GET", f"/v1/nodes/{node.uuid}/management/indicators", version="1.62",
             status=404)
    api.call("PUT", f"/v1/nodes/{node.uuid}/management/indicators/led@system",
             {"state": "ON"}, version="1.62", status=404)


# --- policy ----------------------------------------------------------------------

SYSTEM_READER = {"X-Roles": "reader", "OpenStack-System-Scope": "all"}
SYSTEM_MEMBER = {"X-Roles": "member,reader", "OpenStack-System-Scope": "all"}


def _forbidden(response, rule):
    assert response.status_int == 403, response.text
    assert rule in error_of(response)["faultstring"]


def test_system_reader_reads_but_cannot_change(api, node):
    base = f"/v1/nodes/{node.uuid}"
    api.call("GET", f"{base}/vmedia", headers=SYSTEM_READER, status=200)
    api.call("GET", f"{base}/management/indicators", headers=SYSTEM_READER, status=200)
    api.call("GET", f"{base}/management/indicators/led@system", headers=SYSTEM_READER,
             status=200)
    _forbidden(api.call("POST", f"{base}/vmedia",
                        {"device_type": "cdrom", "image_url": "http://127.0.0.1/x.iso"},
                        headers=SYSTEM_READER), "baremetal:node:vmedia:attach")
    _forbidden(api.call("DELETE", f"{base}/vmedia", headers=SYSTEM_READER),
               "baremetal:node:vmedia:detach")
    _forbidden(api.call("PUT", f"{base}/management/indicators/led@system",
                        {"state": "ON"}, headers=SYSTEM_READER),
               "baremetal:node:set_indicator_state")


def test_system_member_changes(api, node):
    base = f"/v1/nodes/{node.uuid}"
    api.call("POST", f"{base}/vmedia",
             {"device_type": "cdrom", "image_url": "http://127.0.0.1/x.iso"},
             headers=SYSTEM_MEMBER, status=204)
    api.call("DELETE", f"{base}/vmedia", headers=SYSTEM_MEMBER, status=204)
    api.call("PUT", f"{base}/management/indicators/led@system", {"state": "ON"},
             headers=SYSTEM_MEMBER, status=204)
