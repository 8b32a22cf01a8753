"""Authentication middleware chosen by ``[DEFAULT] auth_strategy``.

* ``noauth``: every request passes.
* ``http_basic``: credentials checked against an Apache htpasswd file with
  bcrypt hashes (``[DEFAULT] http_basic_auth_user_file``); failures answer 401
  with a ``WWW-Authenticate`` challenge.
* ``keystone``: keystonemiddleware's ``auth_token`` (configured from its own
  ``[keystone_authtoken]`` section).

The discovery documents (``/`` and ``/v1``) and the ramdisk agent's endpoints
stay public under every strategy.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import os
import threading
from collections.abc import Callable, Iterable
from typing import Any

import bcrypt

from ironic.api import errors
from ironic.conf import CONF

PUBLIC_ROUTES: tuple[str, ...] = ("", "/v1", "/v1/lookup", "/v1/continue_inspection")
"""Paths (without trailing slash) anyone may read."""

PUBLIC_PREFIXES: tuple[str, ...] = ("/v1/heartbeat/",)
"""Path prefixes the ramdisk agent calls without credentials."""

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def is_public(path: str) -> bool:
    """Whether ``path`` is served without authentication."""
    return path.rstrip("/") in PUBLIC_ROUTES or path.startswith(PUBLIC_PREFIXES)


def wrap(app: WSGIApp) -> WSGIApp:
    """Put the configured authentication in front of ``app``."""
    strategy = CONF.auth_strategy
    if strategy == "http_basic":
        return BasicAuthMiddleware(app, CONF.http_basic_auth_user_file)
    if strategy == "keystone":
        return _keystone(app)
    return app


def _keystone(app: WSGIApp) -> WSGIApp:
    from keystonemiddleware import auth_token  # optional at runtime

    protected = auth_token.AuthProtocol(app, {"oslo_config_config": CONF})

    def dispatch(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if is_public(environ.get("PATH_INFO", "")):
            return app(environ, start_response)
        return protected(environ, start_response)
    return dispatch


class BasicAuthMiddleware:
    """HTTP basic authentication against a bcrypt htpasswd file."""

    realm = "Baremetal API"

    def __init__(self, app: WSGIApp, user_file: str) -> None:
        self._app = app
        self._file = user_file
        self._lock = threading.Lock()
        self._mtime: float | None = None
        self._users: dict[str, bytes] = {}
        # bcrypt is deliberately slow (~100 ms); remember credentials already
        # verified (by digest, never in clear) until the file changes.
        self._verified: set[bytes] = set()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if is_public(environ.get("PATH_INFO", "")):
            return self._app(environ, start_response)
        user = self._authenticate(environ.get("HTTP_AUTHORIZATION", ""))
        if user is None:
            return self._challenge(start_response)
        environ["HTTP_X_USER"] = environ["HTTP_X_USER_ID"] = user
        return self._app(environ, start_response)

    def _authenticate(self, header: str) -> str | None:
        scheme, _, encoded = header.partition(" ")
        if scheme.lower() != "basic" or not encoded:
            return None
        try:
            user, sep, password = base64.b64decode(encoded.strip()).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None
        if not sep:
            return None
        users = self._load()
        hashed = users.get(user)
        if hashed is None:
            return None
        digest = hashlib.sha256(f"{user}\0{password}".encode() + hashed).digest()
        if digest in self._verified:
            return user
        try:
            ok = bcrypt.checkpw(password.encode(), hashed)
        except ValueError:
            return None
        if ok:
            self._verified.add(digest)
            return user
        return None

    def _load(self) -> dict[str, bytes]:
        try:
            mtime = os.stat(self._file).st_mtime
        except OSError:
            return {}
        if mtime != self._mtime:
            with self._lock:
                self._users = _read_htpasswd(self._file)
                self._verified = set()
                self._mtime = mtime
        return self._users

    def _challenge(self, start_response: Callable[..., Any]) -> list[bytes]:
        body = errors.routing_body(401, "Authentication required")
        start_response("401 Unauthorized", [
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(body))),
            ("WWW-Authenticate", f'Basic realm="{self.realm}"'),
        ])
        return [body]


def _read_htpasswd(path: str) -> dict[str, bytes]:
    users: dict[str, bytes] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if not line or line.startswith("#") or ":" not in line:
                continue
            name, _, hashed = line.partition(":")
            if hashed.startswith(("$2y$", "$2b$", "$2a$")):
                users[name] = hashed.encode()
    return users
