"""Replay of the call sequence of Nova's Ironic driver, through openstacksdk.

Nova's ``nova.virt.ironic`` driver talks to the Bare Metal API with
openstacksdk's baremetal proxy. These tests make the same calls in the same
order for spawn, destroy, reboot, power off/on, rebuild and the periodic
node and instance listings, against a running service (ours by default, real
Ironic with IRONIC_COMPAT_ENDPOINT). The config drive is a gzipped base64
``config-2`` ISO, which is what Nova sends (built here with pycdlib because
Nova's genisoimage is not installed).
"""
from __future__ import annotations

import base64
import gzip
import io
import json
import uuid

import pycdlib
import pytest

NOVA_NODE_FIELDS = ("uuid", "power_state", "target_power_state", "provision_state",
                    "target_provision_state", "last_error", "maintenance",
                    "properties", "instance_uuid", "traits", "resource_class")
"""The fields Nova's driver asks for when it lists nodes (_NODE_FIELDS)."""

WAIT_S = 60


def _nova_config_drive(instance_uuid: str, hostname: str) -> str:
    """A config drive shaped like Nova's: config-2 ISO, gzipped, base64."""
    meta = json.dumps({"uuid": instance_uuid, "hostname": hostname}).encode()
    iso = pycdlib.PyCdlib()
    iso.new(interchange_level=4, joliet=3, rock_ridge="1.09", vol_ident="config-2")
    iso.add_directory("/OPENSTAC", rr_name="openstack", joliet_path="/openstack")
    iso.add_directory("/OPENSTAC/LATEST", rr_name="latest",
                      joliet_path="/openstack/latest")
    iso.add_fp(io.BytesIO(meta), len(meta), "/OPENSTAC/LATEST/META.;1",
               rr_name="meta_data.json", joliet_path="/openstack/latest/meta_data.json")
    out = io.BytesIO()
    iso.write_fp(out)
    iso.close()
    return base64.b64encode(gzip.compress(out.getvalue())).decode()


def _instance_info_patch(instance_uuid: str, image: str) -> list[dict]:
    """What Nova's driver patches before deploying (_add_instance_info_to_node)."""
    info = {"image_source": image, "root_gb": "10", "swap_mb": "0",
            "ephemeral_gb": "0", "display_name": "vm-1", "vcpus": "2",
            "memory_mb": "4096", "local_gb": "10",
            "capabilities": json.dumps({"boot_option": "local"})}
    patch = [{"op": "add", "path": f"/instance_info/{k}", "value": v}
             for k, v in info.items()]
    patch.append({"op": "add", "path": "/instance_uuid", "value": instance_uuid})
    return patch


@pytest.fixture
def nova_node(sdk, tag):
    """An available node with one port, as an operator prepares it for Nova."""
    node = sdk.baremetal.create_node(driver="fake-hardware", name=f"nova-{tag}",
                                     resource_class="baremetal",
                                     properties={"cpus": 2, "memory_mb": 4096,
                                                 "local_gb": 10})
    sdk.baremetal.create_port(node_id=node.id,
                              address="52:54:00:%02x:%02x:%02x" % tuple(
                                  uuid.uuid4().bytes[:3]))
    sdk.baremetal.set_node_provision_state(node, "manage", wait=True, timeout=WAIT_S)
    sdk.baremetal.set_node_provision_state(node, "provide", wait=True, timeout=WAIT_S)
    yield sdk.baremetal.get_node(node.id)
    node = sdk.baremetal.get_node(node.id)
    if node.provision_state in ("active", "deploy failed"):
        sdk.baremetal.set_node_provision_state(node, "deleted", wait=True,
                                               timeout=WAIT_S)
    sdk.baremetal.update_node(node, instance_id=None)
    sdk.baremetal.delete_node(node, ignore_missing=True)


def _spawn(sdk, node, instance_uuid: str) -> str:
    """Nova's spawn(): patch, validate, plug VIFs, deploy with a config drive, wait."""
    sdk.baremetal.patch_node(node, _instance_info_patch(
        instance_uuid, "http://127.0.0.1:1/images/cirros.img"))
    validation = sdk.baremetal.validate_node(node, required=None)
    assert validation["deploy"].result and validation["power"].result
    vif_id = str(uuid.uuid4())
    sdk.baremetal.attach_vif_to_node(node, vif_id, retry_on_conflict=False)
    sdk.baremetal.set_node_provision_state(
        node, "active", config_drive=_nova_config_drive(instance_uuid, "vm-1"))
    sdk.baremetal.wait_for_nodes_provision_state([node], "active", timeout=WAIT_S)
    return vif_id


def test_spawn_deploys_with_config_drive_and_vif(sdk, service, nova_node):
    instance_uuid = str(uuid.uuid4())
    vif_id = _spawn(sdk, nova_node, instance_uuid)
    node = sdk.baremetal.get_node(nova_node.id)
    assert node.provision_state == "active"
    assert node.instance_id == instance_uuid
    assert node.instance_info["image_source"].endswith("cirros.img")
    assert node.instance_info.get("configdrive")  # stored (masked or not)
    if service.embedded:
        # Ours defaults to the flat network interface, which keeps VIFs on ports;
        # reference_ironic.sh's real Ironic defaults to noop, which keeps none.
        assert vif_id in sdk.baremetal.list_node_vifs(node)
    assert node.target_provision_state is None and not node.last_error


def test_destroy_undeploys_and_clears_the_instance(sdk, nova_node):
    instance_uuid = str(uuid.uuid4())
    vif_id = _spawn(sdk, nova_node, instance_uuid)
    # Nova's destroy(): undeploy, wait until the node leaves the instance, unplug
    # VIFs, then clear instance_info and instance_uuid.
    sdk.baremetal.set_node_provision_state(nova_node, "deleted")
    sdk.baremetal.wait_for_nodes_provision_state([nova_node], "available",
                                                 timeout=WAIT_S)
    sdk.baremetal.detach_vif_from_node(nova_node, vif_id)
    sdk.baremetal.update_node(nova_node, instance_id=None, instance_info={})
    node = sdk.baremetal.get_node(nova_node.id)
    assert (node.provision_state, node.instance_id, node.instance_info) == (
        "available", None, {})
    assert sdk.baremetal.list_node_vifs(node) == []


def test_reboot_and_power_off_on(sdk, nova_node):
    _spawn(sdk, nova_node, str(uuid.uuid4()))
    sdk.baremetal.set_node_power_state(nova_node, "rebooting", wait=True,
                                       timeout=WAIT_S)
    assert sdk.baremetal.get_node(nova_node.id).power_state == "power on"
    sdk.baremetal.set_node_power_state(nova_node, "power off", wait=True,
                                       timeout=WAIT_S)
    assert sdk.baremetal.get_node(nova_node.id).power_state == "power off"
    sdk.baremetal.set_node_power_state(nova_node, "power on", wait=True,
                                       timeout=WAIT_S)
    assert sdk.baremetal.get_node(nova_node.id).power_state == "power on"


def test_rebuild_redeploys_with_new_image_and_config_drive(sdk, nova_node):
    instance_uuid = str(uuid.uuid4())
    _spawn(sdk, nova_node, instance_uuid)
    sdk.baremetal.patch_node(nova_node, [
        {"op": "replace", "path": "/instance_info/image_source",
         "value": "http://127.0.0.1:1/images/fedora.img"}])
    sdk.baremetal.set_node_provision_state(
        nova_node, "rebuild", config_drive=_nova_config_drive(instance_uuid, "vm-2"))
    sdk.baremetal.wait_for_nodes_provision_state([nova_node], "active",
                                                 timeout=WAIT_S)
    node = sdk.baremetal.get_node(nova_node.id)
    assert node.instance_info["image_source"].endswith("fedora.img")
    assert node.instance_id == instance_uuid


def test_node_and_instance_listings_nova_makes(sdk, nova_node):
    instance_uuid = str(uuid.uuid4())
    _spawn(sdk, nova_node, instance_uuid)
    listed = {n.id: n for n in sdk.baremetal.nodes(fields=NOVA_NODE_FIELDS)}
    mine = listed[nova_node.id]
    assert (mine.provision_state, mine.instance_id, mine.resource_class) == (
        "active", instance_uuid, "baremetal")
    assert mine.name is None and mine.driver is None  # only the asked fields
    associated = {n.id: n.instance_id for n in sdk.baremetal.nodes(
        associated=True, fields=("uuid", "instance_uuid"))}
    assert associated[nova_node.id] == instance_uuid
    unassociated = {n.id for n in sdk.baremetal.nodes(associated=False,
                                                      fields=("uuid",))}
    assert nova_node.id not in unassociated


def test_deploy_of_a_node_being_deployed_is_refused_not_500(sdk, http, nova_node):
    _spawn(sdk, nova_node, str(uuid.uuid4()))
    response = http.put(f"/v1/nodes/{nova_node.id}/states/provision",
                        json={"target": "active"})
    assert response.status_code == 400
    assert "active" in response.json()["error_message"]
