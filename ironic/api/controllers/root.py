"""Version discovery: ``/`` (all API versions) and ``/v1`` (the v1 resources)."""
from __future__ import annotations

from typing import Any

import pecan
from pecan import rest

from ironic.api import expose, links
from ironic.api import microversions as mv
from ironic.api.controllers import v1


def version_document(base: str) -> dict[str, Any]:
    """The description of API version 1 used in both discovery documents."""
    return {"id": "v1", "links": [{"href": f"{base}/v1/", "rel": "self"}],
            "status": "CURRENT", "min_version": mv.MIN_STR, "version": mv.MAX_STR}


class RootController(rest.RestController):
    """``/``: the list of API versions; ``/v1`` below it."""

    v1 = v1.V1Controller()

    @expose.json()
    def get(self, *remainder: str) -> dict[str, Any]:
        """Describe the service and its API versions."""
        if remainder:
            pecan.abort(404)  # an unknown resource below this one
        version = version_document(links.base_url())
        return {
            "name": "OpenStack Ironic API",
            "description": ("Ironic is an OpenStack project which enables the "
                            "provision and management of baremetal machines."),
            "default_version": version,
            "versions": [version],
        }
