"""API microversions: the supported range, one named constant per feature.

A version is a ``(major, minor)`` tuple so that comparisons are plain tuple
comparisons. The version negotiated for the current request is stored on the
pecan request by :mod:`ironic.api.hooks`; :func:`requested` and :func:`supports`
read it. Bumping :data:`MAX` needs a release note and a tests/compat sample.
"""
from __future__ import annotations

import functools
from typing import Any, NamedTuple

import pecan

from ironic.common import exception


class Version(NamedTuple):
    """A microversion, compared as a tuple."""

    major: int
    minor: int

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}"


MIN = Version(1, 1)
"""Oldest version served; requests without a version header get this one."""

AVAILABLE_STATE = Version(1, 2)
DRIVER_INTERNAL_INFO = Version(1, 3)
NAMES = Version(1, 5)
INSPECTION = Version(1, 6)
CLEAN_STEP = Version(1, 7)
FIELDS = Version(1, 8)
PROVISION_STATE_FILTER = Version(1, 9)
ENROLL_DEFAULT = Version(1, 11)
RAID = Version(1, 12)
STATES_DISCOVERABLE = Version(1, 14)
DRIVER_FILTER = Version(1, 16)
PORT_INTERNAL_INFO = Version(1, 18)
PORT_LOCAL_LINK = Version(1, 19)
NETWORK_INTERFACE = Version(1, 20)
RESOURCE_CLASS = Version(1, 21)
RAMDISK_API = Version(1, 22)
PORTGROUPS = Version(1, 23)
PORTGROUP_SUBRESOURCES = Version(1, 24)
UNSET_CHASSIS = Version(1, 25)
PORTGROUP_MODE = Version(1, 26)
SOFT_POWER = Version(1, 27)
VIFS = Version(1, 28)
INJECT_NMI = Version(1, 29)
DYNAMIC_DRIVERS = Version(1, 30)
DYNAMIC_INTERFACES = Version(1, 31)
VOLUME = Version(1, 32)
STORAGE_INTERFACE = Version(1, 33)
PHYSICAL_NETWORK = Version(1, 34)
AGENT_VERSION = Version(1, 36)
TRAITS = Version(1, 37)
RESCUE_INTERFACE = Version(1, 38)
BIOS = Version(1, 40)
FAULT = Version(1, 42)
DETAIL_QUERY = Version(1, 43)
DEPLOY_STEP = Version(1, 44)
RESET_INTERFACES = Version(1, 45)
CONDUCTOR_GROUP = Version(1, 46)
AUTOMATED_CLEAN = Version(1, 47)
PROTECTED = Version(1, 48)
CONDUCTORS = Version(1, 49)
OWNER = Version(1, 50)
DESCRIPTION = Version(1, 51)
ALLOCATIONS = Version(1, 52)
SMARTNIC = Version(1, 53)
NETWORK_EVENTS = Version(1, 54)
DEPLOY_TEMPLATES = Version(1, 55)
ALLOCATION_UPDATE = Version(1, 57)
ALLOCATION_BACKFILL = Version(1, 58)
ALLOCATION_OWNER = Version(1, 60)
RETIRED = Version(1, 61)
AGENT_TOKEN = Version(1, 62)
INDICATORS = Version(1, 63)
LESSEE = Version(1, 65)
NETWORK_DATA = Version(1, 66)
VIF_PORT_UUID = Version(1, 67)
AGENT_VERIFY_CA = Version(1, 68)
DEPLOY_STEPS_ON_PROVISION = Version(1, 69)
AGENT_STATUS = Version(1, 72)
DEPLOY_VERBS = Version(1, 73)
BOOT_MODE = Version(1, 75)
CHANGE_BOOT_MODE = Version(1, 76)
DRIVER_FIELDS = Version(1, 77)
HISTORY = Version(1, 78)
INVENTORY = Version(1, 81)
SHARDS = Version(1, 82)
CHILD_NODES = Version(1, 83)
CONTINUE_INSPECTION = Version(1, 84)
UNHOLD = Version(1, 85)
FIRMWARE_INTERFACE = Version(1, 86)
SERVICE = Version(1, 87)
PORT_NAME = Version(1, 88)
VMEDIA = Version(1, 89)
RUNBOOKS = Version(1, 92)
VMEDIA_GET = Version(1, 93)
PORT_NODE_NAME = Version(1, 94)
DISABLE_POWER_OFF = Version(1, 95)
INSPECTION_RULES = Version(1, 96)
PORT_DESCRIPTION = Version(1, 97)
PORT_CONDUCTOR_GROUP_FILTER = Version(1, 99)
PORT_VENDOR = Version(1, 100)
PORT_CATEGORY = Version(1, 101)
PORTGROUP_PHYSICAL_NETWORK = Version(1, 102)
PORTGROUP_CATEGORY = Version(1, 103)
INSTANCE_NAME = Version(1, 104)
PORTGROUP_SHARD_FILTER = Version(1, 106)
REQUEST_ID_HEADER = Version(1, 107)
HEALTH = Version(1, 109)

MAX = HEALTH
"""Newest version served; what ``latest`` means."""

MIN_STR = str(MIN)
MAX_STR = str(MAX)

HEADER = "X-OpenStack-Ironic-API-Version"
"""Request and response header carrying the version."""

ENVIRON_KEY = "ironic.api_version"
"""Where the negotiated version is kept in the WSGI environ."""


class VersionNotAcceptable(exception.NotAcceptable):
    """The requested version is outside the supported range (406 + range headers)."""

    _msg_fmt = ("Version %(version)s was requested but the minor version is not "
                "supported by this service. The supported version range is: "
                "[%(min)s, %(max)s].")
    shows_range = True


class MalformedVersion(exception.NotAcceptable):
    """The version header could not be parsed (406, as Ironic answers)."""

    _msg_fmt = "Invalid value for %(header)s header"
    shows_range = False


class MajorNotAcceptable(VersionNotAcceptable):
    """A major version other than 1 was asked for."""

    _msg_fmt = ("Mutually exclusive versions requested. Version %(version)s "
                "requested but not supported by this service. The supported "
                "version range is: [%(min)s, %(max)s].")


@functools.lru_cache(maxsize=256)
def parse(header: str | None) -> Version:
    """Turn a header value into a supported version.

    :param header: the raw value, ``None`` when the client sent none.
    :returns: the negotiated version (``MIN`` when absent).
    :raises: MalformedVersion, VersionNotAcceptable, MajorNotAcceptable
    """
    if header is None:
        return MIN
    value = header.strip()
    if value.lower() == "latest":
        return MAX
    major, dot, minor = value.partition(".")
    if not dot or not major.isdigit() or not minor.isdigit():
        raise MalformedVersion(header=HEADER)
    version = Version(int(major), int(minor))
    if version.major != MAX.major:
        raise MajorNotAcceptable(version=value, min=MIN_STR, max=MAX_STR)
    if not MIN <= version <= MAX:
        raise VersionNotAcceptable(version=value, min=MIN_STR, max=MAX_STR)
    return version


def from_environ(environ: dict[str, Any]) -> Version:
    """Negotiate the version of a request from its headers.

    ``X-OpenStack-Ironic-API-Version`` wins; otherwise the ``baremetal`` entry
    of ``OpenStack-API-Version`` is used.
    """
    header = environ.get("HTTP_X_OPENSTACK_IRONIC_API_VERSION")
    if header is None:
        generic = environ.get("HTTP_OPENSTACK_API_VERSION")
        if generic:
            header = _baremetal_entry(generic)
    return parse(header)


def _baremetal_entry(generic: str) -> str | None:
    for entry in generic.split(","):
        service, _, value = entry.strip().partition(" ")
        if service.lower() == "baremetal" and value.strip():
            return value.strip()
    return None


def requested() -> Version:
    """The version negotiated for the current request."""
    return pecan.request.environ.get(ENVIRON_KEY, MIN)


def supports(version: Version) -> bool:
    """Whether the current request's version is at least ``version``."""
    return pecan.request.environ.get(ENVIRON_KEY, MIN) >= version


def require(version: Version) -> None:
    """Refuse the current request with 406 when it is older than ``version``.

    This is Ironic's answer for endpoints and parameters that do not exist yet
    at the requested version.

    :raises: NotAcceptable
    """
    if pecan.request.environ.get(ENVIRON_KEY, MIN) < version:
        raise exception.NotAcceptable()


def not_acceptable(version: Version) -> exception.NotAcceptable:
    """The 406 Ironic answers when a parameter is newer than the request."""
    return exception.NotAcceptable(
        f"Request not acceptable. The minimal required API version should be {version}")
