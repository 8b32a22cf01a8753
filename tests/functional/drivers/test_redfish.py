"""The redfish hardware type against the sushy-tools emulator, through the API."""
from __future__ import annotations

from ironic.conductor import task_manager
from ironic.drivers.modules.redfish import virtual_media
from tests.functional.drivers.conftest import Cloud
from tests.functional.drivers.simulators import RedfishSimulator

DEPLOY_IMAGES = {"deploy_kernel": "http://127.0.0.1/k", "deploy_ramdisk": "http://127.0.0.1/r"}


def _enroll(cloud: Cloud, sim: RedfishSimulator, index: int, *, manage: bool = True,
            **info: str) -> dict:
    node = cloud.enroll("redfish", {**sim.driver_info(index), **DEPLOY_IMAGES, **info},
                        mac=sim.systems[index]["mac"] if index % 2 else None)
    if manage:
        node = cloud.provision(node["uuid"], "manage")
    return node


def _system(sim: RedfishSimulator, index: int) -> dict:
    return sim.get(sim.systems[index]["redfish_system_id"])


def test_validate_manage_power_and_boot_device(cloud, redfish_sim):
    node = _enroll(cloud, redfish_sim, 1, manage=False)
    uuid = node["uuid"]
    result = cloud.call("GET", f"/v1/nodes/{uuid}/validate", status=200).json
    for kind in ("power", "management", "boot", "bios", "inspect", "raid", "firmware"):
        assert result[kind] == {"result": True}, kind
    assert "image_source" in result["deploy"]["reason"]

    assert cloud.provision(uuid, "manage")["provision_state"] == "manageable"
    for target, expected in (("power on", "On"), ("rebooting", "On"),
                             ("power off", "Off"), ("power on", "On"),
                             ("soft power off", "Off")):
        cloud.power(uuid, target)
        assert _system(redfish_sim, 1)["PowerState"] == expected, target
        assert cloud.node(uuid)["power_state"] == f"power {expected.lower()}"

    cloud.call("PUT", f"/v1/nodes/{uuid}/management/boot_device",
               {"boot_device": "pxe", "persistent": True}, status=204)
    assert _system(redfish_sim, 1)["Boot"]["BootSourceOverrideTarget"] == "Pxe"
    got = cloud.call("GET", f"/v1/nodes/{uuid}/management/boot_device", status=200).json
    assert got == {"boot_device": "pxe", "persistent": True}


def test_wrong_password_gives_clear_error_on_manage(cloud, redfish_sim):
    node = _enroll(cloud, redfish_sim, 0, manage=False, redfish_password="wrong")
    shown = cloud.provision(node["uuid"], "manage")
    assert shown["provision_state"] == "enroll"
    assert node["uuid"] in shown["last_error"]
    assert "refused the credentials" in shown["last_error"]


def test_bios_settings_applied_by_a_clean_step_and_listed(cloud, redfish_sim):
    node = _enroll(cloud, redfish_sim, 2)
    wanted = "Disabled" if _bios(redfish_sim, 2)["ProcTurboMode"] == "Enabled" else "Enabled"
    shown = cloud.provision(node["uuid"], "clean", clean_steps=[{
        "interface": "bios", "step": "apply_configuration",
        "args": {"settings": [{"name": "ProcTurboMode", "value": wanted}]}}])
    assert shown["provision_state"] == "manageable", shown["last_error"]
    assert _bios(redfish_sim, 2)["ProcTurboMode"] == wanted
    listed = cloud.call("GET", f"/v1/nodes/{node['uuid']}/bios", status=200).json
    settings = {s["name"]: s["value"] for s in listed["bios"]}
    assert settings["ProcTurboMode"] == wanted
    assert "QuietBoot" in settings


def _bios(sim: RedfishSimulator, index: int) -> dict:
    return sim.get(sim.systems[index]["redfish_system_id"] + "/BIOS")["Attributes"]


def test_virtual_media_insert_and_eject(cloud, redfish_sim, image_url):
    node = _enroll(cloud, redfish_sim, 3)
    with task_manager.acquire(cloud.context, node["uuid"], purpose="vmedia") as task:
        task.driver.management.attach_virtual_media(task, "cdrom", image_url)
        assert image_url in virtual_media.inserted(task).values()
        task.driver.management.attach_virtual_media(task, "cdrom", image_url)  # again
        task.driver.management.detach_virtual_media(task, ["cdrom"])
        assert image_url not in virtual_media.inserted(task).values()


def test_out_of_band_inspection_fills_properties_and_ports(cloud, redfish_sim):
    node = _enroll(cloud, redfish_sim, 0)
    shown = cloud.provision(node["uuid"], "inspect")
    assert shown["provision_state"] == "manageable", shown["last_error"]
    props = shown["properties"]
    assert props["cpus"] == 4 and props["cpu_arch"] == "x86_64"
    assert props["memory_mb"] == 16 * 1024
    assert props["local_gb"] == 99
    ports = cloud.call("GET", f"/v1/ports?node={node['uuid']}", status=200).json["ports"]
    assert [p["address"] for p in ports] == [redfish_sim.systems[0]["mac"]]


def test_unreachable_bmc_fails_with_a_clear_error(cloud, redfish_sim):
    info = {**redfish_sim.driver_info(0), "redfish_address": "http://127.0.0.1:9"}
    node = cloud.enroll("redfish", info)
    shown = cloud.provision(node["uuid"], "manage")
    assert shown["provision_state"] == "enroll"
    assert node["uuid"] in shown["last_error"] and "did not answer" in shown["last_error"]


def test_virtual_media_and_indicator_through_the_api(cloud, redfish_sim, image_url):
    node = _enroll(cloud, redfish_sim, 3)
    vmedia = f"/v1/nodes/{node['uuid']}/vmedia"
    cloud.call("POST", vmedia, {"device_type": "cdrom", "image_url": image_url},
               status=204)
    listed = cloud.call("GET", vmedia, status=200).json
    assert [m["image"] for m in listed if m["inserted"]] == [image_url]
    assert any("CD" in m["media_types"] for m in listed if m["inserted"])
    cloud.call("DELETE", f"{vmedia}?device_types=cdrom", status=204)
    assert not [m for m in cloud.call("GET", vmedia, status=200).json if m["inserted"]]
    cloud.call("POST", vmedia, {"device_type": "disk", "image_url": image_url}, status=400)

    indicators = f"/v1/nodes/{node['uuid']}/management/indicators"
    listed = cloud.call("GET", indicators, status=200).json["indicators"]
    assert [i["name"] for i in listed] == ["led@system"]
    for state in ("BLINKING", "ON", "OFF"):
        cloud.call("PUT", f"{indicators}/led@system", {"state": state}, status=204)
        assert _system(redfish_sim, 3)["IndicatorLED"] == {
            "BLINKING": "Blinking", "ON": "Lit", "OFF": "Off"}[state]
        got = cloud.call("GET", f"{indicators}/led@system", status=200).json
        assert got == {"state": state}
