"""Read-mostly node sub-resources: history, BIOS, inventory, children, volume."""
from __future__ import annotations

from typing import Any

import pecan
from pecan import rest

from ironic import objects
from ironic.api import collection, expose, links, loaders, policy
from ironic.api import microversions as mv
from ironic.api.controllers.v1 import volume
from ironic.common import exception

_BIOS_REGISTRY = ("attribute_type", "allowable_values", "lower_bound", "max_length",
                  "min_length", "read_only", "reset_required", "unique", "upper_bound")


def _time(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


class NodeHistoryController(rest.RestController):
    """``/v1/nodes/{node}/history`` (1.78)."""

    @expose.json()
    def get_all(self, node_ident: str, **params: Any) -> dict[str, Any]:
        policy.authorize("baremetal:node:history:get")
        collection.check_params(params, ("detail", "limit", "marker"))
        detail, limit, marker = params.get("detail"), params.get("limit"), params.get("marker")
        mv.require(mv.HISTORY)
        node = loaders.node(node_ident)
        page = collection.paging(limit, marker, None, None, sortable=())
        events = objects.NodeHistory.list_by_node_id(
            pecan.request.context, node.id, limit=page.limit, marker=page.marker)
        full = detail is not None and collection.as_bool("detail", detail)
        base = links.base_url()
        items = [self._render(e, node.uuid, base, full) for e in events]
        return {"history": items,
                **collection.next_link(base, f"nodes/{node.uuid}/history", items, page)}

    @expose.json()
    def get_one(self, node_ident: str, event_ident: str) -> dict[str, Any]:
        policy.authorize("baremetal:node:history:get")
        mv.require(mv.HISTORY)
        node = loaders.node(node_ident)
        event = objects.NodeHistory.get_by_uuid(pecan.request.context, event_ident)
        if event.node_id != node.id:
            raise exception.NodeHistoryNotFound(history=event_ident)
        return self._render(event, node.uuid, links.base_url(), True)

    @staticmethod
    def _render(event: Any, node_uuid: str, base: str, full: bool) -> dict[str, Any]:
        result = {"uuid": event.uuid, "created_at": _time(event.created_at),
                  "severity": event.severity, "event": event.event,
                  "links": links.pair(base, f"nodes/{node_uuid}/history", event.uuid)}
        if full:
            result.update(conductor=event.conductor, event_type=event.event_type,
                          user=event.user)
        return result


class NodeBiosController(rest.RestController):
    """``/v1/nodes/{node}/bios`` and ``.../bios/{setting}`` (1.40)."""

    @expose.json()
    def get_all(self, node_ident: str, **params: Any) -> dict[str, Any]:
        policy.authorize("baremetal:node:bios:get")
        collection.check_params(params, ("detail", "fields"))
        detail = params.get("detail")
        mv.require(mv.BIOS)
        node = loaders.node(node_ident)
        full = detail is not None and collection.as_bool("detail", detail)
        if full:
            mv.require(mv.Version(1, 74))
        names = ("name", "value", "created_at", "updated_at", "links", *_BIOS_REGISTRY)
        fields = collection.fields_param(params.get("fields"), detail, names, names)
        if fields is not None:
            mv.require(mv.Version(1, 74))
        settings = objects.BIOSSettingList.get_by_node_id(pecan.request.context, node.id)
        base = links.base_url()
        items = [self._render(s, node.uuid, base, full or fields is not None)
                 for s in settings]
        if fields is not None:
            items = [{k: v for k, v in item.items() if k in fields or k == "links"}
                     for item in items]
        return {"bios": items}

    @expose.json()
    def get_one(self, node_ident: str, setting_name: str) -> dict[str, Any]:
        policy.authorize("baremetal:node:bios:get")
        mv.require(mv.BIOS)
        node = loaders.node(node_ident)
        setting = objects.BIOSSetting.get(pecan.request.context, node.id, setting_name)
        return {setting_name: self._render(setting, node.uuid, links.base_url(),
                                           mv.supports(mv.Version(1, 74)))}

    @staticmethod
    def _render(setting: Any, node_uuid: str, base: str, full: bool) -> dict[str, Any]:
        result = {"name": setting.name, "value": setting.value,
                  "created_at": _time(setting.created_at),
                  "updated_at": _time(setting.updated_at),
                  "links": links.pair(base, f"nodes/{node_uuid}/bios", setting.name)}
        if full:
            result.update({k: getattr(setting, k, None) for k in _BIOS_REGISTRY})
        return result


class NodeInventoryController(rest.RestController):
    """``/v1/nodes/{node}/inventory`` (1.81)."""

    @expose.json()
    def get(self, node_ident: str) -> dict[str, Any]:
        policy.authorize("baremetal:node:inventory:get")
        mv.require(mv.INVENTORY)
        node = loaders.node(node_ident)
        inventory = objects.NodeInventory.get_by_node_id(pecan.request.context, node.id)
        return {"inventory": inventory.inventory_data, "plugin_data": inventory.plugin_data}


class NodeChildrenController(rest.RestController):
    """``/v1/nodes/{node}/children`` (1.83): UUIDs of the node's child nodes."""

    @expose.json()
    def get(self, node_ident: str) -> dict[str, Any]:
        policy.authorize("baremetal:node:get")
        mv.require(mv.CHILD_NODES)
        node = loaders.node(node_ident)
        children = objects.Node.list(pecan.request.context,
                                     filters={"parent_node": node.uuid})
        return {"children": [child.uuid for child in children]}


class NodeVolumeController(rest.RestController):
    """``/v1/nodes/{node}/volume`` (1.32): links to connectors and targets."""

    connectors = volume.VolumeItemsController(volume.CONNECTORS, nested=True)
    targets = volume.VolumeItemsController(volume.TARGETS, nested=True)

    @expose.json()
    def get(self, node_ident: str) -> dict[str, Any]:
        policy.authorize("baremetal:node:get")
        if not mv.supports(mv.VOLUME):
            raise exception.NotFound("The API is not supported for this version")
        node = loaders.node(node_ident)
        base = links.base_url()
        return {"connectors": links.pair(base, f"nodes/{node.uuid}/volume", "connectors"),
                "targets": links.pair(base, f"nodes/{node.uuid}/volume", "targets"),
                "links": links.pair(base, f"nodes/{node.uuid}", "volume")}


class NodeFirmwareController(rest.RestController):
    """``/v1/nodes/{node}/firmware`` (1.86): firmware components of a node.

    Components are not recorded yet (there is no firmware_information table),
    so every node answers the empty list Ironic gives a node without any.
    """

    @expose.json()
    def get_all(self, node_ident: str) -> dict[str, Any]:
        if not mv.supports(mv.FIRMWARE_INTERFACE):
            raise exception.NotFound()
        policy.authorize("baremetal:node:firmware:get")
        loaders.node(node_ident)
        return {"firmware": []}
