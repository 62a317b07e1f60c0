"""What the rules read from a parsed report again and again, kept on its Doc: its text, its
sentences, whether a sentence is a headline's. Nothing here loads spaCy: a process that only
handles analyses (the command's own, whose workers parse) imports this, not the pipelines
(accord.analyze.nlp)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


def with_text(doc: Doc, text: str) -> Doc:
    """`doc`, its `text_of` the text it was parsed from: spaCy's tokens keep every character of
    it, so `doc.text` would join them back into the same text."""
    doc.user_data[_TEXT] = text
    return doc


def text_of(doc: Doc) -> str:
    """`doc.text`, built once per Doc: spaCy joins every token's text on each access (about
    0.3 ms for a news report), and the analysis reads it dozens of times per report."""
    cached = doc.user_data.get(_TEXT)
    if cached is None:
        cached = doc.user_data[_TEXT] = doc.text
    return str(cached)


def sentences(doc: Doc) -> tuple[Span, ...]:
    """`doc.sents` as a tuple computed once per Doc (each `doc.sents` walks every token)."""
    cached = doc.user_data.get(_SENTS)
    if cached is None:
        cached = doc.user_data[_SENTS] = tuple(doc.sents)
    return cast("tuple[Span, ...]", cached)


def release(doc: Doc) -> None:
    """Drop the caches of this module from a Doc the rules are done with. They hold the Doc's
    spans, which hold the Doc: a cycle only the garbage collector breaks, so each Doc read stayed
    in memory until its next pass. Without them the Doc is freed once nothing uses it."""
    for key in (_TEXT, _SENTS, _CASED):
        doc.user_data.pop(key, None)


# user_data keys of the caches above (spaCy's own keys there are tuples).
_TEXT = "accord.text"
_SENTS = "accord.sents"
_CASED = "accord.cased"
_SPACES = re.compile(r"\s+")


def squash(text: str) -> str:
    """Collapse runs of white space (for display of spans that cross line breaks)."""
    return _SPACES.sub(" ", text).strip()


def headline_cased(sent: Span) -> bool:
    """A sentence in Title Case or in capitals: the small model takes its capitalised words for
    names ("Venezuela Frees", "Gunman Kills Three") and misses its verbs. Read once per sentence
    of a Doc: every name and figure of the sentence asks."""
    known = cast(dict[tuple[int, int], bool], sent.doc.user_data.setdefault(_CASED, {}))
    where = (sent.start_char, sent.end_char)
    if where not in known:
        text = text_of(sent.doc)[sent.start_char : sent.end_char]
        known[where] = _title_case(sent, text) or _capitals(text)
    return known[where]


def _capitals(text: str) -> bool:
    """A sentence in capitals (a broadcast transcript)."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 12 and sum(ch.isupper() for ch in letters) >= 0.9 * len(letters)


def _title_case(sent: Span, text: str) -> bool:
    words = [t.text for t in sent if t.is_alpha and len(t.text) > 3]
    capitals = sum(w[0].isupper() for w in words)
    return len(words) >= 4 and capitals >= 0.7 * len(words) and not text.rstrip().endswith(".")
