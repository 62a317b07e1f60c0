"""Evidence that holds across languages, so that a report joins the story of its other-language
versions: the names it mentions (people, bodies, places, acronyms, products), its figures and its
publication day.

A report's words say little across languages ("released" against "excarcelados"), but the
Spanish and English reports of one event name the same people and bodies, give the same figures
and are sent on the same days. Names are folded (accents and case: "José" is "jose") and the forms
that differ between the languages ("Estados Unidos", "EEUU", "el fiscal general") are read as one
name through the table of data/cross_names.json. Figures are read whatever the language's
separators ("40.000" and "40,000"; "1,4" and "1.4"), with the values of the report's claims
("40.000 millones" and "$40 billion" alike).

These features (prefixed `x:`) are kept apart from the report's other features: they are compared
only between a report and a story none of whose reports is in the report's language, so a store of
one language clusters as it would without them.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from importlib import resources

from accord.date_words import MONTHS, SPANISH_MONTH_NAMES, SPANISH_WEEKDAYS, WEEKDAYS
from accord.text import fold_accents
from accord.tfidf import STOP_WORDS

PREFIX = "x:"
# Mean neutral cosine to a story in other languages at or above which a report may join it: a
# report and its translation score 0.5 to 0.9 on MEANTIME, the best other report of the same topic
# 0.1 to 0.35 (and reports of one language in one topic no more).
CROSS_THRESHOLD = 0.45

# What stands before a word that opens a sentence (blanks aside), or nothing.
_SENTENCE_ENDS = frozenset('\n.!?¡¿"«“:')
_DATE_WORDS = frozenset([*MONTHS, *WEEKDAYS, *SPANISH_MONTH_NAMES, *SPANISH_WEEKDAYS])
_TOKEN = re.compile(r"[^\W\d_][\w'’.&-]*[^\W_]|[^\W\d_]")
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")
# Capitalised words that open sentences in Spanish news and name no one.
_SPANISH_STOP = frozenset(  # a word list reads best as text
    """el la los las un una unos unas de del en y a al por para con su sus se lo que es este esta
    estos estas ese esa hoy ayer tras sin embargo ademas segun durante desde hasta entre sobre
    pero como cuando mientras tambien asi ya no si mas""".split()  # noqa: SIM905
)


@functools.cache
def _names_table() -> dict[str, str]:
    text = resources.files("accord.data").joinpath("cross_names.json").read_text(encoding="utf-8")
    table: dict[str, str] = json.loads(text)["names"]
    # An English form stands for itself, so that "United States" and "Estados Unidos" meet.
    return {**{v: v for v in table.values()}, **table}


@functools.cache
def _table_pattern() -> re.Pattern[str]:
    """The table's forms, longest first; a short form (an acronym) only in capitals. The forms
    are grouped by their first letter, each group behind a check of that letter, so that at
    most positions one check fails where every form was tried (three times faster); within
    a group they keep their order, and so the longest form that matches still wins."""
    groups: dict[str, list[str]] = {}
    for form in sorted(_names_table(), key=len, reverse=True):
        short = len(re.sub(r"[\W_]", "", form)) <= _SHORT
        part = re.escape(form.upper()) if short else f"(?i:{re.escape(form)})"
        groups.setdefault(form[:1].lower(), []).append(part)
    guarded = [
        f"(?=(?i:{re.escape(first)}))(?:{'|'.join(parts)})" for first, parts in groups.items()
    ]
    return re.compile(r"(?<!\w)(?:" + "|".join(guarded) + r")(?!\w)")


_SHORT = 4


def neutral_counts(
    text: str, published: str | None, figures: Iterable[float] = ()
) -> dict[str, float]:
    """The language-neutral features of a report: `x:name`, `x:#figure` and `x:@day`, with
    sublinear counts."""
    counts: defaultdict[str, float] = defaultdict(float)
    folded = fold_accents(text)
    table = _names_table()

    # Names of the table first; their words are then blanked so that "Estados Unidos" is not
    # also read as the names "estados" and "unidos".
    def blank(m: re.Match[str]) -> str:
        counts[PREFIX + table[m.group().lower()]] += 1
        return " " * (m.end() - m.start())

    rest = _table_pattern().sub(blank, folded)
    words = set(re.findall(r"[^\W\d_]+", rest))
    for name in _names(rest, words):
        counts[PREFIX + name] += 1
    for m in _NUMBER.finditer(text):
        value = _number(m.group())
        if value is not None:
            counts[f"{PREFIX}#{value:g}"] += 1
    for value in figures:
        counts[f"{PREFIX}#{value:g}"] += 1
    if published:
        counts[f"{PREFIX}@{published[:10]}"] += 1
    return {k: round(1.0 + math.log(v), 4) for k, v in counts.items()}


def _names(text: str, words: set[str]) -> list[str]:
    """Words with a capital (names, acronyms, "iPhone"), in lower case. A capitalised word that
    the text also writes in lower case is an ordinary word, and so is one that only ever opens a
    sentence once ("Aunque", "Tiene"), unless it has more capitals ("EADS", "iPhone"); month and
    weekday names are dates, which the publication day stands for."""
    found: list[tuple[str, bool]] = []
    for m in _TOKEN.finditer(text):
        word = m.group().rstrip(".")
        # Most words are in lower case: `islower` tells them at once, before the test by letter
        # (which a word of uncased letters alone still needs).
        if word.islower() or not any(map(str.isupper, word)):
            continue
        low = word.lower().replace("’", "'").removesuffix("'s")
        if low in STOP_WORDS or low in _SPANISH_STOP or low in _DATE_WORDS:
            continue
        if word[0].isupper() and low in words:
            continue
        before = m.start() - 1
        while before >= 0 and text[before] in " \t":
            before -= 1
        opening = before < 0 or text[before] in _SENTENCE_ENDS
        found.append((low, opening and sum(map(str.isupper, word)) == 1))
    inside = {low for low, opening in found if not opening}
    seen = Counter(low for low, _ in found)
    return [low for low, opening in found if not opening or low in inside or seen[low] > 1]


def _number(text: str) -> float | None:
    """A figure whatever its separators: groups of three digits after each separator are
    thousands ("40.000", "40,000"); one other separator is the decimal mark ("1,4", "1.4")."""
    parts = re.split(r"[.,]", text)
    if len(parts) > 1 and all(len(p) == 3 for p in parts[1:]):
        return float("".join(parts))
    if len(parts) == 1:
        return float(text)
    if len(parts) == 2:
        return float(f"{parts[0]}.{parts[1]}")
    return None


def neutral_score(vector: dict[str, float], summed: dict[str, float], size: int) -> float:
    """Mean neutral cosine of a report (its L2-normalised neutral vector) to a group's members
    (the sum of theirs)."""
    if size <= 0:
        return 0.0
    return sum(w * summed.get(t, 0.0) for t, w in vector.items()) / size
