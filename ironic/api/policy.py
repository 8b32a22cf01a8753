"""Authorization of API requests.

Every controller method calls :func:`authorize` with Ironic's rule name
(``baremetal:node:get`` ...); the rules and their defaults live in
:mod:`ironic.common.policy` and can be changed in the policy file. Without
keystone the request context is an administrator's (see hooks.ContextHook),
so the defaults allow everything; with keystone the caller's roles and scope
decide.
"""
from __future__ import annotations

from typing import Any

import pecan

from ironic.common import exception
from ironic.common import policy


def authorize(rule: str, target: dict[str, Any] | None = None) -> None:
    """Allow or refuse the current request for ``rule``.

    :raises: HTTPForbidden (403) when the policy refuses.
    """
    context = getattr(pecan.request, "context", None)
    if context is None:
        raise exception.HTTPForbidden(resource=rule)
    policy.authorize(rule, target or {}, context)
