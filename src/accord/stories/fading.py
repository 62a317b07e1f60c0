"""How far apart in days two sets of reports are, and how much a story's pull fades with it.

Placing a report (`accord.stories.cluster`) sets its one day against a story's days; healing
(`accord.stories.heal`) sets a story's days against another's. Both read the gap between the
spans, and both let a story's words pull half as hard for every half-life of it.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date


def days_apart(a: Collection[date], b: Collection[date]) -> int:
    """Days between the spans of two sets of days (0 when they overlap or either is empty)."""
    if not a or not b:
        return 0
    return max((min(b) - max(a)).days, (min(a) - max(b)).days, 0)


def fade(days: int, half_life_days: float) -> float:
    """The share of its pull a story keeps across `days`: half for every half-life (all of it
    when no half-life is set)."""
    return float(0.5 ** (days / half_life_days)) if half_life_days > 0 else 1.0
