"""``PUT /v1/nodes/{node}/states/provision``: body schema and per-verb rules.

The checks run in Ironic's order, so that clients see the same status codes:

1. the body's shape (400, "Unexpected arguments: ..." for unknown keys);
2. the verb's minimum version (406 for the verbs Ironic gates that way);
3. maintenance for ``active``/``rebuild`` (400);
4. the node's state: refused verbs are 400, or 409 when the node is locked
   (it is being worked on);
5. arguments valid only with some verbs, and their own versions (400/406);
6. aborting a deploy wait needs 1.110, which we do not serve yet (406).
"""
from __future__ import annotations

import string
from typing import Any

from ironic.api import microversions as mv
from ironic.api import schemas
from ironic.api.types.allocation import RUNBOOKS
from ironic.common import exception
from ironic.common import states

V = mv.Version

VERB_VERSIONS: dict[str, V] = {
    "active": mv.MIN, "deleted": mv.MIN, "rebuild": mv.MIN, "manage": V(1, 4),
    "provide": V(1, 4), "inspect": mv.INSPECTION, "abort": V(1, 13),
    "clean": V(1, 15), "adopt": V(1, 17), "rescue": mv.RESCUE_INTERFACE,
    "unrescue": mv.RESCUE_INTERFACE, "deploy": mv.DEPLOY_VERBS,
    "undeploy": mv.DEPLOY_VERBS, "unhold": mv.UNHOLD, "service": mv.SERVICE,
}
"""Every provision verb and the version that introduced it."""

NOT_ACCEPTABLE_BELOW: frozenset[str] = frozenset({
    "manage", "provide", "inspect", "abort", "clean", "adopt", "rescue",
    "unrescue", "deploy"})
"""Verbs Ironic refuses with 406 (not 400) when the version is too old."""

REBUILD_CONFIGDRIVE = V(1, 35)
INSPECT_ABORT = V(1, 41)
BUILD_CONFIGDRIVE = V(1, 56)
CONFIGDRIVE_VENDOR_DATA = V(1, 59)
CLEAN_DISABLE_RAMDISK = V(1, 70)
SERVICE_DISABLE_RAMDISK = V(1, 108)
DEPLOYWAIT_ABORT = V(1, 110)
"""Not served yet (MAX is lower): aborting ``wait call-back`` answers 406."""

_B64 = frozenset(string.ascii_letters + string.digits + "+/=\n\r\t ")
_ALLOWED = frozenset((source, str(event)) for source, event, _ in states.TRANSITIONS)

_KEYS = ("target", "configdrive", "clean_steps", "deploy_steps", "service_steps",
         "rescue_password", "disable_ramdisk", "runbook")

_INTERFACES = ["vendor", "power", "management", "firmware", "deploy", "bios", "raid"]
_STEP = {
    "type": "object",
    "required": ["interface", "step"],
    "properties": {
        "interface": {"enum": _INTERFACES},
        "step": {"type": "string", "minLength": 1},
        "args": {"type": "object"},
        "order": {"anyOf": [{"type": "integer", "minimum": 0},
                            {"type": "string", "pattern": "^[0-9]+$"}]},
        "execute_on_child_nodes": {"type": "boolean"},
        "limit_child_node_execution": {"type": "array"},
    },
    "additionalProperties": False,
}
_DEPLOY_STEP = {
    "type": "object",
    "required": ["interface", "step", "args", "priority"],
    "properties": {
        "interface": {"enum": _INTERFACES},
        "step": {"type": "string", "minLength": 1},
        "args": {"type": "object"},
        "priority": {"anyOf": [{"type": "integer", "minimum": 0},
                               {"type": "string", "pattern": "^[0-9]+$"}]},
    },
    "additionalProperties": False,
}
STEPS = {"clean": schemas.compile({"type": "array", "items": _STEP}),
         "service": schemas.compile({"type": "array", "items": _STEP}),
         "deploy": schemas.compile({"type": "array", "items": _DEPLOY_STEP})}
CONFIGDRIVE = schemas.compile({"anyOf": [
    {"type": "object",
     "properties": {"meta_data": {"type": "object"},
                    "network_data": {"type": "object"},
                    "user_data": {"type": ["object", "array", "string", "null"]},
                    "vendor_data": {"type": "object"}},
     "additionalProperties": False},
    {"type": ["string", "null"]}]})
_TYPES: dict[str, tuple[type, ...]] = {
    "target": (str,), "configdrive": (dict, str, type(None)),
    "clean_steps": (list, type(None)), "deploy_steps": (list, type(None)),
    "service_steps": (list, type(None)), "rescue_password": (str, type(None)),
    "disable_ramdisk": (bool, type(None)), "runbook": (str, type(None)),
}


def parse_body(body: Any) -> dict[str, Any]:
    """The body as a dict with every known key (missing ones None).

    :raises: Invalid for a non-object body, unknown keys or wrong types.
    """
    if not isinstance(body, dict):
        raise exception.Invalid("The provision request body must be a JSON object")
    unexpected = sorted(k for k in body if k not in _KEYS)
    if unexpected:
        raise exception.Invalid(f"Unexpected arguments: {', '.join(unexpected)}")
    if "target" not in body:
        raise exception.Invalid("Missing mandatory parameter: target")
    for key, value in body.items():
        if not isinstance(value, _TYPES[key]):
            raise exception.Invalid(f"Invalid type for {key}: {type(value).__name__}")
    return {key: body.get(key) for key in _KEYS}


def check_verb(target: str, version: V) -> None:
    """The verb's own version gate (406 where Ironic uses it)."""
    since = VERB_VERSIONS.get(target)
    if since is not None and since > version and target in NOT_ACCEPTABLE_BELOW:
        raise exception.NotAcceptable()


def check_state(node: Any, target: str, version: V) -> None:
    """Refuse a verb the node's state cannot take (400; 409 while locked).

    :raises: InvalidStateRequested, NodeLocked
    """
    since = VERB_VERSIONS.get(target)
    event = states.VERBS.get(target)
    if (since is None or since > version or event is None
            or (node.provision_state, event) not in _ALLOWED):
        if node.reservation:
            raise exception.NodeLocked(node=node.uuid, host=node.reservation)
        raise exception.InvalidStateRequested(action=target, node=node.uuid,
                                              state=node.provision_state)


def check_arguments(node: Any, body: dict[str, Any], version: V) -> None:
    """Arguments that only some verbs take, and their versions.

    :raises: Invalid (400), NotAcceptable (406)
    """
    target = body["target"]
    _check_configdrive(target, body["configdrive"], version)
    _check_disable_ramdisk(target, body["disable_ramdisk"], version)
    _only_with(body, "clean_steps", ("clean",))
    if body["deploy_steps"]:
        if version < mv.DEPLOY_STEPS_ON_PROVISION:
            raise exception.NotAcceptable(
                f"Request not acceptable. The minimal required API version "
                f"should be {mv.DEPLOY_STEPS_ON_PROVISION}")
        _only_with(body, "deploy_steps", ("active", "rebuild"))
    if body["rescue_password"] is not None and target != "rescue":
        raise exception.Invalid('"rescue_password" is only valid when setting '
                                'target provision state to rescue')
    if target == "abort":
        if node.provision_state == states.INSPECTWAIT and version < INSPECT_ABORT:
            raise exception.NotAcceptable()
        if node.provision_state == states.DEPLOYWAIT and version < DEPLOYWAIT_ABORT:
            raise exception.NotAcceptable()
    _only_with(body, "service_steps", ("service",))
    _check_runbook(body, version)


def _check_runbook(body: dict[str, Any], version: V) -> None:
    if not body["runbook"]:
        return
    if version < RUNBOOKS:
        raise exception.NotAcceptable()
    _only_with(body, "runbook", ("clean", "service"))
    steps_key = f"{body['target']}_steps"
    if body[steps_key]:
        raise exception.Invalid(f'"runbook" and "{steps_key}" cannot be '
                                f'requested together')


def _only_with(body: dict[str, Any], key: str, targets: tuple[str, ...]) -> None:
    if body[key] and body["target"] not in targets:
        raise exception.Invalid(f'"{key}" is only valid when setting target '
                                f'provision state to {" or ".join(targets)}')


def _check_configdrive(target: str, value: Any, version: V) -> None:
    if not value:
        return
    allowed = ("active", "rebuild") if version >= REBUILD_CONFIGDRIVE else ("active",)
    if target not in allowed:
        raise exception.Invalid("Adding a config drive is only supported when "
                                f"setting provision state to {', '.join(allowed)}")
    schemas.validate(CONFIGDRIVE, value, "configdrive")
    if isinstance(value, dict):
        if version < BUILD_CONFIGDRIVE:
            raise exception.Invalid("Providing a JSON object for configdrive is only "
                                    f"supported starting with API version "
                                    f"{BUILD_CONFIGDRIVE}")
        if "vendor_data" in value and version < CONFIGDRIVE_VENDOR_DATA:
            raise exception.Invalid("Providing vendor_data in configdrive is only "
                                    f"supported starting with API version "
                                    f"{CONFIGDRIVE_VENDOR_DATA}")
    elif "://" not in value and set(value) - _B64:
        raise exception.Invalid("Invalid configdrive format: it is neither a JSON, "
                                "nor a URL, nor a base64 string")


def _check_disable_ramdisk(target: str, value: Any, version: V) -> None:
    if value is None:
        return
    if target == "clean":
        if version < CLEAN_DISABLE_RAMDISK:
            raise exception.NotAcceptable("disable_ramdisk is not acceptable in "
                                          "this API version")
        return
    if target == "service":
        if version < SERVICE_DISABLE_RAMDISK:
            raise exception.NotAcceptable("disable_ramdisk is not acceptable in "
                                          "this API version")
        return
    raise exception.Invalid("disable_ramdisk is supported only with manual "
                            "cleaning or servicing")


def check_steps(body: dict[str, Any]) -> None:
    """Required step lists and their shape, per verb.

    :raises: Invalid
    """
    target = body["target"]
    for verb, key in (("clean", "clean_steps"), ("service", "service_steps")):
        if target == verb and not body["runbook"]:
            if not body[key]:
                raise exception.Invalid(f'"{key}" is required when setting target '
                                        f'provision state to {verb}')
            _validate_steps(verb, body[key])
    if target in ("active", "rebuild", "deploy") and body["deploy_steps"]:
        _validate_steps("deploy", body["deploy_steps"])
    if target == "rescue" and not (body["rescue_password"] or "").strip():
        raise exception.Invalid('A non-empty "rescue_password" is required when '
                                'setting target provision state to rescue')


def _validate_steps(kind: str, value: list[Any]) -> None:
    error = next(iter(STEPS[kind].iter_errors(value)), None)
    if error is not None:
        raise exception.Invalid(f"Invalid {kind}_steps: {error.message}")
