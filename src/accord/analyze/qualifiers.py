"""Qualifier words around a figure ("at least 60", "nearly 200", "100 or more") and the interval of
values a qualified figure allows, for reconciling figures across reports.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from accord.model import Qualifier
from accord.settings import DEFAULTS, Settings

# Words before a number, matched longest first so that "no more than" wins over "more than".
BEFORE: dict[str, Qualifier] = {k: Qualifier(v) for k, v in {
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least",
    "not less than": "at_least", "a minimum of": "at_least", "at a minimum": "at_least",
    "more than": "more_than", "over": "more_than", "upwards of": "more_than",
    "in excess of": "more_than", "above": "more_than", "just over": "more_than",
    "well over": "more_than", "well above": "more_than", "slightly more than": "more_than",
    "more then": "more_than", "greater than": "more_than",
    "about": "about", "around": "about", "approximately": "about", "some": "about",
    "an estimated": "about", "estimated": "about", "roughly": "about", "approx.": "about",
    "circa": "about", "an approximate": "about", "a reported": "exact",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "just shy of": "nearly", "nigh on": "nearly",
    "up to": "up_to", "as many as": "up_to", "as much as": "up_to",
    "at most": "at_most", "no more than": "at_most", "not more than": "at_most",
    "a maximum of": "at_most",
    "fewer than": "fewer_than", "less than": "fewer_than", "under": "fewer_than",
    "below": "fewer_than",
}.items()}  # fmt: skip
# Words after a number: "100 or more", "200 or so".
AFTER: dict[str, Qualifier] = {k: Qualifier(v) for k, v in {
    "or more": "at_least", "and more": "at_least", "or so": "about", "or fewer": "at_most",
    "or less": "at_most", "plus": "at_least",
}.items()}  # fmt: skip
# The same in Spanish: "al menos 60", "más de 100", "unos 200", "cerca de", "casi", "hasta".
BEFORE_ES: dict[str, Qualifier] = {k: Qualifier(v) for k, v in {
    "al menos": "at_least", "por lo menos": "at_least", "como mínimo": "at_least",
    "no menos de": "at_least", "un mínimo de": "at_least",
    "más de": "more_than", "poco más de": "more_than", "mas de": "more_than",
    "por encima de": "more_than",
    "unos": "about", "unas": "about", "alrededor de": "about", "aproximadamente": "about",
    "en torno a": "about", "cerca de": "nearly", "casi": "nearly", "hasta": "up_to",
    "como máximo": "at_most", "no más de": "at_most", "menos de": "fewer_than",
    # a verb of the count before the figure: "supera las 3.000 personas"
    "supera": "more_than", "superan": "more_than", "supera las": "more_than",
    "supera los": "more_than", "excede": "more_than", "rebasa": "more_than",
}.items()}  # fmt: skip
_LONGEST = max(len(p.split()) for p in (*BEFORE, *AFTER, *BEFORE_ES))


def qualifier_before(words: Sequence[str], language: str = "en") -> tuple[Qualifier, int] | None:
    """The qualifier that ends `words` (the words just before a number) and how many words it
    takes, or None."""
    table = BEFORE_ES if language == "es" else BEFORE
    lowered = [w.lower() for w in words]
    for n in range(min(_LONGEST, len(lowered)), 0, -1):
        phrase = " ".join(lowered[-n:])
        if phrase in table:
            return table[phrase], n
    return None


def qualifier_after(words: Sequence[str]) -> tuple[Qualifier, int] | None:
    """The qualifier that opens `words` (the words just after a number), or None."""
    lowered = [w.lower() for w in words]
    for n in range(min(_LONGEST, len(lowered)), 0, -1):
        phrase = " ".join(lowered[:n])
        if phrase in AFTER:
            return AFTER[phrase], n
    return None


def interval(
    value: float,
    qualifier: str,
    low: float | None = None,
    high: float | None = None,
    settings: Settings | None = None,
) -> tuple[float, float]:
    """The values a qualified figure allows, as [low, high] (open ends are approximated: a
    "more than" figure's interval starts just above the value, an "up to" one at 0).

    Widths of "about" and "nearly" come from the settings `about_width` and `nearly_width`
    (their defaults when `settings` is None)."""
    settings = settings or DEFAULTS
    about, nearly = settings.about_width, settings.nearly_width
    if qualifier in {"range", "vague"} and low is not None and high is not None:
        return low, high
    below = math.nextafter(value, -math.inf)
    bounds = {
        "about": (value * (1 - about), value * (1 + about)),
        # min(): on the tiniest floats (5e-324) the product rounds back up to the value itself.
        "nearly": (min(value * (1 - nearly), below), below),
        "at_least": (value, math.inf),
        "more_than": (math.nextafter(value, math.inf), math.inf),
        "up_to": (0.0, value),
        "at_most": (0.0, value),
        "fewer_than": (0.0, below),
    }
    return bounds.get(qualifier, (value, value))
