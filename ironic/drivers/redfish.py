"""The ``redfish`` hardware type: servers managed through a Redfish service (sushy)."""
from __future__ import annotations

from ironic.drivers import generic
from ironic.drivers.modules import noop
from ironic.drivers.modules.redfish import bios as redfish_bios
from ironic.drivers.modules.redfish import boot as redfish_boot
from ironic.drivers.modules.redfish import firmware as redfish_firmware
from ironic.drivers.modules.redfish import inspect as redfish_inspect
from ironic.drivers.modules.redfish import management as redfish_management
from ironic.drivers.modules.redfish import power as redfish_power
from ironic.drivers.modules.redfish import raid as redfish_raid


class RedfishHardware(generic.GenericHardware):
    """Redfish power, management, BIOS, RAID, inspection, firmware, virtual media."""

    supported_bios_interfaces = (redfish_bios.RedfishBIOS, noop.NoBIOS)
    supported_boot_interfaces = (*generic.GenericHardware.supported_boot_interfaces,
                                 redfish_boot.RedfishVirtualMediaBoot)
    supported_firmware_interfaces = (redfish_firmware.RedfishFirmware, noop.NoFirmware)
    supported_inspect_interfaces = (redfish_inspect.RedfishInspect, noop.NoInspect)
    supported_management_interfaces = (redfish_management.RedfishManagement,)
    supported_power_interfaces = (redfish_power.RedfishPower,)
    supported_raid_interfaces = (redfish_raid.RedfishRAID, noop.NoRAID)
