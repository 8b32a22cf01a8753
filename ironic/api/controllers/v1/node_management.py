"""Node sub-resources for operators: maintenance, management, validate, traits, VIFs."""
from __future__ import annotations

from typing import Any, ClassVar

import pecan
from pecan import rest

from ironic.api import collection, expose, loaders, policy
from ironic.api import microversions as mv
from ironic.api.controllers.v1 import node_hardware
from ironic.common import exception

_TRAIT_PATTERN = "^[A-Z0-9_]+$"
_TRAIT_MAX = 255


def _topic(node: Any) -> str:
    return pecan.request.rpcapi.get_topic_for(node)


def _check_trait(trait: Any) -> str:
    if (not isinstance(trait, str) or not trait or len(trait) > _TRAIT_MAX
            or not (trait.startswith("CUSTOM_") or trait.isupper())):
        raise exception.Invalid(f"Invalid trait {trait!r}: a trait is a standard "
                                "os-traits name or starts with CUSTOM_")
    return trait


def _check_vif_target(node: Any, body: dict[str, Any]) -> None:
    """A requested port/portgroup must exist and belong to the node."""
    for key, load in (("port_uuid", loaders.port), ("portgroup_uuid", loaders.portgroup)):
        ident = body.get(key)
        if ident is None:
            continue
        if not isinstance(ident, str):
            raise exception.Invalid(f"Schema error for vif: '{key}' must be a string")
        if load(ident).node_id != node.id:
            raise exception.InvalidParameterValue(
                err=f"{key} {ident} does not belong to node {node.uuid}")


class NodeMaintenanceController(rest.RestController):
    """``PUT/DELETE .../maintenance``: enter or leave maintenance (202)."""

    def _set(self, node_ident: str, on: bool, reason: str | None) -> None:
        node = loaders.node(node_ident)
        node.maintenance = on
        node.maintenance_reason = reason
        if not on:
            node.fault = None
        rpcapi = pecan.request.rpcapi
        try:
            topic = rpcapi.get_topic_for(node)
        except exception.NoValidHost:
            node.save()  # no conductor can take it; a plain DB edit is enough
            return
        rpcapi.update_node(pecan.request.context, node, topic=topic)

    @expose.json(status=202)
    def put(self, node_ident: str, **params: Any) -> None:
        policy.authorize("baremetal:node:set_maintenance")
        reason = params.get("reason")
        raw = pecan.request.body
        if raw:
            body = expose.body()
            if not isinstance(body, dict) or set(body) - {"reason"}:
                raise exception.Invalid("Schema error for maintenance: the body must "
                                        "be an object with an optional 'reason'")
            if body.get("reason") is not None:
                if not isinstance(body["reason"], str):
                    raise exception.Invalid("Schema error for maintenance: 'reason' "
                                            "must be a string")
                reason = body["reason"]
        self._set(node_ident, True, reason)

    @expose.json(status=202)
    def delete(self, node_ident: str) -> None:
        policy.authorize("baremetal:node:clear_maintenance")
        self._set(node_ident, False, None)


class BootDeviceController(rest.RestController):
    """``GET/PUT .../management/boot_device`` and ``.../supported``."""

    _custom_actions: ClassVar[dict[str, list[str]]] = {"supported": ["GET"]}

    @expose.json()
    def get(self, node_ident: str) -> dict[str, Any]:
        policy.authorize("baremetal:node:get_boot_device")
        node = loaders.node(node_ident)
        return pecan.request.rpcapi.get_boot_device(pecan.request.context, node.uuid,
                                                    topic=_topic(node))

    @expose.json(status=204)
    def put(self, node_ident: str) -> None:
        policy.authorize("baremetal:node:set_boot_device")
        body = expose.body()
        if not isinstance(body, dict) or not isinstance(body.get("boot_device"), str):
            raise exception.Invalid("Schema error: 'boot_device' is a required property")
        unknown = sorted(set(body) - {"boot_device", "persistent"})
        if unknown:
            raise exception.Invalid(f"Unexpected arguments: {', '.join(unknown)}")
        persistent = collection.as_bool("persistent", body.get("persistent", False))
        node = loaders.node(node_ident)
        pecan.request.rpcapi.set_boot_device(
            pecan.request.context, node.uuid, body["boot_device"],
            persistent=persistent, topic=_topic(node))

    @expose.json()
    def supported(self, node_ident: str) -> dict[str, Any]:
        policy.authorize("baremetal:node:get_boot_device")
        node = loaders.node(node_ident)
        devices = pecan.request.rpcapi.get_supported_boot_devices(
            pecan.request.context, node.uuid, topic=_topic(node))
        return {"supported_boot_devices": list(devices)}


class InjectNmiController(rest.RestController):
    """``PUT .../management/inject_nmi`` (1.29, 204)."""

    @expose.json(status=204)
    def put(self, node_ident: str) -> None:
        policy.authorize("baremetal:node:inject_nmi")
        mv.require(mv.INJECT_NMI)
        node = loaders.node(node_ident)
        pecan.request.rpcapi.inject_nmi(pecan.request.context, node.uuid,
                                        topic=_topic(node))


class NodeManagementController(rest.RestController):
    """``/v1/nodes/{node}/management``."""

    boot_device = BootDeviceController()
    inject_nmi = InjectNmiController()
    indicators = node_hardware.IndicatorController()

    @expose.json()
    def get(self, node_ident: str) -> dict[str, Any]:
        loaders.node(node_ident)
        return {}


class NodeValidateController(rest.RestController):
    """``GET .../validate``: ask each interface whether it is usable."""

    @expose.json()
    def get(self, node_ident: str) -> dict[str, Any]:
        policy.authorize("baremetal:node:validate")
        node = loaders.node(node_ident)
        return pecan.request.rpcapi.validate_driver_interfaces(
            pecan.request.context, node.uuid, topic=_topic(node))


class NodeTraitsController(rest.RestController):
    """``/v1/nodes/{node}/traits`` (1.37)."""

    @expose.json()
    def get_all(self, node_ident: str) -> dict[str, Any]:
        policy.authorize("baremetal:node:traits:list")
        mv.require(mv.TRAITS)
        node = loaders.node(node_ident)
        traits = node.traits if node.obj_attr_is_set("traits") and node.traits else []
        return {"traits": [t.trait for t in traits]}

    @expose.json(status=204)
    def put(self, node_ident: str, trait: str | None = None) -> None:
        """Set all traits (body ``{"traits": [...]}``) or add one (URL)."""
        policy.authorize("baremetal:node:traits:set")
        mv.require(mv.TRAITS)
        if trait is None:
            body = expose.body()
            traits = body.get("traits") if isinstance(body, dict) else None
            if not isinstance(traits, list):
                raise exception.Invalid("Schema error for traits: 'traits' is a "
                                        "required list")
            replace = True
        else:
            traits, replace = [trait], False
        names = [_check_trait(t) for t in traits]
        node = loaders.node(node_ident)
        pecan.request.rpcapi.add_node_traits(pecan.request.context, node.id, names,
                                             replace=replace, topic=_topic(node))
        if trait is not None:
            pecan.response.location = (
                f"{pecan.request.host_url}/v1/nodes/{node.uuid}/traits/{trait}")

    @expose.json(status=204)
    def delete(self, node_ident: str, trait: str | None = None) -> None:
        """Remove one trait, or all of them."""
        policy.authorize("baremetal:node:traits:delete")
        mv.require(mv.TRAITS)
        node = loaders.node(node_ident)
        pecan.request.rpcapi.remove_node_traits(
            pecan.request.context, node.id, None if trait is None else [trait],
            topic=_topic(node))


class NodeVifsController(rest.RestController):
    """``/v1/nodes/{node}/vifs`` (1.28)."""

    @expose.json()
    def get_all(self, node_ident: str) -> dict[str, Any]:
        policy.authorize("baremetal:node:vif:list")
        mv.require(mv.VIFS)
        node = loaders.node(node_ident)
        vifs = pecan.request.rpcapi.vif_list(pecan.request.context, node.uuid,
                                             topic=_topic(node))
        return {"vifs": list(vifs)}

    @expose.json(status=204)
    def post(self, node_ident: str) -> None:
        policy.authorize("baremetal:node:vif:attach")
        mv.require(mv.VIFS)
        body = expose.body()
        if not isinstance(body, dict) or not isinstance(body.get("id"), str):
            raise exception.Invalid("Schema error for vif: 'id' is a required property")
        if ({"port_uuid", "portgroup_uuid"} & set(body)) and not mv.supports(mv.VIF_PORT_UUID):
            raise exception.NotAcceptable()
        if not body["id"]:
            raise exception.Invalid("Expected UUID or name for id: ")
        if body.get("port_uuid") is not None and body.get("portgroup_uuid") is not None:
            raise exception.Invalid("Cannot specify both port_uuid and portgroup_uuid")
        node = loaders.node(node_ident)
        _check_vif_target(node, body)
        pecan.request.rpcapi.vif_attach(pecan.request.context, node.uuid, vif_info=body,
                                        topic=_topic(node))

    @expose.json(status=204)
    def delete(self, node_ident: str, vif_id: str) -> None:
        policy.authorize("baremetal:node:vif:detach")
        mv.require(mv.VIFS)
        node = loaders.node(node_ident)
        pecan.request.rpcapi.vif_detach(pecan.request.context, node.uuid, vif_id,
                                        topic=_topic(node))
