"""Implementations of the storage interface."""
from __future__ import annotations
