"""What a figure counts: the measure ("killed", "released", "vote_share"...), found through syntax.

The words that name a measure live in data/measures.json, keyed by language. A figure's measure
comes from, in order: the verb that governs the counted noun ("released 103 people", "left 28 people
dead"), the words that modify the counted noun ("people detained", "people who died"), the counted
noun itself ("deaths", "protesters"), and the nouns that hold it ("the release of 50 prisoners",
"the government's arrest tally included about 2,400 people").
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING

from accord.text import SENTENCE_END

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Dependencies by which a noun is an argument of its verb (or a number conjoined to the verb:
# "Fifty people were released ... and 20 more from three other prisons").
ARGUMENT_DEPS = {
    "nsubj",
    "nsubjpass",
    "dobj",
    "attr",
    "oprd",
    "npadvmod",
    "dative",
    "conj",
    "appos",
}
MODIFIER_DEPS = {"nummod", "quantmod", "compound", "amod", "nmod", "advmod"}
COMPLEMENT_DEPS = {"xcomp", "oprd", "acomp", "ccomp", "conj"}
NOUN_POS = {"NOUN", "PROPN", "PRON", "NUM"}
NOUN_SLOTS = {"dobj", "pobj", "nsubj", "nsubjpass"}
VERB_POS = {"VERB", "AUX"}
PERCENT = "percent"
# Prepositions that make "body" the place of a wound, not a dead body: "shot in the upper body",
# "wounds to his body", "the bullet went through their body".
WOUND_PLACE_PREPS = {"in", "into", "to", "across", "through"}
# The measure of a count of people shot, hurt or killed alike; claims.py settles it per report.
WOUNDED_OR_KILLED = "shot"
# The measures of harm done to people: the counted agents of a harm are none of its casualties.
_HARMS = frozenset({"killed", "injured", WOUNDED_OR_KILLED})
REFLEXIVES = frozenset({"himself", "herself", "themselves", "itself"})
# Objects that name no one harmed: "shot each other", "shot multiple times", "fired two rounds".
NOT_HARMED = frozenset({"other", "another", "time", "round", "shot", "bullet"})
# Adjectives that make an injury a death: "suffered fatal wounds".
FATAL_WORDS = {"fatal", "mortal", "deadly"}
# Words of a prosecution: a sentence of charges, a trial or a verdict speaks of the event its
# story is about, whenever that was.
PROSECUTION = re.compile(
    r"\b(charged|charges?|convicted|sentenced|pleaded|pleads|accused|indicted|trial|arraigned"
    r"|guilty|acquitted)\b",
    re.I,
)
# Verbs of trying: what they reach for is not yet done (`_attempted`).
ATTEMPT_VERBS = {
    "try", "attempt", "struggle", "strive", "work", "race", "scramble", "battle", "fight", "seek",
    "hope", "rush",
}  # fmt: skip
# Nouns of a running tally that a verb can move to a figure ("raising the death toll to 30").
TALLY_NOUNS = {"toll", "tally", "number", "count", "total", "figure"}
# What someone held in custody is held without: "held without bail".
CUSTODY_WITHOUT = {"bail", "bond", "charge", "trial", "access", "lawyer"}
# Nouns of an act whose "of" phrase counts the people shot: "the shooting of four people".
WOUNDING_NOUNS = {"shooting"}
# How a hospital describes someone hurt and alive: "in critical condition".
CONDITION_WORDS = {"critical", "serious", "stable", "grave", "fair", "guarded", "life-threatening"}
# Lemmas of harm done, in whose sentence such a condition is an injury's ("after a shooting"),
# not an economy's or a road's.
HARM_WORDS = {
    "shooting", "shoot", "gunshot", "gunfire", "stabbing", "stab", "attack", "assault", "beat",
    "beating", "crash", "accident", "collision", "explosion", "blast", "wreck", "fire", "wound",
    "injure", "hurt",
}  # fmt: skip
CURRENCY_UNITS = {"USD", "GBP", "EUR", "JPY", "INR", "CNY", "VES"}


@dataclass(frozen=True, slots=True)
class Lexicon:
    """One language's measure words, by measure, plus the people nouns and container verbs."""

    verbs: dict[str, tuple[str, ...]]  # word -> measures it may name, most specific first
    nouns: dict[str, tuple[str, ...]]
    adjectives: dict[str, tuple[str, ...]]
    units: dict[str, frozenset[str]]
    not_units: dict[str, frozenset[str]]
    people_only: frozenset[str]
    people: frozenset[str]
    containers: frozenset[str]
    # verb -> its object or "from" noun -> measures: "driven from their homes", "lost their homes"
    verb_objects: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # nouns of a person's relation to others: "a father of three" counts no one of the verb
    relations: frozenset[str] = frozenset()
    # adverb -> measures it makes of any verb it modifies: "fatally shot", "mortally wounded"
    adverbs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # verbs that count people hurt or killed alike: "seven people were shot"
    wounding_verbs: frozenset[str] = frozenset()
    # verbs that do so with one of `projectiles` after "by": "struck by gunfire"
    struck_verbs: frozenset[str] = frozenset()
    projectiles: frozenset[str] = frozenset()
    # verbs that name their measure only in the passive: "12 were held", not "held a majority
    # of 160" or "hold 300 crew members to ransom"
    passive_only: frozenset[str] = frozenset()
    # verbs that name their measure only without an object, active: "two victims are
    # recovering", not "divers recovered 20 bodies" or "the body was recovered"
    intransitive_only: frozenset[str] = frozenset()
    # prepositions whose object names a state of the verb's subject: "under arrest"
    state_preps: frozenset[str] = frozenset()
    # verbs of release that tell of a rescue when `rescuers` free the people, or free them from
    # one of `perils`: "officers freed seven people", "freed from the rubble"
    freeing_verbs: frozenset[str] = frozenset()
    rescuers: frozenset[str] = frozenset()
    perils: frozenset[str] = frozenset()

    def rescues(self, verb: Token) -> bool:
        """Whether a verb of release tells of a rescue, not of a release from custody."""
        if verb.lemma_.lower() not in self.freeing_verbs:
            return False
        agents = [c for c in verb.children if c.dep_ == "nsubj"]
        agents += [p for c in verb.children if c.dep_ == "agent" for p in c.children]
        if any(a.lemma_.lower() in self.rescuers for a in agents):
            return True
        return any(
            c.dep_ == "prep"
            and c.lower_ == "from"
            and any(p.lemma_.lower() in self.perils for p in c.children if p.dep_ == "pobj")
            for c in verb.children
        )

    def wounds(self, verb: Token) -> bool:
        """Whether the verb says people were shot: "shot", "struck by gunfire", "hit by a stray
        bullet"."""
        lemma = verb.lemma_.lower()
        if lemma in self.wounding_verbs:
            return True
        return lemma in self.struck_verbs and any(
            c.dep_ in {"agent", "prep"}
            and c.lower_ == "by"
            and any(p.dep_ == "pobj" and p.lemma_.lower() in self.projectiles for p in c.children)
            for c in verb.children
        )

    def allows(self, measure: str, unit: str | None) -> bool:
        """Whether `measure` may count a figure of this unit ("vote_share" needs a percent)."""
        if measure in self.units and unit not in self.units[measure]:
            return False
        if unit in self.not_units.get(measure, frozenset()):
            return False
        return not (measure in self.people_only and unit not in {None, "people"})


@dataclass(frozen=True, slots=True)
class MeasureHit:
    """A figure's measure, with the tokens it rests on."""

    measure: str
    unit: str | None
    noun: Token | None  # the counted noun ("people"), None when the number stands alone
    verb: Token | None  # the verb that governs it ("released")
    cue: Token | None  # the word that named the measure
    # verbs conjoined to the one that named it, with their measures: "arrested and charged"
    also: tuple[tuple[Token, str], ...] = ()


@functools.cache
def load_lexicon(language: str = "en") -> Lexicon:
    """The measure lexicon of `language` from data/measures.json."""
    text = resources.files("accord.data").joinpath("measures.json").read_text(encoding="utf-8")
    entry = json.loads(text)[language]
    by_kind: dict[str, dict[str, tuple[str, ...]]] = {"verbs": {}, "nouns": {}, "adjectives": {}}
    # A word may name several measures ("vote": vote_share for a percentage, else votes); the
    # file's order decides which is tried first.
    for measure, words in entry["measures"].items():
        for kind, table in by_kind.items():
            for word in words.get(kind, []):
                table[word] = (*table.get(word, ()), measure)
    verb_objects: dict[str, dict[str, tuple[str, ...]]] = {}
    for measure, words in entry["measures"].items():
        for verb, nouns in words.get("verb_objects", {}).items():
            for noun in nouns:
                table = verb_objects.setdefault(verb, {})
                table[noun] = (*table.get(noun, ()), measure)
    adverbs: dict[str, tuple[str, ...]] = {}
    for measure, words in entry["measures"].items():
        for adverb in words.get("adverbs", []):
            adverbs[adverb] = (*adverbs.get(adverb, ()), measure)
    measures = entry["measures"].items()
    return Lexicon(
        verbs=by_kind["verbs"],
        nouns=by_kind["nouns"],
        adjectives=by_kind["adjectives"],
        units={m: frozenset(w["units"]) for m, w in measures if "units" in w},
        not_units={m: frozenset(w["not_units"]) for m, w in measures if "not_units" in w},
        people_only=frozenset(m for m, w in measures if w.get("people_only")),
        people=frozenset(entry["people"]),
        containers=frozenset(entry["containers"]),
        verb_objects=verb_objects,
        relations=frozenset(entry.get("relations", [])),
        adverbs=adverbs,
        wounding_verbs=frozenset(entry.get("wounding_verbs", [])),
        struck_verbs=frozenset(entry.get("struck_verbs", [])),
        projectiles=frozenset(entry.get("projectiles", [])),
        passive_only=frozenset(entry.get("passive_only", [])),
        intransitive_only=frozenset(entry.get("intransitive_only", [])),
        state_preps=frozenset(entry.get("state_preps", [])),
        freeing_verbs=frozenset(entry.get("freeing_verbs", [])),
        rescuers=frozenset(entry.get("rescuers", [])),
        perils=frozenset(entry.get("perils", [])),
    )


def counted_noun(span: Span) -> Token:
    """The token the figure counts: the noun it modifies ("60 people"), or the figure's own head
    when it stands alone ("nearly 200 injured", "52%")."""
    root = span.root
    head = root.head
    # a plural noun the tagger took for a verb ("passes" as "he passes") stands in a noun's slot:
    # "caught 39 passes"
    noun_slot = head.pos_ in NOUN_POS or (
        root.dep_ == "nummod" and head.tag_ == "VBZ" and head.dep_ in NOUN_SLOTS
    )
    if root.dep_ in MODIFIER_DEPS and head.i >= span.end and noun_slot:
        return head
    return root


def find_measure(span: Span, unit: str | None, language: str = "en") -> MeasureHit:
    """The measure of the figure `span` (its unit "percent" or a currency code, if known)."""
    lex = load_lexicon(language)
    noun = counted_noun(span)
    unit = unit or _unit_of(noun, span, lex)
    verb, holders = _governor(noun, lex)
    if unit in CURRENCY_UNITS:
        return MeasureHit("money", unit, _noun_or_none(noun, span), verb, None)
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is not None and after.lower_ in lex.adverbs and noun.i < span.end:
        # an ellipsis: "four people were shot, one fatally", "14 shot, one fatally"
        measure = lex.adverbs[after.lower_][0]
        return MeasureHit(measure, _default_unit(measure, lex), None, verb, after)
    if any(_counts_apart(holder, lex) for holder in holders):
        # "a father of three was killed", "one of the six died": the verb's measure is the
        # holder's, and the figure inside its "of" phrase counts only by its own words ("30 of
        # the 80 wounded remained in hospital": 80 injured).
        verb, holders = None, []
    agent = _agent(noun, verb, lex)
    harmed_by = None if agent else verb  # the people who do a harm suffer none of it
    for cue, measure in _candidates(noun, verb, holders, lex):
        if agent and cue == verb and measure in _HARMS:
            continue  # "two men shot a store clerk": the men did the harm
        if lex.allows(measure, unit):
            # The counted noun itself says who the people are ("five protesters"); a wound or a
            # condition says what befell them ("five protesters were shot").
            if (
                cue.i == noun.i
                and (harm := _harm(noun, span, harmed_by, holders, unit, lex)) is not None
            ):
                return harm
            also = _conjoined_measures(cue, measure, lex) if cue is verb else ()
            return MeasureHit(
                measure, unit or _default_unit(measure, lex), _noun_or_none(noun, span), verb, cue,
                also,
            )  # fmt: skip
    harm = _harm(noun, span, harmed_by, holders, unit, lex)
    return harm or MeasureHit("other", unit, _noun_or_none(noun, span), verb, None)


def _agent(noun: Token, verb: Token | None, lex: Lexicon) -> bool:
    """Whether the counted people do the verb to someone or something: the subject of its
    active, finite form beside an object or a target ("two men shot a store clerk", "two males
    were shooting at a business"), who are not its casualties. A participle is no active verb
    ("250 others injured and 800 homes destroyed")."""
    if verb is None or noun.dep_ != "nsubj" or noun.head != verb:
        return False
    if verb.tag_ not in {"VBD", "VBZ", "VBP", "VBG"}:
        return False
    if verb.tag_ == "VBD" and SENTENCE_END.search(verb.sent.text.rstrip()) is None:
        return False  # a headline's participle: "Four people shot outside bar"
    if any(c.dep_ == "auxpass" for c in verb.children):
        return False
    target = lex.wounds(verb) and any(c.dep_ == "prep" and c.lower_ == "at" for c in verb.children)
    # "one boy accidentally shot himself" is a casualty; "six people shot total" a count of them
    objects = [c for c in verb.children if c.dep_ == "dobj" and _someone(c)]
    return target or bool(objects)


def _someone(obj: Token) -> bool:
    """Whether a verb's object names someone or something harmed: a name, a pronoun but a
    reflexive, a number, a plural, or a noun with its determiner ("a store clerk", "his wife");
    not each other, nor a bare noun or a count of times the parser took for one ("six people
    shot total", "two teens shot multiple times")."""
    if obj.lower_ in REFLEXIVES or obj.lemma_.lower() in NOT_HARMED:
        return False
    if obj.pos_ in {"PRON", "PROPN", "NUM"} or obj.tag_ == "NNS":
        return True
    return any(c.dep_ in {"det", "poss", "nummod"} for c in obj.children)


def _harm(
    noun: Token,
    span: Span,
    verb: Token | None,
    holders: list[Token],
    unit: str | None,
    lex: Lexicon,
) -> MeasureHit | None:
    """The measure of counted people that a wounding word or a condition gives, if one does."""
    if unit != "people":
        return None
    counted = _noun_or_none(noun, span)
    if (wounding := _wounding_word(noun, verb, holders, lex)) is not None:
        return MeasureHit(WOUNDED_OR_KILLED, unit, counted, verb, wounding)
    if (condition := _condition_word(noun, verb)) is not None:
        return MeasureHit("injured", unit, counted, verb, condition)
    return None


def _conjoined_measures(verb: Token, measure: str, lex: Lexicon) -> tuple[tuple[Token, str], ...]:
    """The verbs that share the verb's subject and name another measure, with it: "have been
    arrested and charged"."""
    found: dict[str, Token] = {}
    for child in verb.children:
        if child.dep_ != "conj" or child.pos_ not in VERB_POS:
            continue
        if any(c.dep_ in {"nsubj", "nsubjpass"} for c in child.children):
            continue  # "3 were arrested and police charged one": another clause
        if any(t.pos_ == "NUM" or t.like_num for t in child.subtree if t.i < child.i):
            continue  # "28 were killed and nearly 200 injured": a count of its own
        if any(c.dep_ in {"dobj", "attr", "oprd"} for c in child.children):
            continue  # "killing 10 people and injuring dozens more": an object of its own
        for tok, other in _lookup(child, lex):
            if other != measure:
                found.setdefault(other, tok)
    return tuple((tok, m) for m, tok in found.items())


def in_condition(tok: Token) -> bool:
    """Whether `tok` is the "condition" of "in critical condition" and the like, in a sentence
    of harm done: someone hurt, and alive."""
    return (
        tok.lemma_.lower() == "condition"
        and tok.dep_ == "pobj"
        and tok.head.lower_ == "in"
        and any(c.lower_ in CONDITION_WORDS for c in tok.children)
        and sentence_names(tok, HARM_WORDS)
    )


def sentence_names(tok: Token, lemmas: Collection[str]) -> bool:
    """Whether the sentence of `tok` has a word whose lemma is one of `lemmas`."""
    return any(t.lemma_.lower() in lemmas for t in tok.sent)


def _condition_word(noun: Token, verb: Token | None) -> Token | None:
    """The "condition" the counted people are in: "two men are in critical condition", "two
    men in serious condition"."""
    heads = [noun] if verb is None else [noun, verb]
    return next(
        (
            pobj
            for head in heads
            for prep in head.children
            if prep.dep_ == "prep"
            for pobj in prep.children
            if in_condition(pobj)
        ),
        None,
    )


def _wounding_word(
    noun: Token, verb: Token | None, holders: list[Token], lex: Lexicon
) -> Token | None:
    """The word that says the counted people were shot: "7 people were shot", "7 men shot",
    "the shooting of four people"."""
    words = [verb] if verb is not None else []
    words += [c for c in noun.children if c.dep_ in {"acl", "relcl"}]
    nouns = (h for h in holders[:1] if h.lemma_.lower() in WOUNDING_NOUNS)
    return next((w for w in words if lex.wounds(w)), None) or next(nouns, None)


def _counts_apart(holder: Token, lex: Lexicon) -> bool:
    """A holder whose "of" phrase is not what the verb counts: a relation ("the sister of the two
    boys") or a part given as a number ("one of the six", "two of the 20 passengers")."""
    return (
        holder.lemma_.lower() in lex.relations
        or holder.lower_ in lex.relations
        or (holder.pos_ == "NUM" or holder.lower_ == "one")
    )


def _noun_or_none(noun: Token, span: Span) -> Token | None:
    return None if span.start <= noun.i < span.end else noun


def _default_unit(measure: str, lex: Lexicon) -> str | None:
    return "people" if measure in lex.people_only else None


def _unit_of(noun: Token, span: Span, lex: Lexicon) -> str | None:
    """ "people" for a person noun, else the counted noun as written ("cases", "prisons")."""
    for tok in (noun, *_of_nouns(noun)):
        if span.start <= tok.i < span.end:
            continue
        if tok.lemma_.lower() in lex.people or tok.lower_ in lex.people:
            return "people"
        if tok.pos_ in {"NOUN", "PROPN"}:
            return tok.lower_
    return None


def _of_nouns(tok: Token) -> Iterator[Token]:
    """Nouns in an "of" phrase under tok: "52% of the vote", "50 of the prisoners"."""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            yield from (c for c in prep.children if c.dep_ == "pobj")


def _governor(noun: Token, lex: Lexicon) -> tuple[Token | None, list[Token]]:
    """The verb of which the counted noun is an argument, and the nouns that hold it on the
    way up ("the cases of 200 people", "the release of 50 prisoners"); a container verb reaches
    its figure through "to" or "at" ("the death toll rose to 28", "stood at 40")."""
    tok, holders = noun, []
    for _ in range(8):
        head = tok.head
        if head == tok:
            break
        if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in NOUN_POS:
            tok = head.head
            holders.append(tok)
        elif tok.dep_ == "pobj" and head.lower_ in {"to", "at"} and _contains(head.head, lex):
            return head.head, holders
        elif tok.dep_ == "pobj" and head.lower_ == "to" and (tally := _tally_moved(head.head)):
            return head.head, [*holders, tally, *_of_nouns(tally)]  # "raising the toll to 30"
        elif tok.dep_ in ARGUMENT_DEPS and head.pos_ in VERB_POS:
            return head, holders
        elif tok.dep_ in {"conj", "appos"}:
            tok = head
        else:
            break
    return None, holders


def _tallied(tok: Token) -> bool:
    """Whether `tok` is what a tally counts: "the number of [people]", "its count of [people]"."""
    return tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_ in TALLY_NOUNS


def _tally_moved(verb: Token) -> Token | None:
    """The tally a verb moves to a figure: "bringing the death toll to 11", "pushed the number
    of dead to 45"."""
    if verb.pos_ not in VERB_POS:
        return None
    objects = (c for c in verb.children if c.dep_ == "dobj")
    return next((o for o in objects if o.lemma_.lower() in TALLY_NOUNS), None)


def _contains(verb: Token, lex: Lexicon) -> bool:
    return verb.pos_ in VERB_POS and verb.lemma_.lower() in lex.containers


def _candidates(
    noun: Token, verb: Token | None, holders: list[Token], lex: Lexicon
) -> Iterator[tuple[Token, str]]:
    """(word, measure) pairs in the order of trust described in the module docstring."""
    if (noun.dep_ == "conj" and noun.head == verb) or noun.dep_ == "appos":
        # a number conjoined to the verb with a participle of its own is an ellipsis: in "18
        # were injured and 12 arrested" the 12 were arrested; so is one the parser hangs on
        # another's subject: in "Smith killed, four men wounded" the four were wounded
        for child in noun.children:
            if child.dep_ in {"acl", "amod"}:
                yield from _lookup(child, lex)
    if verb is not None:
        yield from _verb_words(verb, lex)
        if verb.lemma_ in lex.containers:
            yield from _subject_words(verb, lex)
    elif noun.dep_ == "nsubj" and noun.head.pos_ == "ADJ":
        yield from _lookup(noun.head, lex)  # a headline's "Two men dead" drops its verb
    # The noun's own words before the verb's complements: in "left three people hurt and one
    # person dead" the second count is dead, whatever "left" took as its complement.
    for child in noun.children:
        if child.dep_ in {"acl", "relcl"}:
            # "the two men who were fatally shot": the adverb names the measure
            for adverb in child.children:
                yield from _adverb_words(adverb, lex)
        if child.dep_ in {"acl", "relcl", "amod", "compound"}:
            yield from _lookup(child, lex)
        if child.dep_ in {"acl", "relcl"}:
            yield from _object_words(child, lex)  # "14,000 people taking shelter"
    if verb is not None:
        yield from _verb_complements(verb, lex)
    # a verbless sentence's comma (a headline's) stands for "and": in "Four children, two
    # adults injured" the parser hangs the second count on the first, and its participle tells
    # of both
    for child in noun.children if noun.dep_ == "ROOT" else ():
        if child.dep_ == "appos" and any(c.dep_ == "nummod" for c in child.children):
            yield from (hit for c in child.children if c.dep_ == "acl" for hit in _lookup(c, lex))
    yield from _stray_participle(noun, lex)
    yield from _lookup(noun, lex)
    for tok in (*_of_nouns(noun), *holders):
        yield from _lookup(tok, lex)
        # "30 of the 80 wounded": the words of the whole it is part of; "raised the number of
        # displaced people to 1,400": the words of the people a tally counts
        if tok.pos_ == "NUM" or _tallied(tok):
            yield from (
                hit for c in tok.children if c.dep_ in {"acl", "amod"} for hit in _lookup(c, lex)
            )
        yield from (hit for c in tok.children if c.dep_ == "compound" for hit in _lookup(c, lex))


def _stray_participle(noun: Token, lex: Lexicon) -> Iterator[tuple[Token, str]]:
    """A participle that describes the counted people after an aside set off by commas, which
    the parser hangs on the nearer noun of the aside: "107 prisoners, due to the situation,
    released in the capital" (the situation was not released). Only past the first comma, and
    only while no other verb has begun a clause of its own."""
    if noun.lemma_.lower() not in lex.people and noun.lower_ not in lex.people:
        return
    aside = False
    for tok in noun.doc[noun.i + 1 : noun.sent.end]:
        if tok.is_punct and tok.text == ",":
            aside = True
        elif tok.pos_ in VERB_POS and tok.dep_ != "acl":
            return
        elif tok.dep_ == "acl" and tok.tag_ == "VBN":
            head = tok.head
            if aside and head.i > noun.i and head.lemma_.lower() not in lex.people:
                yield from _lookup(tok, lex)
            return


def _verb_words(verb: Token, lex: Lexicon) -> Iterator[tuple[Token, str]]:
    """The verb, with an adverb that names a measure ("fatally shot"): "were killed"; a verb
    that names a measure only with its object: "were driven from their homes"."""
    for child in verb.children:
        yield from _adverb_words(child, lex)
        if to_death(child):
            yield child, "killed"
    if names_its_measure(verb, lex) and not _attempted(verb):
        yield from [(verb, "rescued")] if lex.rescues(verb) else _lookup(verb, lex)
    yield from _held_in(verb, lex)
    yield from _object_words(verb, lex)


def _adverb_words(child: Token, lex: Lexicon) -> Iterator[tuple[Token, str]]:
    """The measures a verb's adverb names: "fatally", "critically"."""
    if child.dep_ == "advmod" and child.lower_ in lex.adverbs:
        yield from ((child, measure) for measure in lex.adverbs[child.lower_])


def _attempted(verb: Token) -> bool:
    """Whether the verb is what someone is trying to do ("struggling to evacuate 14 children
    still trapped"): an act not done counts no one it names."""
    return (
        verb.dep_ == "xcomp"
        and verb.head.lemma_.lower() in ATTEMPT_VERBS
        and any(c.tag_ == "TO" for c in verb.children)
    )


def _object_words(verb: Token, lex: Lexicon) -> Iterator[tuple[Token, str]]:
    """A measure the verb names with its object: "lost their homes", "taking shelter",
    "driven from their homes"."""
    objects = lex.verb_objects.get(verb.lemma_.lower(), {})
    for child in verb.children if objects else ():
        nouns = [child] if child.dep_ == "dobj" else []
        if child.dep_ == "prep" and child.lower_ == "from":
            nouns = [c for c in child.children if c.dep_ == "pobj"]
        for noun in nouns:
            for measure in objects.get(noun.lemma_.lower(), ()):
                yield noun, _fatal(noun, measure)


def names_its_measure(verb: Token, lex: Lexicon) -> bool:
    """Whether the verb names its measure in this use: "were held", "are recovering"."""
    lemma = verb.lemma_.lower()
    if lemma in lex.passive_only and (not _passive(verb) or _held_otherwise(verb)):
        return False
    if lemma not in lex.intransitive_only:
        return True
    return not _passive(verb) and not any(c.dep_ == "dobj" for c in verb.children)


def _held_otherwise(verb: Token) -> bool:
    """ "Held" in a sense other than custody: a score ("held to two catches", "held without a
    catch"), a delay or a robbery ("held up"), a defence ("held off")."""
    for child in verb.children:
        if child.dep_ == "prt" and child.lower_ in {"up", "off", "back", "out"}:
            return True
        if child.dep_ == "prep" and child.lower_ == "to":
            return True
        if child.dep_ == "prep" and child.lower_ == "without":
            objects = {c.lemma_.lower() for c in child.children if c.dep_ == "pobj"}
            if objects and not objects & CUSTODY_WITHOUT:
                return True
    return False


def _passive(verb: Token) -> bool:
    return any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children)


def _held_in(verb: Token, lex: Lexicon) -> Iterator[tuple[Token, str]]:
    """A state named by a phrase after "to be": "are under arrest", "remain in custody"; not
    the place of a wound ("two were struck in the upper body")."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in lex.state_preps:
            for noun in (c for c in child.children if c.dep_ == "pobj" and not living_body(c)):
                yield from _lookup(noun, lex)


def living_body(tok: Token) -> bool:
    """ "Body" as the place of a wound ("struck in the upper body") or a kind of thing ("body
    cams"): no dead body."""
    if tok.lemma_.lower() != "body":
        return False
    place = tok.dep_ == "pobj" and tok.head.lower_ in WOUND_PLACE_PREPS
    return place or tok.dep_ == "compound"


def to_death(child: Token) -> bool:
    """ "shot to death", "beaten to death", "stabbed to death"."""
    return (
        child.dep_ == "prep"
        and child.lower_ == "to"
        and any(c.dep_ == "pobj" and c.lemma_.lower() == "death" for c in child.children)
    )


def _fatal(noun: Token, measure: str) -> str:
    """ "suffered fatal injuries" tells of deaths, "suffered injuries" of the injured."""
    fatal = any(c.dep_ == "amod" and c.lower_ in FATAL_WORDS for c in noun.children)
    return "killed" if measure == "injured" and fatal else measure


def _verb_complements(verb: Token, lex: Lexicon) -> Iterator[tuple[Token, str]]:
    """The verb's complements: "left ... dead", "were reported missing", "spent the night in a
    school after being evacuated"."""
    for child in verb.children:
        # a conjoined verb with a subject or an object of its own is another clause: "3 were shot
        # and a man died"
        own_subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in child.children)
        own_object = any(c.dep_ == "dobj" for c in child.children)
        if child.dep_ == "conj" and (own_subject or own_object):
            continue  # "shooting three people, killing one": the one is the killed
        negated = any(c.dep_ == "neg" for c in child.children)  # "pleaded not guilty"
        if child.dep_ in COMPLEMENT_DEPS and child.pos_ in {"ADJ", "VERB"} and not negated:
            yield from _lookup(child, lex)
        if child.dep_ == "prep" and child.lower_ in {"after", "following"}:
            # "60 people spent the night at a school after being evacuated"
            for clause in child.children:
                passive = any(c.lower_ == "being" for c in clause.children)
                if clause.dep_ == "pcomp" and clause.tag_ == "VBN" and passive:
                    yield from _lookup(clause, lex)


def _subject_words(verb: Token, lex: Lexicon) -> Iterator[tuple[Token, str]]:
    """Words of the subject of a container verb, and of its "of" phrase: "the arrest tally
    included ...", "the death toll rose to ...", "the number of people killed rose to ..."."""
    for subject in (c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}):
        yield from _lookup(subject, lex)
        for child in subject.children:
            if child.dep_ in {"compound", "amod", "poss"}:
                yield from _lookup(child, lex)
        # "the number of people killed rose to 23", "the number of displaced rose to 3,000"
        for counted in _of_nouns(subject):
            yield from _lookup(counted, lex)
            for child in counted.children:
                if child.dep_ in {"acl", "amod"}:
                    yield from _lookup(child, lex)


def _lookup(tok: Token, lex: Lexicon) -> Iterator[tuple[Token, str]]:
    """Measures a single word names, by its lemma or its form, as verb, noun or adjective."""
    lemma, form = tok.lemma_.lower(), tok.lower_
    tables: tuple[dict[str, tuple[str, ...]], ...]
    if tok.pos_ in VERB_POS:
        tables = (lex.verbs, lex.adjectives)
    elif tok.pos_ == "ADJ":
        tables = (lex.adjectives,)
    else:
        tables = (lex.nouns, lex.adjectives)
    for table in tables:
        for word in (lemma, form):
            if word in table:
                yield from ((tok, measure) for measure in table[word])
                return
