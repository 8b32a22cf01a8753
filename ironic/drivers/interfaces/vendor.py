"""Vendor: vendor-specific passthru methods reachable through the API."""
from __future__ import annotations

import abc
from typing import TYPE_CHECKING, Any, ClassVar

from ironic.drivers.interfaces.base import BaseInterface

if TYPE_CHECKING:
    from ironic.drivers.task import Task


class VendorInterface(BaseInterface):
    """Extra methods a vendor exposes under /v1/nodes/{node}/vendor_passthru."""

    interface_type: ClassVar[str] = "vendor"

    @abc.abstractmethod
    def vendor_routes(self) -> dict[str, dict[str, Any]]:
        """Method name -> ``{"http_methods": [...], "async": bool, ...}``."""

    @abc.abstractmethod
    def call(self, task: Task, method: str, http_method: str,
             **kwargs: Any) -> Any:
        """Run vendor method ``method``.

        :raises: InvalidParameterValue for an unknown method.
        """
