"""When Python's collector runs: one rule for the kernel's and the engine's serial phases.

A full collection scans every object alive, and one comes each time the heap has grown by a quarter. Reading
a run's records (7 MB of JSON for the paper) took three times as long with them as without, and a warm
re-check of the paper paid 11 of them (2.8 s) while building its obligations. Almost nothing in those heaps
is cyclic garbage (the paper's peak memory is the same without collection), so those phases collect only
young objects (where short-lived cycles die); forked children run with the collector as it was.
"""
from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

_FULL_DEFERRED = 1 << 30


@contextlib.contextmanager
def young_collections_only() -> Iterator[None]:
    """Inside: no full collection (generations 0 and 1 are collected as usual); the thresholds as they were
    after. Decides nothing and computes nothing: only when the collector runs changes."""
    saved = gc.get_threshold()
    if len(saved) < 3 or saved[0] == 0 or saved[2] >= _FULL_DEFERRED or not gc.isenabled():
        yield                                  # collection off, already deferred (nested), or another scheme
        return
    gc.set_threshold(saved[0], saved[1], _FULL_DEFERRED)
    try:
        yield
    finally:
        gc.set_threshold(*saved)
