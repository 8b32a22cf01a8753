"""``/v1/drivers`` and ``/v1/conductors`` against the in-process conductor."""
from __future__ import annotations

import pytest

from ironic import objects
from ironic.common import context as ir_context
from tests.unit.api.conftest import error_of

# --- drivers ----------------------------------------------------------------


def test_driver_list_shows_hosts(api, make_conductor):
    ctx = ir_context.get_admin_context()
    rows = objects.Conductor.list_hardware_type_interfaces(ctx, ["fake-hardware"])
    make_conductor(hostname="second", drivers=["fake-hardware"], interfaces=[
        {k: getattr(r, k) if not isinstance(r, dict) else r[k]
         for k in ("hardware_type", "interface_type", "interface_name", "default")}
        for r in rows])
    drivers = api.call("GET", "/v1/drivers", status=200).json["drivers"]
    assert [d["name"] for d in drivers] == ["fake-hardware"]
    assert drivers[0]["hosts"] == ["second", "test-host"]
    assert drivers[0]["type"] == "dynamic"
    assert "default_power_interface" not in drivers[0]


def test_driver_list_types(api):
    assert api.call("GET", "/v1/drivers?type=classic", status=200).json == {
        "drivers": []}
    assert len(api.call("GET", "/v1/drivers?type=dynamic",
                        status=200).json["drivers"]) == 1
    api.call("GET", "/v1/drivers?type=bogus", status=400)


def test_driver_detail_list_has_interfaces(api):
    driver = api.call("GET", "/v1/drivers?detail=True", status=200).json["drivers"][0]
    assert driver["default_power_interface"] == "fake"
    assert "fake" in driver["enabled_management_interfaces"]


@pytest.mark.parametrize(("version", "present", "absent"), [
    ("1.29", {"name", "hosts", "properties"}, {"type", "default_power_interface"}),
    ("1.30", {"type", "default_power_interface"}, {"default_storage_interface"}),
    ("1.33", {"default_storage_interface"}, {"default_rescue_interface"}),
    ("1.38", {"default_rescue_interface"}, {"default_bios_interface"}),
    ("1.40", {"default_bios_interface"}, {"default_firmware_interface"}),
    ("1.86", {"default_firmware_interface"}, set()),
])
def test_driver_detail_per_version(api, version, present, absent):
    shown = api.call("GET", "/v1/drivers/fake-hardware", version=version,
                     status=200).json
    assert present <= set(shown) and not absent & set(shown)


def test_driver_fields_since_1_77(api):
    shown = api.call("GET", "/v1/drivers/fake-hardware?fields=name,hosts",
                     status=200).json
    assert set(shown) == {"name", "hosts"}
    listed = api.call("GET", "/v1/drivers?fields=name", status=200).json["drivers"]
    assert listed == [{"name": "fake-hardware"}]
    api.call("GET", "/v1/drivers/fake-hardware?fields=name", version="1.76", status=406)
    api.call("GET", "/v1/drivers/fake-hardware?fields=bogus", status=400)


def test_unknown_driver_is_404(api):
    for path in ("/v1/drivers/nope", "/v1/drivers/nope/properties",
                 "/v1/drivers/nope/raid/logical_disk_properties"):
        api.call("GET", path, status=404)


def test_driver_properties(api):
    props = api.call("GET", "/v1/drivers/fake-hardware/properties", status=200).json
    assert isinstance(props, dict)


def test_raid_logical_disk_properties(api, conf):
    conf.config(enabled_raid_interfaces=["fake", "no-raid"])
    props = api.call("GET", "/v1/drivers/fake-hardware/raid/logical_disk_properties",
                     status=200).json
    assert "raid_level" in props and "size_gb" in props
    api.call("GET", "/v1/drivers/fake-hardware/raid/logical_disk_properties",
             version="1.11", status=406)


# --- conductors ---------------------------------------------------------------


def test_conductor_list_and_show(api):
    listed = api.call("GET", "/v1/conductors", status=200).json["conductors"]
    assert listed == [{"hostname": "test-host", "conductor_group": "", "alive": True,
                       "links": listed[0]["links"]}]
    shown = api.call("GET", "/v1/conductors/test-host", status=200).json
    assert shown["drivers"] == ["fake-hardware"] and shown["alive"] is True
    detail = api.call("GET", "/v1/conductors?detail=True", status=200).json
    assert {"created_at", "updated_at", "drivers"} <= set(detail["conductors"][0])
    only = api.call("GET", "/v1/conductors/test-host?fields=hostname", status=200).json
    assert set(only) == {"hostname", "links"}


def test_conductor_alive_flag_follows_heartbeat(api, make_conductor, conf):
    stale = make_conductor(hostname="stale")
    assert api.call("GET", "/v1/conductors/stale", status=200).json["alive"] is True
    stale.unregister()
    assert api.call("GET", "/v1/conductors/stale", status=200).json["alive"] is False
    listed = api.call("GET", "/v1/conductors", status=200).json["conductors"]
    assert {c["hostname"]: c["alive"] for c in listed} == {"test-host": True,
                                                          "stale": False}


def test_unknown_conductor_is_404(api):
    r = api.call("GET", "/v1/conductors/nope", status=404)
    assert "nope" in error_of(r)["faultstring"]


def test_conductors_need_1_49(api):
    api.call("GET", "/v1/conductors", version="1.48", status=406)
    api.call("GET", "/v1/conductors/test-host", version="1.48", status=406)


def test_conductor_bad_queries(api):
    for query in ("sort_key=drivers", "limit=x", "fields=bogus", "detail=maybe"):
        api.call("GET", f"/v1/conductors?{query}", status=400)
