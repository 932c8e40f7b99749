"""A wall-clock limit on Python code running in this process (SIGALRM), for work that cannot be forked
off: a builder whose obligations are needed to validate the graph, say."""
from __future__ import annotations

import contextlib
import math
import os
import signal
import threading
import time
from typing import Iterator

REPEAT = 0.5    # seconds between repeated alarms once the limit has passed


def env_seconds(name: str, default: float) -> float:
    """A time setting from the environment variable ``name``; ``default`` when unset or not a number."""
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


class TimeLimitExceeded(BaseException):
    """The guarded code ran past its limit. A BaseException, so that ``except Exception`` in the
    guarded code does not swallow it; the alarm also repeats until the block is left."""


@contextlib.contextmanager
def time_limit(seconds: float, message: str = "") -> Iterator[None]:
    """Raise :class:`TimeLimitExceeded` in the guarded code after ``seconds``.

    No limit applies off the main thread (only it receives signals), or when ``seconds`` is not a
    positive finite number. Limits nest: an inner block never outlasts an outer one, and leaving it
    re-arms what is left of the outer limit. Code inside a C call is interrupted when it returns to
    Python."""
    if threading.current_thread() is not threading.main_thread() or not (
            math.isfinite(seconds) and seconds > 0):
        yield
        return
    seconds = min(seconds, 1e6)                 # setitimer refuses values beyond its range

    def expire(signum, frame):
        raise TimeLimitExceeded(message or f"took longer than {seconds:g}s")

    outer_delay, outer_interval = signal.getitimer(signal.ITIMER_REAL)
    # an enclosing limit that falls first alone applies (its exception then reaches this block's code);
    # a SIGALRM handler installed from C could not be restored, so it is left alone
    if 0 < outer_delay <= seconds or signal.getsignal(signal.SIGALRM) is None:
        yield
        return
    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, expire)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT)
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_delay > 0:                     # re-arm what is left of the enclosing limit
            left = outer_delay - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-3), outer_interval)
