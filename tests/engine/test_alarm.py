"""The in-process time limit: it fires, cannot be swallowed by `except Exception`, nests, and leaves
signal handling as it found it."""
from __future__ import annotations

import signal
import time

import pytest

from proofs.alarm import TimeLimitExceeded, time_limit


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_the_limit_interrupts_and_names_itself():
    start = time.monotonic()
    with pytest.raises(TimeLimitExceeded, match="too slow"), time_limit(0.3, "too slow"):
        _spin(5)
    assert time.monotonic() - start < 2


def test_except_exception_does_not_swallow_it():
    start = time.monotonic()
    with pytest.raises(TimeLimitExceeded), time_limit(0.3):
        while time.monotonic() - start < 5:
            try:
                _spin(0.05)
            except Exception:       # noqa: BLE001 - the hostile code under test
                pass
    assert time.monotonic() - start < 2


def test_an_outer_limit_holds_inside_an_inner_block():
    start = time.monotonic()
    with pytest.raises(TimeLimitExceeded, match="outer"), time_limit(0.6, "outer"):
        with time_limit(0.1, "inner short"):
            pass                                    # leaving the inner block re-arms the outer one
        with time_limit(30, "inner long"):          # a longer inner limit does not extend the outer
            _spin(5)
    assert time.monotonic() - start < 2


def test_an_inner_limit_shorter_than_the_outer_fires_first():
    with time_limit(10, "outer"):
        with pytest.raises(TimeLimitExceeded, match="inner"), time_limit(0.2, "inner"):
            _spin(5)
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 5       # the outer limit is armed again


@pytest.mark.parametrize("seconds", [0, -1, float("inf"), float("nan")])
def test_no_limit_for_values_that_are_not_positive_and_finite(seconds):
    with time_limit(seconds):
        _spin(0.1)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_handler_and_timer_are_restored():
    before = signal.getsignal(signal.SIGALRM)
    with time_limit(5):
        pass
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
