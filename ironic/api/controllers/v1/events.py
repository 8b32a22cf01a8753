"""``POST /v1/events`` (1.54): external (Neutron network) events.

Events are validated and acknowledged; no network interface acts on them yet,
as with Ironic's own network interfaces, which only log them.
"""
from __future__ import annotations

import logging

import jsonschema
from pecan import rest

from ironic.api import expose, policy
from ironic.api import microversions as mv
from ironic.api.schemas import event as event_schema
from ironic.common import exception

LOG = logging.getLogger(__name__)


class EventsController(rest.RestController):
    """Accept a batch of events."""

    @expose.json(status=204)
    def post(self) -> None:
        """Validate the events; 204 on success, 400 on a malformed body."""
        if not mv.supports(mv.NETWORK_EVENTS):
            raise exception.NotFound("The API is not supported for this version")
        policy.authorize("baremetal:events:post")
        data = expose.body()
        error = jsonschema.exceptions.best_match(event_schema.EVENTS.iter_errors(data))
        if error is not None:
            raise exception.Invalid(f"Schema error: {error.message}")
        for event in data["events"]:
            LOG.debug("External event %(event)s for port %(port)s (MAC %(mac)s): "
                      "%(status)s", {"event": event["event"], "port": event["port_id"],
                                     "mac": event["mac_address"],
                                     "status": event["status"]})
