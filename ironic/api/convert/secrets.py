"""Masking secrets (passwords, tokens, keys) in dicts shown by the API.

Keys are judged with oslo.utils' rules (``strutils._SANITIZE_KEYS``: a key
containing ``password``, ``token``, ``secret``, ``private_key`` ...). The
verdict per key is cached, so masking a node costs a few dict lookups.
"""
from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from oslo_utils import strutils

MASK = "******"
"""What a secret value is replaced with (Ironic's mask)."""

_SECRET_KEYS: tuple[str, ...] = tuple(k.lower() for k in strutils._SANITIZE_KEYS)


@functools.lru_cache(maxsize=4096)
def is_secret_key(key: str) -> bool:
    """Whether values under ``key`` must be hidden."""
    lowered = key.lower()
    return any(s in lowered for s in _SECRET_KEYS)


def _mask_value(value: Any) -> Any:
    if isinstance(value, Mapping):
        return mask(value)
    if isinstance(value, str):
        # Only strings shaped like "password=..." or "--token x" can embed a
        # secret; skip the regex work for plain values such as addresses.
        if (" " in value or "=" in value or ":" in value) and len(value) > 6:
            return strutils.mask_password(value, secret=MASK)
        return value
    if isinstance(value, list):
        return [_mask_value(v) for v in value]
    return value


def mask(data: Mapping[str, Any] | None) -> Any:
    """A copy of ``data`` with secret values replaced by :data:`MASK`."""
    if not data:
        return data
    return {k: (MASK if isinstance(k, str) and is_secret_key(k) else _mask_value(v))
            for k, v in data.items()}
