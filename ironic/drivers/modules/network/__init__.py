"""Implementations of the network interface."""
from __future__ import annotations
