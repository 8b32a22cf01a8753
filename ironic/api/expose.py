"""Exposing controller methods: JSON in, JSON out, explicit status codes.

Controllers return plain dicts (or ``None`` for empty answers); :func:`json`
encodes them once with the C-accelerated stdlib encoder and sets the status.
:func:`body` reads and decodes the request's JSON body.
"""
from __future__ import annotations

import json as _json
from collections.abc import Callable
from typing import Any

import pecan

from ironic.common import exception
from ironic.conf import CONF

_ENCODER = _json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "),
                             default=str)
"""Shared encoder; ``default=str`` covers datetimes that slipped through."""


_ACCEPTED = ("text/plain", "text/html", "application/json")
"""Content types a client may ask for; the last one is the default."""


def encode(data: Any) -> bytes:
    """Serialise ``data`` to UTF-8 JSON bytes."""
    return _ENCODER.encode(data).encode("utf-8")


def json(status: int = 200) -> Callable[[Callable[..., Any]], Any]:
    """Expose a controller method whose return value is JSON-encoded.

    :param status: the success status code (204 answers have no body).
    """
    def decorate(func: Callable[..., Any]) -> Any:
        # The wrapper takes only *args/**kwargs so that pecan's signature
        # inspection looks through it to ``func`` (its first callable cell).
        def handler(*args: Any, **kwargs: Any) -> Any:
            return render(func(*args, **kwargs), status)
        handler.__name__ = func.__name__
        handler.__doc__ = func.__doc__
        handler.__qualname__ = func.__qualname__
        # Register the types clients put in Accept; we always answer JSON, but
        # pecan refuses (406) requests whose Accept matches no declared type.
        exposed = handler
        for content_type in _ACCEPTED:
            exposed = pecan.expose(content_type=content_type)(exposed)
        return exposed
    return decorate


def render(result: Any, status: int) -> Any:
    """Put ``result`` into the current pecan response with ``status``."""
    response = pecan.response
    response.status_int = status
    if result is None or status == 204:
        response.content_type = None
        response.body = b""
    else:
        response.content_type = "application/json"
        response.body = encode(result)
    return response


def body() -> Any:
    """The request body decoded from JSON.

    :raises: Invalid when the body is not valid JSON (400).
    """
    request = pecan.request
    if request.content_length is None and request.is_body_readable:
        # Chunked upload: read at most one byte past the limit.
        limit = CONF.api.max_request_body_size
        raw = request.body_file.read(limit + 1)
        if len(raw) > limit:
            raise exception.RequestEntityTooLarge(
                reason=f"body exceeds the limit of {limit} bytes")
    else:
        raw = request.body
    if not raw:
        raise exception.Invalid("The request body is empty; a JSON document is required.")
    try:
        return _json.loads(raw)
    except (ValueError, UnicodeDecodeError) as e:
        raise exception.Invalid(f"Malformed JSON in request body: {e}") from e
