"""The Conductor object: a registered conductor service and its heartbeat.

A conductor is alive when online and its last heartbeat (``updated_at``) is
newer than ``[conductor] heartbeat_timeout`` seconds.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

from ironic.objects import base
from ironic.objects import fields


@dataclasses.dataclass(frozen=True)
class HardwareInterface:
    """One interface a conductor offers for a hardware type."""

    hardware_type: str
    interface_type: str
    interface_name: str
    default: bool
    conductor: str | None = None


@base.IronicObjectRegistry.register
class Conductor(base.IronicObject):
    """A conductor service registered in the database."""

    # Version 1.0: id, hostname, drivers, conductor_group, online
    VERSION = "1.0"

    fields = {
        "id": fields.IntegerField(),
        "hostname": fields.StringField(),
        "drivers": fields.ListOfStringsField(nullable=True),
        "conductor_group": fields.StringField(default=""),
        "online": fields.BooleanField(nullable=True),
    }

    @classmethod
    def get_by_hostname(cls, context: Any, hostname: str,
                        online: bool | None = True) -> Conductor:
        """A conductor by hostname; ``online=None`` also finds offline ones.

        :raises ConductorNotFound:
        """
        return cls._from_row(context, cls._db().get_conductor(hostname, online=online))

    @classmethod
    def list(cls, context: Any, limit: int | None = None, marker: Any = None,
             sort_key: str | None = None, sort_dir: str | None = None,
             filters: Mapping[str, Any] | None = None,
             fields: Iterable[str] | None = None) -> list[Conductor]:
        """Conductors (filters: hostname, online, conductor_group, id)."""
        rows = cls._db().get_conductor_list(filters=filters, limit=limit,
                                            marker=marker, sort_key=sort_key,
                                            sort_dir=sort_dir, fields=fields)
        return cls._from_rows(context, rows)

    @classmethod
    def list_alive(cls, context: Any) -> list[Conductor]:
        """Conductors with a recent heartbeat."""
        return cls._from_rows(context, cls._db().get_conductors_by_liveness(True))

    @classmethod
    def list_offline(cls, context: Any) -> list[Conductor]:
        """Conductors that are offline or missed their heartbeat."""
        return cls._from_rows(context, cls._db().get_conductors_by_liveness(False))

    @classmethod
    def register(cls, context: Any, hostname: str, drivers: list[str],
                 conductor_group: str, update_existing: bool = False) -> Conductor:
        """Register this host as an online conductor.

        :raises ConductorAlreadyRegistered: if already online and
            ``update_existing`` is false.
        """
        row = cls._db().register_conductor(
            {"hostname": hostname, "drivers": drivers,
             "conductor_group": conductor_group},
            update_existing=update_existing, version=cls.VERSION)
        return cls._from_row(context, row)

    def touch(self, context: Any = None, online: bool = True) -> None:
        """Record a heartbeat. :raises ConductorNotFound:"""
        self._db().touch_conductor(self.hostname, online=online)

    def unregister(self, context: Any = None) -> None:
        """Mark this conductor offline. :raises ConductorNotFound:"""
        self._db().unregister_conductor(self.hostname)

    def register_hardware_interfaces(self, interfaces: Iterable[Mapping[str, Any]]
                                     ) -> None:
        """Replace the interfaces this conductor offers.

        :param interfaces: dicts with hardware_type, interface_type,
            interface_name and default.
        """
        self._db().register_conductor_hardware_interfaces(
            self.id, list(interfaces), version=self.VERSION)

    def unregister_all_hardware_interfaces(self) -> None:
        """Forget every interface this conductor offers."""
        self._db().unregister_conductor_hardware_interfaces(self.id)

    @classmethod
    def get_active_hardware_type_dict(cls, context: Any, use_groups: bool = False
                                      ) -> dict[str, set[str]]:
        """Hardware type (``"group:type"`` with ``use_groups``) to the
        hostnames of alive conductors offering it."""
        return cls._db().get_active_hardware_type_dict(use_groups=use_groups)

    @classmethod
    def list_hardware_type_interfaces(cls, context: Any,
                                      hardware_types: Iterable[str]
                                      ) -> list[HardwareInterface]:
        """Interfaces alive conductors offer for ``hardware_types``."""
        return [HardwareInterface(**row) for row in
                cls._db().list_hardware_type_interfaces(list(hardware_types))]
