"""``/v1/nodes/{node}/states``: power, provision, RAID, console, boot mode."""
from __future__ import annotations

from typing import Any

import pecan
from pecan import rest

from ironic.api import collection, expose, loaders, policy
from ironic.api import microversions as mv
from ironic.api.controllers.v1 import runbooks
from ironic.api.convert import node as convert
from ironic.api.schemas import provision
from ironic.common import exception, states

_POWER_TARGETS: dict[str, mv.Version] = {
    states.POWER_ON: mv.MIN, states.POWER_OFF: mv.MIN, states.REBOOT: mv.MIN,
    states.SOFT_REBOOT: mv.SOFT_POWER, states.SOFT_POWER_OFF: mv.SOFT_POWER,
}
_MAX_TIMEOUT = 2 ** 31 - 1
"""Largest power timeout (seconds) accepted."""
def _target(body: Any) -> str:
    if not isinstance(body, dict) or not isinstance(body.get("target"), str):
        raise exception.Invalid("Schema error for states: 'target' is a required property")
    return body["target"]


class NodePowerController(rest.RestController):
    """``PUT .../states/power``: change the power state (202)."""

    @expose.json(status=202)
    def put(self, node_ident: str) -> None:
        policy.authorize("baremetal:node:set_power_state")
        body = expose.body()
        target = _target(body)
        version = mv.requested()
        node = loaders.node(node_ident)
        if target not in _POWER_TARGETS or _POWER_TARGETS[target] > version:
            raise exception.InvalidStateRequested(action=target, node=node_ident,
                                                  state=node.power_state)
        timeout = body.get("timeout")
        if timeout is not None:
            mv.require(mv.SOFT_POWER)
            if (not isinstance(timeout, int) or isinstance(timeout, bool)
                    or not 1 <= timeout <= _MAX_TIMEOUT):
                raise exception.Invalid(f"Invalid timeout value {timeout}; it must be "
                                        "a positive integer")
        rpcapi = pecan.request.rpcapi
        rpcapi.change_node_power_state(pecan.request.context, node.uuid, target,
                                       topic=rpcapi.get_topic_for(node), timeout=timeout)
        pecan.response.location = f"{pecan.request.host_url}/v1/nodes/{node.uuid}/states"


class NodeProvisionController(rest.RestController):
    """``PUT .../states/provision``: deploy, clean, manage, ... (202).

    The checks and their order follow Ironic (see :mod:`schemas.provision`);
    the conductor validates against the driver and queues the work.
    """

    @expose.json(status=202)
    def put(self, node_ident: str) -> None:
        policy.authorize("baremetal:node:set_provision_state")
        body = provision.parse_body(expose.body())
        target, version = body["target"], mv.requested()
        node = loaders.node(node_ident)
        provision.check_verb(target, version)
        if target in ("active", "rebuild") and node.maintenance:
            raise exception.NodeInMaintenance(op="provisioning", node=node.uuid)
        provision.check_state(node, target, version)
        provision.check_arguments(node, body, version)
        provision.check_steps(body)
        if body["runbook"]:
            _use_runbook(node, body)
        rpcapi = pecan.request.rpcapi
        _dispatch(rpcapi, node, body, topic=rpcapi.get_topic_for(node))
        pecan.response.location = f"{pecan.request.host_url}/v1/nodes/{node.uuid}/states"


def _use_runbook(node: Any, body: dict[str, Any]) -> None:
    """Replace ``runbook`` by its steps (in ``order``) and ``disable_ramdisk``.

    :raises: RunbookNotFound (404), Invalid (400) if not one of the node's traits.
    """
    runbook = runbooks.for_node(node, body["runbook"])
    body[f"{body['target']}_steps"] = runbook.ordered_steps()
    if body["disable_ramdisk"] is None:
        body["disable_ramdisk"] = runbook.disable_ramdisk


def _dispatch(rpcapi: Any, node: Any, body: dict[str, Any], *, topic: str) -> None:
    """Call the conductor method that implements the provision verb."""
    context, uuid, target = pecan.request.context, node.uuid, body["target"]
    if target in ("active", "deploy", "rebuild"):
        rpcapi.do_node_deploy(context, uuid, rebuild=target == "rebuild",
                              configdrive=body["configdrive"], topic=topic,
                              deploy_steps=body["deploy_steps"])
    elif target in ("deleted", "undeploy"):
        rpcapi.do_node_tear_down(context, uuid, topic=topic)
    elif target == "inspect":
        rpcapi.inspect_hardware(context, uuid, topic=topic)
    elif target == "clean":
        rpcapi.do_node_clean(context, uuid, body["clean_steps"],
                             disable_ramdisk=body["disable_ramdisk"], topic=topic)
    elif target == "service":
        rpcapi.do_node_service(context, uuid, body["service_steps"],
                               disable_ramdisk=body["disable_ramdisk"], topic=topic)
    elif target == "rescue":
        rpcapi.do_node_rescue(context, uuid, body["rescue_password"], topic=topic)
    elif target == "unrescue":
        rpcapi.do_node_unrescue(context, uuid, topic=topic)
    else:
        rpcapi.do_provisioning_action(context, uuid, target, topic=topic)


class NodeRaidController(rest.RestController):
    """``PUT .../states/raid``: set the target RAID configuration (204)."""

    @expose.json(status=204)
    def put(self, node_ident: str) -> None:
        policy.authorize("baremetal:node:set_raid_state")
        mv.require(mv.RAID)
        body = expose.body()
        if not isinstance(body, dict):
            raise exception.Invalid("The RAID configuration must be a JSON object")
        node = loaders.node(node_ident)
        rpcapi = pecan.request.rpcapi
        rpcapi.set_target_raid_config(pecan.request.context, node.uuid, body,
                                      topic=rpcapi.get_topic_for(node))


class NodeConsoleController(rest.RestController):
    """``GET/PUT .../states/console``: console information and switch."""

    @expose.json()
    def get(self, node_ident: str) -> dict[str, Any]:
        policy.authorize("baremetal:node:get_console")
        node = loaders.node(node_ident)
        rpcapi = pecan.request.rpcapi
        try:
            info = rpcapi.get_console_information(pecan.request.context, node.uuid,
                                                  topic=rpcapi.get_topic_for(node))
        except exception.NodeConsoleNotEnabled:
            info = None
        return {"console_enabled": bool(node.console_enabled), "console_info": info}

    @expose.json(status=202)
    def put(self, node_ident: str) -> None:
        policy.authorize("baremetal:node:set_console_state")
        body = expose.body()
        enabled = body.get("enabled") if isinstance(body, dict) else None
        if not isinstance(enabled, bool):
            raise exception.Invalid("Schema error for console: 'enabled' must be a boolean")
        node = loaders.node(node_ident)
        rpcapi = pecan.request.rpcapi
        rpcapi.set_console_mode(pecan.request.context, node.uuid, enabled,
                                topic=rpcapi.get_topic_for(node))


def _boot_setting_target(body: Any) -> Any:
    """The ``target`` of a boot mode / secure boot body (nothing else allowed)."""
    if not isinstance(body, dict) or "target" not in body:
        raise exception.Invalid("Missing mandatory parameter: target")
    extra = sorted(k for k in body if k != "target")
    if extra:
        raise exception.Invalid(f"Unexpected arguments: {', '.join(map(str, extra))}")
    return body["target"]


def _boot_mode(value: Any) -> str:
    if value not in _BOOT_MODES:
        raise exception.Invalid(f"Invalid boot mode {value} requested for node. "
                                f"Allowed boot modes are: {', '.join(_BOOT_MODES)}")
    return str(value)


def _secure_boot(value: Any) -> bool:
    if isinstance(value, (dict, list)) or value is None:
        raise exception.Invalid(f"Invalid target: {value!r} is not a boolean")
    return collection.as_bool("target", value)


_BOOT_MODES = ("bios", "uefi")
"""Boot modes the API accepts (a driver may support fewer)."""


class _BootSettingController(rest.RestController):
    """Shared shape of ``.../states/boot_mode`` and ``.../states/secure_boot``
    (1.76, 202): one ``target`` parsed by ``parse``, one RPC call."""

    rpc_method = ""
    rule = ""

    @staticmethod
    def parse(value: Any) -> Any:
        raise NotImplementedError

    @expose.json(status=202)
    def put(self, node_ident: str) -> None:
        policy.authorize(self.rule)
        if not mv.supports(mv.CHANGE_BOOT_MODE):
            raise exception.NotFound("This endpoint is supported starting with the "
                                     f"API version {mv.CHANGE_BOOT_MODE}")
        target = self.parse(_boot_setting_target(expose.body()))
        node = loaders.node(node_ident)
        rpcapi = pecan.request.rpcapi
        getattr(rpcapi, self.rpc_method)(pecan.request.context, node.uuid, target,
                                         topic=rpcapi.get_topic_for(node))
        pecan.response.location = f"{pecan.request.host_url}/v1/nodes/{node.uuid}/states"


class NodeBootModeController(_BootSettingController):
    """``PUT .../states/boot_mode``: switch between ``bios`` and ``uefi``."""

    rpc_method = "set_boot_mode"
    rule = "baremetal:node:set_boot_mode"
    parse = staticmethod(_boot_mode)


class NodeSecureBootController(_BootSettingController):
    """``PUT .../states/secure_boot``: turn UEFI secure boot on or off."""

    rpc_method = "set_secure_boot_state"
    rule = "baremetal:node:set_secure_boot"
    parse = staticmethod(_secure_boot)


class NodeStatesController(rest.RestController):
    """``GET /v1/nodes/{node}/states`` and the state-changing sub-resources."""

    power = NodePowerController()
    provision = NodeProvisionController()
    raid = NodeRaidController()
    console = NodeConsoleController()
    boot_mode = NodeBootModeController()
    secure_boot = NodeSecureBootController()

    @expose.json()
    def get(self, node_ident: str) -> dict[str, Any]:
        """The node's power, provision, RAID and boot states."""
        policy.authorize("baremetal:node:get_states")
        return convert.states_to_api(loaders.node(node_ident), mv.requested())
