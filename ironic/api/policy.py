"""Authorization seam for API requests.

Every controller method calls :func:`authorize` with Ironic's rule name
(``baremetal:node:get`` ...). Without keystone there are no roles to check, so
every authenticated caller is allowed. With ``auth_strategy = keystone`` the
rules will be enforced with oslo.policy here (TODO(#policy): register Ironic's
default rules and enforce them; until then keystone users are all allowed).
"""
from __future__ import annotations

from typing import Any

import pecan

from ironic.common import exception


def authorize(rule: str, target: dict[str, Any] | None = None) -> None:
    """Allow or refuse the current request for ``rule``.

    :raises: HTTPForbidden (403) when the policy refuses.
    """
    context = getattr(pecan.request, "context", None)
    if context is None:
        raise exception.HTTPForbidden(resource=rule)
