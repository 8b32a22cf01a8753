"""AbstractHardwareType: a hardware type is a list of supported implementations.

For each interface kind a hardware type lists the implementation classes it
supports; the first one that is enabled is the default. Hardware types hold no
logic beyond these lists.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from ironic.drivers.interfaces.base import BaseInterface
from ironic.drivers.modules.network import flat as flat_network
from ironic.drivers.modules.network import noop as noop_network
from ironic.drivers.modules import noop
from ironic.drivers.modules.storage import noop as noop_storage

InterfaceList = Sequence[type[BaseInterface]]


class AbstractHardwareType:
    """Lists of supported implementations, first entry preferred.

    Optional interfaces default to their ``no-*`` implementation so a concrete
    hardware type only lists what it really supports.
    """

    supported_bios_interfaces: ClassVar[InterfaceList] = (noop.NoBIOS,)
    supported_boot_interfaces: ClassVar[InterfaceList] = ()
    supported_console_interfaces: ClassVar[InterfaceList] = (noop.NoConsole,)
    supported_deploy_interfaces: ClassVar[InterfaceList] = ()
    supported_firmware_interfaces: ClassVar[InterfaceList] = (noop.NoFirmware,)
    supported_inspect_interfaces: ClassVar[InterfaceList] = (noop.NoInspect,)
    supported_management_interfaces: ClassVar[InterfaceList] = ()
    supported_network_interfaces: ClassVar[InterfaceList] = (
        flat_network.FlatNetwork, noop_network.NoopNetwork)
    supported_power_interfaces: ClassVar[InterfaceList] = ()
    supported_raid_interfaces: ClassVar[InterfaceList] = (noop.NoRAID,)
    supported_rescue_interfaces: ClassVar[InterfaceList] = (noop.NoRescue,)
    supported_storage_interfaces: ClassVar[InterfaceList] = (
        noop_storage.NoopStorage,)
    supported_vendor_interfaces: ClassVar[InterfaceList] = (noop.NoVendor,)

    def supported(self, kind: str) -> InterfaceList:
        """Implementation classes supported for interface ``kind``."""
        return tuple(getattr(self, f"supported_{kind}_interfaces"))

    def get_properties(self) -> dict[str, str]:
        """Properties of the hardware type itself (none by default)."""
        return {}
