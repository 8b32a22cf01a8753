"""A sweep of bad requests over every route family: never a 5xx, always a 4xx
with Ironic's JSON error body, and the database is left exactly as it was.

Each family sends malformed JSON, wrong types, unknown fields, huge numbers,
unpaired surrogates, empty bodies, bad identities, bad query values, bad paging
and sorting, methods the route does not allow, and microversions outside the
supported range (or before the route existed).
"""
from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest

from ironic.conf import CONF
from ironic.db.sqlalchemy import enginefacade_setup

MISSING = "1be26c0b-03f2-4d2e-ae87-c02d7f33c123"
BAD_IDENTS = ("not-a-uuid!", "%E2%98%83", "x" * 300, MISSING, "%00", "..")
BAD_VERSIONS = ("1.0", "99.99", "abc", "2.1", "1.", "", " ", "1.2.3", "-1.5",
                "1.99999999999999999999")
RAW_BODIES: tuple[bytes, ...] = (b"{", b"not json", b"\xff\xfe\x00", b"[1,2",
                                 b'{"a":}', b"nul", b"1e999999", b'"\\ud800"',
                                 b"{" * 2000)
TYPED_BODIES: tuple[Any, ...] = ("str", 5, 10 ** 400, -1, 1.5, True, None,
                                 ["x"], [[]], "\ud800")
BAD_QUERIES = ("limit=-1", "limit=abc", "limit=1.5", "limit=%E2%98%83",
               f"marker={MISSING}", "marker=not-a-uuid", "sort_key=bogus",
               "sort_key=extra", "sort_dir=up", "fields=bogus", "fields=uuid,%E2%98%83",
               "detail=maybe", "bogus=1", "fields=uuid&detail=true")


def _snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table.

    ``nodes.updated_at`` is left out: taking and releasing the node lock stamps
    it (as in Ironic), even when the locked operation is then refused.
    """
    path = os.path.join(CONF.state_path, enginefacade_setup.SQLITE_FILENAME)
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")]
        result = {}
        for table in tables:
            cursor = conn.execute(f'SELECT * FROM "{table}"')
            columns = [c[0] for c in cursor.description]
            rows = cursor.fetchall()
            if table == "nodes":
                skip = columns.index("updated_at")
                rows = [row[:skip] + row[skip + 1:] for row in rows]
            result[table] = sorted(rows, key=repr)
        return result


@pytest.fixture
def world(api, make_chassis, conf) -> Iterator[dict[str, str]]:
    """One of everything: node n1 with a port, portgroup, connector and target."""
    chassis = make_chassis()
    node = api.call("POST", "/v1/nodes", {"driver": "fake-hardware", "name": "n1",
                                          "chassis_uuid": chassis.uuid},
                    status=201).json
    pg = api.call("POST", "/v1/portgroups", {"node_uuid": node["uuid"], "name": "pg1",
                                             "address": "52:54:00:00:00:aa"},
                  status=201).json
    port = api.call("POST", "/v1/ports", {"node_uuid": node["uuid"],
                                          "address": "52:54:00:00:00:bb"},
                    status=201).json
    vc = api.call("POST", "/v1/volume/connectors", {
        "node_uuid": node["uuid"], "type": "iqn", "connector_id": "iqn.x"},
        status=201).json
    vt = api.call("POST", "/v1/volume/targets", {
        "node_uuid": node["uuid"], "volume_type": "iscsi", "volume_id": "v",
        "boot_index": 0}, status=201).json
    yield {"node": node["uuid"], "pg": pg["uuid"], "port": port["uuid"],
           "chassis": chassis.uuid, "vc": vc["uuid"], "vt": vt["uuid"]}


def _check(api: Any, failures: list[str], method: str, path: str, *,
           raw: bytes | None = None, body: Any = ..., version: str | None = "1.109",
           headers: dict[str, str] | None = None) -> None:
    """Send one request and record what is wrong with its answer."""
    all_headers = {"Content-Type": "application/json", **(headers or {})}
    if version is not None:
        all_headers["X-OpenStack-Ironic-API-Version"] = version
    if raw is None and body is not ...:
        raw = json.dumps(body).encode()
    before = _snapshot() if method != "GET" else None
    response = api.request(path, method=method, body=raw or b"", headers=all_headers,
                           expect_errors=True)
    label = f"{method} {path} {raw[:60] if raw else ''!r} v={version!r}"
    if method != "GET" and _snapshot() != before:
        failures.append(f"{label}: changed the database")
    if not 400 <= response.status_int < 500:
        failures.append(f"{label}: {response.status_int} {response.text[:200]}")
        return
    try:
        inner = json.loads(response.json["error_message"])
    except (ValueError, KeyError, TypeError):
        failures.append(f"{label}: not Ironic's error body: {response.text[:200]}")
        return
    if not ("faultstring" in inner or {"code", "title"} <= set(inner)):
        failures.append(f"{label}: error without faultstring: {inner}")


def _sweep_bodies(api: Any, failures: list[str], method: str, path: str,
                  specific: tuple[Any, ...] = (), *, allow_empty: bool = False) -> None:
    for raw in RAW_BODIES + (() if allow_empty else (b"",)):
        _check(api, failures, method, path, raw=raw)
    for body in TYPED_BODIES + specific:
        _check(api, failures, method, path, body=body)


def _sweep_idents(api: Any, failures: list[str], template: str,
                  methods: tuple[str, ...] = ("GET",)) -> None:
    for ident in BAD_IDENTS:
        for method in methods:
            body = [{"op": "add", "path": "/extra/a", "value": 1}] \
                if method == "PATCH" else ...
            _check(api, failures, method, template.format(ident), body=body)


def _sweep_versions(api: Any, failures: list[str], path: str,
                    older: tuple[str, ...] = ()) -> None:
    for version in BAD_VERSIONS + older:
        _check(api, failures, "GET", path, version=version)
    _check(api, failures, "GET", path, headers={"OpenStack-API-Version": "baremetal 9.9"},
           version=None)


def _sweep_queries(api: Any, failures: list[str], path: str) -> None:
    for query in BAD_QUERIES:
        _check(api, failures, "GET", f"{path}?{query}")


def _run(api: Any, sweep: Any) -> None:
    before = _snapshot()
    failures: list[str] = []
    sweep(failures)
    assert failures == [], "\n".join(failures)
    assert _snapshot() == before, "a refused request changed the database"


_PATCH_BAD = ([{"op": "bogus", "path": "/extra"}], [{"op": "add", "path": "/extra/a"}],
              [{"op": "replace", "path": "/uuid", "value": MISSING}],
              [{"op": "remove", "path": "/extra/missing"}],
              [{"op": "replace", "path": "", "value": 1}],
              [{"op": "replace", "path": "/", "value": 1}],
              [{"op": "replace", "path": "/extra", "value": []}],
              [{"op": "replace", "path": "/extra/a~9", "value": 1}],
              [{"op": "add", "path": "/bogus", "value": 1}],
              [{"op": "add", "path": "/extra/a", "value": 1, "bogus": 2}],
              [{"op": "replace", "path": "/extra", "value": 10 ** 400}])


def test_nodes(api, world):
    n = world["node"]

    def sweep(failures):
        _sweep_bodies(api, failures, "POST", "/v1/nodes", (
            {}, {"driver": 5}, {"driver": "nope"}, {"driver": "fake-hardware",
                                                    "bogus": 1},
            {"driver": "fake-hardware", "name": "bad name"},
            {"driver": "fake-hardware", "name": "n1"},
            {"driver": "fake-hardware", "uuid": n},
            {"driver": "fake-hardware", "uuid": "x"},
            {"driver": "fake-hardware", "chassis_uuid": MISSING},
            {"driver": "fake-hardware", "boot_mode": "x"},
            {"driver": "fake-hardware", "power_interface": "nope"},
            {"driver": "fake-hardware", "conductor_group": "bad group!"},
            {"driver": "fake-hardware", "resource_class": "r" * 81},
            {"driver": "fake-hardware", "description": "d" * 5000},
            {"driver": "fake-hardware", "instance_uuid": "nope"},
            {"driver": "fake-hardware", "name": "\ud800"},
            {"driver": "fake-hardware", "owner": 10 ** 400},
            {"driver": "fake-hardware", "maintenance": "yes"}))
        _sweep_bodies(api, failures, "PATCH", f"/v1/nodes/{n}", _PATCH_BAD + (
            [{"op": "replace", "path": "/name", "value": 5}],
            [{"op": "replace", "path": "/name", "value": "bad name"}],
            [{"op": "replace", "path": "/driver", "value": "nope"}],
            [{"op": "replace", "path": "/power_interface", "value": "nope"}],
            [{"op": "replace", "path": "/chassis_uuid", "value": MISSING}],
            [{"op": "replace", "path": "/instance_uuid", "value": "x"}],
            [{"op": "replace", "path": "/provision_state", "value": "active"}],
            [{"op": "replace", "path": "/protected", "value": True}],
            [{"op": "replace", "path": "/properties", "value": "x"}]))
        _sweep_idents(api, failures, "/v1/nodes/{}", ("GET", "PATCH", "DELETE"))
        _sweep_queries(api, failures, "/v1/nodes")
        _sweep_queries(api, failures, "/v1/nodes/detail")
        for query in ("provision_state=bogus", "associated=maybe", "maintenance=2",
                      "chassis_uuid=x", "instance_uuid=x", "fault=%E2%98%83&limit=x",
                      "conductor=x&limit=-5", "reset_interfaces=maybe"):
            _check(api, failures, "GET", f"/v1/nodes?{query}")
        _check(api, failures, "GET", f"/v1/nodes/{n}?fields=bogus")
        _check(api, failures, "PATCH", f"/v1/nodes/{n}?reset_interfaces=maybe", body=[])
        for method, path in (("PUT", "/v1/nodes"), ("DELETE", "/v1/nodes"),
                             ("PATCH", "/v1/nodes"), ("POST", f"/v1/nodes/{n}"),
                             ("PUT", f"/v1/nodes/{n}"), ("POST", "/v1/nodes/detail"),
                             ("GET", "/v1/nodes/n1/bogus"), ("GET", "/v1/bogus")):
            _check(api, failures, method, path, body={})
        _sweep_versions(api, failures, "/v1/nodes")
        _check(api, failures, "GET", "/v1/nodes?detail=True", version="1.42")
        _check(api, failures, "GET", "/v1/nodes?fields=uuid", version="1.7")
        _check(api, failures, "GET", "/v1/nodes/n1", version="1.4")
        _check(api, failures, "POST", "/v1/nodes", body={"driver": "fake-hardware",
                                                         "owner": "o"}, version="1.49")
    _run(api, sweep)


def test_node_states(api, world):
    base = f"/v1/nodes/{world['node']}/states"

    def sweep(failures):
        for sub, specific in (
                ("power", ({}, {"target": "bogus"}, {"target": 5},
                           {"target": "power on", "timeout": -1},
                           {"target": "power on", "timeout": 10 ** 400},
                           {"target": "power on", "timeout": 2 ** 31},
                           {"target": "power on", "timeout": "x"})),
                ("provision", ({}, {"target": "bogus"}, {"target": "provide"},
                               {"target": "active"}, {"target": "clean"},
                               {"target": "clean", "clean_steps": "x"},
                               {"target": "rescue"}, {"target": "manage", "x": 1},
                               {"target": "\ud800"})),
                ("raid", ({"logical_disks": "x"}, {"logical_disks": [{}]})),
                ("console", ({}, {"enabled": "x"}, {"enabled": None})),
                ("boot_mode", ({}, {"target": "x"}, {"target": "uefi", "y": 1})),
                ("secure_boot", ({}, {"target": "x"}, {"target": [1]}))):
            _sweep_bodies(api, failures, "PUT", f"{base}/{sub}", specific)
            for method in ("POST", "DELETE", "PATCH"):
                _check(api, failures, method, f"{base}/{sub}", body={})
        for version in BAD_VERSIONS:
            _check(api, failures, "PUT", f"{base}/power", body={"target": "power on"},
                   version=version)
        _check(api, failures, "PUT", f"{base}/boot_mode", body={"target": "uefi"},
               version="1.75")
        _check(api, failures, "PUT", f"{base}/raid", body={}, version="1.11")
        _check(api, failures, "PUT", f"{base}/power",
               body={"target": "soft power off"}, version="1.26")
        _check(api, failures, "GET", f"{base}?bogus=1")
        _sweep_idents(api, failures, "/v1/nodes/{}/states")
    _run(api, sweep)


def test_node_subresources(api, world):
    n = world["node"]

    def sweep(failures):
        _sweep_bodies(api, failures, "PUT", f"/v1/nodes/{n}/management/boot_device",
                      ({}, {"boot_device": 5}, {"boot_device": "floppy"},
                       {"boot_device": "pxe", "persistent": "maybe"}))
        _sweep_bodies(api, failures, "PUT", f"/v1/nodes/{n}/traits", (
            {}, {"traits": "x"}, {"traits": [5]}, {"traits": ["lower"]},
            {"traits": ["CUSTOM_" + "A" * 300]}))
        _check(api, failures, "PUT", f"/v1/nodes/{n}/traits/lower")
        _check(api, failures, "DELETE", f"/v1/nodes/{n}/traits/CUSTOM_MISSING")
        _sweep_bodies(api, failures, "POST", f"/v1/nodes/{n}/vifs",
                      ({}, {"id": 5}, {"id": "v", "port_uuid": MISSING}))
        _check(api, failures, "DELETE", f"/v1/nodes/{n}/vifs/missing")
        for raw in RAW_BODIES[:-1]:
            _check(api, failures, "PUT", f"/v1/nodes/{n}/maintenance", raw=raw)
        for path, older in (("traits", "1.36"), ("vifs", "1.27"), ("history", "1.77"),
                            ("bios", "1.39"), ("inventory", "1.80"),
                            ("children", "1.82"), ("volume", "1.31"),
                            ("volume/connectors", "1.31"), ("volume/targets", "1.31"),
                            ("portgroups", "1.23"), ("bios/missing", "1.39"),
                            (f"history/{MISSING}", "1.77")):
            _check(api, failures, "GET", f"/v1/nodes/{n}/{path}", version=older)
        for path in ("traits", "vifs", "history", "bios", "inventory", "children",
                     "volume", "volume/connectors", "volume/targets", "portgroups",
                     "ports", "management/boot_device", "management/boot_device/supported",
                     "validate", "states"):
            _check(api, failures, "GET", f"/v1/nodes/{n}/{path}?bogus=1")
        for path in ("bios/missing", f"history/{MISSING}", "history/x",
                     "traits/CUSTOM_X/extra", "inventory"):
            _check(api, failures, "GET", f"/v1/nodes/{n}/{path}")
        for path in ("history", "volume/connectors", "ports", "portgroups"):
            for query in BAD_QUERIES:
                _check(api, failures, "GET", f"/v1/nodes/{n}/{path}?{query}")
        _check(api, failures, "GET", f"/v1/nodes/{n}/bios?detail=maybe")
        _check(api, failures, "PUT", f"/v1/nodes/{n}/management/inject_nmi",
               version="1.28")
        _check(api, failures, "POST", f"/v1/nodes/{n}/ports", body={})
        _check(api, failures, "DELETE", f"/v1/nodes/{n}/ports/{world['port']}")
        _check(api, failures, "PATCH", f"/v1/nodes/{n}/portgroups/{world['pg']}",
               body=[])
        _sweep_idents(api, failures, "/v1/nodes/{}/traits")
        _sweep_idents(api, failures, "/v1/nodes/{}/vifs")
        _sweep_idents(api, failures, "/v1/nodes/{}/validate")
    _run(api, sweep)


def test_ports_and_portgroups(api, world):
    n, port, pg = world["node"], world["port"], world["pg"]

    def sweep(failures):
        _sweep_bodies(api, failures, "POST", "/v1/ports", (
            {}, {"address": "52:54:00:00:00:cc"}, {"node_uuid": n},
            {"node_uuid": n, "address": "bogus"},
            {"node_uuid": n, "address": "52:54:00:00:00:bb"},
            {"node_uuid": MISSING, "address": "52:54:00:00:00:cc"},
            {"node_uuid": n, "address": "52:54:00:00:00:cc", "portgroup_uuid": MISSING},
            {"node_uuid": n, "address": "52:54:00:00:00:cc", "bogus": 1},
            {"node_uuid": n, "address": "52:54:00:00:00:cc", "uuid": port},
            {"node_uuid": n, "address": "52:54:00:00:00:cc", "pxe_enabled": "x"},
            {"node_uuid": n, "address": "52:54:00:00:00:cc", "local_link_connection": 5},
            {"node_uuid": n, "address": "\ud800"}))
        _sweep_bodies(api, failures, "PATCH", f"/v1/ports/{port}", _PATCH_BAD + (
            [{"op": "replace", "path": "/address", "value": "bogus"}],
            [{"op": "replace", "path": "/node_uuid", "value": MISSING}],
            [{"op": "remove", "path": "/node_uuid"}],
            [{"op": "replace", "path": "/portgroup_uuid", "value": MISSING}]))
        _sweep_bodies(api, failures, "POST", "/v1/portgroups", (
            {}, {"node_uuid": n, "address": "bogus"},
            {"node_uuid": n, "name": "pg1"},
            {"node_uuid": n, "address": "52:54:00:00:00:aa"},
            {"node_uuid": MISSING}, {"node_uuid": n, "mode": 5},
            {"node_uuid": n, "standalone_ports_supported": "x"}))
        _sweep_bodies(api, failures, "PATCH", f"/v1/portgroups/{pg}", _PATCH_BAD + (
            [{"op": "replace", "path": "/address", "value": "bogus"}],
            [{"op": "replace", "path": "/node_uuid", "value": MISSING}]))
        for path in ("/v1/ports", "/v1/ports/detail", "/v1/portgroups",
                     "/v1/portgroups/detail", f"/v1/portgroups/{pg}/ports"):
            _sweep_queries(api, failures, path)
            _sweep_versions(api, failures, path)
        for query in ("address=bogus", "node=missing", "portgroup=missing",
                      "node_uuid=x", "shard=a&limit=x", "conductor_groups=a&limit=-1"):
            _check(api, failures, "GET", f"/v1/ports?{query}")
        _check(api, failures, "GET", "/v1/portgroups", version="1.22")
        _check(api, failures, "GET", f"/v1/portgroups/{pg}/ports", version="1.23")
        _check(api, failures, "GET", "/v1/ports?conductor_groups=a", version="1.98")
        _sweep_idents(api, failures, "/v1/ports/{}", ("GET", "PATCH", "DELETE"))
        _sweep_idents(api, failures, "/v1/portgroups/{}", ("GET", "PATCH", "DELETE"))
        _sweep_idents(api, failures, "/v1/portgroups/{}/ports")
        _check(api, failures, "DELETE", f"/v1/portgroups/{pg}?bogus=1")
        for method, path in (("PUT", "/v1/ports"), ("DELETE", "/v1/ports"),
                             ("POST", f"/v1/ports/{port}"), ("PUT", "/v1/portgroups"),
                             ("POST", f"/v1/portgroups/{pg}/ports")):
            _check(api, failures, method, path, body={})
    _run(api, sweep)


def test_chassis(api, world):
    c = world["chassis"]

    def sweep(failures):
        _sweep_bodies(api, failures, "POST", "/v1/chassis", (
            {"bogus": 1}, {"description": 5}, {"uuid": "x"}, {"uuid": c},
            {"description": "d" * 256}, {"extra": []}), allow_empty=False)
        _sweep_bodies(api, failures, "PATCH", f"/v1/chassis/{c}", _PATCH_BAD + (
            [{"op": "replace", "path": "/description", "value": 5}],))
        _check(api, failures, "DELETE", f"/v1/chassis/{c}")
        for path in ("/v1/chassis", "/v1/chassis/detail", f"/v1/chassis/{c}/nodes"):
            _sweep_queries(api, failures, path)
            _sweep_versions(api, failures, path)
        _sweep_idents(api, failures, "/v1/chassis/{}", ("GET", "PATCH", "DELETE"))
        _sweep_idents(api, failures, "/v1/chassis/{}/nodes")
        for method, path in (("PUT", "/v1/chassis"), ("POST", f"/v1/chassis/{c}"),
                             ("POST", f"/v1/chassis/{c}/nodes")):
            _check(api, failures, method, path, body={})
    _run(api, sweep)


def test_drivers_and_conductors(api, world):
    def sweep(failures):
        for path in ("/v1/drivers", "/v1/drivers/fake-hardware",
                     "/v1/drivers/fake-hardware/properties",
                     "/v1/drivers/fake-hardware/raid/logical_disk_properties",
                     "/v1/conductors", "/v1/conductors/test-host"):
            _sweep_versions(api, failures, path)
            _check(api, failures, "GET", f"{path}?bogus=1")
            for method in ("POST", "PUT", "PATCH", "DELETE"):
                _check(api, failures, method, path, body={})
        for query in ("type=bogus", "detail=maybe", "fields=bogus",
                      "fields=name&detail=true"):
            _check(api, failures, "GET", f"/v1/drivers?{query}")
        _check(api, failures, "GET", "/v1/drivers?fields=name", version="1.76")
        _sweep_queries(api, failures, "/v1/conductors")
        _check(api, failures, "GET", "/v1/conductors", version="1.48")
        for ident in ("nope", "%E2%98%83", "x" * 300, "%00"):
            _check(api, failures, "GET", f"/v1/drivers/{ident}")
            _check(api, failures, "GET", f"/v1/drivers/{ident}/properties")
            _check(api, failures, "GET",
                   f"/v1/drivers/{ident}/raid/logical_disk_properties")
            _check(api, failures, "GET", f"/v1/conductors/{ident}")
    _run(api, sweep)


def test_volume(api, world):
    n, vc, vt = world["node"], world["vc"], world["vt"]

    def sweep(failures):
        _sweep_bodies(api, failures, "POST", "/v1/volume/connectors", (
            {}, {"node_uuid": n, "type": "iqn"},
            {"node_uuid": n, "type": "iqn", "connector_id": "iqn.x"},
            {"node_uuid": n, "type": "iqn", "connector_id": "y", "uuid": vc},
            {"node_uuid": MISSING, "type": "iqn", "connector_id": "y"},
            {"node_uuid": "n1", "type": "iqn", "connector_id": "y"},
            {"node_uuid": n, "type": "t" * 40, "connector_id": "y"},
            {"node_uuid": n, "type": "iqn", "connector_id": "\ud800"}))
        _sweep_bodies(api, failures, "POST", "/v1/volume/targets", (
            {}, {"node_uuid": n, "volume_type": "iscsi", "volume_id": "w"},
            {"node_uuid": n, "volume_type": "iscsi", "volume_id": "w",
             "boot_index": 0},
            {"node_uuid": n, "volume_type": "iscsi", "volume_id": "w",
             "boot_index": 10 ** 400},
            {"node_uuid": n, "volume_type": "iscsi", "volume_id": "w",
             "boot_index": -1}))
        for path, extra in ((f"/v1/volume/connectors/{vc}",
                             [{"op": "replace", "path": "/type", "value": 5}]),
                            (f"/v1/volume/targets/{vt}",
                             [{"op": "replace", "path": "/boot_index",
                               "value": 10 ** 400}])):
            _sweep_bodies(api, failures, "PATCH", path, _PATCH_BAD + (
                extra, [{"op": "replace", "path": "/node_uuid", "value": MISSING}],
                [{"op": "add", "path": "/extra/a", "value": 1}]))
        for path in ("/v1/volume", "/v1/volume/connectors", "/v1/volume/targets",
                     "/v1/volume/connectors/detail", f"/v1/nodes/{n}/volume/targets"):
            _sweep_versions(api, failures, path, ("1.31",))
        for path in ("/v1/volume/connectors", "/v1/volume/targets",
                     "/v1/volume/targets/detail"):
            _sweep_queries(api, failures, path)
            _check(api, failures, "GET", f"{path}?node=missing")
        _sweep_idents(api, failures, "/v1/volume/connectors/{}", ("GET", "PATCH",
                                                                 "DELETE"))
        _sweep_idents(api, failures, "/v1/volume/targets/{}", ("GET", "PATCH",
                                                              "DELETE"))
        for method, path in (("PUT", "/v1/volume/connectors"),
                             ("POST", f"/v1/volume/targets/{vt}"),
                             ("POST", "/v1/volume"), ("GET", "/v1/volume/bogus"),
                             ("POST", f"/v1/nodes/{n}/volume/connectors")):
            _check(api, failures, method, path, body={})
    _run(api, sweep)


def test_root_documents(bare_api, conf):
    failures: list[str] = []
    for path in ("/", "/v1", "/v1/"):
        for method in ("POST", "PUT", "DELETE", "PATCH"):
            _check(bare_api, failures, method, path, body={})
        for version in BAD_VERSIONS:
            if path != "/":
                _check(bare_api, failures, "GET", path, version=version)
    assert failures == [], "\n".join(failures)
