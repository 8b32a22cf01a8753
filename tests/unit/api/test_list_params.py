"""List query parameters real clients send (openstacksdk, python-ironicclient),
the filters added for them, and Ironic's refusal of unknown parameters."""
from __future__ import annotations

import pytest
from openstack.baremetal.v1 import (
    chassis as sdk_chassis,
    conductor as sdk_conductor,
    driver as sdk_driver,
    node as sdk_node,
    port as sdk_port,
    port_group as sdk_port_group,
    volume_connector as sdk_connector,
    volume_target as sdk_target,
)

from tests.unit.api.conftest import error_of

_SDK_RESOURCES = [sdk_node.Node, sdk_port.Port, sdk_port_group.PortGroup,
                  sdk_chassis.Chassis, sdk_driver.Driver, sdk_conductor.Conductor,
                  sdk_connector.VolumeConnector, sdk_target.VolumeTarget]

_SAMPLE = {"limit": "5", "fields": "uuid", "detail": "False", "associated": "false",
           "maintenance": "false", "include_children": "true", "provision_state": "enroll",
           "shard": "s1", "node": "n1", "node_uuid": "n1", "portgroup": "pg1",
           "address": "52:54:00:12:34:56", "instance_uuid":
           "6a7e7a24-4bde-4f68-b1c1-a1b6b0d9f3a1", "conductor_groups": "g1"}


def _sdk_params(resource):
    mapping = resource._query_mapping._mapping
    return sorted({v if isinstance(v, str) else k for k, v in mapping.items()}
                  - {"marker"})


@pytest.mark.parametrize("resource", _SDK_RESOURCES, ids=lambda r: r.__name__)
def test_every_openstacksdk_query_parameter_is_accepted(api, make_portgroup, resource):
    api.call("POST", "/v1/nodes", {"driver": "fake-hardware", "name": "n1"}, status=201)
    make_portgroup(name="pg1")
    path = "/v1" + resource.base_path
    if resource is sdk_driver.Driver:
        params = ["detail"]
    else:
        params = _sdk_params(resource)
    for name in params:
        value = _SAMPLE.get(name, "x")
        if name == "fields" and resource is sdk_conductor.Conductor:
            value = "hostname"
        r = api.call("GET", f"{path}?{name}={value}")
        assert r.status_int == 200, (name, r.text)


@pytest.mark.parametrize("query", [
    "associated=True", "maintenance=False", "retired=True", "fault=power%20failure",
    "provision_state=active", "driver=fake-hardware", "resource_class=gold",
    "conductor_group=g1",
    "conductor=test-host", "owner=o", "lessee=l", "sharded=True", "shard=s1",
    "parent_node=p", "include_children=True", "description_contains=d",
    "instance_name=i", "project=p", "limit=1", "sort_key=name", "sort_dir=desc",
    "fields=uuid", "detail=True"])
def test_every_ironicclient_node_filter_is_accepted(api, query):
    api.call("GET", f"/v1/nodes?{query}", status=200)


@pytest.mark.parametrize("path", [
    "/v1/nodes", "/v1/nodes/detail", "/v1/nodes/n1", "/v1/ports", "/v1/ports/detail",
    "/v1/portgroups", "/v1/portgroups/detail", "/v1/chassis", "/v1/chassis/detail",
    "/v1/drivers", "/v1/drivers/fake-hardware", "/v1/conductors",
    "/v1/conductors/test-host", "/v1/volume/connectors", "/v1/volume/targets",
    "/v1/nodes/n1/ports", "/v1/nodes/n1/portgroups"])
def test_unknown_parameters_are_400(api, path):
    api.call("POST", "/v1/nodes", {"driver": "fake-hardware", "name": "n1"}, status=201)
    r = api.call("GET", f"{path}?bogus=1&also=2", status=400)
    assert error_of(r)["faultstring"] == "Unexpected arguments: also, bogus"


@pytest.mark.parametrize("path", ["/v1/nodes/detail?fields=uuid",
                                  "/v1/nodes/detail?detail=True"])
def test_detail_endpoint_refuses_fields_and_detail(api, path):
    api.call("GET", path, status=400)


def test_conductor_filter(api, make_node):
    make_node(name="mine")
    make_node(name="elsewhere", conductor_group="nobody-serves-this")
    names = [n["name"] for n in api.call("GET", "/v1/nodes?conductor=test-host",
                                         status=200).json["nodes"]]
    assert names == ["mine"]
    assert api.call("GET", "/v1/nodes?conductor=other", status=200).json["nodes"] == []
    api.call("GET", "/v1/nodes?conductor=test-host", version="1.48", status=406)


def test_instance_name_filter_pages_exactly(api, make_node):
    for i in range(5):
        make_node(name=f"n{i}", instance_name="web" if i % 2 == 0 else "db")
    page = api.call("GET", "/v1/nodes?instance_name=web&limit=2&sort_key=name",
                    status=200).json
    assert [n["name"] for n in page["nodes"]] == ["n0", "n2"]
    rest_ = api.call("GET", page["next"].replace("http://localhost", ""), status=200).json
    assert [n["name"] for n in rest_["nodes"]] == ["n4"]
    api.call("GET", "/v1/nodes?instance_name=web", version="1.103", status=406)


@pytest.fixture
def grouped(make_node, make_port, make_portgroup):
    made = {}
    for group in ("a", "b", "c"):
        node = make_node(conductor_group=group)
        made[group] = (make_port(node_id=node.id), make_portgroup(node_id=node.id))
    return made


@pytest.mark.parametrize(("query", "groups"), [
    ("conductor_groups=a", ["a"]), ("conductor_groups=a,c", ["a", "c"]),
    ("conductor_groups=A,b", ["a", "b"]), ("conductor_group=b", ["b"]),
    ("conductor_groups=zzz", [])])
@pytest.mark.parametrize("resource", ["ports", "portgroups"])
def test_conductor_groups_filter(api, grouped, query, groups, resource):
    index = 0 if resource == "ports" else 1
    got = api.call("GET", f"/v1/{resource}?{query}", status=200).json[resource]
    assert sorted(x["uuid"] for x in got) == sorted(
        grouped[g][index].uuid for g in groups)


def test_conductor_groups_filter_pages_exactly(api, grouped):
    page = api.call("GET", "/v1/ports?conductor_groups=a,c&limit=1", status=200).json
    assert len(page["ports"]) == 1 and "next" in page
    second = api.call("GET", page["next"].replace("http://localhost", ""),
                      status=200).json
    assert {page["ports"][0]["uuid"], second["ports"][0]["uuid"]} == {
        grouped["a"][0].uuid, grouped["c"][0].uuid}


@pytest.mark.parametrize("resource", ["ports", "portgroups"])
def test_conductor_groups_needs_1_99(api, resource):
    api.call("GET", f"/v1/{resource}?conductor_groups=a", version="1.98", status=406)


def test_chassis_nodes_accept_node_filters(api, make_chassis, make_node):
    chassis = make_chassis()
    make_node(name="in", chassis_id=chassis.id, maintenance=True)
    make_node(name="also-in", chassis_id=chassis.id)
    make_node(name="out")
    base = f"/v1/chassis/{chassis.uuid}/nodes"
    assert sorted(n["name"] for n in api.call("GET", base, status=200).json["nodes"]) == [
        "also-in", "in"]
    got = api.call("GET", f"{base}?maintenance=true&fields=name", status=200).json
    assert [n["name"] for n in got["nodes"]] == ["in"]
    for query in ("associated=false", "provision_state=enroll", "detail=True",
                  "limit=1"):
        api.call("GET", f"{base}?{query}", status=200)
    api.call("GET", f"{base}?provision_state=bogus", status=400)
    api.call("GET", f"{base}?bogus=1", status=400)


def test_conductor_list_pages_by_hostname(api, make_conductor):
    make_conductor(hostname="zz-other")
    page = api.call("GET", "/v1/conductors?limit=1&sort_key=hostname",
                    status=200).json
    assert [c["hostname"] for c in page["conductors"]] == ["test-host"]
    assert page["next"].endswith("marker=test-host")
    rest_ = api.call("GET", page["next"].replace("http://localhost", ""), status=200).json
    assert [c["hostname"] for c in rest_["conductors"]] == ["zz-other"]
    api.call("GET", "/v1/conductors?marker=missing", status=404)
