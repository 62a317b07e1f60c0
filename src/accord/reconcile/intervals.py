"""The interval of values a claim allows, from its qualifier (FORMATS.md defaults).

"At least 1,800" allows [1800, inf); "about 2,400" allows [2280, 2520] with the default about_width.
Two claims can both be true of one figure only when their intervals meet.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from accord.model import Claim
from accord.settings import DEFAULTS

# Vague words without their own bounds on the claim ("dozens" [24, 99]): used only as a fallback.
VAGUE_DEFAULT = (0.5, 2.0)  # relative bounds around the value when a vague claim carries none


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed or half-open interval of plausible values."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def meets(self, other: Interval) -> bool:
        """Whether some value lies in both intervals."""
        if self.high < other.low or other.high < self.low:
            return False
        if self.high == other.low:
            return not (self.high_open or other.low_open)
        if other.high == self.low:
            return not (other.high_open or self.low_open)
        return True

    def below(self, other: Interval) -> bool:
        """Whether every value of self is lower than every value of other."""
        return not self.meets(other) and self.high <= other.low

    @property
    def finite_high(self) -> float | None:
        return None if math.isinf(self.high) else self.high


def claim_interval(
    claim: Claim,
    about_width: float = DEFAULTS.about_width,
    nearly_width: float = DEFAULTS.nearly_width,
) -> Interval:
    """The values `claim` allows, by its qualifier; unknown qualifiers are taken as exact."""
    v, q = claim.value, claim.qualifier
    if q in ("range", "vague"):
        return _bounded(claim)
    if q == "about":
        return Interval(v * (1 - about_width), v * (1 + about_width))
    if q == "nearly":
        return Interval(v * (1 - nearly_width), v, high_open=True)
    if q == "at_least":
        return Interval(v, math.inf)
    if q == "more_than":
        return Interval(v, math.inf, low_open=True)
    if q in ("up_to", "at_most"):
        return Interval(0.0, v)
    if q == "fewer_than":
        return Interval(0.0, v, high_open=True)
    return Interval(v, v)


def _bounded(claim: Claim) -> Interval:
    low = claim.value_low if claim.value_low is not None else claim.value * VAGUE_DEFAULT[0]
    high = claim.value_high if claim.value_high is not None else claim.value * VAGUE_DEFAULT[1]
    return Interval(min(low, high), max(low, high))


QUALIFIER_WORDS = {
    "exact": "",
    "at_least": "at least ",
    "more_than": "more than ",
    "about": "about ",
    "nearly": "nearly ",
    "up_to": "up to ",
    "at_most": "at most ",
    "fewer_than": "fewer than ",
}


def format_number(value: float) -> str:
    """1800.0 -> "1,800"; 2.5 -> "2.5"."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def describe_value(
    value: float, qualifier: str, low: float | None = None, high: float | None = None
) -> str:
    """A figure as a reader says it: "at least 1,800", "between 300 and 400"."""
    if qualifier in ("range", "vague") and low is not None and high is not None:
        return f"between {format_number(low)} and {format_number(high)}"
    return QUALIFIER_WORDS.get(qualifier, "") + format_number(value)
