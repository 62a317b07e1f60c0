"""Light sentence splitting for reports and citations, without a parser.

Claims, statements and time mentions carry the sentence offsets the analysis found; the briefing and
the reports' source listings need every sentence of a text, cheaply. A line break ends a sentence
(headlines and datelines stand alone); otherwise a sentence ends at . ! ? (and closing quotes)
followed by space and an upper-case letter, a digit or an opening quote.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from accord.date_words import AP_MONTH_ABBREVIATIONS, CLOCK_GOES_ON

_END = re.compile(r"[.!?…][\"'’”)\]]*\s+(?=[A-Z0-9\"“‘'(])|\n+")
# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Col|Lt|St|Jr|Sr|No|U\.S|U\.N|vs|"
    + "|".join(AP_MONTH_ABBREVIATIONS)
    + r")\.$"
    # a middle initial: "Sheriff Robert J. Pickell", "George W. Bush"
    + r"|\b[A-Z][a-z]+ [A-Z]\.$"
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`, whitespace trimmed, none empty."""
    spans, start = [], 0
    for m in _END.finditer(text):
        if "\n" not in m.group() and (
            _ABBREVIATIONS.search(text[start : m.start() + 1])
            or CLOCK_GOES_ON.match(text, max(0, m.start() - 3))
        ):
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return [t for s, e in spans if (t := _trim(text, s, e))]


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def containing(spans: Sequence[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    """The span that holds `offset` (or the last one starting before it)."""
    starts = [s for s, _ in spans]
    i = bisect.bisect_right(starts, offset) - 1
    return spans[i] if i >= 0 else None


def word_count(text: str) -> int:
    return len(re.findall(r"[^\W\d_]+", text))
