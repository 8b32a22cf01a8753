"""openstacksdk's baremetal proxy: CRUD and every node query option it offers."""
from __future__ import annotations

import uuid

import pytest
from openstack import exceptions as sdk_exc


def _ids(nodes) -> set[str]:
    return {n.id for n in nodes}


def test_node_crud(sdk, tag):
    created = sdk.baremetal.create_node(
        driver="fake-hardware", name=f"sdk-{tag}",
        properties={"cpus": 2}, driver_info={"ipmi_password": "pw", "ipmi_address": "x"})
    try:
        assert created.provision_state == "enroll"
        assert created.driver == "fake-hardware"
        assert created.driver_info == {"ipmi_password": "******", "ipmi_address": "x"}

        by_name = sdk.baremetal.get_node(f"sdk-{tag}")
        by_id = sdk.baremetal.get_node(created.id)
        assert by_name.id == by_id.id == created.id
        assert by_id.properties == {"cpus": 2}

        updated = sdk.baremetal.update_node(created, extra={"rack": "r9"},
                                            description="sdk node")
        assert updated.extra == {"rack": "r9"}
        assert updated.description == "sdk node"

        patched = sdk.baremetal.patch_node(created, [
            {"op": "add", "path": "/properties/memory_mb", "value": 4096},
            {"op": "remove", "path": "/extra/rack"}])
        assert patched.properties == {"cpus": 2, "memory_mb": 4096}
        assert patched.extra == {}
        assert sdk.baremetal.get_node(created.id).properties["memory_mb"] == 4096
    finally:
        sdk.baremetal.delete_node(created, ignore_missing=False)
    with pytest.raises(sdk_exc.NotFoundException):
        sdk.baremetal.get_node(created.id)
    assert sdk.baremetal.find_node(f"sdk-{tag}") is None


def test_node_maintenance_and_provision_state(sdk, tag):
    node = sdk.baremetal.create_node(driver="fake-hardware", name=f"sdk-m-{tag}")
    try:
        sdk.baremetal.set_node_maintenance(node, reason="disk swap")
        shown = sdk.baremetal.get_node(node.id)
        assert shown.is_maintenance is True
        assert shown.maintenance_reason == "disk swap"
        sdk.baremetal.unset_node_maintenance(node)
        assert sdk.baremetal.get_node(node.id).is_maintenance is False

        managed = sdk.baremetal.set_node_provision_state(node, "manage", wait=True,
                                                         timeout=60)
        assert managed.provision_state == "manageable"
    finally:
        sdk.baremetal.delete_node(node)


def test_ports_port_groups_chassis(sdk, tag):
    mac = "52:54:01:" + ":".join(tag[i:i + 2] for i in (0, 2, 4))
    group_mac = mac[:-2] + "ff" if not mac.endswith("ff") else mac[:-2] + "fe"
    chassis = sdk.baremetal.create_chassis(description=f"sdk chassis {tag}")
    node = sdk.baremetal.create_node(driver="fake-hardware", chassis_id=chassis.id)
    try:
        assert node.chassis_id == chassis.id
        group = sdk.baremetal.create_port_group(node_id=node.id, address=group_mac,
                                                name=f"sdk-pg-{tag}")
        port = sdk.baremetal.create_port(node_id=node.id, address=mac,
                                         port_group_id=group.id)
        assert port.node_id == node.id and port.port_group_id == group.id

        assert [p.id for p in sdk.baremetal.ports(node_id=node.id)] == [port.id]
        assert [p.id for p in sdk.baremetal.ports(address=mac)] == [port.id]
        assert [p.id for p in sdk.baremetal.ports(portgroup=group.id)] == [port.id]
        detailed = list(sdk.baremetal.ports(node=node.id, details=True))
        assert detailed[0].address == mac and detailed[0].node_id == node.id
        assert [g.id for g in sdk.baremetal.port_groups(node=node.id)] == [group.id]
        assert sdk.baremetal.get_port_group(f"sdk-pg-{tag}").address == group_mac
        assert chassis.id in {c.id for c in sdk.baremetal.chassis()}
        assert sdk.baremetal.get_chassis(chassis.id).description == f"sdk chassis {tag}"

        sdk.baremetal.delete_port(port, ignore_missing=False)
        sdk.baremetal.delete_port_group(group, ignore_missing=False)
        assert list(sdk.baremetal.ports(node_id=node.id)) == []
        assert list(sdk.baremetal.port_groups(node=node.id)) == []
    finally:
        sdk.baremetal.delete_node(node)
        sdk.baremetal.delete_chassis(chassis)
    assert sdk.baremetal.find_chassis(chassis.id) is None


def test_drivers_and_conductors(sdk, service):
    drivers = {d.name: d for d in sdk.baremetal.drivers()}
    assert "fake-hardware" in drivers
    driver = sdk.baremetal.get_driver("fake-hardware")
    assert driver.default_power_interface == "fake"
    conductors = list(sdk.baremetal.conductors())
    assert conductors
    if service.conductor_host:
        assert [c.hostname for c in conductors] == [service.conductor_host]
        assert conductors[0].alive is True


@pytest.fixture(scope="module")
def family(sdk):
    """Nodes that differ in one attribute each, all in one resource class."""
    tag = uuid.uuid4().hex[:10]
    rc = f"qry-{tag}"
    base = {"driver": "fake-hardware", "resource_class": rc}
    nodes = {
        "plain": sdk.baremetal.create_node(name=f"q-plain-{tag}", **base),
        "instance": sdk.baremetal.create_node(name=f"q-inst-{tag}", **base),
        "maint": sdk.baremetal.create_node(name=f"q-maint-{tag}", **base),
        "managed": sdk.baremetal.create_node(name=f"q-man-{tag}", **base),
        "sharded": sdk.baremetal.create_node(name=f"q-shard-{tag}", shard=f"sh-{tag}",
                                             **base),
        "grouped": sdk.baremetal.create_node(name=f"q-grp-{tag}",
                                             conductor_group="", **base),
    }
    nodes["child"] = sdk.baremetal.create_node(name=f"q-child-{tag}",
                                               parent_node=nodes["plain"].id, **base)
    instance_uuid = str(uuid.uuid4())
    sdk.baremetal.update_node(nodes["instance"], instance_id=instance_uuid,
                              instance_name=f"vm-{tag}")
    sdk.baremetal.set_node_maintenance(nodes["maint"], reason="query test")
    sdk.baremetal.set_node_provision_state(nodes["managed"], "manage", wait=True, timeout=60)
    yield {"rc": rc, "tag": tag, "instance_uuid": instance_uuid,
           "ids": {k: v.id for k, v in nodes.items()}}
    sdk.baremetal.update_node(nodes["instance"], instance_id=None)
    for key in ("child", "plain", "instance", "maint", "managed", "sharded", "grouped"):
        sdk.baremetal.delete_node(nodes[key])


def _top_level(family, *exclude: str) -> set[str]:
    return {v for k, v in family["ids"].items() if k not in ("child",) + exclude}


def test_nodes_default_lists_top_level_nodes(sdk, family):
    nodes = list(sdk.baremetal.nodes(resource_class=family["rc"]))
    assert _ids(nodes) == _top_level(family)
    assert all(n.name for n in nodes)
    # without details only the summary fields are filled
    assert all(n.driver_info is None and n.properties is None for n in nodes)


def test_nodes_details(sdk, family):
    nodes = list(sdk.baremetal.nodes(details=True, resource_class=family["rc"]))
    assert _ids(nodes) == _top_level(family)
    assert all(n.driver == "fake-hardware" and n.properties == {} for n in nodes)
    assert all(n.resource_class == family["rc"] for n in nodes)


def test_nodes_fields(sdk, family):
    nodes = list(sdk.baremetal.nodes(fields=["uuid", "name", "resource_class"],
                                     resource_class=family["rc"]))
    assert _ids(nodes) == _top_level(family)
    assert all(n.resource_class == family["rc"] and n.name for n in nodes)
    assert all(n.provision_state is None and n.driver is None for n in nodes)


@pytest.mark.parametrize("query, expected", [
    ({"associated": True}, {"instance"}),
    ({"associated": False}, {"plain", "maint", "managed", "sharded", "grouped"}),
    ({"is_maintenance": True}, {"maint"}),
    ({"is_maintenance": False}, {"plain", "instance", "managed", "sharded", "grouped"}),
    ({"provision_state": "manageable"}, {"managed"}),
    ({"provision_state": "enroll"}, {"plain", "instance", "maint", "sharded", "grouped"}),
    ({"driver": "fake-hardware"}, {"plain", "instance", "maint", "managed", "sharded",
                                   "grouped"}),
    ({"driver": "no-such-driver"}, set()),
    ({"fault": "power failure"}, set()),
    ({"include_children": True}, {"plain", "instance", "maint", "managed", "sharded",
                                  "grouped", "child"}),
])
def test_nodes_query(sdk, family, query, expected):
    nodes = sdk.baremetal.nodes(resource_class=family["rc"], **query)
    assert _ids(nodes) == {family["ids"][k] for k in expected}


def test_nodes_query_by_unique_values(sdk, family):
    tag, ids = family["tag"], family["ids"]
    assert _ids(sdk.baremetal.nodes(resource_class=family["rc"])) >= {ids["plain"]}
    assert _ids(sdk.baremetal.nodes(instance_id=family["instance_uuid"])) == {ids["instance"]}
    assert _ids(sdk.baremetal.nodes(shard=f"sh-{tag}")) == {ids["sharded"]}
    assert _ids(sdk.baremetal.nodes(conductor_group=f"cg-{tag}")) == set()
    assert _ids(sdk.baremetal.nodes(conductor_group="", resource_class=family["rc"])) == \
        _top_level(family)
    assert _ids(sdk.baremetal.nodes(parent_node=ids["plain"])) == {ids["child"]}
    assert list(sdk.baremetal.nodes(resource_class=f"none-{tag}")) == []


def test_nodes_limit_is_a_page_size(sdk, family):
    # the SDK keeps asking with marker=<last uuid> until a page comes back empty
    paged = list(sdk.baremetal.nodes(resource_class=family["rc"], limit=2))
    assert len(paged) == 6
    assert _ids(paged) == _top_level(family)


def test_nodes_query_by_instance_name(sdk, family):
    nodes = sdk.baremetal.nodes(instance_name=f"vm-{family['tag']}")
    assert _ids(nodes) == {family["ids"]["instance"]}
    assert list(sdk.baremetal.nodes(instance_name=f"none-{family['tag']}")) == []


def test_http_sort_by_name(http, family):
    url = f"/v1/nodes?resource_class={family['rc']}&sort_key=name&sort_dir=desc"
    resp = http.get(url + "&limit=4")
    assert resp.status_code == 200, resp.text
    body = resp.json()
    names = [n["name"] for n in body["nodes"]]
    everything = [n["name"] for n in http.get(url).json()["nodes"]]
    assert len(everything) == 6
    assert everything == sorted(everything, reverse=True)
    assert names == everything[:4]
    # a full page carries a link to the next one, keeping the sort order
    assert "marker=" in body["next"] and "sort_dir=desc" in body["next"]
    assert "sort_key=name" in body["next"] and "limit=4" in body["next"]


def test_node_in_conductor_group_without_conductor_is_refused(sdk, tag):
    with pytest.raises(sdk_exc.BadRequestException) as err:
        sdk.baremetal.create_node(driver="fake-hardware", conductor_group=f"cg-{tag}")
    assert "No valid host" in str(err.value)
    assert list(sdk.baremetal.nodes(conductor_group=f"cg-{tag}")) == []


def test_associated_node_cannot_be_deleted(sdk, family):
    with pytest.raises(sdk_exc.ConflictException):
        sdk.baremetal.delete_node(family["ids"]["instance"], ignore_missing=False)
    assert sdk.baremetal.get_node(family["ids"]["instance"]).instance_id == \
        family["instance_uuid"]
