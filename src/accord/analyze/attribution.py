"""Who said what: attributed statements found in one parsed report.

The rules read spaCy's dependency parse. A cue is a reporting verb from the lexicon (say, tell,
warn, estimate...) or any verb that takes a clausal complement with a subject of its own
("officials believe that..."); its subject is the source and its complement the content.
"according to X" and reporting nouns ("a report that...") add their own shapes, and quotation
marks stretch a content over a quote that runs across sentences or is cut by its attribution.
Sources are then resolved within the report by `accord.analyze.entities`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from accord.analyze._attribution_cues import lexicon
from accord.analyze._attribution_lines import layout_attributions
from accord.analyze._attribution_quotes import next_quote, quote_regions, stretch_to_quote
from accord.analyze.docs import sentences, text_of
from accord.analyze.entities import LocalEntities
from accord.model import Mention, Statement

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Complements that carry what was said, best first: a clause beats an object ("told Reuters that").
_CLAUSE_DEPS = ("ccomp", "xcomp")
_OBJECT_DEPS = ("dobj", "oprd", "attr", "dative")
_OBJECT_TAIL_DEPS = ("prep", "oprd", "xcomp", "ccomp", "advcl", "dative")
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# How far after its cue the second part of a cut quote may open ('"A," said X, the Y of Z. "B."').
_ATTRIBUTION_GAP = 200
# How much punctuation may stand between a cue and the quote it introduces or follows.
_QUOTE_GAP = 4
# Light verbs whose clausal complement is no one's statement ("that's why", "make sure").
# Verbs whose clause is an effect, not a stance: "the quake struck, causing buildings to collapse
# and injuring 50" has no source.
_NOT_STANCE = frozenset((
    "be", "make", "have", "do", "get", "let", "help", "mean", "go", "come", "cause", "force",
    "allow", "leave", "keep", "prompt", "trigger", "send", "enable",
))  # fmt: skip
# Prepositions that also open a clause ("after the council announced"), for a misread subject.
_CLAUSE_PREPOSITIONS = frozenset(("after", "before", "since", "until", "as", "once", "when"))
_TRIM = frozenset(",.;:!?—–-()[]\"'“”‘’«»")


@dataclass(slots=True)
class RawAttribution:
    """A statement before its source is resolved; offsets are character offsets."""

    cue_start: int
    cue_end: int
    source: Span | None
    content_start: int
    content_end: int
    sentence: Span
    is_quote: bool = False


def find_statements(doc: Doc, key: str) -> tuple[list[Statement], list[Mention]]:
    """The attributed statements of one report, with sources resolved within the report, and the
    entity mentions (names, descriptions, pronouns) with report-local entity ids."""
    local = LocalEntities(doc, key)
    statements = [_statement(doc, key, raw, local) for raw in find_raw(doc)]
    return statements, local.mentions()


def find_raw(doc: Doc) -> list[RawAttribution]:
    """Every attribution of `doc`, one per cue, in text order, quotes stretched."""
    regions = quote_regions(text_of(doc))
    found: list[RawAttribution] = []
    for sent in sentences(doc):
        for raw in _sentence_attributions(sent, regions):
            if _inside(raw.cue_start, regions):
                continue  # a quoted speaker's own "I think" belongs to the quote
            _stretch(raw, doc, regions)
            if raw.content_end > raw.content_start:
                found.append(raw)
    found += [_from_layout(*spans) for spans in layout_attributions(doc)]
    return sorted(_outermost(found), key=lambda r: (r.content_start, r.cue_start))


def _outermost(found: list[RawAttribution]) -> list[RawAttribution]:
    """Drop a stance reported inside another statement's content ("X said Y believes Z"): the
    report is X's; the nested "believes" is part of what X said."""

    def nested(inner: RawAttribution) -> bool:
        return any(
            outer is not inner
            and outer.content_start <= inner.cue_start < outer.content_end
            and outer.content_start <= inner.content_start
            and inner.content_end <= outer.content_end
            for outer in found
        )

    return [raw for raw in found if not nested(raw)]


def _from_layout(source: Span, cue: Span, content: Span) -> RawAttribution:
    """An epigraph's quote (cue a dash) or a "Speaker: words" line (cue the colon)."""
    sentence = content[0].sent
    quoted = cue.text != ":"
    return RawAttribution(
        cue.start_char, cue.end_char, source, content.start_char, content.end_char, sentence, quoted
    )


def _has_cue(doc: Doc, region: tuple[int, int]) -> bool:
    """Whether the sentence a quotation ends in attributes it to someone of its own."""
    span = doc.char_span(region[0], region[1], alignment_mode="expand")
    if span is None:
        return False
    sent = doc[span.end - 1].sent
    return any(_is_cue_verb(t) and t.idx >= region[1] for t in sent)


def _inside(offset: int, regions: list[tuple[int, int]]) -> bool:
    return any(start < offset < end for start, end in regions)


def _sentence_attributions(sent: Span, regions: list[tuple[int, int]]) -> Iterator[RawAttribution]:
    for tok in sent:
        raw = _from_according(tok, sent) or _from_noun(tok, sent) or _from_verb(tok, sent, regions)
        if raw is not None:
            yield raw


def _statement(doc: Doc, key: str, raw: RawAttribution, local: LocalEntities) -> Statement:
    resolved = local.resolve(raw.source) if raw.source is not None else None
    src = raw.source
    return Statement(
        doc=key,
        content=text_of(doc)[raw.content_start : raw.content_end],
        content_start=raw.content_start,
        content_end=raw.content_end,
        sentence_start=raw.sentence.start_char,
        sentence_end=raw.sentence.end_char,
        source_span=src.text if src is not None else None,
        source_start=src.start_char if src is not None else None,
        source_end=src.end_char if src is not None else None,
        source=resolved.name if resolved else None,
        source_type=resolved.type if resolved else None,
        entity=resolved.entity if resolved else None,
        cue=text_of(doc)[raw.cue_start : raw.cue_end],
        cue_start=raw.cue_start,
        cue_end=raw.cue_end,
        is_quote=raw.is_quote,
    )


# ---------------------------------------------------------------- cue shapes


def _from_verb(tok: Token, sent: Span, regions: list[tuple[int, int]]) -> RawAttribution | None:
    if not _is_cue_verb(tok) or _hands_over(tok):
        return None
    source = _subject(tok)
    particle = _particle(tok)
    if source is None:
        return None
    content = _content_span(tok, particle, sent) or _adjacent_quote(tok, source, regions)
    if content is None:
        return None
    cue_end = particle.idx + len(particle) if particle is not None else tok.idx + len(tok)
    return RawAttribution(tok.idx, cue_end, source, *content, sent)


def _is_cue_verb(tok: Token) -> bool:
    if tok.pos_ not in ("VERB", "AUX") or tok.dep_ in ("aux", "auxpass", "amod"):
        return False
    if tok.lemma_.lower() in lexicon().speech_verbs:
        return True
    if tok.pos_ == "AUX" or tok.lemma_.lower() in _NOT_STANCE:
        return False
    # Any verb with a subject and a clause of its own reports a stance ("polls show that...").
    return any(c.dep_ == "ccomp" and _has_subject(c) for c in tok.children)


def _hands_over(tok: Token) -> bool:
    """ "continues to insist that Y", "wants to tell X": the inner verb reports, with the same
    subject; one statement, not two."""
    clauses = [c for c in tok.children if c.dep_ in _CLAUSE_DEPS]
    return len(clauses) == 1 and clauses[0].dep_ == "xcomp" and _is_cue_verb(clauses[0])


def _has_subject(tok: Token) -> bool:
    return any(c.dep_ in _SUBJECT_DEPS or c.dep_ == "expl" for c in tok.children)


def _particle(tok: Token) -> Token | None:
    """The preposition that belongs to the cue ("called for", "pointed to")."""
    wanted = lexicon().verb_particles.get(tok.lemma_.lower(), frozenset())
    for child in tok.rights:
        if child.dep_ in ("prep", "prt") and child.lower_ in wanted:
            return child
    return None


def _content_span(tok: Token, particle: Token | None, sent: Span) -> tuple[int, int] | None:
    """Character offsets of what was said: the cue's complement, or for "Y, X said" the words
    before the cue, or for "X said:" the quote or sentence that follows."""
    if particle is not None:
        objects = [c for c in particle.children if c.dep_ in ("pobj", "pcomp")]
        if objects:
            return _span_of(objects)
    clauses = [c for c in tok.children if c.dep_ in _CLAUSE_DEPS]
    if not clauses and tok.lemma_.lower() in lexicon().speech_verbs:
        clauses = _object_phrase(tok)
    if clauses:
        return _span_of(clauses, stop=_next_report(clauses))
    if tok.dep_ in ("parataxis", "ccomp", "advcl") and tok.head.i != tok.i and _has_subject(tok):
        # "Y, X said." or "Y, X said, Z.": the clause the cue interrupts, less the cue's words.
        gone = {t.i for t in tok.subtree}
        return _span_of([t for t in tok.head.subtree if t.i not in gone and t.i >= sent.start])
    return _after_colon(tok, sent)


def _object_phrase(tok: Token) -> list[Token]:
    """The object and what the verb says about it after it: "criticized X for doing Y"."""
    objects = [c for c in tok.children if c.dep_ in _OBJECT_DEPS]
    if not objects:
        return []
    after = objects[0].i
    tail = [c for c in tok.rights if c.i > after and c.dep_ in _OBJECT_TAIL_DEPS]
    return objects + tail + _misread_clause(tok, objects[0])


def _misread_clause(tok: Token, obj: Token) -> list[Token]:
    """ "claimed Maduro won 52%": a verb the parser joined to the cue with no "and" between is the
    predicate of a clause whose subject it took for the object."""
    coordinated = any(c.dep_ == "cc" and c.i > obj.i for c in tok.children)
    return [
        c
        for c in tok.rights
        if c.dep_ == "conj" and c.pos_ == "VERB" and c.i > obj.i and not _has_subject(c)
        and not coordinated
    ]  # fmt: skip


def _after_colon(tok: Token, sent: Span) -> tuple[int, int] | None:
    """ "X said:" ends its sentence: what was said is the next one."""
    rest = [t for t in sent.doc[tok.i + 1 : sent.end] if not t.is_space]
    if not rest or rest[-1].text != ":" or sent.end >= len(sent.doc):
        return None
    return _trimmed(sent.doc[sent.end].sent)


def _adjacent_quote(
    tok: Token, source: Span, regions: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """A quote the parser left outside the cue's clause: '"...," X said' or 'X said, "..."'."""
    text = text_of(tok.doc)
    lead = min(tok.idx, source.start_char)
    tail = max(tok.idx + len(tok), source.end_char)
    for start, end in regions:
        if end <= lead and lead - end < _QUOTE_GAP and not _has_words(text[end:lead]):
            return start, end
        if start >= tail and start - tail < _QUOTE_GAP and not _has_words(text[tail:start]):
            return start, end
    return None


def _has_words(text: str) -> bool:
    return "\n\n" in text or any(c.isalpha() for c in text)


def _from_according(tok: Token, sent: Span) -> RawAttribution | None:
    """ "according to X, Y" and "Y, according to X": the content is the rest of the clause."""
    if tok.lower_ != "according" or tok.i + 1 >= sent.end or tok.nbor().lower_ != "to":
        return None
    to = tok.nbor()
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        return None
    source = _trimmed_span(sent.doc[objects[0].left_edge.i : objects[0].right_edge.i + 1])
    head = tok.head if tok.head.i != tok.i else sent.root
    clause = _clause_without(head, tok, sent)
    if clause is None or source is None:
        return None
    return RawAttribution(tok.idx, to.idx + len(to), source, *clause, sent)


def _clause_without(head: Token, skip: Token, sent: Span) -> tuple[int, int] | None:
    """The clause of `head` minus the subtree of `skip` (the "according to X" phrase)."""
    gone = {t.i for t in skip.subtree}
    words = [t for t in head.subtree if t.i not in gone and sent.start <= t.i < sent.end]
    before = [t for t in words if t.i < skip.i]
    after = [t for t in words if t.i > skip.i]
    # The content is the longer side: "According to X, Y." or "Y, according to X."
    side = after if len(after) >= len(before) else before
    return _trimmed(sent.doc[side[0].i : side[-1].i + 1]) if side else None


def _from_noun(tok: Token, sent: Span) -> RawAttribution | None:
    """ "a New York Times report that Y": the noun's owner is the source, its clause the content."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in lexicon().content_nouns:
        return None
    clauses = [c for c in tok.children if c.dep_ in ("acl", "ccomp") and _starts_clause(c)]
    owners = [c for c in tok.children if c.dep_ == "poss"]
    owner = _np(owners[0]) if owners else sent.doc[tok.left_edge.i : tok.i]
    source = _trimmed_span(owner) if owner is not None and len(owner) else None
    content = _span_of(clauses) if clauses else None
    if content is None or source is None or all(t.pos_ == "DET" for t in source):
        return None
    return RawAttribution(tok.idx, tok.idx + len(tok), source, *content, sent)


def _starts_clause(tok: Token) -> bool:
    """ "a report that Y", "his promise to Y"; not "the report he wrote"."""
    return tok.left_edge.lower_ == "that" or (tok.left_edge.lower_ == "to" and tok.pos_ == "VERB")


# ---------------------------------------------------------------- sources


def _subject(tok: Token) -> Span | None:
    """The cue's subject; a subjectless participle or conjunct ("..., adding that") borrows the
    subject of the reporting verb it hangs from."""
    for child in tok.children:
        if child.dep_ == "nsubj":
            return _np(child)
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return _np(objects[0])
    if tok.dep_ in ("advcl", "conj") and (stranded := _stranded_subject(tok)) is not None:
        return stranded
    if tok.dep_ in ("advcl", "conj", "xcomp", "acl") and tok.head.i != tok.i:
        return _inherited_subject(tok)
    return None


def _stranded_subject(tok: Token) -> Span | None:
    """ "broke out after the council announced that...": the parser reads "after the council" as a
    prepositional phrase, but the noun just before the verb is the subject of its clause."""
    before = tok.i - 1
    while before >= 0 and tok.doc[before].is_punct:
        before -= 1
    for noun in tok.doc[before].ancestors if before >= 0 else ():
        if noun.dep_ == "pobj" and noun.head.lower_ in _CLAUSE_PREPOSITIONS:
            return _np(noun) if noun.right_edge.i < tok.i else None
        if noun.i > tok.i or noun.dep_ not in ("appos", "compound", "punct"):
            break
    return None


def _inherited_subject(tok: Token) -> Span | None:
    fallback: Span | None = None
    for head in tok.ancestors:
        subjects = [c for c in head.children if c.dep_ == "nsubj"]
        if not subjects:
            continue
        if head.lemma_.lower() in lexicon().speech_verbs:
            return _np(subjects[0])
        fallback = fallback or _np(subjects[0])
    return fallback


def _np(head: Token) -> Span | None:
    """The noun phrase of a subject with its own appositions and relative clauses, cut where a
    modifier of a modifier starts after a comma ("X, president of Y, which represents Z")."""
    end = head.right_edge.i + 1
    for tok in head.rights:
        # "the director, X, in a post on X": an adverbial the parser hung on the subject.
        if tok.dep_ == "prep" and head.doc[tok.i - 1].text == ",":
            end = min(end, tok.i - 1)
    for tok in head.subtree:
        nested = tok.head != head and tok.i > head.i and tok.dep_ in ("relcl", "appos", "acl")
        if nested and tok.left_edge.i > 0 and head.doc[tok.left_edge.i - 1].text == ",":
            end = min(end, tok.left_edge.i - 1)
    return _trimmed_span(head.doc[head.left_edge.i : end])


# ---------------------------------------------------------------- spans


def _next_report(clauses: list[Token]) -> int | None:
    """Where the same source's next report starts inside the content ("said A and warned B",
    "said A, arguing B", "said A; they learned B"): the content ends there."""
    first = min(t.left_edge.i for t in clauses)
    for clause in clauses:
        for tok in clause.subtree:
            if tok.i <= first + 1:
                continue
            if tok.text == ";" or _joined_report(tok):
                return tok.left_edge.i if tok.text != ";" else tok.i
    return None


def _joined_report(tok: Token) -> bool:
    """A reporting verb tacked on by coordination or as a participle, sharing the subject."""
    return (
        tok.dep_ in ("conj", "advcl")
        and tok.pos_ == "VERB"
        and tok.lemma_.lower() in lexicon().speech_verbs
        and not _has_subject(tok)
    )


def _span_of(tokens: list[Token], stop: int | None = None) -> tuple[int, int] | None:
    """Offsets of the subtrees of `tokens`, ended before `stop`, without a leading "that"."""
    doc = tokens[0].doc
    first = min(t.left_edge.i for t in tokens)
    last = max(t.right_edge.i for t in tokens)
    if stop is not None and first < stop <= last:
        last = stop - 1
    if doc[first].lower_ == "that" and doc[first].dep_ == "mark" and first < last:
        first += 1  # "X said that Y": what X said is Y
    return _trimmed(doc[first : last + 1])


def _trimmed_span(span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and (span.doc[start].text in _TRIM or span.doc[start].is_space):
        start += 1
    while end > start and (span.doc[end - 1].text in _TRIM or span.doc[end - 1].is_space):
        end -= 1
    return span.doc[start:end] if end > start else None


def _trimmed(span: Span) -> tuple[int, int] | None:
    kept = _trimmed_span(span)
    return (kept.start_char, kept.end_char) if kept is not None else None


def _stretch(raw: RawAttribution, doc: Doc, regions: list[tuple[int, int]]) -> None:
    """Cover the whole quotation the content sits in, and a second part of it that follows the
    attribution ('"A," she said. "B."')."""
    start, end, is_quote = stretch_to_quote(raw.content_start, raw.content_end, regions)
    if is_quote and end <= raw.cue_start:
        after = next_quote(raw.cue_end, raw.cue_end + _ATTRIBUTION_GAP, regions)
        if (
            after is not None
            and "\n" not in text_of(doc)[end : after[0]]
            and not _has_cue(doc, after)
        ):
            end = after[1]
    raw.content_start, raw.content_end, raw.is_quote = start, end, is_quote
