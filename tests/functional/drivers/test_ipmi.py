"""The ipmi hardware type against simulated IPMI BMCs, through the API."""
from __future__ import annotations

import time

import pytest

from tests.functional.drivers.conftest import Cloud
from tests.functional.drivers.simulators import IPMISimulator

DEPLOY_IMAGES = {"deploy_kernel": "http://127.0.0.1/k", "deploy_ramdisk": "http://127.0.0.1/r"}


def _enroll(cloud: Cloud, sim: IPMISimulator, index: int, **info: str) -> dict:
    sim.control(index, power="off", fault="none")
    return cloud.enroll("ipmi", {**sim.driver_info(index), **DEPLOY_IMAGES, **info},
                        mac=f"52:54:01:00:00:{index:02x}")


def test_validate_reports_every_interface_without_contacting_the_bmc(cloud, ipmi_sim):
    node = _enroll(cloud, ipmi_sim, 0)
    before = ipmi_sim.state(0)["counters"]["commands"]
    result = cloud.call("GET", f"/v1/nodes/{node['uuid']}/validate", status=200).json
    assert result["power"] == {"result": True}
    assert result["management"] == {"result": True}
    assert result["boot"] == {"result": True}
    assert result["deploy"]["result"] is False
    assert "image_source" in result["deploy"]["reason"]
    assert result["console"]["result"] is False
    assert ipmi_sim.state(0)["counters"]["commands"] == before


def test_invalid_driver_info_fails_validation_naming_the_field(cloud, ipmi_sim):
    node = _enroll(cloud, ipmi_sim, 1, ipmi_priv_level="ROOT")
    result = cloud.call("GET", f"/v1/nodes/{node['uuid']}/validate", status=200).json
    assert result["power"]["result"] is False
    assert "ipmi_priv_level" in result["power"]["reason"]


def test_manage_power_cycle_and_boot_device(cloud, ipmi_sim):
    node = _enroll(cloud, ipmi_sim, 2)
    uuid = node["uuid"]
    cloud.provision(uuid, "manage")
    shown = cloud.node(uuid)
    assert (shown["provision_state"], shown["power_state"]) == ("manageable", "power off")

    for target, expected in (("power on", "on"), ("rebooting", "on"),
                             ("soft power off", "off"), ("power on", "on"),
                             ("soft rebooting", "on"), ("power off", "off")):
        cloud.power(uuid, target)
        assert ipmi_sim.state(2)["power"] == expected, target
        assert cloud.node(uuid)["power_state"] == f"power {expected}"
    assert ipmi_sim.state(2)["counters"]["power_changes"] >= 6

    cloud.call("PUT", f"/v1/nodes/{uuid}/management/boot_device",
               {"boot_device": "pxe", "persistent": True}, status=204)
    got = cloud.call("GET", f"/v1/nodes/{uuid}/management/boot_device", status=200).json
    assert got == {"boot_device": "pxe", "persistent": True}
    assert ipmi_sim.state(2)["boot_device"] == "pxe"
    supported = cloud.call("GET", f"/v1/nodes/{uuid}/management/boot_device/supported",
                           status=200).json
    assert "disk" in supported["supported_boot_devices"]


def test_wrong_password_gives_clear_error_on_manage(cloud, ipmi_sim):
    node = _enroll(cloud, ipmi_sim, 3, ipmi_password="not-the-password")
    cloud.provision(node["uuid"], "manage")
    shown = cloud.node(node["uuid"])
    assert shown["provision_state"] == "enroll"
    assert node["uuid"] in shown["last_error"]
    assert "refused the credentials" in shown["last_error"]


def test_power_sync_reports_a_change_made_behind_our_back(cloud, ipmi_sim, conf):
    power_sync = pytest.importorskip("ironic.conductor.power_sync")
    conf.config(force_power_state_during_sync=False, group="conductor")
    node = _enroll(cloud, ipmi_sim, 4)
    cloud.provision(node["uuid"], "manage")
    ipmi_sim.control(4, power="on")
    power_sync.sync_node(cloud.context, node["uuid"])
    assert cloud.node(node["uuid"])["power_state"] == "power on"


def test_unreachable_bmc_faults_then_recovers_without_slowing_others(cloud, ipmi_sim, conf):
    power_sync = pytest.importorskip("ironic.conductor.power_sync")
    conf.config(power_state_sync_max_retries=1, group="conductor")
    dead, healthy = _enroll(cloud, ipmi_sim, 5), _enroll(cloud, ipmi_sim, 6)
    for node in (dead, healthy):
        cloud.provision(node["uuid"], "manage")
    ipmi_sim.control(5, fault="drop")
    try:
        response = cloud.call("PUT", f"/v1/nodes/{dead['uuid']}/states/power",
                              {"target": "power on"})
        if response.status_int == 202:  # the conductor ran it in a worker
            error = cloud.wait(dead["uuid"])["last_error"]
        else:
            assert response.status_int == 503, response.text
            error = response.json["error_message"]
        assert "did not answer" in error and dead["uuid"] in error
        started = time.monotonic()
        cloud.power(healthy["uuid"], "power on")
        assert time.monotonic() - started < 1.0, "a dead BMC slowed another node"

        for _ in range(2):
            power_sync.sync_node(cloud.context, dead["uuid"])
        shown = cloud.node(dead["uuid"])
        assert shown["maintenance"] is True and shown["fault"] == "power failure"
        assert dead["uuid"] in shown["maintenance_reason"]
        assert "did not answer" in shown["maintenance_reason"]
    finally:
        ipmi_sim.control(5, fault="none")
    power_sync.recover_power_failures(cloud.service, cloud.context)
    shown = cloud.node(dead["uuid"])
    assert (shown["maintenance"], shown["fault"]) == (False, None)


def test_inject_nmi_and_vendor_raw_command(cloud, ipmi_sim):
    node = _enroll(cloud, ipmi_sim, 7)
    cloud.provision(node["uuid"], "manage")
    before = ipmi_sim.state(7)["counters"]["commands"]
    cloud.call("PUT", f"/v1/nodes/{node['uuid']}/management/inject_nmi", {}, status=204)
    assert ipmi_sim.state(7)["counters"]["commands"] > before


def test_drivers_api_lists_types_interfaces_and_properties(cloud, ipmi_sim):
    drivers = cloud.call("GET", "/v1/drivers", status=200).json["drivers"]
    by_name = {d["name"]: d for d in drivers}
    assert {"ipmi", "redfish"} <= set(by_name)
    assert by_name["ipmi"]["hosts"] == ["test-host"]
    detail = cloud.call("GET", "/v1/drivers/ipmi", status=200).json
    assert detail["default_power_interface"] == "ipmitool"
    assert "ipmitool" in detail["enabled_vendor_interfaces"]
    props = cloud.call("GET", "/v1/drivers/ipmi/properties", status=200).json
    assert "Required" in props["ipmi_address"]
    assert {"ipmi_password", "ipmi_priv_level", "ipmi_bridging", "deploy_kernel"} <= set(props)
