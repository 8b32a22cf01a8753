"""Generic hardware types: the base of real hardware types, and manual-management.

``GenericHardware`` lists the boot, deploy and optional interfaces every
real hardware type shares; IPMI and Redfish add their power and management.
"""
from __future__ import annotations

from ironic.drivers import hardware_type
from ironic.drivers.modules import fake
from ironic.drivers.modules import noop
from ironic.drivers.modules.agent import deploy as agent_deploy
from ironic.drivers.modules.pxe import ipxe
from ironic.drivers.modules.pxe import pxe


class GenericHardware(hardware_type.AbstractHardwareType):
    """Network boot (iPXE first, then PXE) and the direct deploy."""

    supported_boot_interfaces = (ipxe.IPXEBoot, pxe.PXEBoot)
    supported_deploy_interfaces = (agent_deploy.AgentDeploy,)
    supported_console_interfaces = (noop.NoConsole,)
    supported_vendor_interfaces = (noop.NoVendor,)


class ManualManagementHardware(GenericHardware):
    """Servers without a usable BMC: power and boot device are handled by hand.

    The ``fake`` power and management interfaces only record what was asked.
    """

    supported_management_interfaces = (fake.FakeManagement,)
    supported_power_interfaces = (fake.FakePower,)
