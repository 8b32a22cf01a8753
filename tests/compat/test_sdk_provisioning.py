"""Real openstacksdk driving a node's life: provision targets with ``wait``,
waiting helpers, validation, allocations, VIFs and a config drive.

openstacksdk's ``configdrive.build`` shells out to genisoimage, mkisofs or
xorrisofs. When none is installed (CI machines have none), ``iso_tool`` puts a
stand-in ``genisoimage`` on PATH that accepts the same arguments and writes the
ISO with pycdlib; the directory layout and the packing (gzip, base64) are
still openstacksdk's own.
"""
from __future__ import annotations

import os
import shutil
import stat
import sys
import textwrap

import pytest
from openstack import exceptions as os_exc
from openstack.baremetal import configdrive

WAIT = 60
"""Seconds any single wait may take (fake-hardware finishes in well under 1 s)."""

IMAGE = {"image_source": "http://127.0.0.1:1/image.qcow2",
         "image_checksum": "0" * 32, "root_gb": 10}

_GENISOIMAGE = textwrap.dedent('''\
    #!{python}
    """genisoimage stand-in for openstacksdk's configdrive.pack (pycdlib)."""
    import os, re, sys
    import pycdlib
    args = sys.argv[1:]
    out, label, src = args[args.index("-o") + 1], args[args.index("-V") + 1], args[-1]
    iso = pycdlib.PyCdlib()
    iso.new(interchange_level=3, joliet=3, rock_ridge="1.09", vol_ident=label)

    def iso9660(parts):
        return "/" + "/".join(re.sub("[^A-Z0-9_]", "_", p.upper()) for p in parts)
    for root, dirs, files in os.walk(src):
        rel = [] if root == src else os.path.relpath(root, src).split(os.sep)
        if rel:
            iso.add_directory(iso9660(rel), rr_name=rel[-1],
                              joliet_path="/" + "/".join(rel))
        for name in files:
            iso.add_file(os.path.join(root, name), iso9660(rel + [name]) + ";1",
                         rr_name=name, joliet_path="/" + "/".join(rel + [name]))
    iso.write(out)
    iso.close()
''')


@pytest.fixture
def iso_tool(tmp_path, monkeypatch):
    """Make sure openstacksdk finds an ISO tool (see the module docstring)."""
    if any(shutil.which(tool) for tool in ("genisoimage", "mkisofs", "xorrisofs")):
        return
    script = tmp_path / "bin" / "genisoimage"
    script.parent.mkdir()
    script.write_text(_GENISOIMAGE.format(python=sys.executable))
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{script.parent}{os.pathsep}{os.environ['PATH']}")


@pytest.fixture
def make_node(sdk, tag):
    """Create fake-hardware nodes (deleted at the end when possible)."""
    created = []

    def make(suffix: str = "", **attrs):
        attrs.setdefault("resource_class", f"rc-{tag}")
        node = sdk.baremetal.create_node(driver="fake-hardware",
                                         name=f"sdk-{tag}{suffix}", **attrs)
        created.append(node.id)
        return node
    yield make
    for node_id in created:
        try:
            node = sdk.baremetal.get_node(node_id)
            if node.provision_state not in ("enroll", "manageable", "available"):
                sdk.baremetal.set_node_maintenance(node_id, reason="compat cleanup")
            sdk.baremetal.delete_node(node_id, ignore_missing=True)
        except os_exc.SDKException:
            pass  # best effort: the session's service is thrown away anyway


def _available(sdk, node):
    sdk.baremetal.set_node_provision_state(node, "manage", wait=True, timeout=WAIT)
    return sdk.baremetal.set_node_provision_state(node, "provide", wait=True,
                                                  timeout=WAIT)


def _deployable(sdk, node, **instance_info):
    return sdk.baremetal.update_node(node, instance_info={**IMAGE, **instance_info})


def test_every_waitable_target_reaches_its_state(sdk, make_node):
    node = make_node()
    bm = sdk.baremetal
    steps = [
        ("manage", {}, "manageable"),
        ("inspect", {}, "manageable"),
        ("clean", {"clean_steps": [{"interface": "bios", "step": "factory_reset",
                                    "args": {}}]}, "manageable"),
        ("provide", {}, "available"),
        ("active", {}, "active"),
        ("rebuild", {}, "active"),
        ("rescue", {"rescue_password": "s3cret"}, "rescue"),
    ]
    for target, kwargs, expected in steps:
        if target == "active":
            _deployable(sdk, node)
        node = bm.set_node_provision_state(node, target, wait=True, timeout=WAIT,
                                           **kwargs)
        assert (target, node.provision_state) == (target, expected)
        assert node.last_error is None
    bm.set_node_provision_state(node, "unrescue")
    node = bm.wait_for_nodes_provision_state([node], "active", timeout=WAIT)[0]
    node = bm.set_node_provision_state(node, "deleted", wait=True, timeout=WAIT)
    assert (node.provision_state, node.instance_id) == ("available", None)
    bm.set_node_provision_state(node, "manage", wait=True, timeout=WAIT)
    _deployable(sdk, node)
    node = bm.set_node_provision_state(node, "adopt", wait=True, timeout=WAIT)
    assert node.provision_state == "active"


def test_wait_for_nodes_aborts_on_failed_state_or_times_out(sdk, make_node):
    try:
        node = make_node(deploy_interface="fake-async")
    except os_exc.BadRequestException:
        pytest.skip("the service has no fake-async deploy interface (ours only)")
    bm = sdk.baremetal
    bm.set_node_provision_state(node, "manage", wait=True, timeout=WAIT)
    # A manual clean step that waits for a callback, then abort: "clean failed".
    bm.set_node_provision_state(node, "clean", clean_steps=[
        {"interface": "deploy", "step": "wait_for_callback", "args": {}}])
    bm.wait_for_nodes_provision_state([node], "clean wait", timeout=WAIT)
    with pytest.raises(os_exc.ResourceTimeout):
        bm.wait_for_nodes_provision_state([node], "manageable", timeout=1)
    bm.set_node_provision_state(node, "abort")
    with pytest.raises(os_exc.ResourceFailure):
        bm.wait_for_nodes_provision_state([node], "manageable", timeout=WAIT)
    with pytest.raises(os_exc.ResourceTimeout):
        bm.wait_for_nodes_provision_state([node], "manageable", timeout=1,
                                          abort_on_failed_state=False)
    result = bm.wait_for_nodes_provision_state([node], "manageable", timeout=WAIT,
                                               fail=False)
    assert [n.id for n in result.failure] == [node.id] and not result.success
    assert bm.get_node(node.id).provision_state == "clean failed"


def test_wait_for_several_nodes(sdk, make_node):
    nodes = [make_node(f"-{i}") for i in range(3)]
    for node in nodes:
        sdk.baremetal.set_node_provision_state(node, "manage")
    done = sdk.baremetal.wait_for_nodes_provision_state(nodes, "manageable",
                                                        timeout=WAIT)
    assert sorted(n.id for n in done) == sorted(n.id for n in nodes)


def test_wait_for_node_reservation_returns_an_unlocked_node(sdk, make_node):
    node = _available(sdk, make_node())
    node = sdk.baremetal.wait_for_node_reservation(node, timeout=WAIT)
    assert node.reservation is None


def test_validate_node(sdk, make_node):
    node = make_node(bios_interface="no-bios")
    result = sdk.baremetal.validate_node(node, required=("power", "management"))
    assert result["power"].result and result["management"].result
    assert not result["bios"].result and result["bios"].reason
    with pytest.raises(os_exc.ValidationException, match="bios"):
        sdk.baremetal.validate_node(node, required=("power", "bios"))


def test_allocation_picks_a_node_and_wait_for_allocation(sdk, make_node, tag):
    nodes = [_available(sdk, make_node(f"-{i}")) for i in range(2)]
    sdk.baremetal.add_node_trait(nodes[1], "CUSTOM_COMPAT")
    allocation = sdk.baremetal.create_allocation(resource_class=f"rc-{tag}",
                                                 traits=["CUSTOM_COMPAT"],
                                                 name=f"alloc-{tag}")
    allocation = sdk.baremetal.wait_for_allocation(allocation, timeout=WAIT)
    assert (allocation.state, allocation.node_id) == ("active", nodes[1].id)
    node = sdk.baremetal.get_node(nodes[1].id)
    assert node.allocation_id == allocation.id == node.instance_id
    listed = [a.id for a in sdk.baremetal.allocations(node=nodes[1].id)]
    assert listed == [allocation.id]
    sdk.baremetal.update_allocation(allocation, extra={"owner": "compat"})
    assert sdk.baremetal.get_allocation(f"alloc-{tag}").extra == {"owner": "compat"}
    sdk.baremetal.delete_allocation(allocation)
    assert sdk.baremetal.get_node(nodes[1].id).allocation_id is None


def test_failed_allocation_raises_unless_ignored(sdk, tag):
    allocation = sdk.baremetal.create_allocation(resource_class=f"none-{tag}")
    with pytest.raises(os_exc.ResourceFailure):
        sdk.baremetal.wait_for_allocation(allocation, timeout=WAIT)
    failed = sdk.baremetal.wait_for_allocation(allocation, timeout=WAIT,
                                               ignore_error=True)
    assert failed.state == "error"
    assert f"resource class none-{tag}" in failed.last_error
    sdk.baremetal.delete_allocation(failed)


def test_backfill_allocation_for_a_deployed_node(sdk, make_node):
    node = _deployable(sdk, _available(sdk, make_node()))
    node = sdk.baremetal.set_node_provision_state(node, "active", wait=True,
                                                  timeout=WAIT)
    allocation = sdk.baremetal.create_allocation(node=node.id)
    assert (allocation.state, allocation.node_id) == ("active", node.id)
    with pytest.raises(os_exc.ConflictException):
        sdk.baremetal.delete_allocation(allocation)
    node = sdk.baremetal.set_node_provision_state(node, "deleted", wait=True,
                                                  timeout=WAIT)
    assert node.allocation_id is None
    with pytest.raises(os_exc.NotFoundException):
        sdk.baremetal.get_allocation(allocation.id)


def test_vif_attach_list_detach(sdk, make_node, tag):
    node = make_node(network_interface="flat")
    other = make_node("-other", network_interface="flat")
    port = sdk.baremetal.create_port(node_id=node.id, address="52:54:00:c0:01:01")
    sdk.baremetal.create_port(node_id=other.id, address="52:54:00:c0:01:02")
    vif = f"vif-{tag}"
    sdk.baremetal.attach_vif_to_node(node, vif)
    assert sdk.baremetal.list_node_vifs(node) == [vif]
    assert sdk.baremetal.get_port(port.id).internal_info == {"tenant_vif_port_id": vif}
    with pytest.raises(os_exc.ConflictException):
        sdk.baremetal.attach_vif_to_node(other, vif, retry_on_conflict=False)
    with pytest.raises(os_exc.ConflictException):
        sdk.baremetal.attach_vif_to_node(node, f"{vif}-2", retry_on_conflict=False)
    sdk.baremetal.detach_vif_from_node(node, vif)
    assert sdk.baremetal.list_node_vifs(node) == []
    sdk.baremetal.attach_vif_to_node(other, vif, port=None)
    assert sdk.baremetal.list_node_vifs(other) == [vif]
    assert sdk.baremetal.detach_vif_from_node(node, "ghost") is False


def test_config_drive_built_by_openstacksdk_is_deployed(sdk, make_node, iso_tool,
                                                        service, tag):
    drive = configdrive.build({"uuid": tag, "hostname": f"host-{tag}"},
                              user_data=b"#!/bin/sh\necho hello\n",
                              network_data={"links": [], "networks": [],
                                            "services": []})
    node = _deployable(sdk, _available(sdk, make_node()))
    node = sdk.baremetal.set_node_provision_state(node, "active", config_drive=drive,
                                                  wait=True, timeout=WAIT)
    assert node.provision_state == "active" and node.last_error is None
    assert "configdrive" in node.instance_info
    node = sdk.baremetal.set_node_provision_state(
        node, "rebuild", config_drive={"meta_data": {"uuid": tag},
                                       "user_data": "#cloud-config\n"},
        wait=True, timeout=WAIT)
    assert node.provision_state == "active"
