"""iPXE boot interface (entry point ``ipxe``): validation only, like ``pxe``."""
from __future__ import annotations

from ironic.drivers.modules.pxe import pxe


class IPXEBoot(pxe.PXEBoot):
    """Network boot over iPXE (HTTP); same checks and limits as PXE."""

    boot_method = "iPXE"
