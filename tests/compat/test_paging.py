"""Paging through 1,000 nodes with the SDK, the CLI and raw next links."""
from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

NODES = 1000


@pytest.fixture(scope="module")
def thousand(service):
    """1,000 nodes in their own resource class, created 8 at a time."""
    rc = f"page-{uuid.uuid4().hex[:10]}"
    headers = {"X-OpenStack-Ironic-API-Version": "latest"}

    def create_batch(start: int) -> list[str]:
        made = []
        with requests.Session() as session:
            for i in range(start, min(start + 125, NODES)):
                resp = session.post(f"{service.url}/v1/nodes", headers=headers, timeout=60,
                                    json={"driver": "fake-hardware", "name": f"{rc}-{i:04d}",
                                          "resource_class": rc})
                assert resp.status_code == 201, resp.text
                made.append(resp.json()["uuid"])
        return made

    with ThreadPoolExecutor(8) as pool:
        uuids = [u for batch in pool.map(create_batch, range(0, NODES, 125)) for u in batch]
    assert len(set(uuids)) == NODES
    return {"rc": rc, "uuids": set(uuids)}


def test_sdk_pages_through_all_nodes(sdk, thousand):
    nodes = list(sdk.baremetal.nodes(resource_class=thousand["rc"], limit=100))
    ids = [n.id for n in nodes]
    assert len(ids) == NODES
    assert set(ids) == thousand["uuids"]


def test_sdk_pages_through_details(sdk, thousand):
    nodes = list(sdk.baremetal.nodes(details=True, resource_class=thousand["rc"], limit=250))
    assert len(nodes) == NODES
    assert {n.id for n in nodes} == thousand["uuids"]
    assert all(n.driver == "fake-hardware" and n.resource_class == thousand["rc"]
               for n in nodes)


def test_next_links_visit_every_node_once(http, thousand):
    url = "/v1/nodes?limit=100"
    seen: list[str] = []
    pages = 0
    while url and pages < 200:
        resp = http.get(url)
        assert resp.status_code == 200, resp.text
        body = resp.json()
        pages += 1
        assert len(body["nodes"]) <= 100
        seen += [n["uuid"] for n in body["nodes"]]
        url = body.get("next")
        if url:
            assert len(body["nodes"]) == 100, "only a full page links to a next page"
            assert "limit=100" in url and f"marker={body['nodes'][-1]['uuid']}" in url
    assert len(seen) == len(set(seen)), "a node appeared on two pages"
    assert thousand["uuids"] <= set(seen)
    assert pages >= NODES // 100


def test_page_size_is_capped_by_max_limit(http, thousand):
    resp = http.get("/v1/nodes?limit=5000")
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert len(body["nodes"]) == 1000  # [api] max_limit
    assert "next" in body


def test_cli_lists_all_pages(baremetal, thousand):
    rows = baremetal("node", "list", "--limit", "0", "--fields", "uuid")
    uuids = [r["uuid"] for r in rows]
    assert len(uuids) == len(set(uuids))
    assert thousand["uuids"] <= set(uuids)


def test_cli_limit_returns_that_many(baremetal, thousand):
    rows = baremetal("node", "list", "--limit", "150", "--resource-class", thousand["rc"])
    assert len(rows) == 150
    assert {r["uuid"] for r in rows} <= thousand["uuids"]
