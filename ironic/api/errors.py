"""Turning exceptions into Ironic's error responses.

Every error body is ``{"error_message": "<JSON string>"}``. Errors raised by our
code carry ``faultcode`` ("Client" for 4xx, "Server" otherwise), ``faultstring``
and ``debuginfo``; errors produced by routing itself (unknown path, method not
allowed, version negotiation) carry webob's ``code``/``title``/``description``,
as Ironic's do. Unexpected exceptions become a generic 500 and are logged with
their traceback; the text of such an exception never reaches the client.
"""
from __future__ import annotations

import http
import json
import logging

import webob
import webob.exc

from ironic.common import exception

LOG = logging.getLogger(__name__)

GENERIC_500 = "An internal error occurred; the details were logged by the service."


def _wrap(inner: dict[str, object]) -> bytes:
    return json.dumps({"error_message": json.dumps(inner)}).encode()


def fault_body(status: int, message: str) -> bytes:
    """The body of an error raised by our own code."""
    return _wrap({"faultcode": "Client" if 400 <= status < 500 else "Server",
                  "faultstring": message, "debuginfo": None})


def routing_body(status: int, description: str = "") -> bytes:
    """The body of an error produced while routing (webob style)."""
    return _wrap({"code": status, "title": http.HTTPStatus(status).phrase,
                  "description": description})


def response_for(error: BaseException) -> webob.Response:
    """Build the error response for ``error``."""
    if isinstance(error, exception.IronicError):
        status = int(error.code)
        if getattr(error, "shows_range", None) is not None:
            # Version negotiation failures are reported like routing errors.
            body = routing_body(status, error.format_message())
        else:
            body = fault_body(status, error.format_message())
        headers = dict(error.headers)
    elif isinstance(error, webob.exc.HTTPException):
        status = error.code
        headers = {}
        if status == 405 and error.headers.get("Allow"):
            headers["Allow"] = error.headers["Allow"]
        if status == 401:
            headers.update((k, v) for k, v in error.headers.items()
                           if k == "WWW-Authenticate")
        body = routing_body(status, error.detail or "")
    elif isinstance(error, UnicodeDecodeError):
        # Undecodable bytes in the URL, query or body are the client's fault.
        status, headers = 400, {}
        body = fault_body(400, "The request is not valid UTF-8.")
    else:
        LOG.error("Unexpected error while serving a request", exc_info=error)
        status, headers = 500, {}
        body = fault_body(500, GENERIC_500)
    response = webob.Response(body=body, status=status, content_type="application/json",
                              charset=None)
    response.headers.update(headers)
    return response
