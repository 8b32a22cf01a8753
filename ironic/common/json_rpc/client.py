"""The JSON-RPC client: posts calls and casts to a conductor's server."""
from __future__ import annotations

import itertools
import logging
import threading
from typing import Any

import requests

from ironic.common import exception
from ironic.common.json_rpc import wire
from ironic.conf import CONF

LOG = logging.getLogger(__name__)


def url_for(host: str) -> str:
    """The URL of the conductor named ``host`` (``name`` or ``name:port``)."""
    name, sep, port = host.rpartition(":")
    if not sep or not port.isdigit() or (":" in name and not name.startswith("[")):
        name, port = host, str(CONF.json_rpc.port)
    scheme = "https" if CONF.json_rpc.use_ssl else "http"
    return f"{scheme}://{name}:{port}/"


class Client:
    """Sends JSON-RPC requests; one HTTP connection pool per process."""

    def __init__(self, serializer: Any) -> None:
        self._serializer = serializer
        self._session = requests.Session()
        adapter = requests.adapters.HTTPAdapter(pool_connections=16, pool_maxsize=64)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        if CONF.json_rpc.username:
            self._session.auth = (CONF.json_rpc.username, CONF.json_rpc.password or "")
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    def request(self, context: Any, host: str, method: str, version: str,
                kwargs: dict[str, Any], cast: bool = False) -> Any:
        """Run ``method`` on ``host``; returns the result or raises its error.

        :raises: ServiceUnavailable when the conductor cannot be reached.
        """
        params = {k: self._serializer.serialize_entity(context, v)
                  for k, v in kwargs.items()}
        params["context"] = context.to_dict()
        params[wire.VERSION_KEY] = version
        body: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
        if not cast:
            with self._lock:
                body["id"] = next(self._ids)
        try:
            reply = self._session.post(url_for(host), data=wire.dumps(body),
                                       headers={"Content-Type": "application/json"},
                                       timeout=CONF.json_rpc.timeout)
        except requests.RequestException as e:
            raise exception.ServiceUnavailable(
                f"Conductor {host} cannot be reached over JSON RPC: {e}") from e
        if reply.status_code == 401:
            raise exception.ServiceUnavailable(
                f"Conductor {host} refused the JSON RPC credentials")
        if cast:
            return None
        answer = wire.loads(reply.content)
        if answer.get("error"):
            raise wire.decode_error(answer["error"])
        return self._serializer.deserialize_entity(context, answer.get("result"))
