"""A wall-clock limit on Python code running in this process (SIGALRM), for work that cannot be forked
off: a builder whose obligations are needed to validate the graph, say."""
from __future__ import annotations

import contextlib
import signal
import threading
from typing import Iterator


class TimeLimitExceeded(Exception):
    """The guarded code ran past its limit."""


@contextlib.contextmanager
def time_limit(seconds: float, message: str = "") -> Iterator[None]:
    """Raise :class:`TimeLimitExceeded` in the guarded code after ``seconds``. Only the main thread
    receives signals: elsewhere, and for ``seconds <= 0``, no limit applies. Code inside a C call is
    interrupted when it returns to Python."""
    if threading.current_thread() is not threading.main_thread() or seconds <= 0:
        yield
        return

    def expire(signum, frame):
        raise TimeLimitExceeded(message or f"took longer than {seconds:g}s")
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
