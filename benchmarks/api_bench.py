#!/usr/bin/env python3
"""Load generator for an Ironic-compatible /v1 API on the loopback interface.

Standard library only, so it runs from any Python 3.11 without installing the
project. One keep-alive http.client connection per worker thread keeps the
client's own cost small. Every phase is bounded by a request count and a time
limit, and only 127.0.0.0/8, localhost or ::1 endpoints are accepted.

Phases (in this order, the node count grows as it goes):
  create        create nodes up to --nodes total (nodes/s at --concurrency)
  list@1000     page through all nodes with limit=1000, plain and /detail
  page-detail   page through the first 5,000 nodes with /detail
  list@10000    as list@1000 once --nodes (default 10,000) exist
  show          GET /v1/nodes/{uuid} at --concurrency (req/s, p50/p99)
  patch         PATCH /v1/nodes/{uuid} (extra/bench) at --concurrency

Example:
  python3 benchmarks/api_bench.py --endpoint http://127.0.0.1:6385
  python3 benchmarks/api_bench.py --quick --json-out /tmp/ours.json
  python3 benchmarks/api_bench.py --compare real.json ours.json
"""
from __future__ import annotations

import argparse
import http.client
import ipaddress
import json
import random
import socket
import sys
import threading
import time
import urllib.parse
import uuid

LOOPBACK_NAMES = {"localhost", "ip6-localhost"}


class Target:
    """Where to send requests: host, port, path prefix and the API version."""

    def __init__(self, endpoint: str, microversion: str) -> None:
        parsed = urllib.parse.urlsplit(endpoint)
        if parsed.scheme != "http" or not parsed.hostname:
            raise SystemExit(f"endpoint must be http://HOST:PORT, got {endpoint!r}")
        self.host = parsed.hostname
        self.port = parsed.port or 80
        self.prefix = parsed.path.rstrip("/")
        self.headers = {
            "Content-Type": "application/json",
            "Accept": "application/json",
            "X-OpenStack-Ironic-API-Version": microversion,
        }
        _require_loopback(self.host)

    def connect(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(self.host, self.port, timeout=60)


def _require_loopback(host: str) -> None:
    if host.lower() in LOOPBACK_NAMES:
        return
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except socket.gaierror as exc:
        raise SystemExit(f"cannot resolve {host}: {exc}")
    for address in addresses:
        if not ipaddress.ip_address(address.split("%")[0]).is_loopback:
            raise SystemExit(f"refusing non-loopback target {host} ({address})")


class Client:
    """One keep-alive connection; reconnects once when the server closed it."""

    def __init__(self, target: Target) -> None:
        self.target = target
        self.conn = target.connect()

    def request(self, method: str, path: str, body: object = None) -> tuple[int, bytes]:
        data = None if body is None else json.dumps(body).encode()
        for attempt in (1, 2):
            try:
                self.conn.request(method, self.target.prefix + path, body=data,
                                  headers=self.target.headers)
                resp = self.conn.getresponse()
                payload = resp.read()
                if resp.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                return resp.status, payload
            except (http.client.RemoteDisconnected, ConnectionResetError,
                    BrokenPipeError, http.client.CannotSendRequest):
                self.conn.close()
                self.conn = self.target.connect()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        self.conn.close()


class PhaseResult:
    """Counts, errors and latencies of one concurrent phase."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.elapsed = 0.0
        self.lock = threading.Lock()

    def add(self, latency: float, error: str | None) -> None:
        with self.lock:
            self.latencies.append(latency)
            if error:
                self.errors.append(error)

    @property
    def count(self) -> int:
        return len(self.latencies)

    def summary(self) -> dict:
        ok = self.count - len(self.errors)
        lat = sorted(self.latencies) or [0.0]
        return {
            "requests": self.count,
            "errors": len(self.errors),
            "seconds": round(self.elapsed, 3),
            "per_second": round(ok / self.elapsed, 1) if self.elapsed else 0.0,
            "p50_ms": round(1000 * lat[len(lat) // 2], 1),
            "p99_ms": round(1000 * lat[min(len(lat) - 1, int(len(lat) * 0.99))], 1),
            "first_error": self.errors[0] if self.errors else None,
        }


def run_concurrent(target: Target, name: str, count: int, concurrency: int,
                   max_seconds: float, make_request) -> PhaseResult:
    """Run ``make_request(client, i)`` for i in range(count) on worker threads.

    make_request returns (method, path, body, expected_statuses).
    """
    result = PhaseResult(name)
    counter = iter(range(count))
    counter_lock = threading.Lock()
    deadline = time.monotonic() + max_seconds

    def worker() -> None:
        client = Client(target)
        try:
            while time.monotonic() < deadline:
                with counter_lock:
                    i = next(counter, None)
                if i is None:
                    return
                method, path, body, expected = make_request(i)
                start = time.perf_counter()
                try:
                    status, payload = client.request(method, path, body)
                    error = None if status in expected else (
                        f"{method} {path} -> {status}: {payload[:300]!r}")
                except OSError as exc:
                    error = f"{method} {path} -> {exc!r}"
                result.add(time.perf_counter() - start, error)
        finally:
            client.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.elapsed = time.perf_counter() - start
    return result


def page_through(target: Target, resource: str, limit: int, max_items: int | None,
                 max_seconds: float) -> dict:
    """Follow ``next`` links from GET /v1/<resource>?limit=... and time it."""
    client = Client(target)
    path = f"/v1/{resource}?limit={limit}"
    seen: set[str] = set()
    pages = 0
    start = time.perf_counter()
    deadline = time.monotonic() + max_seconds
    try:
        while path and time.monotonic() < deadline:
            status, payload = client.request("GET", path)
            if status != 200:
                raise SystemExit(f"GET {path} -> {status}: {payload[:300]!r}")
            doc = json.loads(payload)
            pages += 1
            items = doc.get("nodes", [])
            seen.update(item["uuid"] for item in items)
            if max_items is not None and len(seen) >= max_items:
                break
            nxt = doc.get("next")
            path = _relative(target, nxt) if nxt and items else None
    finally:
        client.close()
    return {"items": len(seen), "pages": pages,
            "seconds": round(time.perf_counter() - start, 3)}


def _relative(target: Target, url: str) -> str:
    parsed = urllib.parse.urlsplit(url)
    path = parsed.path
    if target.prefix and path.startswith(target.prefix):
        path = path[len(target.prefix):]
    return path + ("?" + parsed.query if parsed.query else "")


def count_nodes(target: Target, max_seconds: float) -> list[str]:
    client = Client(target)
    uuids: list[str] = []
    path: str | None = "/v1/nodes?limit=1000&fields=uuid"
    deadline = time.monotonic() + max_seconds
    try:
        while path and time.monotonic() < deadline:
            status, payload = client.request("GET", path)
            if status != 200:
                raise SystemExit(f"GET {path} -> {status}: {payload[:300]!r}")
            doc = json.loads(payload)
            uuids.extend(n["uuid"] for n in doc["nodes"])
            nxt = doc.get("next")
            path = _relative(target, nxt) if nxt and doc["nodes"] else None
    finally:
        client.close()
    return uuids


class Bench:
    """The phases, sharing the target, options and collected figures."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.target = Target(args.endpoint, args.microversion)
        self.tag = uuid.uuid4().hex[:8]
        self.created: list[str] = []
        self.existing = 0
        self.figures: dict[str, dict] = {}

    def report(self, key: str, figures: dict, line: str) -> None:
        self.figures[key] = figures
        print(f"{key:<24} {line}", flush=True)

    def grow_to(self, total: int) -> None:
        """Create nodes until ``total`` nodes exist; record the create rate."""
        missing = total - self.existing
        if missing <= 0:
            return
        base = self.existing

        def create(i: int):
            body = {"driver": "fake-hardware", "name": f"bench-{self.tag}-{base + i}",
                    "resource_class": "bench",
                    "properties": {"cpus": 8, "memory_mb": 16384, "local_gb": 100}}
            return "POST", "/v1/nodes", body, (201,)

        result = run_concurrent(self.target, "create", missing, self.args.concurrency,
                                self.args.create_seconds, create)
        self.existing += result.count - len(result.errors)
        prev = self.figures.get("create")
        merged = _merge_create(prev, result.summary())
        self.figures["create"] = merged
        print(f"{'create':<24} +{result.count} nodes in {result.elapsed:.1f} s: "
              f"{result.summary()['per_second']} nodes/s, p50 "
              f"{result.summary()['p50_ms']} ms, p99 {result.summary()['p99_ms']} ms, "
              f"errors {len(result.errors)}", flush=True)
        if result.errors:
            print(f"  first error: {result.errors[0]}", file=sys.stderr)
        if self.existing < total:
            raise SystemExit(f"only {self.existing} of {total} nodes exist; stopping")

    def lists(self, at: int) -> None:
        for kind, resource in (("plain", "nodes"), ("detail", "nodes/detail")):
            fig = page_through(self.target, resource, 1000, None, self.args.phase_seconds * 4)
            self.report(f"list-{kind}@{at}", fig,
                        f"{fig['items']} nodes in {fig['pages']} pages: {fig['seconds']} s")

    def page_detail(self, items: int) -> None:
        fig = page_through(self.target, "nodes/detail", 1000, items, self.args.phase_seconds * 4)
        self.report(f"page-detail@{items}", fig,
                    f"{fig['items']} nodes in {fig['pages']} pages: {fig['seconds']} s")

    def show_and_patch(self) -> None:
        uuids = count_nodes(self.target, self.args.phase_seconds * 4)
        if not uuids:
            raise SystemExit("no nodes to show or patch")
        rng = random.Random(42)
        picks = [rng.choice(uuids) for _ in range(self.args.requests)]

        def show(i: int):
            return "GET", f"/v1/nodes/{picks[i]}", None, (200,)

        def patch(i: int):
            body = [{"op": "add", "path": "/extra/bench", "value": f"{self.tag}-{i}"}]
            return "PATCH", f"/v1/nodes/{picks[i]}", body, (200,)

        for name, func in (("show", show), ("patch", patch)):
            result = run_concurrent(self.target, name, self.args.requests,
                                    self.args.concurrency, self.args.phase_seconds, func)
            fig = result.summary()
            self.report(f"{name}@c{self.args.concurrency}", fig,
                        f"{fig['requests']} req in {fig['seconds']} s: {fig['per_second']} req/s,"
                        f" p50 {fig['p50_ms']} ms, p99 {fig['p99_ms']} ms,"
                        f" errors {fig['errors']}")
            if result.errors:
                print(f"  first error: {result.errors[0]}", file=sys.stderr)

    def run(self) -> dict:
        self.existing = len(count_nodes(self.target, self.args.phase_seconds * 4))
        print(f"target {self.args.endpoint} (API version {self.args.microversion}), "
              f"{self.existing} nodes already exist, concurrency {self.args.concurrency}",
              flush=True)
        small = min(1000, self.args.nodes)
        self.grow_to(small)
        self.lists(small)
        mid = min(5000, self.args.nodes)
        self.grow_to(mid)
        self.page_detail(mid)
        if self.args.nodes > mid:
            self.grow_to(self.args.nodes)
            self.lists(self.args.nodes)
        self.show_and_patch()
        return {"endpoint": self.args.endpoint, "figures": self.figures}


def _merge_create(prev: dict | None, cur: dict) -> dict:
    if not prev:
        return cur
    requests = prev["requests"] + cur["requests"]
    errors = prev["errors"] + cur["errors"]
    seconds = prev["seconds"] + cur["seconds"]
    return {**cur, "requests": requests, "errors": errors, "seconds": round(seconds, 3),
            "per_second": round((requests - errors) / seconds, 1) if seconds else 0.0,
            "first_error": prev.get("first_error") or cur.get("first_error")}


HEADLINE = (
    ("create", "per_second", "nodes/s", True),
    ("list-plain@1000", "seconds", "s", False),
    ("list-detail@1000", "seconds", "s", False),
    ("page-detail@5000", "seconds", "s", False),
    ("list-plain@10000", "seconds", "s", False),
    ("list-detail@10000", "seconds", "s", False),
    ("show@c8", "per_second", "req/s", True),
    ("show@c8", "p99_ms", "ms p99", False),
    ("patch@c8", "per_second", "req/s", True),
    ("patch@c8", "p99_ms", "ms p99", False),
)


def compare(paths: list[str]) -> int:
    """Print two result files side by side with ratio second/first."""
    loaded = []
    for path in paths:
        with open(path) as fh:
            loaded.append((path, json.load(fh)["figures"]))
    (a_name, a), (b_name, b) = loaded
    print(f"{'figure':<30}{'A':>12}{'B':>12}{'B/A':>8}  (better)")
    print(f"  A = {a_name}\n  B = {b_name}")
    for key, field, unit, higher_better in HEADLINE:
        if key not in a or key not in b:
            continue
        va, vb = a[key][field], b[key][field]
        ratio = (vb / va) if va else float("inf")
        better = "B" if (vb > va) == higher_better else "A"
        print(f"{key + ' ' + unit:<30}{va:>12}{vb:>12}{ratio:>8.2f}  {better}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--endpoint", default="http://127.0.0.1:6385")
    parser.add_argument("--microversion", default="latest",
                        help="X-OpenStack-Ironic-API-Version header (default: latest)")
    parser.add_argument("--nodes", type=int, default=10000,
                        help="total nodes to reach (default 10000, max 20000)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--requests", type=int, default=2000,
                        help="requests in each of the show and patch phases")
    parser.add_argument("--phase-seconds", type=float, default=30.0,
                        help="time limit of show/patch phases; create and list get 4x")
    parser.add_argument("--create-seconds", type=float, default=600.0,
                        help="time limit of each create phase (default 600)")
    parser.add_argument("--quick", action="store_true",
                        help="small run: 1,000 nodes, 300 show/patch requests")
    parser.add_argument("--json-out", help="write the figures as JSON to this file")
    parser.add_argument("--compare", nargs=2, metavar=("A.json", "B.json"),
                        help="print two earlier --json-out results side by side")
    args = parser.parse_args(argv)
    if args.compare:
        return compare(args.compare)
    if args.quick:
        args.nodes, args.requests = 1000, 300
    args.nodes = max(1, min(args.nodes, 20000))
    args.concurrency = max(1, min(args.concurrency, 64))
    args.requests = max(1, min(args.requests, 100000))
    result = Bench(args).run()
    if args.json_out:
        with open(args.json_out, "w") as fh:
            json.dump(result, fh, indent=2)
    errors = sum(f.get("errors", 0) for f in result["figures"].values())
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
