"""The fake-hardware type: every interface backed by an in-memory fake."""
from __future__ import annotations

from ironic.drivers import hardware_type
from ironic.drivers.modules import fake
from ironic.drivers.modules import noop
from ironic.drivers.modules.network import flat as flat_network
from ironic.drivers.modules.network import noop as noop_network
from ironic.drivers.modules.storage import noop as noop_storage


class FakeHardware(hardware_type.AbstractHardwareType):
    """Nodes that exist only in the database; used for testing and demos."""

    supported_bios_interfaces = (fake.FakeBIOS, noop.NoBIOS)
    supported_boot_interfaces = (fake.FakeBoot,)
    supported_console_interfaces = (fake.FakeConsole, noop.NoConsole)
    supported_deploy_interfaces = (fake.FakeDeploy, fake.FakeAsyncDeploy)
    supported_firmware_interfaces = (fake.FakeFirmware, noop.NoFirmware)
    supported_inspect_interfaces = (fake.FakeInspect, noop.NoInspect,
                                    fake.FakeAsyncInspect)
    supported_management_interfaces = (fake.FakeManagement,)
    supported_network_interfaces = (flat_network.FlatNetwork,
                                    noop_network.NoopNetwork)
    supported_power_interfaces = (fake.FakePower,)
    supported_raid_interfaces = (fake.FakeRAID, noop.NoRAID)
    supported_rescue_interfaces = (fake.FakeRescue, noop.NoRescue,
                                   fake.FakeAsyncRescue)
    supported_storage_interfaces = (fake.FakeStorage, noop_storage.NoopStorage)
    supported_vendor_interfaces = (fake.FakeVendor, noop.NoVendor)
