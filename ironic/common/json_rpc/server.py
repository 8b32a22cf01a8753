"""The conductor's JSON-RPC server: a WSGI app and its cheroot HTTP server.

Each request names a method of the endpoint object (only names the endpoint
allows) and carries the request context and serialized arguments. A call is
answered with the method's serialized result or its exception; a cast (no
``id``) is answered at once with 204 and runs in a thread.
"""
from __future__ import annotations

import base64
import logging
import threading
from collections.abc import Callable
from typing import Any

import bcrypt
from cheroot import wsgi

from ironic.common import context as ir_context
from ironic.common import exception
from ironic.common.json_rpc import wire
from ironic.conf import CONF

LOG = logging.getLogger(__name__)

Dispatch = Callable[[Any, str, str, dict[str, Any]], Any]
"""``dispatch(context, method, version, kwargs)``: run one call."""


class JsonRpcApp:
    """WSGI application dispatching JSON-RPC requests."""

    def __init__(self, dispatch: Dispatch, serializer: Any) -> None:
        self._dispatch = dispatch
        self._serializer = serializer
        self._auth = _BasicAuth() if _strategy() == "http_basic" else None

    def __call__(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        if environ.get("REQUEST_METHOD") != "POST":
            return _respond(start_response, "405 Method Not Allowed", None)
        if self._auth is not None and not self._auth.check(environ):
            start_response("401 Unauthorized", [
                ("Content-Type", "application/json"),
                ("WWW-Authenticate", 'Basic realm="ironic-json-rpc"')])
            return [wire.dumps({"error": {"code": 401, "message": "Unauthorized"}})]
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
            request = wire.loads(environ["wsgi.input"].read(length))
            method, params = str(request["method"]), dict(request.get("params") or {})
        except Exception:
            return _respond(start_response, "400 Bad Request", {
                "jsonrpc": "2.0", "id": None,
                "error": {"code": wire.INVALID_REQUEST, "message": "Invalid request"}})
        request_id = request.get("id")
        if request_id is None:
            threading.Thread(target=self._run, args=(method, params),
                             name=f"json-rpc-cast-{method}", daemon=True).start()
            return _respond(start_response, "204 No Content", None)
        answer: dict[str, Any] = {"jsonrpc": "2.0", "id": request_id}
        try:
            answer["result"] = self._run(method, params)
        except Exception as e:
            answer["error"] = wire.encode_error(e)
        return _respond(start_response, "200 OK", answer)

    def _run(self, method: str, params: dict[str, Any]) -> Any:
        context = ir_context.RequestContext.from_dict(params.pop("context", None) or {})
        version = str(params.pop(wire.VERSION_KEY, "1.0"))
        kwargs = {k: self._serializer.deserialize_entity(context, v)
                  for k, v in params.items()}
        try:
            result = self._dispatch(context, method, version, kwargs)
        except exception.IronicError:
            raise
        except Exception:
            LOG.exception("JSON-RPC %s failed", method)
            raise
        return self._serializer.serialize_entity(context, result)


def _respond(start_response: Any, status: str, body: Any) -> list[bytes]:
    if body is None:
        start_response(status, [("Content-Length", "0")])
        return []
    data = wire.dumps(body)
    start_response(status, [("Content-Type", "application/json"),
                            ("Content-Length", str(len(data)))])
    return [data]


def _strategy() -> str:
    strategy = CONF.json_rpc.auth_strategy or CONF.auth_strategy
    return "http_basic" if strategy == "http_basic" else "noauth"


class _BasicAuth:
    """HTTP basic authentication against ``[json_rpc] http_basic_auth_user_file``."""

    def __init__(self) -> None:
        self._users: dict[str, bytes] = {}
        with open(CONF.json_rpc.http_basic_auth_user_file, encoding="utf-8") as f:
            for line in f:
                name, sep, hashed = line.strip().partition(":")
                if sep and name and not name.startswith("#"):
                    self._users[name] = hashed.encode()
        self._ok: set[str] = set()
        self._lock = threading.Lock()

    def check(self, environ: dict[str, Any]) -> bool:
        header = environ.get("HTTP_AUTHORIZATION", "")
        if not header.lower().startswith("basic "):
            return False
        with self._lock:
            if header in self._ok:
                return True
        try:
            user, _, password = base64.b64decode(header[6:]).decode().partition(":")
        except Exception:
            return False
        hashed = self._users.get(user)
        if hashed is None or not bcrypt.checkpw(password.encode(), hashed):
            return False
        with self._lock:
            self._ok.add(header)  # bcrypt is slow on purpose; remember good ones
        return True


class JsonRpcServer:
    """Serves a :class:`JsonRpcApp` on ``host:port`` in a background thread."""

    def __init__(self, app: JsonRpcApp, host: str, port: int, threads: int) -> None:
        self._server = wsgi.Server((host, port), app, numthreads=threads,
                                   server_name="ironic-json-rpc",
                                   request_queue_size=128)
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Bind and serve. :raises: OSError if the address is taken."""
        self._server.prepare()
        self._thread = threading.Thread(target=self._server.serve, daemon=True,
                                        name="json-rpc-server")
        self._thread.start()
        LOG.info("JSON-RPC listening on %s", self._server.bind_addr)

    def stop(self) -> None:
        """Stop accepting calls."""
        self._server.stop()
        if self._thread is not None:
            self._thread.join(timeout=10)
