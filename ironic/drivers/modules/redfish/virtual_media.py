"""Virtual media: inserting and ejecting images by URL on the node's BMC."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ironic.common import exception
from ironic.drivers.modules.redfish import session

if TYPE_CHECKING:
    from ironic.drivers.task import Task

DEVICE_TYPES = {"cdrom": (session.VirtualMediaType.CD, session.VirtualMediaType.DVD),
                "floppy": (session.VirtualMediaType.FLOPPY,
                           session.VirtualMediaType.USB_STICK)}
"""Our device types -> the Redfish media types that can hold them."""


def _slots(system: Any) -> list[Any]:
    """Every virtual media slot of the system (or of its managers)."""
    slots: list[Any] = []
    try:
        own = system.virtual_media
    except session.Error:
        own = None
    if own is not None:
        slots.extend(own.get_members())
    if not slots:
        for manager in system.managers:
            slots.extend(manager.virtual_media.get_members())
    return slots


def _check_type(task: Task, device_type: str) -> None:
    if device_type not in DEVICE_TYPES:
        raise exception.InvalidParameterValue(
            err=f"Node {task.node.uuid}: invalid virtual media device type "
                f"{device_type}; supported: {', '.join(DEVICE_TYPES)}")


def insert(task: Task, image_url: str, device_type: str = "cdrom") -> None:
    """Insert ``image_url`` into the first free slot of ``device_type``.

    Re-entrant: a slot already holding the same image is left alone.

    :raises: InvalidParameterValue, BMCFeatureUnsupported (no such slot), BMC errors.
    """
    _check_type(task, device_type)
    if not str(image_url).startswith(("http://", "https://")):
        raise exception.InvalidParameterValue(
            err=f"Node {task.node.uuid}: virtual media image {image_url!r} must "
                f"be an http(s) URL the BMC can fetch")
    wanted = DEVICE_TYPES[device_type]

    def apply(system: Any) -> None:
        slots = [s for s in _slots(system) if set(s.media_types) & set(wanted)]
        if not slots:
            raise exception.BMCFeatureUnsupported(
                node=task.node.uuid, feature=f"virtual media {device_type}",
                reason="the BMC offers no slot for it")
        for slot in slots:
            if slot.inserted and slot.image == image_url:
                return
        slot = next((s for s in slots if not s.inserted), slots[0])
        if slot.inserted:
            slot.eject_media()
        slot.insert_media(image_url, inserted=True, write_protected=True)
    session.call(task.node, f"insert virtual media {device_type}", apply)


def eject(task: Task, device_types: list[str] | None = None) -> None:
    """Eject every inserted image of ``device_types`` (default: all); re-entrant."""
    types = list(device_types or DEVICE_TYPES)
    for device_type in types:
        _check_type(task, device_type)
    wanted = {t for d in types for t in DEVICE_TYPES[d]}

    def apply(system: Any) -> None:
        for slot in _slots(system):
            if slot.inserted and set(slot.media_types) & wanted:
                slot.eject_media()
    session.call(task.node, "eject virtual media", apply)


def inserted(task: Task) -> dict[str, str | None]:
    """Slot id -> inserted image URL (None when empty)."""
    return session.call(task.node, "list virtual media",
                        lambda s: {slot.identity: (slot.image if slot.inserted else None)
                                   for slot in _slots(s)})


def describe(task: Task) -> list[dict[str, Any]]:
    """``[{"media_types": [...], "inserted": bool, "image": str | None}]`` per slot."""
    def read(system: Any) -> list[dict[str, Any]]:
        return [{"media_types": [getattr(t, "value", t) for t in slot.media_types],
                 "inserted": bool(slot.inserted),
                 "image": slot.image if slot.inserted else None}
                for slot in _slots(system)]
    return session.call(task.node, "list virtual media", read)
