"""Service start-up moves the long-lived heap out of the collector's way."""
from __future__ import annotations

import gc

from ironic.common import gc_tuning


def test_tuning_freezes_heap_and_raises_young_threshold():
    before = gc.get_threshold()
    try:
        gc_tuning.tune_after_start_up()
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold()[0] == gc_tuning.YOUNG_THRESHOLD
        assert gc.get_threshold()[1:] == before[1:]
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
