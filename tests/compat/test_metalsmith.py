"""Real metalsmith (PyPI ``metalsmith``) against the running service.

What metalsmith needs that this service does not provide, and how the tests
cover the rest:

* **Glance**: images are given as :class:`metalsmith.sources.HttpWholeDiskImage`
  served by a local ``http.server`` on 127.0.0.1 (the checksum file is really
  downloaded by metalsmith; the image itself would be by the deploy ramdisk).
* **Neutron**: metalsmith's ``nics`` (``{"port": ...}``, ``{"network": ...}``)
  look ports and networks up in Neutron, so provisioning passes no NICs and
  VIFs are attached through the Bare Metal API instead (what metalsmith would
  do after creating the Neutron port). ``Instance.nics()`` (used by
  ``ip_addresses()`` and ``to_dict()``) lists Neutron ports bound to the node;
  it is replaced by "no ports" here.
"""
from __future__ import annotations

import functools
import hashlib
import http.server
import threading
from pathlib import Path

import pytest

metalsmith = pytest.importorskip("metalsmith")
from metalsmith import _instance, sources  # noqa: E402

WAIT = 60
"""Seconds metalsmith may wait for a deployment or undeployment."""


@pytest.fixture(scope="module")
def image_server(tmp_path_factory):
    """A whole-disk image and its sha256 checksum file over HTTP on 127.0.0.1."""
    root = tmp_path_factory.mktemp("images")
    image = root / "disk.img"
    image.write_bytes(b"\0" * 65536)
    digest = hashlib.sha256(image.read_bytes()).hexdigest()
    (root / "SHA256SUMS").write_text(f"{digest}  disk.img\n")
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    yield {"url": f"{base}/disk.img", "checksum_url": f"{base}/SHA256SUMS",
           "checksum": digest}
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def no_neutron(monkeypatch):
    """Neutron is not provided: the node has no Neutron ports (module docstring)."""
    monkeypatch.setattr(_instance.Instance, "nics", lambda self: [])


@pytest.fixture
def provisioner(sdk):
    return metalsmith.Provisioner(cloud_region=sdk.config)


@pytest.fixture
def pool(sdk, tag):
    """Three available nodes of resource class ``ms-<tag>`` with capabilities
    and traits that tell them apart."""
    nodes = []
    for i, (mode, trait) in enumerate((("bios", None), ("uefi", "CUSTOM_GPU"),
                                       ("uefi", None))):
        node = sdk.baremetal.create_node(
            driver="fake-hardware", name=f"ms-{tag}-{i}", resource_class=f"ms-{tag}",
            properties={"capabilities": f"boot_mode:{mode}"})
        if trait:
            sdk.baremetal.add_node_trait(node, trait)
        sdk.baremetal.set_node_provision_state(node, "manage", wait=True, timeout=WAIT)
        nodes.append(sdk.baremetal.set_node_provision_state(node, "provide", wait=True,
                                                            timeout=WAIT))
    return nodes


def test_reserve_by_capabilities_traits_candidates_predicate(provisioner, pool, tag,
                                                             sdk):
    by_caps = provisioner.reserve_node(f"ms-{tag}", capabilities={"boot_mode": "bios"},
                                       hostname=f"caps-{tag}")
    assert by_caps.id == pool[0].id
    assert by_caps.allocation_id is not None
    assert sdk.baremetal.get_allocation(by_caps.allocation_id).name == f"caps-{tag}"
    by_trait = provisioner.reserve_node(f"ms-{tag}", traits=["CUSTOM_GPU"])
    assert by_trait.id == pool[1].id
    with pytest.raises(metalsmith.exceptions.ReservationFailed):
        provisioner.reserve_node(f"ms-{tag}", candidates=[pool[0].name, pool[1].name])
    picked = provisioner.reserve_node(
        f"ms-{tag}", candidates=[p.id for p in pool],
        predicate=lambda node: node.name.endswith("-2"))
    assert picked.id == pool[2].id
    with pytest.raises(metalsmith.exceptions.ReservationFailed):
        provisioner.reserve_node(f"ms-{tag}")


def test_provision_show_list_and_unprovision(provisioner, pool, tag, sdk,
                                            image_server, no_neutron):
    hostname = f"host-{tag}"
    node = provisioner.reserve_node(f"ms-{tag}", capabilities={"boot_mode": "uefi"},
                                    traits=["CUSTOM_GPU"], hostname=hostname)
    sdk.baremetal.create_port(node_id=node.id, address="52:54:00:d0:00:01")
    sdk.baremetal.attach_vif_to_node(node, f"vif-{tag}")
    image = sources.HttpWholeDiskImage(image_server["url"],
                                       checksum_url=image_server["checksum_url"])
    instance = provisioner.provision_node(node, image, root_size_gb=10,
                                          traits=["CUSTOM_GPU"], wait=WAIT)
    assert instance.is_deployed and instance.is_healthy
    assert instance.state == metalsmith.InstanceState.ACTIVE
    assert instance.hostname == hostname
    deployed = sdk.baremetal.get_node(node.id)
    assert deployed.instance_info["image_source"] == image_server["url"]
    assert deployed.instance_info["image_checksum"] == image_server["checksum"]
    assert deployed.instance_info["capabilities"] == {"boot_mode": "uefi"}
    assert deployed.instance_info["traits"] == ["CUSTOM_GPU"]

    shown = provisioner.show_instance(hostname)
    assert (shown.uuid, shown.hostname) == (node.id, hostname)
    assert [i.uuid for i in provisioner.show_instances([hostname, node.id])] == \
        [node.id, node.id]
    assert node.id in {i.uuid for i in provisioner.list_instances()}
    waited = provisioner.wait_for_provisioning([hostname], timeout=WAIT)
    assert [i.uuid for i in waited] == [node.id]
    as_dict = shown.to_dict()
    assert as_dict["hostname"] == hostname and as_dict["state"] == "active"
    assert as_dict["allocation"]["name"] == hostname
    assert as_dict["ip_addresses"] == {}

    result = provisioner.unprovision_node(hostname, wait=WAIT)
    assert result.provision_state == "available"
    node = sdk.baremetal.get_node(node.id)
    assert (node.allocation_id, node.instance_id) == (None, None)
    with pytest.raises(metalsmith.exceptions.InstanceNotFound):
        provisioner.show_instance(hostname)


def test_provision_with_inline_checksum_and_failed_reservation_cleanup(
        provisioner, pool, tag, sdk, image_server, no_neutron):
    node = provisioner.reserve_node(f"ms-{tag}", candidates=[pool[0].id])
    image = sources.HttpWholeDiskImage(image_server["url"],
                                       checksum=image_server["checksum"])
    instance = provisioner.provision_node(node, image, wait=WAIT)
    assert instance.state == metalsmith.InstanceState.ACTIVE
    assert instance.hostname == pool[0].name
    provisioner.unprovision_node(node.id, wait=WAIT)
    assert sdk.baremetal.get_node(node.id).provision_state == "available"
