"""Direct quotes: where quotation marks open and close in a text.

A quote may run over several sentences, and one speaker's quote may be cut in two by the
attribution ('"A," she said. "B."'); these helpers let the rules stretch a statement's content
over the whole quotation rather than one parsed sentence of it.
"""

from __future__ import annotations

import re

# Curly quotes pair unambiguously; straight ones pair in order of appearance within a paragraph.
_CURLY = re.compile(r"“[^”\n]*(?:\n(?!\s*\n)[^”\n]*)*”|“[^”\n]*(?=\n)")
_STRAIGHT = re.compile(r'"[^"\n]*"|\'\'[^\n]*?\'\'')


def quote_regions(text: str) -> list[tuple[int, int]]:
    """(start, end) of every quotation, marks included, sorted by start; an unclosed curly quote
    ends at its paragraph's end (news style re-opens a quote on each new paragraph)."""
    regions = [(m.start(), m.end()) for m in _CURLY.finditer(text)]
    regions += [(m.start(), m.end()) for m in _STRAIGHT.finditer(text)]
    return sorted(r for r in regions if r[1] - r[0] > 2)


def stretch_to_quote(start: int, end: int, regions: list[tuple[int, int]]) -> tuple[int, int, bool]:
    """Widen content (start, end) over any quotation it starts or ends inside of; also says whether
    the content is a direct quote (mostly made of quoted words)."""
    quoted = 0
    for q_start, q_end in regions:
        if q_end <= start or q_start >= end:
            continue
        # The content starts or ends inside the quotation, or is the quotation itself.
        if q_start < start + 2 or q_end > end - 2:
            start, end = min(start, q_start), max(end, q_end)
        quoted += min(end, q_end) - max(start, q_start)
    return start, end, quoted >= 0.6 * (end - start)


def next_quote(after: int, limit: int, regions: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The quotation that opens between `after` and `limit`, if any."""
    for q_start, q_end in regions:
        if after <= q_start < limit:
            return q_start, q_end
    return None
