"""``/v1/shards`` (1.82): the shard names in use with their node counts."""
from __future__ import annotations

from typing import Any

import pecan
from pecan import rest

from ironic import objects
from ironic.api import expose, policy
from ironic.api import microversions as mv
from ironic.common import exception


class ShardsController(rest.RestController):
    """List shards; nodes without a shard are counted under ``"None"``."""

    @expose.json()
    def get_all(self) -> dict[str, Any]:
        """Every shard with the number of its nodes, largest first."""
        if not mv.supports(mv.SHARDS):
            raise exception.NotFound("The API version does not allow shards")
        policy.authorize("baremetal:shards:get")
        shards = objects.Node.get_shard_list(pecan.request.context)
        return {"shards": [{"name": str(s["name"]), "count": s["count"]}
                           for s in shards]}
