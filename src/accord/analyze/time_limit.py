"""A time limit on accord's own rules over one report. The rules run in some tens of
milliseconds a report; one that never returns (a loop over a parse it was not written for) must
cost its report, refused, not the whole ingest."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from accord.errors import RulesTimeout

# Far above any report's rules (10-40 ms on a news report, a few seconds on the longest texts).
RULES_SECONDS = 60.0


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise RulesTimeout inside the block once `seconds` of wall time have passed, where a
    timer signal can reach it: the main thread of a process (the analysis workers, the command
    line). In another thread (the web app's) the block runs without a limit."""
    main = threading.current_thread() is threading.main_thread()
    if seconds <= 0 or not main or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(_signum: int, _frame: FrameType | None) -> None:
        raise RulesTimeout(f"accord's rules ran past {seconds:g} s on this report")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
