"""python-ironicclient's ``baremetal node ...`` commands against the service."""
from __future__ import annotations

import json
import uuid

import pytest

from tests.compat.conftest import CLIError

LIST_COLUMNS = {"uuid", "name", "instance_uuid", "power_state", "provision_state",
                "maintenance"}


@pytest.fixture
def node(baremetal, tag):
    created = baremetal("node", "create", "--driver", "fake-hardware",
                        "--name", f"cli-{tag}", "--resource-class", f"cli-{tag}")
    yield created
    try:
        baremetal("node", "delete", created["uuid"], json_output=False)
    except CLIError:
        pass  # the test deleted it already


def test_node_create_returns_new_enroll_node(node, tag):
    assert node["name"] == f"cli-{tag}"
    assert node["driver"] == "fake-hardware"
    assert node["provision_state"] == "enroll"
    assert node["resource_class"] == f"cli-{tag}"
    assert node["maintenance"] is False
    assert uuid.UUID(node["uuid"])
    # the hardware type's defaults are filled in for every interface
    assert node["power_interface"] == "fake"
    assert node["management_interface"] == "fake"


def test_node_list_shows_standard_columns(baremetal, node):
    rows = baremetal("node", "list", "--resource-class", node["resource_class"])
    assert len(rows) == 1
    row = rows[0]
    assert set(row) == LIST_COLUMNS
    assert row["uuid"] == node["uuid"]
    assert row["name"] == node["name"]
    assert row["provision_state"] == "enroll"
    assert row["maintenance"] is False
    assert row["power_state"] is None


def test_node_list_finds_node_among_all(baremetal, node):
    names = {row["name"] for row in baremetal("node", "list", "--limit", "0")}
    assert node["name"] in names


def test_node_list_long_shows_details(baremetal, node):
    rows = baremetal("node", "list", "--long", "--resource-class", node["resource_class"])
    assert len(rows) == 1
    row = rows[0]
    assert row["uuid"] == node["uuid"]
    assert row["driver"] == "fake-hardware"
    assert row["resource_class"] == node["resource_class"]
    assert row["power_interface"] == "fake"
    assert row["driver_info"] == {} and row["properties"] == {}
    assert row["created_at"] and row["traits"] == []


def test_node_list_fields_limits_columns(baremetal, node):
    rows = baremetal("node", "list", "--fields", "uuid", "name",
                     "--resource-class", node["resource_class"])
    assert rows == [{"uuid": node["uuid"], "name": node["name"]}]


def test_node_show_by_name_and_by_uuid_agree(baremetal, node):
    by_name = baremetal("node", "show", node["name"])
    by_uuid = baremetal("node", "show", node["uuid"])
    assert by_name["uuid"] == node["uuid"]
    assert by_name == by_uuid
    assert by_uuid["driver"] == "fake-hardware"
    assert by_uuid["provision_state"] == "enroll"


def test_node_show_unknown_name_fails_with_not_found(baremetal, tag):
    with pytest.raises(CLIError) as err:
        baremetal("node", "show", f"missing-{tag}")
    assert "could not be found" in err.value.stderr


def test_node_set_and_unset_property_extra_driver_info(baremetal, node):
    baremetal("node", "set", node["uuid"],
              "--property", "cpus=4", "--property", "memory_mb=8192",
              "--extra", "rack=r1",
              "--driver-info", "ipmi_username=admin",
              "--driver-info", "ipmi_password=s3cret",
              json_output=False)
    shown = baremetal("node", "show", node["name"])
    # the client sends values that parse as JSON (numbers here) as such
    assert shown["properties"] == {"cpus": 4, "memory_mb": 8192}
    assert shown["extra"] == {"rack": "r1"}
    assert shown["driver_info"] == {"ipmi_username": "admin", "ipmi_password": "******"}

    baremetal("node", "unset", node["uuid"], "--property", "cpus", "--extra", "rack",
              "--driver-info", "ipmi_password", json_output=False)
    shown = baremetal("node", "show", node["uuid"])
    assert shown["properties"] == {"memory_mb": 8192}
    assert shown["extra"] == {}
    assert shown["driver_info"] == {"ipmi_username": "admin"}


def test_node_set_name_and_description(baremetal, node, tag):
    baremetal("node", "set", node["uuid"], "--name", f"renamed-{tag}",
              "--description", "rack 7 slot 3", json_output=False)
    shown = baremetal("node", "show", f"renamed-{tag}")
    assert shown["uuid"] == node["uuid"]
    assert shown["description"] == "rack 7 slot 3"


def test_node_create_duplicate_name_is_rejected(http, node):
    # (over HTTP: the CLI retries every 409 for about ten seconds before giving up)
    resp = http.post("/v1/nodes", json={"driver": "fake-hardware", "name": node["name"]})
    assert resp.status_code == 409
    fault = json.loads(resp.json()["error_message"])
    assert fault["faultcode"] == "Client"
    assert fault["faultstring"] == f"A node with name {node['name']} already exists."


def test_node_list_filters_owner_lessee_description(baremetal, tag):
    rc = f"flt-{tag}"
    first = baremetal("node", "create", "--driver", "fake-hardware", "--resource-class", rc,
                      "--lessee", f"les-{tag}", "--description", f"blue box {tag}")
    second = baremetal("node", "create", "--driver", "fake-hardware", "--resource-class", rc)
    try:
        # under noauth, Ironic refuses an owner on create but accepts it on update
        baremetal("node", "set", first["uuid"], "--owner", f"own-{tag}", json_output=False)
        def uuids(*args):
            return [r["uuid"] for r in baremetal("node", "list", "--resource-class", rc, *args)]

        assert uuids("--owner", f"own-{tag}") == [first["uuid"]]
        assert uuids("--lessee", f"les-{tag}") == [first["uuid"]]
        assert uuids("--description-contains", "blue box") == [first["uuid"]]
        assert sorted(uuids("--no-retired")) == sorted([first["uuid"], second["uuid"]])
        assert uuids("--retired") == []
        assert sorted(uuids("--unassociated")) == sorted([first["uuid"], second["uuid"]])
        assert uuids("--associated") == []
        assert sorted(uuids("--driver", "fake-hardware")) == sorted(
            [first["uuid"], second["uuid"]])
    finally:
        for created in (first, second):
            baremetal("node", "delete", created["uuid"], json_output=False)


def test_node_delete_removes_node(baremetal, node):
    baremetal("node", "delete", node["uuid"], json_output=False)
    with pytest.raises(CLIError) as err:
        baremetal("node", "show", node["uuid"])
    assert "could not be found" in err.value.stderr
    assert baremetal("node", "list", "--resource-class", node["resource_class"]) == []
