"""The Redfish client: the only module that imports sushy.

Client sessions (``sushy.Sushy`` objects: an HTTP connection pool plus the
Redfish session or basic credentials) are cached per BMC address and
credentials, least recently used first out, so hundreds of nodes behind one
BMC and repeated calls for one node share a login. Every use of sushy goes
through :func:`call`, which retries unreachable BMCs with exponential backoff
(tenacity) and translates sushy's and requests' errors into ours, each naming
the node and the cause.
"""
from __future__ import annotations

import collections
import logging
import threading
from collections.abc import Callable
from typing import Any, TypeVar

import sushy
import tenacity
from sushy import exceptions as sushy_exc

from ironic.common import exception
from ironic.conf import CONF
from ironic.drivers.modules.redfish import info as redfish_info

LOG = logging.getLogger(__name__)
T = TypeVar("T")

Error = sushy_exc.SushyError
"""Base of sushy's errors, for driver modules that must recognise one."""

_AUTH = {"basic": sushy.auth.BasicAuth, "session": sushy.auth.SessionAuth,
         "auto": sushy.auth.SessionOrBasicAuth}

_cache: collections.OrderedDict[tuple[Any, ...], Any] = collections.OrderedDict()
_cache_lock = threading.Lock()


def _connect(info: redfish_info.RedfishInfo) -> Any:
    auth = _AUTH[info.auth_type](username=info.username, password=info.password)
    return sushy.Sushy(info.address, verify=info.verify_ca, auth=auth,
                       server_side_retries=0,
                       read_timeout=CONF.redfish.request_timeout,
                       connect_timeout=CONF.redfish.request_timeout)


def _client(info: redfish_info.RedfishInfo) -> Any:
    """The cached client of ``info``'s BMC and credentials (created on demand)."""
    key = info.session_key
    with _cache_lock:
        client = _cache.get(key)
        if client is not None:
            _cache.move_to_end(key)
            return client
    client = _connect(info)  # network: outside the lock
    if CONF.redfish.connection_cache_size:
        with _cache_lock:
            _cache[key] = client
            while len(_cache) > CONF.redfish.connection_cache_size:
                _cache.popitem(last=False)
    return client


def _forget(info: redfish_info.RedfishInfo) -> None:
    with _cache_lock:
        _cache.pop(info.session_key, None)


def _translate(node: Any, info: redfish_info.RedfishInfo, action: str,
               error: Exception) -> exception.IronicError:
    address = info.address
    if isinstance(error, sushy_exc.ConnectionError):
        return exception.BMCTimeout(node=node.uuid, address=address,
                                    reason=f"{action}: {error}")
    if isinstance(error, sushy_exc.AccessError):
        return exception.BMCCredentialsRejected(node=node.uuid, address=address,
                                                reason=f"{action}: {error}")
    if isinstance(error, sushy_exc.ResourceNotFoundError):
        return exception.BMCCommandFailed(
            node=node.uuid, address=address, action=action,
            reason=f"resource not found (check redfish_system_id): {error}")
    if isinstance(error, (sushy_exc.MissingAttributeError,
                          sushy_exc.MalformedAttributeError, ValueError,
                          KeyError, TypeError)):
        return exception.BMCMalformedResponse(node=node.uuid, address=address,
                                              reason=f"{action}: {error}")
    if isinstance(error, sushy_exc.MissingActionError):
        return exception.BMCFeatureUnsupported(node=node.uuid, feature=action,
                                               reason=str(error))
    return exception.BMCCommandFailed(node=node.uuid, address=address,
                                      action=action, reason=str(error))


def call(node: Any, action: str, func: Callable[[Any], T], *,
         system: bool = True) -> T:
    """Run ``func(system)`` (or ``func(root)``) against the node's BMC.

    :param action: what ``func`` does, for messages ("get power state").
    :param system: pass the node's ComputerSystem (default) or the service root.
    :raises: InvalidParameterValue (driver_info), BMCTimeout,
        BMCCredentialsRejected, BMCCommandFailed, BMCMalformedResponse,
        BMCFeatureUnsupported
    """
    info = redfish_info.parse(node)

    def attempt() -> T:
        try:
            root = _client(info)
            target = root.get_system(info.system_id) if system else root
            return func(target)
        except exception.IronicError:
            raise
        except (Error, ValueError, KeyError, TypeError) as e:
            if isinstance(e, (sushy_exc.ConnectionError, sushy_exc.AccessError)):
                _forget(info)  # a new login next time, not a stale session
            raise _translate(node, info, action, e) from e

    retrying = tenacity.Retrying(
        retry=tenacity.retry_if_exception_type(exception.BMCTimeout),
        stop=tenacity.stop_after_attempt(CONF.redfish.connection_attempts),
        wait=tenacity.wait_exponential(
            multiplier=CONF.redfish.connection_retry_interval, max=30),
        reraise=True)
    return retrying(attempt)


def clear_cache() -> None:
    """Forget every cached client (tests, and credential rotation)."""
    with _cache_lock:
        _cache.clear()


# --- sushy names the driver modules need, without importing sushy ----------

POWER_ON = sushy.PowerState.ON
POWER_OFF = sushy.PowerState.OFF
POWERING_ON = sushy.PowerState.POWERING_ON
POWERING_OFF = sushy.PowerState.POWERING_OFF
ResetType = sushy.ResetType
BootSource = sushy.BootSource
BootSourceOverrideEnabled = sushy.BootSourceOverrideEnabled
BootSourceOverrideMode = sushy.BootSourceOverrideMode
IndicatorLED = sushy.IndicatorLED
VirtualMediaType = sushy.VirtualMediaType
