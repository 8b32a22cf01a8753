"""oslo.messaging set-up: transport, clients, servers and the context serializer.

The transport comes from ``[DEFAULT] transport_url`` (RabbitMQ in production,
``fake://`` in unit tests). Exceptions raised by a conductor travel back when
their module is in :data:`ALLOWED_EXMODS` and are rebuilt as the same class;
:func:`unwrap_remote` strips the remote traceback oslo.messaging appends to the
message, so callers (and API users) see the conductor's own message.
"""
from __future__ import annotations

import threading
from typing import Any

import oslo_messaging as messaging

from ironic.common import context as ir_context
from ironic.conf import CONF

ALLOWED_EXMODS = ["ironic.common.exception"]
"""Modules whose exceptions are rebuilt on the caller's side."""

_lock = threading.Lock()
_transport: messaging.Transport | None = None


def get_transport() -> messaging.Transport:
    """The process-wide RPC transport for ``[DEFAULT] transport_url``."""
    global _transport
    with _lock:
        if _transport is None:
            _transport = messaging.get_rpc_transport(
                CONF, allowed_remote_exmods=ALLOWED_EXMODS)
        return _transport


def cleanup() -> None:
    """Close the transport (tests and service shutdown)."""
    global _transport
    with _lock:
        if _transport is not None:
            _transport.cleanup()
        _transport = None


class RequestContextSerializer(messaging.Serializer):
    """Sends the request context as a dict; entities through ``base``."""

    def __init__(self, base: messaging.Serializer | None) -> None:
        self._base = base or messaging.NoOpSerializer()

    def serialize_entity(self, context: Any, entity: Any) -> Any:
        return self._base.serialize_entity(context, entity)

    def deserialize_entity(self, context: Any, entity: Any) -> Any:
        return self._base.deserialize_entity(context, entity)

    def serialize_context(self, context: Any) -> dict[str, Any]:
        return context.to_dict()

    def deserialize_context(self, context: dict[str, Any]) -> Any:
        return ir_context.RequestContext.from_dict(context)


def get_client(topic: str, serializer: messaging.Serializer | None = None,
               version_cap: str | None = None) -> messaging.RPCClient:
    """An RPC client for ``topic``."""
    target = messaging.Target(topic=topic, version="1.0")
    return messaging.get_rpc_client(get_transport(), target, version_cap=version_cap,
                                    serializer=RequestContextSerializer(serializer))


def get_server(topic: str, host: str, endpoints: list[Any],
               serializer: messaging.Serializer | None = None) -> Any:
    """A threaded RPC server consuming ``topic`` (shared), ``topic.host`` and fanout."""
    target = messaging.Target(topic=topic, server=host)
    return messaging.get_rpc_server(
        get_transport(), target, endpoints, executor="threading",
        serializer=RequestContextSerializer(serializer),
        access_policy=messaging.DefaultRPCAccessPolicy)


def unwrap_remote(error: BaseException) -> BaseException:
    """The remote exception as its original class, message without traceback."""
    cls = type(error)
    if cls.__name__.endswith("_Remote") and len(cls.__mro__) > 1:
        try:
            error.__class__ = cls.__mro__[1]
        except TypeError:
            pass
    return error
