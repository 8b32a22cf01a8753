"""Loading enabled hardware types and interfaces, and composing a node's driver.

Hardware types and interface implementations are stevedore entry points
(``ironic.hardware.types`` and ``ironic.hardware.interfaces.<kind>`` in
setup.cfg). Only those named in ``[DEFAULT] enabled_hardware_types`` and
``enabled_<kind>_interfaces`` are loaded. A node's interface for each kind is,
in order of preference: the value set on the node, ``default_<kind>_interface``,
or the first interface its hardware type supports that is also enabled.
"""
from __future__ import annotations

import functools
import logging
from collections.abc import Iterable
from typing import Any

import stevedore

from ironic.common import exception
from ironic.conf import CONF
from ironic.drivers import base
from ironic.drivers.hardware_type import AbstractHardwareType

LOG = logging.getLogger(__name__)

HARDWARE_TYPE_NAMESPACE = "ironic.hardware.types"
"""Entry point group of hardware types."""

INTERFACE_KINDS: tuple[str, ...] = tuple(base.INTERFACE_ABCS)
"""Every interface kind, alphabetically."""


def interface_namespace(kind: str) -> str:
    """Entry point group of implementations of interface ``kind``."""
    return f"ironic.hardware.interfaces.{kind}"


@functools.lru_cache(maxsize=None)
def _entry_points(namespace: str) -> dict[str, Any]:
    """Every entry point of ``namespace``, by name, loaded but not called."""
    manager = stevedore.ExtensionManager(namespace, invoke_on_load=False,
                                         on_load_failure_callback=_log_failure)
    return {ext.name: ext.plugin for ext in manager}


def _log_failure(manager: Any, entrypoint: Any, error: Exception) -> None:
    LOG.error("Could not load entry point %s: %s", entrypoint, error)


@functools.lru_cache(maxsize=None)
def _instance(cls: type) -> Any:
    """One shared instance per implementation class (they hold no node state)."""
    return cls()


def enabled_hardware_types() -> dict[str, AbstractHardwareType]:
    """Enabled hardware types by name.

    :raises: DriverNotFound if an enabled name has no entry point.
    """
    available = _entry_points(HARDWARE_TYPE_NAMESPACE)
    missing = [n for n in CONF.enabled_hardware_types if n not in available]
    if missing:
        raise exception.DriverNotFound(driver_name=", ".join(missing))
    return {name: _instance(available[name]) for name in CONF.enabled_hardware_types}


def get_hardware_type(name: str) -> AbstractHardwareType:
    """The enabled hardware type called ``name``.

    :raises: DriverNotFound if it is not enabled (or does not exist).
    """
    if name not in CONF.enabled_hardware_types:
        raise exception.DriverNotFound(driver_name=name)
    cls = _entry_points(HARDWARE_TYPE_NAMESPACE).get(name)
    if cls is None:
        raise exception.DriverNotFound(driver_name=name)
    return _instance(cls)  # type: ignore[no-any-return]


def enabled_interfaces(kind: str) -> dict[str, type[base.BaseInterface]]:
    """Enabled implementation classes of ``kind`` by entry point name."""
    available = _entry_points(interface_namespace(kind))
    return {name: available[name] for name in getattr(CONF, f"enabled_{kind}_interfaces")
            if name in available}


def supported_enabled(hw_type: AbstractHardwareType, kind: str) -> list[str]:
    """Names of ``kind`` implementations both enabled and supported, preferred first."""
    enabled = enabled_interfaces(kind)
    names = []
    for cls in hw_type.supported(kind):
        names.extend(n for n, c in enabled.items() if c is cls and n not in names)
    return names


def default_interface(hw_type: AbstractHardwareType, kind: str,
                      driver_name: str) -> str:
    """The interface a new node of ``hw_type`` gets for ``kind``.

    :raises: NoValidDefaultForInterface if no candidate is enabled and supported.
    """
    candidates = supported_enabled(hw_type, kind)
    configured = getattr(CONF, f"default_{kind}_interface")
    if configured:
        if configured in candidates:
            return configured
    elif candidates:
        return candidates[0]
    raise exception.NoValidDefaultForInterface(interface_type=kind,
                                               driver=driver_name)


def check_interface(hw_type: AbstractHardwareType, kind: str, name: str,
                    driver_name: str) -> None:
    """Refuse ``name`` for ``kind`` unless it is enabled and supported.

    :raises: InterfaceNotFoundInEntrypoint if it is not enabled,
        IncompatibleInterface if ``hw_type`` does not support it.
    """
    enabled = enabled_interfaces(kind)
    if name not in enabled:
        raise exception.InterfaceNotFoundInEntrypoint(
            iface=name, entrypoint=interface_namespace(kind),
            valid=sorted(enabled))
    if name not in supported_enabled(hw_type, kind):
        raise exception.IncompatibleInterface(
            interface_type=kind, interface_impl=name, hardware_type=driver_name)


def _field(node: Any, name: str) -> Any:
    """A node field, or None when a versioned object has it unset."""
    is_set = getattr(node, "obj_attr_is_set", None)
    if is_set is not None and not is_set(name):
        return None
    return getattr(node, name, None)


def check_and_update_node_interfaces(node: Any,
                                     reset: Iterable[str] = ()) -> bool:
    """Validate the node's interfaces and fill in defaults for unset ones.

    :param reset: kinds to recompute from defaults even if set.
    :returns: whether any interface field of ``node`` was changed.
    :raises: DriverNotFound, InterfaceNotFoundInEntrypoint,
        IncompatibleInterface, NoValidDefaultForInterface
    """
    hw_type = get_hardware_type(node.driver)
    reset = set(reset)
    changed = False
    for kind in INTERFACE_KINDS:
        field = f"{kind}_interface"
        current = None if kind in reset else _field(node, field)
        if current:
            check_interface(hw_type, kind, current, node.driver)
            continue
        value = default_interface(hw_type, kind, node.driver)
        if _field(node, field) != value:
            setattr(node, field, value)
            changed = True
    return changed


def build_driver(node: Any) -> base.BareDriver:
    """The BareDriver of a node whose interfaces are already set.

    :raises: DriverNotFound, InterfaceNotFoundInEntrypoint, IncompatibleInterface
    """
    hw_type = get_hardware_type(node.driver)
    slots = {}
    for kind in INTERFACE_KINDS:
        name = _field(node, f"{kind}_interface") or default_interface(
            hw_type, kind, node.driver)
        check_interface(hw_type, kind, name, node.driver)
        slots[kind] = _instance(enabled_interfaces(kind)[name])
    return base.BareDriver(**slots)


def driver_properties(driver_name: str) -> dict[str, str]:
    """``driver_info`` fields of every enabled interface a hardware type supports.

    :raises: DriverNotFound
    """
    hw_type = get_hardware_type(driver_name)
    properties = dict(hw_type.get_properties())
    for kind in INTERFACE_KINDS:
        enabled = enabled_interfaces(kind)
        for name in supported_enabled(hw_type, kind):
            properties.update(_instance(enabled[name]).get_properties())
    return properties


def raid_logical_disk_properties(driver_name: str) -> dict[str, str]:
    """Logical disk keys the hardware type's default RAID interface understands.

    :raises: DriverNotFound, UnsupportedDriverExtension if RAID is unsupported.
    """
    hw_type = get_hardware_type(driver_name)
    name = default_interface(hw_type, "raid", driver_name)
    impl = _instance(enabled_interfaces("raid")[name])
    if not impl.supported:
        raise exception.UnsupportedDriverExtension(driver=driver_name,
                                                   extension="raid")
    return impl.get_logical_disk_properties()  # type: ignore[no-any-return]


def hardware_interface_rows() -> list[dict[str, Any]]:
    """Per enabled hardware type, every usable interface and whether it is default.

    This is what a conductor registers so the API can list driver details.
    """
    rows = []
    for hw_name, hw_type in enabled_hardware_types().items():
        for kind in INTERFACE_KINDS:
            names = supported_enabled(hw_type, kind)
            default = _safe_default(hw_type, kind, hw_name)
            rows.extend({"hardware_type": hw_name, "interface_type": kind,
                         "interface_name": n, "default": n == default}
                        for n in names)
    return rows


def _safe_default(hw_type: AbstractHardwareType, kind: str, hw_name: str) -> str | None:
    try:
        return default_interface(hw_type, kind, hw_name)
    except exception.NoValidDefaultForInterface:
        return None


def check_configuration() -> None:
    """Refuse to start a conductor whose driver configuration is unusable.

    :raises: ConfigInvalid naming the first problem found.
    """
    if not CONF.enabled_hardware_types:
        raise exception.ConfigInvalid(
            error_msg="[DEFAULT] enabled_hardware_types must not be empty")
    try:
        types = enabled_hardware_types()
    except exception.DriverNotFound as e:
        raise exception.ConfigInvalid(error_msg=str(e)) from e
    for kind in INTERFACE_KINDS:
        unknown = set(getattr(CONF, f"enabled_{kind}_interfaces")) - set(
            _entry_points(interface_namespace(kind)))
        if unknown:
            raise exception.ConfigInvalid(
                error_msg=f"Unknown {kind} interfaces enabled: "
                          f"{', '.join(sorted(unknown))}")
        for hw_name, hw_type in types.items():
            if not supported_enabled(hw_type, kind):
                raise exception.ConfigInvalid(
                    error_msg=f"Hardware type {hw_name} supports none of the "
                              f"enabled {kind} interfaces")
