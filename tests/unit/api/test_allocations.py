"""``/v1/allocations`` and ``/v1/nodes/{node}/allocation`` through the real API
and conductor (workers run inline, so an allocation is processed before the
POST returns; the POST still answers ``allocating``, as Ironic does)."""
from __future__ import annotations

import pytest
from oslo_utils import uuidutils

from ironic import objects
from ironic.common import context as ir_context
from ironic.common import states
from tests.unit.api.conftest import error_of


@pytest.fixture
def free_node(api, make_node):
    def make(rc="gold", traits=(), **kw):
        node = make_node(provision_state=states.AVAILABLE, power_state=states.POWER_OFF,
                         resource_class=rc, **kw)
        if traits:
            api.call("PUT", f"/v1/nodes/{node.uuid}/traits", {"traits": list(traits)},
                     status=204)
        return node
    return make


def _create(api, status=201, version="1.109", **body):
    return api.call("POST", "/v1/allocations", body, status=status, version=version)


def test_create_answers_allocating_then_becomes_active_with_a_node(api, free_node):
    node = free_node(traits=["CUSTOM_GPU"])
    r = _create(api, resource_class="gold", traits=["CUSTOM_GPU"], name="vm-1",
                extra={"k": "v"})
    assert r.json["state"] == "allocating"
    assert r.headers["Location"].endswith(f"/v1/allocations/{r.json['uuid']}")
    shown = api.call("GET", "/v1/allocations/vm-1", status=200).json
    assert shown["state"] == "active"
    assert shown["node_uuid"] == node.uuid
    assert shown["extra"] == {"k": "v"} and shown["last_error"] is None
    node_doc = api.call("GET", f"/v1/nodes/{node.uuid}", status=200).json
    assert node_doc["allocation_uuid"] == shown["uuid"]
    assert node_doc["instance_uuid"] == shown["uuid"]
    via_node = api.call("GET", f"/v1/nodes/{node.uuid}/allocation?fields=uuid,state",
                        status=200).json
    assert (via_node["uuid"], via_node["state"]) == (shown["uuid"], "active")


def test_no_matching_node_is_error_with_last_error(api, free_node):
    free_node(rc="silver")
    uuid = _create(api, resource_class="gold").json["uuid"]
    shown = api.call("GET", f"/v1/allocations/{uuid}", status=200).json
    assert shown["state"] == "error" and shown["node_uuid"] is None
    assert shown["last_error"] == (f"Failed to process allocation {uuid}: no available "
                                   f"nodes match the resource class gold.")


@pytest.mark.parametrize(("body", "fault"), [
    ({}, "The resource_class field is mandatory when not backfilling"),
    ({"resource_class": "gold", "traits": ["bad trait"]}, "Schema error for allocation"),
    ({"resource_class": "gold", "name": "Bad Name!"},
     "Cannot create allocation with invalid name 'Bad Name!'"),
    ({"resource_class": "gold", "uuid": "nope"}, "Expected UUID for uuid: nope"),
    ({"resource_class": "gold", "candidate_nodes": ["ghost"]},
     "Nodes cannot be found: ghost"),
    ({"resource_class": "x" * 81}, "is too long"),
    ({"resource_class": "gold", "extra": "x"}, "Schema error for allocation"),
    ({"resource_class": "gold", "spare": 1}, "Additional properties"),
])
def test_invalid_create_is_400(api, body, fault):
    r = _create(api, status=400, **body)
    assert fault in error_of(r)["faultstring"]
    assert objects.Allocation.list(ir_context.get_admin_context()) == []


def test_duplicate_name_is_409(api, free_node):
    _create(api, resource_class="gold", name="dup")
    r = _create(api, status=409, resource_class="gold", name="dup")
    assert error_of(r)["faultstring"] == "An allocation with name dup already exists."


def test_candidate_nodes_accept_names(api, free_node):
    free_node()
    wanted = free_node(name="pick-me")
    uuid = _create(api, resource_class="gold", candidate_nodes=["pick-me"]).json["uuid"]
    shown = api.call("GET", f"/v1/allocations/{uuid}", status=200).json
    assert shown["candidate_nodes"] == [wanted.uuid]
    assert shown["node_uuid"] == wanted.uuid


@pytest.mark.parametrize(("method", "status"), [("GET", 404), ("POST", 405),
                                                ("DELETE", 405)])
def test_below_1_52_allocations_do_not_exist(api, method, status):
    path = "/v1/allocations" if method != "DELETE" else "/v1/allocations/x"
    body = {"resource_class": "gold"} if method == "POST" else None
    r = api.call(method, path, body, version="1.51", status=status)
    assert "The API version does not allow allocations" in r.text


def test_owner_needs_1_60(api):
    _create(api, status=406, version="1.59", resource_class="gold", owner="p")
    api.call("GET", "/v1/allocations?owner=p", version="1.59", status=406)
    r = _create(api, version="1.60", resource_class="gold", owner="p")
    assert r.json["owner"] == "p"
    listed = api.call("GET", "/v1/allocations?owner=p", status=200).json["allocations"]
    assert [a["uuid"] for a in listed] == [r.json["uuid"]]
    assert "owner" not in api.call("GET", f"/v1/allocations/{r.json['uuid']}",
                                   version="1.59", status=200).json


def test_list_filters_and_fields(api, free_node):
    node = free_node()
    active = _create(api, resource_class="gold", name="a1").json["uuid"]
    failed = _create(api, resource_class="gold", name="a2").json["uuid"]
    get = api.call
    assert [a["uuid"] for a in get("GET", "/v1/allocations?state=error",
                                   status=200).json["allocations"]] == [failed]
    assert [a["uuid"] for a in get("GET", f"/v1/allocations?node={node.uuid}",
                                   status=200).json["allocations"]] == [active]
    named = get("GET", "/v1/allocations?fields=name&sort_key=name&sort_dir=desc",
                status=200).json["allocations"]
    assert [set(a) for a in named] == [{"name", "links"}] * 2
    assert [a["name"] for a in named] == ["a2", "a1"]
    page = get("GET", "/v1/allocations?limit=1", status=200).json
    assert len(page["allocations"]) == 1 and "marker=" in page["next"]
    r = get("GET", "/v1/allocations?node=ghost", status=400)
    assert "Node ghost could not be found" in error_of(r)["faultstring"]
    r = get("GET", "/v1/allocations?foo=1", status=400)
    assert error_of(r)["faultstring"] == "Unexpected arguments: foo"
    get("GET", "/v1/allocations?sort_key=traits", status=400)


def test_patch_name_and_extra_only_from_1_57(api, free_node):
    uuid = _create(api, resource_class="gold", name="old").json["uuid"]
    api.call("PATCH", f"/v1/allocations/{uuid}",
             [{"op": "replace", "path": "/name", "value": "new"}], version="1.56",
             status=405)
    r = api.call("PATCH", "/v1/allocations/old",
                 [{"op": "replace", "path": "/name", "value": "new"},
                  {"op": "add", "path": "/extra/foo", "value": "bar"}], status=200)
    assert (r.json["name"], r.json["extra"]) == ("new", {"foo": "bar"})
    r = api.call("PATCH", "/v1/allocations/new",
                 [{"op": "replace", "path": "/resource_class", "value": "zz"}],
                 status=400)
    assert error_of(r)["faultstring"] == ("Cannot patch /resource_class. Only the "
                                          "following can be updated: extra, name")


def test_delete_releases_the_node(api, free_node):
    node = free_node()
    uuid = _create(api, resource_class="gold").json["uuid"]
    api.call("DELETE", f"/v1/allocations/{uuid}", status=204)
    node_doc = api.call("GET", f"/v1/nodes/{node.uuid}", status=200).json
    assert (node_doc["allocation_uuid"], node_doc["instance_uuid"]) == (None, None)
    api.call("GET", f"/v1/allocations/{uuid}", status=404)
    api.call("DELETE", f"/v1/allocations/{uuid}", status=404)


def test_delete_through_the_node(api, free_node):
    node = free_node()
    _create(api, resource_class="gold")
    api.call("DELETE", f"/v1/nodes/{node.uuid}/allocation", status=204)
    r = api.call("GET", f"/v1/nodes/{node.uuid}/allocation", status=404)
    assert error_of(r)["faultstring"] == f"Allocation for node {node.uuid} was not found"


# --- backfill (1.58) ----------------------------------------------------------


def test_backfill_binds_an_active_node_at_once(api, make_node):
    instance = uuidutils.generate_uuid()
    node = make_node(provision_state=states.ACTIVE, resource_class="gold",
                     instance_uuid=instance, name="deployed")
    r = _create(api, node="deployed", name="bf")
    assert (r.json["uuid"], r.json["state"]) == (instance, "active")
    assert (r.json["node_uuid"], r.json["resource_class"]) == (node.uuid, "gold")
    r = _create(api, status=409, node="deployed")
    assert "already" in error_of(r)["faultstring"] or "associated" in \
        error_of(r)["faultstring"]


def test_backfill_refusals(api, make_node):
    make_node(provision_state=states.AVAILABLE, name="idle")
    r = _create(api, status=400, node="idle")
    assert 'must be in the "active" state' in error_of(r)["faultstring"]
    r = _create(api, status=400, node="ghost")
    assert error_of(r)["faultstring"] == "Node ghost could not be found."
    r = _create(api, status=400, version="1.57", node="idle", resource_class="gold")
    assert "'node' was unexpected" in error_of(r)["faultstring"]


def test_delete_for_active_node_is_409_until_maintenance(api, make_node):
    node = make_node(provision_state=states.ACTIVE, name="busy")
    uuid = _create(api, node="busy").json["uuid"]
    r = api.call("DELETE", f"/v1/allocations/{uuid}", status=409)
    assert error_of(r)["faultstring"] == (
        f"Cannot remove allocation {uuid} for node {node.uuid}, because the node "
        f"is active (and maintenance mode is off)")
    api.call("PUT", f"/v1/nodes/{node.uuid}/maintenance", {"reason": "x"}, status=202)
    api.call("DELETE", f"/v1/allocations/{uuid}", status=204)
    assert api.call("GET", f"/v1/nodes/{node.uuid}",
                    status=200).json["instance_uuid"] is None


def test_clearing_instance_uuid_by_patch_deletes_the_allocation(api, free_node):
    node = free_node()
    uuid = _create(api, resource_class="gold").json["uuid"]
    api.call("PATCH", f"/v1/nodes/{node.uuid}",
             [{"op": "remove", "path": "/instance_uuid"}], status=200)
    api.call("GET", f"/v1/allocations/{uuid}", status=404)


def test_v1_document_links_allocations_from_1_52(api):
    assert "allocations" in api.call("GET", "/v1", version="1.52", status=200).json
    assert "allocations" not in api.call("GET", "/v1", version="1.51", status=200).json
