"""The ramdisk agent's public endpoints (no authentication, as in Ironic).

* ``GET /v1/lookup`` (1.22): find the node the agent runs on by its MAC
  addresses or UUID, in the states where an agent is expected, and hand out
  the node's agent token with the agent's configuration;
* ``POST /v1/heartbeat/{node}`` (1.22): the agent's check-in, passed to the
  conductor's ``heartbeat``;
* ``POST /v1/continue_inspection`` (1.84): the inventory collected by the
  agent, stored and inspection finished by the conductor.
"""
from __future__ import annotations

from typing import Any

import pecan
from oslo_utils import uuidutils
from pecan import rest

from ironic import objects
from ironic.api import expose, links, loaders, policy, schemas
from ironic.api import microversions as mv
from ironic.api.convert import secrets
from ironic.common import exception
from ironic.common import states

LOOKUP_ALLOWED_STATES = frozenset({
    states.DEPLOYING, states.DEPLOYWAIT, states.CLEANING, states.CLEANWAIT,
    states.INSPECTING, states.INSPECTWAIT, states.RESCUING, states.RESCUEWAIT,
    states.SERVICING, states.SERVICEWAIT,
})
"""States in which an agent may look its node up (Ironic's restricted lookup)."""

HEARTBEAT_TIMEOUT_S = 300
"""How often the agent is told to heartbeat at most (Ironic's default)."""

_HEARTBEAT_FIELDS = (("agent_version", mv.AGENT_VERSION), ("agent_token", mv.AGENT_TOKEN),
                     ("agent_verify_ca", mv.AGENT_VERIFY_CA),
                     ("agent_status", mv.AGENT_STATUS),
                     ("agent_status_message", mv.AGENT_STATUS))
"""Optional heartbeat fields with the version that added each."""

_INSPECTION_DATA = schemas.compile({
    "type": "object",
    "properties": {"inventory": {"type": "object"}},
    "required": ["inventory"],
})


def agent_config(token: str | None) -> dict[str, Any]:
    """The configuration handed to the agent along with its node."""
    return {
        "metrics": {"backend": "noop", "prepend_host": False, "prepend_uuid": False,
                    "prepend_host_reverse": True, "global_prefix": None},
        "metrics_statsd": {"statsd_host": "localhost", "statsd_port": 8125},
        "heartbeat_timeout": HEARTBEAT_TIMEOUT_S,
        "agent_token": token,
        "agent_token_required": True,
    }


def _render_lookup(node: Any) -> dict[str, Any]:
    internal = dict(node.driver_internal_info or {})
    token = internal.pop("agent_secret_token", None)
    return {"node": {"uuid": node.uuid,
                     "properties": node.properties,
                     "instance_info": secrets.mask(node.instance_info or {}),
                     "driver_internal_info": secrets.mask(internal),
                     "links": links.pair(links.base_url(), "nodes", node.uuid)},
            "config": agent_config(token)}


def _mac_list(addresses: str | None) -> list[str]:
    """Valid MAC addresses of a comma-separated list (invalid ones are skipped)."""
    result = []
    for address in (addresses or "").split(","):
        address = address.strip().lower()
        parts = address.replace("-", ":").split(":")
        if len(parts) == 6 and all(len(p) == 2 and _is_hex(p) for p in parts):
            result.append(":".join(parts))
    return result


def _is_hex(text: str) -> bool:
    try:
        int(text, 16)
    except ValueError:
        return False
    return True


class LookupController(rest.RestController):
    """``GET /v1/lookup?addresses=...&node_uuid=...``."""

    @expose.json()
    def get_all(self, **params: Any) -> dict[str, Any]:
        """The node and agent configuration for an agent in an allowed state."""
        if not mv.supports(mv.RAMDISK_API):
            raise exception.NotFound()
        policy.authorize("baremetal:driver:ipa_lookup")
        addresses = _mac_list(params.get("addresses"))
        node_uuid = params.get("node_uuid")
        if not addresses and not node_uuid:
            raise exception.Invalid(
                "At least one of 'addresses' and 'node_uuid' parameters is required")
        context = pecan.request.context
        try:
            if node_uuid:
                if not uuidutils.is_uuid_like(node_uuid):
                    raise exception.InvalidUUID(uuid=node_uuid)
                node = objects.Node.get_by_uuid(context, node_uuid)
            else:
                node = objects.Node.get_by_port_addresses(context, addresses)
        except exception.NodeNotFound:
            raise exception.NotFound() from None
        if node.provision_state not in LOOKUP_ALLOWED_STATES:
            raise exception.NotFound()
        node = pecan.request.rpcapi.get_node_with_token(context, node.uuid)
        return _render_lookup(node)


class HeartbeatController(rest.RestController):
    """``POST /v1/heartbeat/{node}``."""

    @expose.json(status=202)
    def post(self, node_ident: str) -> None:
        """Pass the agent's heartbeat to the node's conductor."""
        if not mv.supports(mv.RAMDISK_API):
            raise exception.NotFound()
        policy.authorize("baremetal:node:ipa_heartbeat")
        data = expose.body()
        if not isinstance(data, dict):
            raise exception.Invalid("The heartbeat body must be a JSON object")
        agent = _heartbeat_fields(data)
        node = loaders.node(node_ident)
        stored = (node.driver_internal_info or {}).get("agent_secret_token")
        if not stored or agent.get("agent_token") != stored:
            raise exception.InvalidParameterValue(
                "Invalid or missing agent token received.")
        pecan.request.rpcapi.heartbeat(pecan.request.context, node.uuid,
                                       data["callback_url"], **agent)


def _heartbeat_fields(data: dict[str, Any]) -> dict[str, Any]:
    """Check the heartbeat body against the request's version.

    :raises: MissingParameterValue, InvalidParameterValue (400).
    """
    if not data.get("callback_url"):
        raise exception.MissingParameterValue("Missing mandatory parameter: callback_url")
    for name, since in _HEARTBEAT_FIELDS:
        if data.get(name) is not None and not mv.supports(since):
            raise exception.InvalidParameterValue(f"Field '{name}' not recognised")
    unknown = set(data) - {"callback_url"} - {name for name, _ in _HEARTBEAT_FIELDS}
    if unknown:
        raise exception.InvalidParameterValue(
            f"Unknown heartbeat fields: {', '.join(sorted(unknown))}")
    if not data.get("agent_token"):
        raise exception.InvalidParameterValue(
            "Agent token is required for heartbeat processing.")
    if not data.get("agent_version"):
        raise exception.InvalidParameterValue(
            "Agent did not transmit a version, and a version is required. "
            "Please update the agent being used.")
    return {name: data.get(name) for name, _ in _HEARTBEAT_FIELDS}


class ContinueInspectionController(rest.RestController):
    """``POST /v1/continue_inspection[?node_uuid=...]``."""

    @expose.json(status=202)
    def post(self, **params: Any) -> dict[str, Any]:
        """Store the agent's inventory and finish the node's inspection."""
        if not mv.supports(mv.CONTINUE_INSPECTION):
            raise exception.NotFound()
        policy.authorize("baremetal:driver:ipa_continue_inspection")
        data = expose.body()
        schemas.validate(_INSPECTION_DATA, data, "data")
        inventory = data.pop("inventory")
        node = _inspected_node(inventory, params.get("node_uuid"))
        pecan.request.rpcapi.continue_inspection(pecan.request.context, node.uuid,
                                                 inventory, data)
        return {"uuid": node.uuid}


def _inspected_node(inventory: dict[str, Any], node_uuid: str | None) -> Any:
    """The node in ``inspect wait`` the inventory belongs to.

    Looked up by UUID when given, else by the MAC addresses of the inventory's
    interfaces, else by its BMC address.

    :raises: NotFound (404)
    """
    context = pecan.request.context
    try:
        if node_uuid:
            node = objects.Node.get_by_uuid(context, node_uuid)
        else:
            node = _node_by_inventory(context, inventory)
    except exception.NodeNotFound:
        raise exception.NotFound() from None
    if node is None or node.provision_state not in (states.INSPECTWAIT,
                                                    states.INSPECTING):
        raise exception.NotFound()
    return node


def _node_by_inventory(context: Any, inventory: dict[str, Any]) -> Any:
    interfaces = inventory.get("interfaces") or []
    macs = _mac_list(",".join(str(i.get("mac_address") or "") for i in interfaces
                              if isinstance(i, dict)))
    if macs:
        try:
            return objects.Node.get_by_port_addresses(context, macs)
        except exception.NodeNotFound:
            pass
    bmcs = {str(inventory.get(k)) for k in ("bmc_address", "bmc_v6address")
            if inventory.get(k) and inventory.get(k) not in ("0.0.0.0", "::/0")}
    if not bmcs:
        return None
    waiting = objects.Node.list(context, filters={"provision_state": states.INSPECTWAIT})
    found = [n for n in waiting if _bmc_host(n) in bmcs]
    return found[0] if len(found) == 1 else None


def _bmc_host(node: Any) -> str | None:
    """The host part of the node's BMC address (``*_address`` in driver_info)."""
    for key, value in (node.driver_info or {}).items():
        if key.endswith("_address") and isinstance(value, str) and value:
            host = value.split("://", 1)[-1].split("/", 1)[0]
            if host.startswith("["):
                return host[1:].split("]", 1)[0]
            return host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    return None
