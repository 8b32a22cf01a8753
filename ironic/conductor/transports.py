"""How ConductorAPI reaches a conductor: the seam between RPC methods and wires.

:class:`ConductorAPI <ironic.conductor.rpcapi.ConductorAPI>` method bodies only
name a method, a version and keyword arguments; a :class:`Transport` carries
them to the conductor serving a host. ``[DEFAULT] rpc_transport`` selects:

* ``none``: :class:`LocalTransport` calls the ConductorManager of this process.
* ``oslo``: :class:`OsloTransport`, oslo.messaging over ``transport_url``
  (RabbitMQ). A conductor consumes ``ironic.conductor_manager`` (shared),
  ``ironic.conductor_manager.<host>`` and the topic's fanout.
* ``json-rpc``: :class:`JsonRpcTransport`, HTTP POSTs to the conductor's
  ``[json_rpc]`` server.

The conductor side (:func:`start_server`) exposes only RPC endpoints: public
methods of the manager that are not service lifecycle methods, checked against
the RPC version the caller speaks. Exceptions arrive as the class the
conductor raised, with its message.
"""
from __future__ import annotations

import logging
import threading
from typing import Any, Protocol

import oslo_messaging as messaging

from ironic.common import exception
from ironic.common import rpc
from ironic.common.json_rpc import client as json_client
from ironic.common.json_rpc import server as json_server
from ironic.conf import CONF
from ironic.objects import base as objects_base

LOG = logging.getLogger(__name__)

TOPIC = "ironic.conductor_manager"
"""Base topic; a conductor also listens on ``<topic>.<hostname>``."""

SERVICE_METHODS = frozenset({"init_host", "del_host", "spawn_worker", "owns",
                             "iter_nodes", "keepalive", "check_ring_membership"})
"""Public manager methods that are not RPC endpoints."""


class Transport(Protocol):
    """Carries one RPC call or cast to the conductor serving ``host``."""

    def call(self, context: Any, host: str | None, method: str, *,
             version: str, **kwargs: Any) -> Any:
        """Run ``method`` remotely and return its result or raise its error."""

    def cast(self, context: Any, host: str | None, method: str, *,
             version: str, **kwargs: Any) -> None:
        """Start ``method`` remotely without waiting for its result."""


# --- the conductor side ------------------------------------------------------


def _version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split("."))


def check_version(manager: Any, method: str, version: str) -> None:
    """Refuse a call in an RPC version this conductor does not implement.

    :raises: InvalidParameterValue
    """
    ours = _version_tuple(manager.RPC_API_VERSION)
    theirs = _version_tuple(version)
    if theirs[0] != ours[0] or theirs > ours:
        raise exception.InvalidParameterValue(
            err=f"Conductor RPC API {manager.RPC_API_VERSION} cannot serve "
                f"{method} at version {version}")


def endpoint_method(manager: Any, method: str) -> Any:
    """The bound endpoint ``method`` of ``manager``.

    :raises: InvalidParameterValue for a name that is not an RPC endpoint.
    """
    func = None
    if not method.startswith("_") and method not in SERVICE_METHODS:
        func = getattr(manager, method, None)
    if not callable(func):
        raise exception.InvalidParameterValue(err=f"Unknown RPC method {method}")
    return func


class _OsloEndpoint:
    """What oslo.messaging's dispatcher sees: only the manager's RPC endpoints."""

    def __init__(self, manager: Any) -> None:
        self._manager = manager
        self.target = messaging.Target(version=manager.RPC_API_VERSION)

    def __getattr__(self, name: str) -> Any:
        try:
            func = endpoint_method(self._manager, name)
        except exception.InvalidParameterValue:
            raise AttributeError(name) from None

        def expected(*args: Any, **kwargs: Any) -> Any:
            try:
                return func(*args, **kwargs)
            except exception.IronicError as e:
                if not e.safe:
                    raise
                # A refusal the caller handles (NodeLocked, ...): returned to
                # the caller as raised, logged by oslo.messaging at debug only.
                raise messaging.ExpectedException() from e
        return expected


class _Server:
    """A started RPC server that can be stopped."""

    def __init__(self, stop: Any) -> None:
        self._stop = stop

    def stop(self) -> None:
        self._stop()


def start_server(manager: Any) -> _Server:
    """Serve ``manager``'s endpoints on the configured transport.

    :raises: OSError if the JSON-RPC address is taken.
    """
    name = CONF.rpc_transport
    if name == "oslo":
        server = rpc.get_server(TOPIC, manager.host, [_OsloEndpoint(manager)],
                                objects_base.IronicObjectSerializer())
        server.start()

        def stop_oslo() -> None:
            server.stop()
            server.wait()
        return _Server(stop_oslo)
    if name == "json-rpc":
        def dispatch(context: Any, method: str, version: str,
                     kwargs: dict[str, Any]) -> Any:
            check_version(manager, method, version)
            return endpoint_method(manager, method)(context, **kwargs)
        app = json_server.JsonRpcApp(dispatch, objects_base.IronicObjectSerializer())
        host, port = _listen_address(manager.host)
        http = json_server.JsonRpcServer(app, host, port, CONF.json_rpc.server_threads)
        http.start()
        return _Server(http.stop)
    return _Server(lambda: None)


def _listen_address(hostname: str) -> tuple[str, int]:
    port = CONF.json_rpc.port
    _, sep, suffix = hostname.rpartition(":")
    if sep and suffix.isdigit():
        port = int(suffix)
    return CONF.json_rpc.host_ip, port


def fanout_cast(context: Any, method: str, *, version: str, **kwargs: Any) -> None:
    """Cast ``method`` to every conductor (oslo only; others rely on periodics)."""
    if CONF.rpc_transport != "oslo":
        return
    client = rpc.get_client(TOPIC, objects_base.IronicObjectSerializer())
    client.prepare(fanout=True, version=version).cast(context, method, **kwargs)


# --- in-process --------------------------------------------------------------


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
        manager = self._manager(host)
        check_version(manager, method, version)
        endpoint = endpoint_method(manager, method)
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


# --- over the wire -----------------------------------------------------------


class OsloTransport:
    """oslo.messaging: calls to ``<topic>.<host>``, or the shared topic."""

    def __init__(self) -> None:
        self._client = rpc.get_client(TOPIC, objects_base.IronicObjectSerializer())

    def _prepare(self, host: str | None, version: str) -> Any:
        if host is None:
            return self._client.prepare(version=version)
        return self._client.prepare(server=host, version=version)

    def call(self, context: Any, host: str | None, method: str, *,
             version: str, **kwargs: Any) -> Any:
        try:
            return self._prepare(host, version).call(context, method, **kwargs)
        except messaging.MessagingTimeout as e:
            raise exception.ServiceUnavailable(
                f"Conductor {host or '(any)'} did not answer {method} within "
                f"{CONF.rpc_response_timeout} seconds") from e
        except messaging.MessageDeliveryFailure as e:
            raise exception.ServiceUnavailable(
                f"Cannot deliver {method} to conductor {host or '(any)'}: {e}") from e
        except Exception as e:
            raise rpc.unwrap_remote(e) from None

    def cast(self, context: Any, host: str | None, method: str, *,
             version: str, **kwargs: Any) -> None:
        self._prepare(host, version).cast(context, method, **kwargs)


class JsonRpcTransport:
    """JSON-RPC over HTTP to the conductor's ``[json_rpc]`` server."""

    def __init__(self) -> None:
        self._client = json_client.Client(objects_base.IronicObjectSerializer())

    def call(self, context: Any, host: str | None, method: str, *,
             version: str, **kwargs: Any) -> Any:
        if host is None:
            raise exception.NoValidHost(reason="JSON RPC needs a conductor host")
        return self._client.request(context, host, method, version, kwargs)

    def cast(self, context: Any, host: str | None, method: str, *,
             version: str, **kwargs: Any) -> None:
        if host is None:
            raise exception.NoValidHost(reason="JSON RPC needs a conductor host")
        self._client.request(context, host, method, version, kwargs, cast=True)


TRANSPORTS: dict[str, type] = {"none": LocalTransport, "oslo": OsloTransport,
                               "json-rpc": JsonRpcTransport}
"""``[DEFAULT] rpc_transport`` value -> Transport class."""


def get_transport() -> Transport:
    """The transport selected by ``[DEFAULT] rpc_transport``.

    :raises: ConfigInvalid for an unknown transport name.
    """
    name = CONF.rpc_transport
    try:
        return TRANSPORTS[name]()  # type: ignore[no-any-return]
    except KeyError:
        raise exception.ConfigInvalid(
            error_msg=f"rpc_transport '{name}' is unknown; use 'oslo', "
                      f"'json-rpc' or 'none'") from None
