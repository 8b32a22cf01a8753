"""Node hardware the BMC exposes: virtual media (``/v1/nodes/{node}/vmedia``,
1.89, GET 1.93) and indicators (``.../management/indicators``, 1.63).

Indicators are named ``<indicator>@<component>`` in URLs and answers, as in
Ironic (``led@system``).
"""
from __future__ import annotations

import urllib.parse
from typing import Any

import pecan
from pecan import rest

from ironic.api import collection, expose, links, loaders, policy, schemas
from ironic.api import microversions as mv
from ironic.common import exception

VMEDIA_DEVICES = ("disk", "cdrom", "floppy")
"""Device types a virtual media attachment may name."""
VMEDIA_URL_SCHEMES = ("http", "https", "nfs", "cifs", "smb")
"""URL schemes Ironic accepts for a virtual media image."""

VMEDIA_ATTACH = schemas.compile({
    "type": "object",
    "properties": {
        "device_type": {"type": "string", "enum": list(VMEDIA_DEVICES)},
        "image_url": {"type": "string"},
        "image_download_source": {"type": "string", "enum": ["http", "local", "swift"]},
    },
    "required": ["device_type", "image_url"],
    "additionalProperties": False,
})
INDICATOR_PUT = schemas.compile({
    "type": "object",
    "properties": {"state": {"type": "string"}},
    "required": ["state"],
    "additionalProperties": False,
})


def _topic(node: Any) -> str:
    return pecan.request.rpcapi.get_topic_for(node)


def _gate(version: mv.Version) -> None:
    """These routes do not exist before ``version``: 404, as in Ironic."""
    if not mv.supports(version):
        raise exception.NotFound("The API is not supported for this version")


def _check_image_url(url: str) -> None:
    scheme = urllib.parse.urlparse(url).scheme
    if scheme not in VMEDIA_URL_SCHEMES:
        raise exception.Invalid(f"Unsupported or missing URL scheme: {scheme}")


def _device_types(value: str | None) -> list[str] | None:
    if not value:
        return None
    types = [t.strip() for t in value.split(",") if t.strip()]
    invalid = [t for t in types if t not in VMEDIA_DEVICES]
    if invalid:
        raise exception.Invalid(f"Invalid device type(s) {', '.join(invalid)} "
                                f"(valid are {', '.join(VMEDIA_DEVICES)})")
    return types or None


class NodeVmediaController(rest.RestController):
    """``GET/POST/DELETE /v1/nodes/{node}/vmedia``."""

    @expose.json()
    def get_all(self, node_ident: str) -> Any:
        """The node's virtual media slots (1.93)."""
        _gate(mv.VMEDIA_GET)
        policy.authorize("baremetal:node:vmedia:get")
        node = loaders.node(node_ident)
        return pecan.request.rpcapi.get_virtual_media(pecan.request.context, node.uuid,
                                                      topic=_topic(node))

    @expose.json(status=204)
    def post(self, node_ident: str) -> None:
        """Attach an image as a virtual device (body ``device_type``,
        ``image_url``, optional ``image_download_source``)."""
        _gate(mv.VMEDIA)
        body = expose.body()
        schemas.validate(VMEDIA_ATTACH, body, "vmedia")
        _check_image_url(body["image_url"])
        policy.authorize("baremetal:node:vmedia:attach")
        node = loaders.node(node_ident)
        pecan.request.rpcapi.attach_virtual_media(
            pecan.request.context, node.uuid, device_type=body["device_type"],
            image_url=body["image_url"],
            image_download_source=body.get("image_download_source", "local"),
            topic=_topic(node))

    @expose.json(status=204)
    def delete(self, node_ident: str, device_types: str | None = None) -> None:
        """Detach virtual media, of ``?device_types=a,b`` only when given."""
        _gate(mv.VMEDIA)
        types = _device_types(device_types)
        policy.authorize("baremetal:node:vmedia:detach")
        node = loaders.node(node_ident)
        pecan.request.rpcapi.detach_virtual_media(
            pecan.request.context, node.uuid, device_types=types, topic=_topic(node))


def _split_indicator(ident: str) -> tuple[str, str]:
    """``led@system`` -> ``("system", "led")``.

    :raises: InvalidParameterValue without a component.
    """
    name, sep, component = ident.rpartition("@")
    if not sep or not name or not component:
        raise exception.InvalidParameterValue(
            err=f"Missing component in indicator name {ident!r}; expected "
                f"<indicator>@<component>")
    return component, name


def _render_indicator(node_uuid: str, component: str, name: str,
                      fields: dict[str, Any], base: str) -> dict[str, Any]:
    unique = f"{name}@{component}"
    return {"name": unique, "component": component,
            "readonly": fields.get("readonly", True),
            "states": list(fields.get("states", [])),
            "links": links.pair(base, "nodes",
                                f"{node_uuid}/management/indicators/{unique}")}


class IndicatorController(rest.RestController):
    """``/v1/nodes/{node}/management/indicators[/{indicator@component}]``."""

    @expose.json()
    def get_all(self, node_ident: str, **params: Any) -> dict[str, Any]:
        """Every indicator of every component."""
        _gate(mv.INDICATORS)
        collection.check_params(params, ())
        policy.authorize("baremetal:node:get_indicator_state")
        node = loaders.node(node_ident)
        found = pecan.request.rpcapi.get_supported_indicators(
            pecan.request.context, node.uuid, topic=_topic(node))
        base = links.base_url()
        return {"indicators": [
            _render_indicator(node.uuid, component, name, fields, base)
            for component, names in found.items() for name, fields in names.items()]}

    @expose.json()
    def get_one(self, node_ident: str, indicator: str) -> dict[str, Any]:
        """``{"state": "ON" | "OFF" | "BLINKING" | "UNKNOWN"}``."""
        _gate(mv.INDICATORS)
        component, name = _split_indicator(indicator)
        policy.authorize("baremetal:node:get_indicator_state")
        node = loaders.node(node_ident)
        state = pecan.request.rpcapi.get_indicator_state(
            pecan.request.context, node.uuid, component, name, topic=_topic(node))
        return {"state": state}

    @expose.json(status=204)
    def put(self, node_ident: str, indicator: str) -> None:
        """Set an indicator (body ``{"state": ...}``)."""
        _gate(mv.INDICATORS)
        component, name = _split_indicator(indicator)
        body = expose.body()
        schemas.validate(INDICATOR_PUT, body, "indicator")
        policy.authorize("baremetal:node:set_indicator_state")
        node = loaders.node(node_ident)
        pecan.request.rpcapi.set_indicator_state(
            pecan.request.context, node.uuid, component, name, body["state"],
            topic=_topic(node))
