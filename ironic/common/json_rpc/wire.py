"""What travels in a JSON-RPC request and answer, shared by client and server.

A request is ``{"jsonrpc": "2.0", "method": ..., "params": {"context": {...},
"rpc.version": "1.0", <arguments>}, "id": ...}`` (no ``id`` for a cast). An
error answer carries the exception's class, message and keyword arguments in
``error.data`` so the caller can raise the same exception.
"""
from __future__ import annotations

from typing import Any

from oslo_serialization import jsonutils

from ironic.common import exception

VERSION_KEY = "rpc.version"
"""Parameter carrying the RPC API version the caller speaks."""

SERVER_ERROR = -32000
METHOD_NOT_FOUND = -32601
INVALID_REQUEST = -32600


class RemoteError(Exception):
    """An unexpected (non-Ironic) error raised by the remote conductor."""


def dumps(value: Any) -> bytes:
    """JSON bytes (datetimes, sets and similar become strings or lists)."""
    return jsonutils.dump_as_bytes(value)


def loads(data: bytes) -> Any:
    """Parse JSON bytes."""
    return jsonutils.loads(data)


def encode_error(error: BaseException) -> dict[str, Any]:
    """The ``error`` member of an answer for ``error``."""
    data: dict[str, Any] = {"class": type(error).__name__, "message": str(error)}
    if isinstance(error, exception.IronicError):
        data["kwargs"] = jsonutils.to_primitive(
            {k: v for k, v in error.kwargs.items() if k != "code"}, convert_instances=True)
        data["module"] = "ironic.common.exception"
    return {"code": SERVER_ERROR, "message": str(error), "data": data}


def decode_error(error: dict[str, Any]) -> BaseException:
    """Rebuild the exception an error answer describes."""
    data = error.get("data") or {}
    message = data.get("message") or error.get("message") or "remote error"
    cls = getattr(exception, str(data.get("class")), None)
    if (data.get("module") == "ironic.common.exception" and isinstance(cls, type)
            and issubclass(cls, exception.IronicError)):
        try:
            return cls(message, **(data.get("kwargs") or {}))
        except Exception:
            return cls(message)
    return RemoteError(f"{data.get('class', 'Error')}: {message}")
