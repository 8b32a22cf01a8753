"""Make pecan's per-request routing cheap.

pecan inspects controller signatures on every request through
``pecan.util.getargspec``, which builds a fresh namedtuple class each call; that
was about 85 % of pecan's time per request here (800 us of 950 us). Signatures
never change after start-up, so this module memoises them, keyed on the plain
function so that bound methods made per request hit the cache too.

Two more per-request costs go the same way: pecan's routing calls ``dir()`` on
every controller it walks through even when it has already inspected that
class, and ``pecan.Request`` wraps every attribute access in a try/except
(about 170 accesses a request) only to turn a ``UnicodeDecodeError`` into a
400. :class:`Request` is plain WebOb; ``ironic.api.errors`` answers a
``UnicodeDecodeError`` with 400 instead.

Call :func:`install` once before serving requests; it is idempotent.
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import pecan.core
import pecan.decorators
import pecan.rest
import pecan.routing
import pecan.util
import webob

_PATCHED_MODULES = (pecan.util, pecan.rest, pecan.routing, pecan.core, pecan.decorators)
_original_getargspec: Callable[[Any], Any] = pecan.util.getargspec


@functools.lru_cache(maxsize=4096)
def _argspec_of(func: Any) -> Any:
    return _original_getargspec(func)


def _cached_getargspec(method: Any) -> Any:
    return _argspec_of(getattr(method, "__func__", method))


_original_detect: Callable[[Any], None] = pecan.routing._detect_custom_path_segments
_observed: set[type] = getattr(pecan.routing, "__observed_controllers__")


def _detect_custom_path_segments_once(obj: Any) -> None:
    if obj.__class__ not in _observed:
        _original_detect(obj)


class Request(webob.Request):
    """The request class pecan should build: WebOb's, without pecan's wrapper."""


def install() -> None:
    """Install the memoised inspection helpers into pecan's modules."""
    for module in _PATCHED_MODULES:
        module.getargspec = _cached_getargspec  # type: ignore[attr-defined]
    pecan.routing._detect_custom_path_segments = _detect_custom_path_segments_once
