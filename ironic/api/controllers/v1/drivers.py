"""``/v1/drivers``: enabled hardware types, their interfaces and properties."""
from __future__ import annotations

from typing import Any, ClassVar

import pecan
from pecan import rest

from ironic import objects
from ironic.api import collection, expose, links, policy
from ironic.api import microversions as mv
from ironic.common import exception
from ironic.conf.default import INTERFACE_KINDS

_BASE_FIELDS = ("name", "hosts", "links", "properties", "type")


def _interface_fields() -> list[str]:
    names: list[str] = []
    for kind in INTERFACE_KINDS:
        names += [f"default_{kind}_interface", f"enabled_{kind}_interfaces"]
    return names


ALL_FIELDS = _BASE_FIELDS + tuple(_interface_fields())

_INTERFACE_SINCE: dict[str, mv.Version] = {
    "storage": mv.STORAGE_INTERFACE, "rescue": mv.RESCUE_INTERFACE, "bios": mv.BIOS,
    "firmware": mv.FIRMWARE_INTERFACE}
"""Interface kinds shown in driver details after 1.30, with their version."""


def _topic_for_driver(driver_name: str) -> str:
    """The topic of a conductor running ``driver_name``.

    :raises: DriverNotFound (404) when no live conductor runs it.
    """
    try:
        return pecan.request.rpcapi.get_topic_for_driver(driver_name)  # type: ignore[no-any-return]
    except exception.NoValidHost:
        raise exception.DriverNotFound(
            f"The driver '{driver_name}' is unknown.") from None


def _interfaces(context: Any, names: list[str]) -> dict[str, dict[str, Any]]:
    per_driver: dict[str, dict[str, Any]] = {
        n: {f: (None if f.startswith("default_") else []) for f in _interface_fields()}
        for n in names}
    for row in objects.Conductor.list_hardware_type_interfaces(context, names):
        values = row if isinstance(row, dict) else vars(row)
        if not isinstance(row, dict) and hasattr(row, "_mapping"):
            values = dict(row._mapping)
        entry = per_driver[values["hardware_type"]]
        kind, name = values["interface_type"], values["interface_name"]
        enabled = entry[f"enabled_{kind}_interfaces"]
        if name not in enabled:
            enabled.append(name)
        if values["default"]:
            entry[f"default_{kind}_interface"] = name
    return per_driver


def _render(name: str, hosts: Any, base: str, detail: dict[str, Any] | None,
            fields: list[str] | None) -> dict[str, Any]:
    result: dict[str, Any] = {"name": name, "hosts": sorted(hosts),
                              "links": links.pair(base, "drivers", name)}
    if mv.supports(mv.STATES_DISCOVERABLE):
        result["properties"] = links.pair(base, "drivers", f"{name}/properties")
    if mv.supports(mv.DYNAMIC_DRIVERS):
        result["type"] = "dynamic"
        if detail is not None:
            version = mv.requested()
            shown = {k for k in INTERFACE_KINDS
                     if _INTERFACE_SINCE.get(k, mv.DYNAMIC_DRIVERS) <= version}
            result.update({k: v for k, v in detail.items()
                           if k.split("_")[1] in shown})
    if fields:
        result = {k: v for k, v in result.items() if k in fields}
    return result


class DriverPropertiesController(rest.RestController):
    """``GET /v1/drivers/{name}/properties``."""

    @expose.json()
    def get(self, driver_name: str) -> dict[str, Any]:
        policy.authorize("baremetal:driver:get_properties")
        topic = _topic_for_driver(driver_name)
        return pecan.request.rpcapi.get_driver_properties(
            pecan.request.context, driver_name, topic=topic)


class DriverRaidController(rest.RestController):
    """``GET /v1/drivers/{name}/raid/logical_disk_properties``."""

    _custom_actions: ClassVar[dict[str, list[str]]] = {"logical_disk_properties": ["GET"]}

    @expose.json()
    def logical_disk_properties(self, driver_name: str) -> dict[str, Any]:
        policy.authorize("baremetal:driver:get_raid_logical_disk_properties")
        mv.require(mv.RAID)
        topic = _topic_for_driver(driver_name)
        return pecan.request.rpcapi.get_raid_logical_disk_properties(
            pecan.request.context, driver_name, topic=topic)


class DriversController(rest.RestController):
    """List and show hardware types."""

    properties = DriverPropertiesController()
    raid = DriverRaidController()

    @expose.json()
    def get_all(self, **params: Any) -> dict[str, Any]:
        policy.authorize("baremetal:driver:get")
        collection.check_params(params, ("type", "detail", "fields"))
        type, detail, fields = params.get("type"), params.get("detail"), params.get("fields")
        if type not in (None, "dynamic", "classic"):
            raise exception.Invalid(f"Invalid type {type!r}; expected dynamic or classic")
        wanted = self._fields(fields, detail)
        is_detail = detail is not None and collection.as_bool("detail", detail)
        context = pecan.request.context
        hosts = objects.Conductor.get_active_hardware_type_dict(context)
        if type == "classic":
            hosts = {}
        names = sorted(hosts)
        details = _interfaces(context, names) if is_detail or wanted else {}
        base = links.base_url()
        return {"drivers": [_render(n, hosts[n], base, details.get(n), wanted)
                            for n in names]}

    @expose.json()
    def get_one(self, driver_name: str, **params: Any) -> dict[str, Any]:
        policy.authorize("baremetal:driver:get")
        collection.check_params(params, ("fields",))
        wanted = self._fields(params.get("fields"), None)
        context = pecan.request.context
        hosts = objects.Conductor.get_active_hardware_type_dict(context)
        if driver_name not in hosts:
            raise exception.DriverNotFound(driver_name=driver_name)
        details = _interfaces(context, [driver_name])
        return _render(driver_name, hosts[driver_name], links.base_url(),
                       details[driver_name], wanted)

    @staticmethod
    def _fields(fields: str | None, detail: str | None) -> list[str] | None:
        if fields is None:
            return None
        mv.require(mv.DRIVER_FIELDS)
        return collection.fields_param(fields, detail, ALL_FIELDS, ALL_FIELDS)
