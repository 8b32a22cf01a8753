"""``/v1``: the version 1 discovery document and the resource controllers."""
from __future__ import annotations

from typing import Any

import pecan
from pecan import rest

from ironic.api import expose, links
from ironic.api import microversions as mv
from ironic.api.controllers.v1 import (
    allocations,
    chassis,
    conductors,
    deploy_templates,
    drivers,
    events,
    inspection_rules,
    nodes,
    portgroups,
    ports,
    ramdisk,
    runbooks,
    shards,
    volume,
)

_RESOURCES: tuple[tuple[str, mv.Version], ...] = (
    ("chassis", mv.MIN), ("nodes", mv.MIN), ("ports", mv.MIN), ("drivers", mv.MIN),
    ("portgroups", mv.PORTGROUPS), ("volume", mv.VOLUME),
    ("conductors", mv.CONDUCTORS), ("allocations", mv.ALLOCATIONS),
    ("deploy_templates", mv.DEPLOY_TEMPLATES), ("runbooks", mv.RUNBOOKS),
    ("events", mv.NETWORK_EVENTS), ("shards", mv.SHARDS),
    ("inspection_rules", mv.INSPECTION_RULES),
)
"""Resources listed in the /v1 document, with the version that added each."""


class V1Controller(rest.RestController):
    """Version 1 of the API."""

    nodes = nodes.NodesController()
    ports = ports.PortsController()
    portgroups = portgroups.PortgroupsController()
    chassis = chassis.ChassisController()
    drivers = drivers.DriversController()
    conductors = conductors.ConductorsController()
    volume = volume.VolumeController()
    allocations = allocations.AllocationsController()
    deploy_templates = deploy_templates.DeployTemplatesController()
    shards = shards.ShardsController()
    events = events.EventsController()
    lookup = ramdisk.LookupController()
    heartbeat = ramdisk.HeartbeatController()
    continue_inspection = ramdisk.ContinueInspectionController()
    runbooks = runbooks.RunbooksController()
    inspection_rules = inspection_rules.InspectionRulesController()

    @expose.json()
    def get(self, *remainder: str) -> dict[str, Any]:
        """Describe API version 1 and link its resources."""
        if remainder:
            pecan.abort(404)  # an unknown resource below this one
        base = links.base_url()
        version = mv.requested()
        doc: dict[str, Any] = {
            "id": "v1",
            "links": [{"href": f"{base}/v1/", "rel": "self"},
                      {"href": "https://docs.openstack.org//ironic/latest/contributor/"
                               "/webapi.html", "rel": "describedby", "type": "text/html"}],
            "media_types": {"base": "application/json",
                            "type": "application/vnd.openstack.ironic.v1+json"},
        }
        for name, since in _RESOURCES:
            if version >= since:
                doc[name] = links.pair(base, name)
        doc["version"] = {"id": "v1", "links": [{"href": f"{base}/v1/", "rel": "self"}],
                          "status": "CURRENT", "min_version": mv.MIN_STR,
                          "version": mv.MAX_STR}
        return doc
