"""Per-request pecan hooks: version negotiation, context, RPC client, errors.

Order matters: :class:`VersionHook` runs first so that a request with an
unacceptable version is refused before anything else happens, and its ``after``
step stamps the version headers on every answer, errors included.
"""
from __future__ import annotations

import uuid
from typing import Any

import pecan.hooks

from ironic.api import auth, errors, microversions
from ironic.common import context as ironic_context
from ironic.common import exception
from ironic.conf import CONF

REQUEST_ID_KEY = "openstack.request_id"
"""Where the request id lives in the environ (the same key oslo.middleware uses)."""


class VersionHook(pecan.hooks.PecanHook):
    """Negotiate the microversion and refuse oversized bodies."""

    priority = 10

    def on_route(self, state: Any) -> None:
        environ = state.request.environ
        environ.setdefault(REQUEST_ID_KEY, "req-" + str(uuid.uuid4()))
        environ[microversions.ENVIRON_KEY] = microversions.from_environ(environ)
        length = state.request.content_length
        if length is not None and length > CONF.api.max_request_body_size:
            raise exception.RequestEntityTooLarge(
                reason=f"body of {length} bytes exceeds the limit of "
                       f"{CONF.api.max_request_body_size} bytes")

    def after(self, state: Any) -> None:
        response = state.response
        environ = state.request.environ
        headers = response.headers
        error = environ.get("ironic.error")
        if not isinstance(error, microversions.MalformedVersion):
            headers["X-OpenStack-Ironic-API-Minimum-Version"] = microversions.MIN_STR
            headers["X-OpenStack-Ironic-API-Maximum-Version"] = microversions.MAX_STR
        version = environ.get(microversions.ENVIRON_KEY)
        if version is not None:
            text = str(version)
            headers[microversions.HEADER] = text
            headers["OpenStack-API-Version"] = "baremetal " + text
        headers["Vary"] = f"{microversions.HEADER}, OpenStack-API-Version"
        request_id = environ.get(REQUEST_ID_KEY)
        if request_id:
            headers["X-OpenStack-Request-Id"] = request_id
            headers["OpenStack-Request-Id"] = request_id


class ContextHook(pecan.hooks.PecanHook):
    """Attach a RequestContext built from the (already authenticated) headers."""

    priority = 20

    def __init__(self, public_api_routes: tuple[str, ...] = ()) -> None:
        super().__init__()
        self._public = frozenset(public_api_routes)

    def before(self, state: Any) -> None:
        request = state.request
        environ = request.environ
        is_public = (request.path.rstrip("/") in self._public
                     or request.path.startswith(auth.PUBLIC_PREFIXES))
        ctx = ironic_context.RequestContext.from_environ(
            environ, is_public_api=is_public,
            request_id=environ.get(REQUEST_ID_KEY))
        if CONF.auth_strategy != "keystone" and not ctx.roles:
            # Without keystone there are no roles to check: the operator who
            # can reach the API is the administrator.
            ctx.is_admin = True
            ctx.roles = ["admin"]
        request.context = ctx


class RPCHook(pecan.hooks.PecanHook):
    """Give every request the process-wide conductor RPC client."""

    priority = 30

    def __init__(self, rpcapi: Any) -> None:
        super().__init__()
        self._rpcapi = rpcapi

    def before(self, state: Any) -> None:
        state.request.rpcapi = self._rpcapi


class ErrorHook(pecan.hooks.PecanHook):
    """Format every exception as Ironic's error body."""

    priority = 5

    def on_error(self, state: Any, error: BaseException) -> Any:
        state.request.environ["ironic.error"] = error
        return errors.response_for(error)
