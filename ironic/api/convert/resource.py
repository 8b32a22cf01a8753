"""Generic object -> API dict conversion for the simpler resources."""
from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable
from typing import Any

from ironic.api import links
from ironic.api import microversions as mv
from ironic.api.types import Field


@functools.lru_cache(maxsize=1024)
def visible(fields: tuple[Field, ...], version: mv.Version) -> tuple[str, ...]:
    """Names of ``fields`` shown at ``version``."""
    return tuple(f.name for f in fields if f.since <= version)


def value_of(obj: Any, name: str) -> Any:
    """A field's value, JSON-ready (unset -> None, datetimes as ISO 8601)."""
    # oslo.versionedobjects stores field values as ``_obj_<name>``; reading
    # them directly is several times cheaper than obj_attr_is_set + getattr.
    value = vars(obj).get("_obj_" + name)
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return value


def to_api(obj: Any, names: Iterable[str], *, base: str, resource: str,
           ident_field: str = "uuid") -> dict[str, Any]:
    """The API dict of ``obj`` with ``names`` and its self/bookmark links."""
    result = {name: value_of(obj, name) for name in names}
    result["links"] = links.pair(base, resource, getattr(obj, ident_field))
    return result
