"""Garbage-collector settings for long-running services.

A service imports a large, long-lived heap (SQLAlchemy, oslo, pecan, the
object registry) before it serves anything. With CPython's default
thresholds a full collection rescans all of it every few thousand
allocations; rendering a detailed list of 1,000 nodes spent three quarters of
its time in such collections. Freezing the start-up heap takes it out of every
later collection, and a larger first-generation threshold makes young
collections rarer. Reference counting still frees almost everything at once;
only cycles wait longer.
"""
from __future__ import annotations

import gc

YOUNG_THRESHOLD = 10000
"""Allocations (minus deallocations) between two young-generation collections."""


def tune_after_start_up() -> None:
    """Freeze the current heap and raise the young-generation threshold.

    Call once the service has imported and built everything it keeps.
    """
    gc.collect()
    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, older, oldest)
