"""The ``ipmi`` hardware type: servers managed over IPMI 2.0 through pyghmi.

Its interfaces answer to Ironic's ``ipmitool`` names so existing nodes and
configuration keep working, although no ipmitool command is run.
"""
from __future__ import annotations

from ironic.drivers import generic
from ironic.drivers.modules import noop
from ironic.drivers.modules.ipmi import console as ipmi_console
from ironic.drivers.modules.ipmi import management as ipmi_management
from ironic.drivers.modules.ipmi import power as ipmi_power
from ironic.drivers.modules.ipmi import vendor as ipmi_vendor


class IPMIHardware(generic.GenericHardware):
    """IPMI power and management; first entry of each list is preferred."""

    supported_power_interfaces = (ipmi_power.IPMIPower,)
    supported_management_interfaces = (ipmi_management.IPMIManagement,)
    supported_console_interfaces = (ipmi_console.IPMISocatConsole, noop.NoConsole)
    supported_vendor_interfaces = (ipmi_vendor.IPMIVendor, noop.NoVendor)
