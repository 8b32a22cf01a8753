"""Collection queries: limit/marker paging, sorting, ``fields`` and next links."""
from __future__ import annotations

import dataclasses
import urllib.parse
from collections.abc import Callable, Iterable
from typing import Any

import pecan
from oslo_utils import strutils, uuidutils

from ironic.api import microversions as mv
from ironic.common import exception
from ironic.conf import CONF


@dataclasses.dataclass
class Paging:
    """Validated paging and sorting parameters of a list request."""

    limit: int
    marker: str | None
    sort_key: str
    sort_dir: str


def paging(limit: str | None, marker: str | None, sort_key: str | None,
           sort_dir: str | None, *, sortable: Iterable[str]) -> Paging:
    """Validate the common list parameters.

    :raises: Invalid (400) for a bad limit, marker, sort key or direction.
    """
    max_limit = CONF.api.max_limit
    if limit is None or limit == "":
        value = max_limit
    else:
        try:
            value = int(limit)
        except ValueError:
            raise exception.Invalid(f"Expected an integer for limit: {limit}") from None
        if value <= 0:
            raise exception.Invalid("Limit must be positive")
        value = min(value, max_limit)
    if marker is not None and not uuidutils.is_uuid_like(marker):
        raise exception.InvalidUUID(f"Expected UUID for marker: {marker}")
    key = sort_key or "id"
    if sort_key is not None and sort_key not in sortable:
        raise exception.Invalid(f'The sort_key value "{sort_key}" is an invalid '
                                'field for sorting')
    direction = (sort_dir or "asc").lower()
    if direction not in ("asc", "desc"):
        raise exception.Invalid(f"Invalid sort direction: {sort_dir}. Acceptable "
                                "values are 'asc' or 'desc'")
    return Paging(value, marker, key, direction)


def next_link(base: str, resource: str, items: list[dict[str, Any]], page: Paging,
              marker_key: str = "uuid") -> dict[str, Any]:
    """``{"next": url}`` when the page is full, else ``{}``.

    The URL repeats the request's own query with the new marker.
    """
    if not items or len(items) < page.limit:
        return {}
    query = [(k, v) for k, v in pecan.request.GET.items() if k not in ("limit", "marker")]
    query += [("limit", str(page.limit)), ("marker", str(items[-1][marker_key]))]
    return {"next": f"{base}/v1/{resource}?{urllib.parse.urlencode(query, safe=',')}"}


def fields_param(fields: str | None, detail: Any, visible: Iterable[str],
                 known: Iterable[str]) -> list[str] | None:
    """Validate ``fields`` against the fields visible at this version.

    :returns: the requested field names, or ``None`` when not given.
    :raises: NotAcceptable below 1.8 or for fields newer than the request;
        Invalid for unknown fields or when combined with ``detail``.
    """
    if fields is None:
        return None
    mv.require(mv.FIELDS)
    if detail is not None and as_bool("detail", detail):
        raise exception.Invalid("Can not specify ?detail=True and fields in the same request.")
    wanted = [f.strip() for f in fields.split(",") if f.strip()]
    shown = set(visible)
    for name in wanted:
        if name not in shown:
            if name in known:
                raise exception.NotAcceptable()
            raise exception.Invalid(f"Field {name} is not a valid field.")
    return wanted


def as_bool(name: str, value: Any) -> bool:
    """Parse a boolean query parameter.

    :raises: Invalid for values that are not recognisably boolean.
    """
    if isinstance(value, bool):
        return value
    try:
        return strutils.bool_from_string(value, strict=True)
    except ValueError as e:
        raise exception.Invalid(f"Invalid {name}: {e}") from None


def check_params(params: dict[str, Any], allowed: Iterable[str]) -> None:
    """Refuse query parameters the endpoint does not know, as Ironic does.

    :raises: Invalid (400) naming the unexpected parameters.
    """
    unknown = sorted(set(params) - set(allowed))
    if unknown:
        raise exception.Invalid(f"Unexpected arguments: {', '.join(unknown)}")


def filtered_list(fetch: Callable[[int, str | None], list[Any]],
                  keep: Callable[[Any], bool], page: Paging) -> list[Any]:
    """Up to ``page.limit`` objects accepted by ``keep``, in ``fetch`` order.

    For filters the database cannot apply: ``fetch(limit, marker)`` returns
    the next batch after ``marker`` (a UUID) and batches are read until the
    page is full or the results run out, so paging stays exact.
    """
    kept: list[Any] = []
    marker = page.marker
    while len(kept) < page.limit:
        batch = fetch(page.limit, marker)
        kept.extend(obj for obj in batch if keep(obj))
        if len(batch) < page.limit:
            break
        marker = batch[-1].uuid
    return kept[:page.limit]
