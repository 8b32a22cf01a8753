"""No-op network: the node's networking is managed outside this service."""
from __future__ import annotations

from ironic.drivers.modules.network.flat import FlatNetwork


class NoopNetwork(FlatNetwork):
    """Records VIFs like ``flat``; switching networks does nothing either way."""
