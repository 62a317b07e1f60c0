"""Tolls that leave out a killer who then took his own life: "killing 2, then himself" and "killed
three people before killing himself" tell of three and four dead, as a reader of the toll (and
the Gun Violence Archive) counts them. The count the sentence gives stays a claim (a part of the
toll with him); the toll with the killer is one more, citing the same words, and its `what`
ends with WITH_THE_KILLER, by which the verdicts know the two tolls for one
(`is_toll_with_the_killer`)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from accord.analyze.docs import text_of
from accord.analyze.implicit import not_stated
from accord.analyze.measures import counted_noun
from accord.model import Claim

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

WITH_THE_KILLER = ", and the killer"
KILLING_LEMMAS = frozenset({"kill", "murder", "slay"})
SINGULAR_REFLEXIVES = frozenset({"himself", "herself"})
WEAPONS = frozenset({"gun", "weapon", "rifle", "pistol", "handgun", "shotgun", "firearm"})
_THEN_HIMSELF = re.compile(
    r"(?:\s*,\s*(?:and\s+)?(?:then\s+)?|\s+and\s+(?:then\s+)?|\s+then\s+)((?:him|her)self)\b", re.I
)
ATTACKER = (
    r"(?:alleged |suspected |lone )?"
    r"(?:gunman|shooter|suspect|attacker|assailant|killer|perpetrator)"
)
# A toll that counts the attacker: "four dead, including the gunman" (not "including the
# gunman's wife"), "four were killed, including himself".
COUNTS_THE_ATTACKER = re.compile(
    rf"\bincluding\s+(?:(?:him|her)self\b|(?:the |a )?{ATTACKER}\b(?!['’]s\b))", re.I
)


def tolls_with_the_killer(doc: Doc, claims: Sequence[Claim]) -> list[Claim]:
    """For the toll of the dead of a sentence (its largest count of them) followed by the
    killer's own death, the toll with him: one more ("people killed, and the killer
    himself")."""
    tolls: dict[int, tuple[Claim, Span]] = {}
    for claim in claims:
        span = doc.char_span(claim.start, claim.end, alignment_mode="expand")
        if claim.measure != "killed" or not claim.value or span is None:
            continue
        kept = tolls.get(span.sent.start)
        if kept is None or claim.value > kept[0].value:
            tolls[span.sent.start] = (claim, span)
    found = []
    for claim, span in tolls.values():
        if COUNTS_THE_ATTACKER.search(span.sent.text):
            continue
        own = _then_himself(span) or _own_death(span, claim.value)
        if own is not None:
            found.append(_with_the_killer(claim, span, own))
    return found


def is_toll_with_the_killer(claim: Claim) -> bool:
    """Whether `claim` is a toll with the killer that `tolls_with_the_killer` made."""
    return WITH_THE_KILLER in (claim.what or "")


def _with_the_killer(claim: Claim, span: Span, own: str) -> Claim:
    return dataclasses.replace(
        claim,
        value=claim.value + 1,
        value_low=None if claim.value_low is None else claim.value_low + 1,
        value_high=None if claim.value_high is None else claim.value_high + 1,
        what=f"{claim.what or span.text}{WITH_THE_KILLER} {own}",
        counted=None,
    )


def _then_himself(count: Span) -> str | None:
    """The reflexive that follows the count of a killing as one more of its people: "killing 2,
    then himself", "killed his wife and daughter and then himself" (not "killed three people
    himself")."""
    last = count.doc[max(counted_noun(count).i, count.end - 1)]  # "two [people]"
    found = _THEN_HIMSELF.match(text_of(count.doc), last.idx + len(last))
    return found.group(1) if found else None


def _own_death(count: Span, value: float) -> str | None:
    """The words of the killer's own death after the count in its sentence: a killing or a fatal
    shooting of himself ("before killing himself"), the gun turned on himself, his own life
    taken; stated (not "tried to kill himself"), and by another than the one the count counts
    ("a man shot and killed himself")."""
    for tok in count.doc[count.end : count.sent.end]:
        verb = _killing_himself(tok)
        if verb is not None and not not_stated(verb) and not _counts_the_killer(count, verb, value):
            return tok.text if tok.lower_ in SINGULAR_REFLEXIVES else _reflexive_of(tok)
    return None


def _killing_himself(tok: Token) -> Token | None:
    """The verb of which `tok` is the killer's own death: "killing [himself]", "fatally shot
    [himself]", "turned the gun on [himself]", "took his own [life]"."""
    head = tok.head
    if tok.lower_ in SINGULAR_REFLEXIVES and tok.dep_ == "dobj" and _kills(head):
        return head
    if tok.lower_ in SINGULAR_REFLEXIVES and tok.dep_ == "pobj" and head.lower_ == "on":
        turned = head.head
        weapon = any(c.dep_ == "dobj" and c.lemma_.lower() in WEAPONS for c in turned.children)
        return turned if turned.lemma_.lower() == "turn" and weapon else None
    own = any(c.lower_ == "own" for c in tok.children)
    taken = tok.lemma_.lower() == "life" and tok.dep_ == "dobj" and head.lemma_.lower() == "take"
    return head if own and taken else None


def _reflexive_of(life: Token) -> str:
    """ "herself" of "took her own life", else "himself"."""
    hers = any(c.dep_ == "poss" and c.lower_ == "her" for c in life.children)
    return "herself" if hers else "himself"


def _counts_the_killer(count: Span, killing: Token, value: float) -> bool:
    """Whether the people counted are the killer himself: the subject of his killing ("a man
    shot and killed himself"), the noun it is a relative clause of ("a teen who killed
    himself"), or the one person a pronoun of his points back to ("a man was found dead after
    he killed himself"; not "two people were killed before he killed himself")."""
    noun = counted_noun(count)
    if killing.dep_ == "relcl" and killing.head.i == noun.i:
        return True
    killer = _subject(killing)
    if killer is None:
        return False
    if count.start <= killer.i < count.end or noun.i == killer.i:
        return True
    return killer.pos_ == "PRON" and value == 1 and noun.dep_ in {"nsubj", "nsubjpass"}


def _subject(verb: Token) -> Token | None:
    """The subject of `verb`, or of the verb it is a conjunct or a clause of ("shot and killed
    himself", "before killing himself")."""
    while True:
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None or verb.head.i == verb.i:
            return subject
        verb = verb.head


def _kills(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    fatally = any(c.dep_ == "advmod" and c.lower_ == "fatally" for c in verb.children)
    return verb.pos_ == "VERB" and (lemma in KILLING_LEMMAS or (lemma == "shoot" and fatally))
