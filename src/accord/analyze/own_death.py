"""Tolls that leave out a killer who then took his own life: "killing 2, then himself" and "shot
his two sons before killing himself" tell of three dead, as a reader of the toll (and the Gun
Violence Archive) counts them. The count the sentence gives stays a claim; the toll with the
killer is one more, citing the same words."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from accord.analyze.nlp import text_of
from accord.model import Claim

KILLING_LEMMAS = frozenset({"kill", "murder", "slay"})
SINGULAR_REFLEXIVES = frozenset({"himself", "herself"})
_THEN_HIMSELF = re.compile(
    r"(?:\s*,\s*(?:and\s+)?(?:then\s+)?|\s+and\s+(?:then\s+)?|\s+then\s+)((?:him|her)self)\b", re.I
)
# A toll that already counts him: "four were killed, including himself, the shooter".
_COUNTED_IN = re.compile(
    r"\bincluding\s+(?:him|her)self\b"
    r"|\bincluding\s+(?:the\s+)?(?:alleged\s+|suspected\s+)?(?:gunman|shooter|suspect|attacker|"
    r"assailant|killer|perpetrator)\b",
    re.I,
)


def tolls_with_the_killer(doc: Doc, claims: Sequence[Claim]) -> list[Claim]:
    """For each toll of the dead followed, in its sentence, by the killer's own death, the toll
    with him: one more ("people killing, and the killer himself")."""
    tolls: list[Claim] = []
    seen: set[tuple[int, float]] = set()
    for claim in claims:
        if claim.measure != "killed" or not claim.value:
            continue
        span = doc.char_span(claim.start, claim.end, alignment_mode="expand")
        if span is None or _COUNTED_IN.search(span.sent.text):
            continue
        own = _then_himself(span) or _own_death(span)
        if own is None or (span.sent.start, claim.value) in seen:
            continue
        seen.add((span.sent.start, claim.value))
        tolls.append(
            dataclasses.replace(
                claim,
                value=claim.value + 1,
                value_low=None if claim.value_low is None else claim.value_low + 1,
                value_high=None if claim.value_high is None else claim.value_high + 1,
                what=f"{claim.what or span.text}, and the killer {own}",
                counted=None,
            )
        )
    return tolls


def _then_himself(count: Span) -> str | None:
    """The reflexive that follows the count of a killing as one more of its people: "killing 2,
    then himself", "killed his wife and daughter and then himself" (not "killed three people
    himself")."""
    last = count.root.head if count.root.dep_ == "nummod" else count[-1]  # "two [people]"
    found = _THEN_HIMSELF.match(text_of(count.doc), max(count.end_char, last.idx + len(last)))
    return found.group(1) if found else None


def _own_death(count: Span) -> str | None:
    """The reflexive of the killer's own death after the count in its sentence: the object of a
    killing ("before killing himself") or of a fatal shooting ("then fatally shot himself"),
    when the killer is not the one the count counts ("a man shot and killed himself")."""
    for tok in count.doc[count.end : count.sent.end]:
        reflexive = tok.lower_ in SINGULAR_REFLEXIVES and tok.dep_ == "dobj"
        if reflexive and _kills(tok.head) and not _counts_the_killer(count, tok.head):
            return tok.text
    return None


def _counts_the_killer(count: Span, killing: Token) -> bool:
    """Whether the people counted are the killer himself: the subject of his killing ("a man
    shot and killed himself"), the noun it is a relative clause of ("a teen who killed
    himself"), or the subject a pronoun of his points back to ("a man was found dead after he
    killed himself")."""
    noun = count.root.head if count.root.dep_ == "nummod" else count.root
    if killing.dep_ == "relcl" and killing.head.i == noun.i:
        return True
    killer = _subject(killing)
    if killer is None:
        return False
    if count.start <= killer.i < count.end or noun.i == killer.i:
        return True
    return killer.pos_ == "PRON" and noun.dep_ in {"nsubj", "nsubjpass"}


def _subject(verb: Token) -> Token | None:
    """The subject of `verb`, or of the verb it is a conjunct or a clause of ("shot and killed
    himself", "before killing himself")."""
    while True:
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None or verb.head is verb:
            return subject
        verb = verb.head


def _kills(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    fatally = any(c.dep_ == "advmod" and c.lower_ == "fatally" for c in verb.children)
    return verb.pos_ == "VERB" and (lemma in KILLING_LEMMAS or (lemma == "shoot" and fatally))
