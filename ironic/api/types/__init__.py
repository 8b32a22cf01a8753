"""Declarations of the API representations: which fields each resource shows,
their WSME data types, and the microversion that introduced each one.

Only declarations live here; turning objects into JSON is ``api/convert``'s job.
"""
from __future__ import annotations

import dataclasses
from typing import Any

from ironic.api.microversions import MIN, Version


@dataclasses.dataclass(frozen=True)
class Field:
    """One field of a resource's representation."""

    name: str
    datatype: Any
    """A WSME type (``wtypes.text``, ``bool``, ``wtypes.DictType`` ...)."""
    since: Version = MIN
    """The first microversion showing the field."""
    create: bool = False
    """Accepted in POST bodies."""
    patch: bool = False
    """Writable through PATCH."""


def by_name(fields: tuple[Field, ...]) -> dict[str, Field]:
    """Index a field table by field name."""
    return {f.name: f for f in fields}
