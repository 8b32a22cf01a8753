"""Hyperlinks in API answers: ``self`` (versioned) and ``bookmark`` (unversioned)."""
from __future__ import annotations

import pecan

from ironic.conf import CONF


def base_url() -> str:
    """The public base URL: ``[api] public_endpoint`` or the request's host URL."""
    return (CONF.api.public_endpoint or pecan.request.host_url).rstrip("/")


def make(base: str, resource: str, ident: str = "", *, bookmark: bool = False) -> dict[str, str]:
    """One link to ``resource``/``ident`` under ``base``."""
    path = f"{resource}/{ident}" if ident else f"{resource}/"
    if bookmark:
        return {"href": f"{base}/{path}", "rel": "bookmark"}
    return {"href": f"{base}/v1/{path}", "rel": "self"}


def pair(base: str, resource: str, ident: str = "") -> list[dict[str, str]]:
    """The ``self`` and ``bookmark`` links of a resource."""
    return [make(base, resource, ident), make(base, resource, ident, bookmark=True)]
