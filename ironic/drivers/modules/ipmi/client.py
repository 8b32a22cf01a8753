"""The IPMI client: the only module that imports pyghmi.

pyghmi's session code is not safe to drive from several threads at once (two
module-level locks are taken in opposite orders; see shared/bmc/README.md),
and its ``wait=True`` power changes block inside the library. So one thread
owns pyghmi: the *I/O owner* (:class:`_Owner`). Driver code in any thread
calls the functions at the end of this module; they queue a request, wait for
its future and translate the outcome into our exceptions. The owner uses
pyghmi asynchronously (log-ins with ``onlogon``, commands with ``callback``),
so one thread keeps hundreds of BMCs busy at once:

* one session per BMC and credentials, reused until idle for
  ``[ipmi] session_idle_timeout`` (with our own keep-alives), at most
  ``[ipmi] max_sessions_per_bmc`` per BMC;
* one request in flight per BMC; others wait in that BMC's queue;
* a deadline per request (``[ipmi] command_timeout``): a BMC that stops
  answering fails only its own requests, and its session is dropped;
* retries with exponential backoff (tenacity) for timeouts and "busy"
  answers happen in the caller's thread, never in the owner.
"""
from __future__ import annotations

import collections
import concurrent.futures
import dataclasses
import logging
import queue
import threading
import time
from collections.abc import Callable
from typing import Any

import tenacity
from pyghmi import exceptions as pyghmi_exc
from pyghmi.ipmi import command as ipmi_command
from pyghmi.ipmi.private import session as ipmi_session

from ironic.common import exception
from ironic.conf import CONF
from ironic.drivers.modules.ipmi.info import IPMIInfo

LOG = logging.getLogger(__name__)

BUSY_CODES = frozenset({0xC0, 0xC3, 0xCE, 0xFF00})
"""Completion codes worth another try: node busy, timeout, no response."""

_AUTH_WORDS = ("password", "unauthorized", "privilege", "rakp", "user",
               "integrity", "cipher")
"""Words of pyghmi log-in errors meaning the credentials were refused."""

_KEEPALIVE_S = 20.0
"""Idle seconds after which a session gets a keep-alive (BMCs drop at ~30-60)."""


@dataclasses.dataclass(eq=False)
class _Job:
    """One request: a raw IPMI command, or a callable given a pyghmi Command."""

    node: str
    info: IPMIInfo
    action: str
    netfn: int = 0
    command: int = 0
    data: tuple[int, ...] = ()
    call: Callable[[Any], Any] | None = None
    future: concurrent.futures.Future[Any] = dataclasses.field(
        default_factory=concurrent.futures.Future)
    deadline: float = 0.0


@dataclasses.dataclass(eq=False)
class _Slot:
    """A pyghmi session to one BMC with one set of credentials."""

    session: Any
    logged_in: bool = False
    last_used: float = dataclasses.field(default_factory=time.monotonic)


def _credentials(info: IPMIInfo) -> tuple[Any, ...]:
    return (info.username, info.password, info.kg_key, info.priv_level)


class _BMC:
    """Owner-thread state of one BMC: its sessions and queued requests."""

    def __init__(self) -> None:
        self.slots: collections.OrderedDict[tuple[Any, ...], _Slot] = (
            collections.OrderedDict())
        self.waiting: collections.deque[_Job] = collections.deque()
        self.active: _Job | None = None


class _Owner(threading.Thread):
    """The one thread that touches pyghmi."""

    def __init__(self) -> None:
        super().__init__(name="ipmi-io-owner", daemon=True)
        self.inbox: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        self.bmcs: dict[tuple[str, int], _BMC] = {}
        self.pending = 0
        self.lock = threading.Lock()

    # --- caller side -----------------------------------------------------

    def submit(self, job: _Job) -> concurrent.futures.Future[Any]:
        with self.lock:
            if self.pending >= CONF.ipmi.max_pending_requests:
                raise exception.BMCCommandFailed(
                    node=job.node, address=job.info.endpoint, action=job.action,
                    reason="too many IPMI requests are queued on this conductor")
            self.pending += 1
        self.inbox.put(job)
        return job.future

    # --- owner side ------------------------------------------------------

    def run(self) -> None:
        while True:
            try:
                self._iterate()
            except Exception:
                # The owner must outlive any surprise from pyghmi; the
                # affected requests still fail through their deadlines.
                LOG.exception("IPMI I/O owner: unexpected error")

    def _busy(self) -> bool:
        return any(b.active is not None for b in self.bmcs.values())

    def _iterate(self) -> None:
        busy = self._busy()
        try:
            job: _Job | None = self.inbox.get(timeout=0 if busy else 1.0)
        except queue.Empty:
            job = None
        while job is not None:
            self._enqueue(job)
            try:
                job = self.inbox.get_nowait()
            except queue.Empty:
                job = None
        if self._busy():
            ipmi_session.Session.wait_for_rsp(timeout=0.01)
        self._expire()
        self._housekeeping()

    def _enqueue(self, job: _Job) -> None:
        key = (job.info.address, job.info.port)
        bmc = self.bmcs.setdefault(key, _BMC())
        bmc.waiting.append(job)
        self._next(bmc)

    def _next(self, bmc: _BMC) -> None:
        while bmc.active is None and bmc.waiting:
            job = bmc.waiting.popleft()
            if job.future.done():
                continue
            bmc.active = job
            job.deadline = time.monotonic() + CONF.ipmi.command_timeout
            try:
                self._start(bmc, job)
            except Exception as e:
                self._finish(bmc, job, error=e)

    def _slot(self, bmc: _BMC, info: IPMIInfo) -> _Slot | None:
        creds = _credentials(info)
        slot = bmc.slots.get(creds)
        if slot is not None and getattr(slot.session, "broken", False):
            bmc.slots.pop(creds)
            slot = None
        if slot is not None:
            bmc.slots.move_to_end(creds)
        return slot

    def _start(self, bmc: _BMC, job: _Job) -> None:
        slot = self._slot(bmc, job.info)
        if slot is not None and slot.logged_in:
            self._send(bmc, slot, job)
            return
        while len(bmc.slots) >= CONF.ipmi.max_sessions_per_bmc:
            _, old = bmc.slots.popitem(last=False)
            _drop(old)
        info = job.info
        holder: dict[str, _Slot] = {}

        def on_logon(response: dict[str, Any]) -> None:
            self._logged_on(bmc, job, holder.get("slot"), response)

        session = ipmi_session.Session(
            bmc=info.address, userid=info.username.encode(),
            password=info.password.encode(), port=info.port, kg=info.kg_key,
            privlevel=info.priv_level, onlogon=on_logon, keepalive=False)
        slot = holder["slot"] = _Slot(session)
        bmc.slots[_credentials(info)] = slot
        if getattr(session, "logged", False) and not session.broken:
            self._logged_on(bmc, job, slot, {"success": True})

    def _logged_on(self, bmc: _BMC, job: _Job, slot: _Slot | None,
                   response: dict[str, Any]) -> None:
        if bmc.active is not job or job.future.done():
            return
        if "error" in response or slot is None:
            bmc.slots = collections.OrderedDict(
                (k, s) for k, s in bmc.slots.items() if s is not slot)
            self._finish(bmc, job, error=_login_error(job, response))
            return
        slot.logged_in = True
        try:
            self._send(bmc, slot, job)
        except Exception as e:
            self._finish(bmc, job, error=e)

    def _send(self, bmc: _BMC, slot: _Slot, job: _Job) -> None:
        slot.last_used = time.monotonic()
        if job.call is not None:
            # Synchronous pyghmi helpers (SDR, sensors) run here, in the owner,
            # over the already logged-in session; they are rare and short.
            cmd = ipmi_command.Command(
                bmc=job.info.address, userid=job.info.username.encode(),
                password=job.info.password.encode(), port=job.info.port,
                kg=job.info.kg_key, privlevel=job.info.priv_level, keepalive=False)
            self._finish(bmc, job, result=job.call(cmd))
            return

        def on_response(response: dict[str, Any]) -> None:
            session = slot.session
            session.incommand = False
            while session.evq:
                session.evq.popleft().set()
            if bmc.active is job and not job.future.done():
                self._finish(bmc, job, result=response)
        slot.session.raw_command(netfn=job.netfn, command=job.command,
                                 data=job.data, callback=on_response,
                                 bridge_request=job.info.bridge_request)

    def _finish(self, bmc: _BMC, job: _Job, *, result: Any = None,
                error: BaseException | None = None, advance: bool = True) -> None:
        if bmc.active is job:
            bmc.active = None
        if not job.future.done():
            with self.lock:
                self.pending -= 1
            if error is not None:
                job.future.set_exception(error)
            else:
                job.future.set_result(result)
        if advance:
            self._next(bmc)

    def _expire(self) -> None:
        now = time.monotonic()
        for bmc in list(self.bmcs.values()):
            job = bmc.active
            if job is None or job.deadline > now:
                continue
            self._finish(bmc, job, advance=False, error=exception.BMCTimeout(
                node=job.node, address=job.info.endpoint,
                reason=f"no answer to '{job.action}' within "
                       f"{CONF.ipmi.command_timeout} seconds"))
            slot = bmc.slots.pop(_credentials(job.info), None)
            if slot is not None:
                _drop(slot)
            self._next(bmc)

    def _housekeeping(self) -> None:
        now = time.monotonic()
        for key, bmc in list(self.bmcs.items()):
            if bmc.active is not None:
                continue
            for creds, slot in list(bmc.slots.items()):
                idle = now - slot.last_used
                if idle > CONF.ipmi.session_idle_timeout or not slot.logged_in:
                    bmc.slots.pop(creds)
                    _drop(slot)
                elif idle > _KEEPALIVE_S:
                    slot.last_used = now
                    _keepalive(slot)
            if not bmc.slots and not bmc.waiting:
                del self.bmcs[key]


def _keepalive(slot: _Slot) -> None:
    """Get Device ID without waiting: keeps the BMC from expiring the session."""
    session = slot.session

    def done(response: dict[str, Any]) -> None:
        session.incommand = False
        while session.evq:
            session.evq.popleft().set()
    try:
        session.raw_command(netfn=6, command=1, callback=done)
    except pyghmi_exc.IpmiException as e:
        LOG.info("IPMI keep-alive to %s failed (session dropped): %s",
                 session.bmc, e)
        _drop(slot)


def _drop(slot: _Slot) -> None:
    """Forget a session without blocking the owner (no waiting for answers)."""
    session = slot.session
    session.incommand = False
    session.lastpayload = None
    try:
        session._mark_broken("dropped by the driver")
    except Exception as e:
        # Closing is best effort: the BMC expires an abandoned session itself.
        LOG.debug("IPMI session to %s: close failed: %s", session.bmc, e)


def _login_error(job: _Job, response: dict[str, Any]) -> exception.DriverError:
    reason = str(response.get("error") or "session failed to initialize")
    if any(word in reason.lower() for word in _AUTH_WORDS):
        return exception.BMCCredentialsRejected(
            node=job.node, address=job.info.endpoint, reason=reason)
    return exception.BMCTimeout(node=job.node, address=job.info.endpoint,
                                reason=f"log-in failed: {reason}")


_owner: _Owner | None = None
_owner_lock = threading.Lock()


def _get_owner() -> _Owner:
    global _owner
    with _owner_lock:
        if _owner is None or not _owner.is_alive():
            _owner = _Owner()
            _owner.start()
        return _owner


def _once(job: _Job) -> Any:
    future = _get_owner().submit(job)
    # The owner enforces the deadline; the margin only covers a stuck owner.
    try:
        return future.result(timeout=CONF.ipmi.command_timeout + 30)
    except concurrent.futures.TimeoutError:
        raise exception.BMCTimeout(node=job.node, address=job.info.endpoint,
                                   reason="the IPMI I/O thread did not answer") from None
    except pyghmi_exc.IpmiException as e:
        raise exception.BMCCommandFailed(node=job.node, address=job.info.endpoint,
                                         action=job.action, reason=str(e)) from e
    except OSError as e:
        raise exception.BMCTimeout(node=job.node, address=job.info.endpoint,
                                   reason=str(e)) from e


def _retrying(job_factory: Callable[[], _Job]) -> Any:
    retrying = tenacity.Retrying(
        retry=tenacity.retry_if_exception(_is_transient),
        stop=(tenacity.stop_after_attempt(CONF.ipmi.command_retries + 1)
              | tenacity.stop_after_delay(CONF.ipmi.command_retry_timeout)),
        wait=tenacity.wait_exponential(multiplier=CONF.ipmi.retry_backoff,
                                       max=CONF.ipmi.command_retry_timeout),
        reraise=True)

    def attempt() -> Any:
        job = job_factory()
        return _checked(_once(job), job)
    return retrying(attempt)


def _is_transient(error: BaseException) -> bool:
    """Timeouts and 'busy' completion codes are retried; nothing else is."""
    if isinstance(error, exception.BMCTimeout):
        return True
    return isinstance(error, exception.IronicError) and bool(error.kwargs.get("busy"))


def _checked(response: Any, job: _Job) -> Any:
    if not isinstance(response, dict):
        return response
    if response.get("error") == "timeout" or response.get("code") == 0xFFFF:
        raise exception.BMCTimeout(node=job.node, address=job.info.endpoint,
                                   reason=f"no answer to '{job.action}'")
    code = response.get("code", 0)
    if code in BUSY_CODES:
        raise exception.BMCCommandFailed(
            node=job.node, address=job.info.endpoint, action=job.action,
            reason=f"BMC busy (completion code {code:#04x})", busy=True)
    if code or "error" in response:
        try:
            reason = response.get("error") or ipmi_session.get_ipmi_error(response)
        except (KeyError, TypeError):
            reason = "error"
        raise exception.BMCCommandFailed(
            node=job.node, address=job.info.endpoint, action=job.action,
            reason=f"{reason or 'error'} (completion code {code:#04x})")
    return bytes(response.get("data") or b"")


# --- the interface drivers use ---------------------------------------------


def raw(node: str, info: IPMIInfo, netfn: int, command: int,
        data: tuple[int, ...] = (), *, action: str) -> bytes:
    """Send one IPMI command and return the response data (completion code stripped).

    :param node: the node's UUID, for messages.
    :param action: what the command does, for messages ("get power state").
    :raises: BMCTimeout, BMCCredentialsRejected, BMCCommandFailed
    """
    return _retrying(lambda: _Job(node=node, info=info, action=action,  # type: ignore[no-any-return]
                                  netfn=netfn, command=command, data=tuple(data)))


def call(node: str, info: IPMIInfo, func: Callable[[Any], Any], *,
         action: str) -> Any:
    """Run ``func(pyghmi_command)`` in the I/O owner over the BMC's session.

    For pyghmi helpers with no raw equivalent worth rewriting (SDR walking,
    sensor readings). ``func`` must be short: it blocks the owner.

    :raises: BMCTimeout, BMCCredentialsRejected, BMCCommandFailed
    """
    return _retrying(lambda: _Job(node=node, info=info, action=action, call=func))


def stats() -> dict[str, int]:
    """Open sessions and queued requests (for benchmarks and debugging)."""
    owner = _owner
    if owner is None:
        return {"bmcs": 0, "sessions": 0, "pending": 0}
    return {"bmcs": len(owner.bmcs),
            "sessions": sum(len(b.slots) for b in list(owner.bmcs.values())),
            "pending": owner.pending}
