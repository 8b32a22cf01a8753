"""Config drives: check what a user sent, build ISO images from JSON.

A deploy request may carry a config drive as

* a gzipped, base64-encoded ISO image (what Nova and metalsmith send),
* a URL the deploy ramdisk downloads itself (kept as is), or
* a JSON object with ``meta_data``, ``user_data``, ``network_data`` and
  ``vendor_data`` that this module builds into an ISO 9660 image labelled
  ``config-2`` (OpenStack layout under ``openstack/<version>/``) with pycdlib,
  without any external binary.

The result, always a gzipped base64 string or a URL, is stored in the node's
``instance_info['configdrive']``, where Ironic keeps it.
"""
from __future__ import annotations

import base64
import binascii
import gzip
import io
import json
import zlib
from typing import Any

import pycdlib

from ironic.common import exception

MAX_SIZE_BYTES = 64 * 1024 * 1024
"""Largest config drive image accepted (Ironic's config drive partition size)."""

VERSIONS = ("2012-08-10", "latest")
"""Metadata versions written, as openstacksdk's builder writes them."""

LABEL = "config-2"
"""Volume label cloud-init looks for."""

_JSON_KEYS = frozenset({"meta_data", "user_data", "network_data", "vendor_data"})


def prepare(node: Any, value: Any) -> str | None:
    """The config drive to store for ``node`` from a request's ``configdrive``.

    :returns: None when no config drive was given, else a URL or a gzipped
        base64 ISO image.
    :raises: InvalidParameterValue for a malformed or oversized config drive.
    """
    if value is None or value == "" or value == {}:
        return None
    if isinstance(value, dict):
        return build(node, value)
    if not isinstance(value, str):
        raise exception.InvalidParameterValue(
            err="Invalid configdrive format: it must be a JSON object, a URL or "
                "a gzipped base64-encoded ISO image")
    if "://" in value:
        return value
    check_image(value)
    return value


def check_image(value: str) -> None:
    """Check a gzipped base64 image without keeping it decompressed.

    :raises: InvalidParameterValue
    """
    try:
        packed = base64.b64decode("".join(value.split()), validate=True)
    except (binascii.Error, ValueError) as e:
        raise exception.InvalidParameterValue(
            err=f"Invalid configdrive format: not base64 ({e})") from e
    if packed[:2] != b"\x1f\x8b":
        # Ironic accepts a plain base64 ISO too; only its size can be checked.
        _check_size(len(packed))
        return
    size = 0
    stream = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        chunk = stream.decompress(packed, 1024 * 1024)
        while chunk:
            size += len(chunk)
            _check_size(size)
            chunk = stream.decompress(stream.unconsumed_tail, 1024 * 1024)
    except zlib.error as e:
        raise exception.InvalidParameterValue(
            err=f"Invalid configdrive format: not a gzip stream ({e})") from e


def _check_size(size: int) -> None:
    if size > MAX_SIZE_BYTES:
        raise exception.InvalidParameterValue(
            err=f"The config drive is larger than the {MAX_SIZE_BYTES // 2 ** 20} "
                f"MiB supported ({size} bytes or more)")


def build(node: Any, content: dict[str, Any]) -> str:
    """Build a ``config-2`` ISO from ``content``; gzipped and base64-encoded.

    ``meta_data`` gets the node's ``uuid`` and ``name`` unless it sets them.

    :raises: InvalidParameterValue for unknown keys, wrong types or a result
        over :data:`MAX_SIZE_BYTES`.
    """
    files = _files(node, content)
    _check_size(sum(len(data) for data in files.values()) * len(VERSIONS))
    iso = pycdlib.PyCdlib()
    iso.new(interchange_level=4, joliet=3, rock_ridge="1.09", vol_ident=LABEL,
            pub_ident_str="ironic")
    try:
        _add_tree(iso, files)
        out = io.BytesIO()
        iso.write_fp(out)
    finally:
        iso.close()
    image = out.getvalue()
    _check_size(len(image))
    return base64.b64encode(gzip.compress(image, compresslevel=6)).decode("ascii")


def _files(node: Any, content: dict[str, Any]) -> dict[str, bytes]:
    unknown = sorted(set(content) - _JSON_KEYS)
    if unknown:
        raise exception.InvalidParameterValue(
            err=f"Invalid configdrive format: unexpected keys {', '.join(unknown)}")
    meta = content.get("meta_data") or {}
    for key in ("meta_data", "network_data", "vendor_data"):
        if content.get(key) is not None and not isinstance(content[key], dict):
            raise exception.InvalidParameterValue(
                err=f"Invalid configdrive format: {key} must be a JSON object")
    meta = {"uuid": node.uuid, **({"name": node.name} if node.name else {}), **meta}
    files = {"meta_data.json": json.dumps(meta).encode()}
    user_data = content.get("user_data")
    if isinstance(user_data, (dict, list)):
        files["user_data"] = json.dumps(user_data).encode()
    elif isinstance(user_data, str) and user_data:
        files["user_data"] = user_data.encode("utf-8")
    elif user_data not in (None, ""):
        raise exception.InvalidParameterValue(
            err="Invalid configdrive format: user_data must be a string, an "
                "object or a list")
    if content.get("network_data"):
        files["network_data.json"] = json.dumps(content["network_data"]).encode()
    if content.get("vendor_data"):
        files["vendor_data2.json"] = json.dumps(content["vendor_data"]).encode()
    return files


def _add_tree(iso: pycdlib.PyCdlib, files: dict[str, bytes]) -> None:
    iso.add_directory("/OPENSTAC", rr_name="openstack", joliet_path="/openstack")
    for index, version in enumerate(VERSIONS):
        short = f"/OPENSTAC/V{index}"
        joliet_dir = f"/openstack/{version}"
        iso.add_directory(short, rr_name=version, joliet_path=joliet_dir)
        for number, (name, data) in enumerate(sorted(files.items())):
            iso.add_fp(io.BytesIO(data), len(data), f"{short}/F{number}.;1",
                       rr_name=name, joliet_path=f"{joliet_dir}/{name}")


def read_files(encoded: str) -> dict[str, bytes]:
    """The files of a config drive image, by path (``openstack/latest/...``).

    For tests and diagnostics: reads the Rock Ridge names of a gzipped base64
    ISO built by :func:`build` (or by genisoimage with ``-r``).
    """
    image = gzip.decompress(base64.b64decode(encoded))
    iso = pycdlib.PyCdlib()
    iso.open_fp(io.BytesIO(image))
    try:
        found = {}
        for root, _dirs, names in iso.walk(rr_path="/"):
            for name in names:
                path = f"{root.rstrip('/')}/{name}"
                out = io.BytesIO()
                iso.get_file_from_iso_fp(out, rr_path=path)
                found[path.lstrip("/")] = out.getvalue()
        return found
    finally:
        iso.close()


def volume_label(encoded: str) -> str:
    """The ISO volume label of a gzipped base64 image."""
    image = gzip.decompress(base64.b64decode(encoded))
    iso = pycdlib.PyCdlib()
    iso.open_fp(io.BytesIO(image))
    try:
        return iso.pvd.volume_identifier.decode().strip()
    finally:
        iso.close()
