"""GET /v1/nodes: filters, detail, sorting and paging."""
from __future__ import annotations

import pytest

from tests.unit.api.conftest import error_of


def _make(api, **body):
    body.setdefault("driver", "fake-hardware")
    return api.call("POST", "/v1/nodes", body, status=201).json


def _names(api, query, version="1.109"):
    r = api.call("GET", f"/v1/nodes{query}", version=version, status=200)
    return sorted(n.get("name") for n in r.json["nodes"])


def test_plain_list_has_summary_fields_only(api):
    _make(api, name="a")
    node = api.call("GET", "/v1/nodes", status=200).json["nodes"][0]
    assert set(node) == {"uuid", "name", "instance_uuid", "power_state",
                         "provision_state", "maintenance", "links"}


def test_detail_forms_show_everything(api):
    _make(api, name="a")
    for path in ("/v1/nodes?detail=True", "/v1/nodes/detail"):
        node = api.call("GET", path, status=200).json["nodes"][0]
        assert "driver_info" in node and "health" in node and "ports" in node
    api.call("GET", "/v1/nodes?detail=True", version="1.42", status=406)


@pytest.mark.parametrize(("query", "expected"), [
    ("?maintenance=true", ["m"]),
    ("?maintenance=false", ["a", "b", "c"]),
    ("?owner=alice", ["a"]),
    ("?lessee=bob", ["b"]),
    ("?project=alice", ["a"]),
    ("?project=bob", ["b"]),
    ("?resource_class=gold", ["c"]),
    ("?conductor_group=g1", []),
    ("?description_contains=ell", ["b"]),
    ("?driver=fake-hardware", ["a", "b", "c", "m"]),
    ("?provision_state=enroll", ["a", "b", "c", "m"]),
    ("?provision_state=active", []),
    ("?retired=true", ["a"]),
    ("?shard=s1", ["b"]),
    ("?sharded=true", ["b"]),
    ("?sharded=false", ["a", "c", "m"]),
    ("?associated=true", ["c"]),
    ("?instance_uuid=6a7e7a24-4bde-4f68-b1c1-a1b6b0d9f3a1", ["c"]),
])
def test_filters(api, query, expected):
    _make(api, name="a", owner="alice", retired=True)
    _make(api, name="b", lessee="bob", description="hello", shard="s1")
    _make(api, name="c", resource_class="gold",
          instance_uuid="6a7e7a24-4bde-4f68-b1c1-a1b6b0d9f3a1")
    _make(api, name="m", maintenance=True)
    assert _names(api, query) == expected


def test_parent_node_filter_and_children_hidden(api):
    parent = _make(api, name="p")
    _make(api, name="kid", parent_node=parent["uuid"])
    assert _names(api, "") == ["p"]
    assert _names(api, "?include_children=true") == ["kid", "p"]
    assert _names(api, f"?parent_node={parent['uuid']}") == ["kid"]


@pytest.mark.parametrize(("query", "version"), [
    ("?fault=x", "1.41"), ("?owner=x", "1.49"), ("?shard=x", "1.81"),
    ("?provision_state=enroll", "1.8"), ("?driver=x", "1.15"),
])
def test_filter_newer_than_version_is_406(api, query, version):
    r = api.call("GET", f"/v1/nodes{query}", version=version, status=406)
    assert "minimal required API version" in error_of(r)["faultstring"]


@pytest.mark.parametrize(("query", "message"), [
    ("?maintenance=maybe", "Invalid maintenance"),
    ("?provision_state=bogus", 'Provision state "bogus" is not valid'),
    ("?sort_key=foo", "invalid field for sorting"),
    ("?sort_key=driver_info", "invalid field for sorting"),
    ("?sort_dir=up", "Invalid sort direction"),
    ("?limit=-1", "Limit must be positive"),
    ("?limit=abc", "Expected an integer for limit"),
    ("?marker=abc", "Expected UUID for marker"),
])
def test_bad_query_is_400(api, query, message):
    r = api.call("GET", f"/v1/nodes{query}", status=400)
    assert message in error_of(r)["faultstring"]


def test_sorting(api):
    for name in ("b", "c", "a"):
        _make(api, name=name)
    r = api.call("GET", "/v1/nodes?sort_key=name&sort_dir=desc", status=200)
    assert [n["name"] for n in r.json["nodes"]] == ["c", "b", "a"]


def test_paging_follows_next_links_with_same_query(api):
    for i in range(5):
        _make(api, name=f"n{i}")
    seen = []
    url = "/v1/nodes?sort_key=name&limit=2&fields=name"
    while url:
        page = api.call("GET", url.replace("http://localhost", ""), status=200).json
        seen += [n["name"] for n in page["nodes"]]
        url = page.get("next")
        if url:
            assert url.startswith("http://localhost/v1/nodes?")
            assert "sort_key=name" in url and "fields=name" in url and "limit=2" in url
    assert seen == [f"n{i}" for i in range(5)]


def test_max_limit_caps_pages(api, conf):
    conf.config(max_limit=2, group="api")
    for i in range(3):
        _make(api, name=f"n{i}")
    for query in ("", "?limit=50"):
        page = api.call("GET", f"/v1/nodes{query}", status=200).json
        assert len(page["nodes"]) == 2
        assert "limit=2" in page["next"]


def test_limit_must_be_positive(api):
    for query in ("?limit=0", "?limit=-1"):
        response = api.call("GET", f"/v1/nodes{query}", status=400)
        assert "Limit must be positive" in response.json["error_message"]
