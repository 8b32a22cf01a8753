"""BareDriver: the interface slots of one node's driver, and the interface ABCs.

A BareDriver is built per node by :mod:`ironic.drivers.factory`; each slot
holds the implementation the node selected for that interface kind.
"""
from __future__ import annotations

from typing import Any

from ironic.drivers.interfaces.base import BaseInterface
from ironic.drivers.interfaces.bios import BIOSInterface
from ironic.drivers.interfaces.boot import BootInterface
from ironic.drivers.interfaces.console import ConsoleInterface
from ironic.drivers.interfaces.deploy import DeployInterface
from ironic.drivers.interfaces.firmware import FirmwareInterface
from ironic.drivers.interfaces.inspect import InspectInterface
from ironic.drivers.interfaces.management import ManagementInterface
from ironic.drivers.interfaces.network import NetworkInterface
from ironic.drivers.interfaces.power import PowerInterface
from ironic.drivers.interfaces.raid import RAIDInterface
from ironic.drivers.interfaces.rescue import RescueInterface
from ironic.drivers.interfaces.storage import StorageInterface
from ironic.drivers.interfaces.vendor import VendorInterface

__all__ = [
    "BareDriver", "BaseInterface", "BIOSInterface", "BootInterface",
    "ConsoleInterface", "DeployInterface", "FirmwareInterface",
    "InspectInterface", "ManagementInterface", "NetworkInterface",
    "PowerInterface", "RAIDInterface", "RescueInterface", "StorageInterface",
    "VendorInterface", "INTERFACE_ABCS", "CORE_INTERFACES",
]

INTERFACE_ABCS: dict[str, type[BaseInterface]] = {
    cls.interface_type: cls for cls in (
        BIOSInterface, BootInterface, ConsoleInterface, DeployInterface,
        FirmwareInterface, InspectInterface, ManagementInterface,
        NetworkInterface, PowerInterface, RAIDInterface, RescueInterface,
        StorageInterface, VendorInterface)
}
"""Interface kind -> its abstract base class, in alphabetical order."""

CORE_INTERFACES = ("boot", "deploy", "management", "network", "power")
"""Kinds whose validation failure makes a node unusable."""


class BareDriver:
    """The interface implementations a node uses, one slot per kind."""

    __slots__ = tuple(INTERFACE_ABCS)

    bios: BIOSInterface
    boot: BootInterface
    console: ConsoleInterface
    deploy: DeployInterface
    firmware: FirmwareInterface
    inspect: InspectInterface
    management: ManagementInterface
    network: NetworkInterface
    power: PowerInterface
    raid: RAIDInterface
    rescue: RescueInterface
    storage: StorageInterface
    vendor: VendorInterface

    def __init__(self, **interfaces: Any) -> None:
        for kind in INTERFACE_ABCS:
            setattr(self, kind, interfaces.get(kind))

    @property
    def all_interfaces(self) -> tuple[str, ...]:
        """Every interface kind a driver has a slot for."""
        return tuple(INTERFACE_ABCS)

    def get_properties(self) -> dict[str, str]:
        """``driver_info`` fields of every filled slot -> description."""
        properties: dict[str, str] = {}
        for kind in INTERFACE_ABCS:
            impl = getattr(self, kind, None)
            if impl is not None:
                properties.update(impl.get_properties())
        return properties
