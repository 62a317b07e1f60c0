"""Attributions carried by layout rather than by a verb:

- a headline or transcript turn "Speaker: words" (the colon is the cue);
- an epigraph quote followed by a dash and its author ('"Words." ― Name').
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from accord.analyze.docs import text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_EPIGRAPH = re.compile(r"[“”\"](?P<content>[^\n]{3,}?)[”\"]\s*[―—–]\s*(?P<source>[^\n.―—]{2,60})")
_LABEL = re.compile(r"(?m)^[ \t\"“]*(?P<source>[A-Z][^\n:]{0,50}?):[ \t]+(?P<content>\S[^\n]+)")
_LABEL_WORD = re.compile(r"(?:[A-Z][\w.’'-]*|of|the|and|de)$")
# Labels of a page's furniture, never a speaker: "Photo: ...", "CORRECTION: ...", "UPDATE: ...",
# "Editor's Note: ...", "Related: ...".
PAGE_LABELS = frozenset(  # a word list reads best as text
    """photo photos image images picture pictures video videos caption captions credit file
    graphic map correction corrections clarification update updated related watch listen read
    more previous next story post original first report editor's editors note breaking news
    developing advertisement sponsored""".split()  # noqa: SIM905
)


def layout_attributions(doc: Doc) -> Iterator[tuple[Span, Span, Span]]:
    """(source, cue, content) spans of epigraphs and "Speaker: words" lines."""
    for m in _EPIGRAPH.finditer(text_of(doc)):
        found = _spans(doc, m, m.end("content") + 1, m.start("source"))
        if found is not None and _looks_like_name(found[0].text):
            yield found
    for m in _LABEL.finditer(text_of(doc)):
        found = _spans(doc, m, m.end("source"), m.end("source") + 1)
        if found is not None and _looks_like_name(found[0].text) and _is_clause(found[2]):
            yield found


def _spans(
    doc: Doc, m: re.Match[str], cue_start: int, cue_end: int
) -> tuple[Span, Span, Span] | None:
    source = doc.char_span(m.start("source"), m.end("source"), alignment_mode="contract")
    cue = doc.char_span(cue_start, cue_end, alignment_mode="expand")
    content = doc.char_span(m.start("content"), m.end("content"), alignment_mode="contract")
    if source is None or cue is None or content is None or not len(source) or not len(content):
        return None
    return source, cue, content


def _is_clause(content: Span) -> bool:
    """Words after a label that say something ("Published On: Sat, 16 Nov" says nothing)."""
    return len(content) >= 3 and any(t.pos_ in ("VERB", "AUX") for t in content)


def _looks_like_name(text: str) -> bool:
    """A short run of capitalised words: a person, an outlet, a poll; not a sentence."""
    words = text.strip().split()
    return (
        1 <= len(words) <= 5
        and all(_LABEL_WORD.match(w) for w in words)
        and not any(c.isdigit() for c in text)
        and not all(w.lower().strip(".’'") in PAGE_LABELS for w in words)
    )
