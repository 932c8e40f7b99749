"""Command-line values shared by the kernel's and the engine's commands: one rule for each."""
from __future__ import annotations

import argparse
import math


def positive_seconds(text: str) -> float:
    """A time limit: a finite number of seconds above 0 (``-1``, ``0``, ``inf`` and ``nan`` are refused)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f"must be a positive, finite number of seconds, not {text}")
    return value


def job_count(text: str) -> int:
    """How many at once: a whole number >= 0 (0 runs in this process, without time limits)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (in this process) or more, not {value}")
    return value


def positive_count(text: str) -> int:
    """A count of at least 1."""
    value = job_count(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value
