"""How ConductorAPI reaches a conductor: the seam between RPC methods and wires.

:class:`ConductorAPI <ironic.conductor.rpcapi.ConductorAPI>` method bodies only
name a method, a version and keyword arguments; a :class:`Transport` carries
them. ``[DEFAULT] rpc_transport = none`` selects :class:`LocalTransport`, which
calls the ConductorManager registered by this process directly. An
oslo.messaging or JSON-RPC transport is another class with the same two
methods, added to :data:`TRANSPORTS`.
"""
from __future__ import annotations

import logging
import threading
from typing import Any, Protocol

from ironic.common import exception
from ironic.conf import CONF

LOG = logging.getLogger(__name__)


class Transport(Protocol):
    """Carries one RPC call or cast to the conductor serving ``host``."""

    def call(self, context: Any, host: str | None, method: str, *,
             version: str, **kwargs: Any) -> Any:
        """Run ``method`` remotely and return its result or raise its error."""

    def cast(self, context: Any, host: str | None, method: str, *,
             version: str, **kwargs: Any) -> None:
        """Start ``method`` remotely without waiting for its result."""


_registry_lock = threading.Lock()
_local_managers: dict[str, Any] = {}


def register_local_manager(host: str, manager: Any) -> None:
    """Make ``manager`` reachable by in-process calls addressed to ``host``."""
    with _registry_lock:
        _local_managers[host] = manager


def unregister_local_manager(host: str) -> None:
    """Stop routing in-process calls to the manager of ``host``."""
    with _registry_lock:
        _local_managers.pop(host, None)


class LocalTransport:
    """Calls the ConductorManager running in this process.

    Exceptions arrive as raised. Versioned objects are cloned on the way in so
    the caller's copy only changes through the returned value, as over a wire.
    """

    def _manager(self, host: str | None) -> Any:
        with _registry_lock:
            if host in _local_managers:
                return _local_managers[host]
            if len(_local_managers) == 1:
                # One conductor in-process serves whatever the ring picked.
                return next(iter(_local_managers.values()))
        raise exception.ServiceUnavailable(
            "No conductor is running in this process (rpc_transport is "
            "'none', which needs the API and conductor in one process)")

    def call(self, context: Any, host: str | None, method: str, *,
             version: str, **kwargs: Any) -> Any:
        endpoint = getattr(self._manager(host), method)
        return endpoint(context, **{k: _clone(v) for k, v in kwargs.items()})

    def cast(self, context: Any, host: str | None, method: str, *,
             version: str, **kwargs: Any) -> None:
        try:
            self.call(context, host, method, version=version, **kwargs)
        except Exception:
            # A cast has no caller waiting for the error; keep it in the log.
            LOG.exception("RPC cast %s to %s failed", method, host)


def _clone(value: Any) -> Any:
    clone = getattr(value, "obj_clone", None)
    return clone() if callable(clone) else value


TRANSPORTS: dict[str, type] = {"none": LocalTransport}
"""``[DEFAULT] rpc_transport`` value -> Transport class."""


def get_transport() -> Transport:
    """The transport selected by ``[DEFAULT] rpc_transport``.

    :raises: ConfigInvalid for a transport this build does not provide yet.
    """
    name = CONF.rpc_transport
    try:
        return TRANSPORTS[name]()  # type: ignore[no-any-return]
    except KeyError:
        raise exception.ConfigInvalid(
            error_msg=f"rpc_transport '{name}' is not available yet; use "
                      f"'none' (API and conductor in one process)") from None
