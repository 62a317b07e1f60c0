"""Casualty counts written without a numeral, as a reader takes them: "a man was shot and killed"
(1 killed), "a woman and her son were wounded" (2 injured), "both men were injured" (2), "the
victim died" (1), "killing Sarah Davidson and injuring Leanne Smith and Dustin Grey" (1 and 2),
"the deaths of a mother and her daughter" (2 killed), "the shooting of a 3-year-old" (1 shot). A
denial counts none: "no one was hurt", "there were no casualties" (0 killed and 0 injured). The
people a prosecution names are counted the same way: "Andrew Lopez was found guilty" (1
convicted), "police arrested a man" (1).

"A man was shot" counts one shot, which claims.py reads as injured when the report tells of no
death. Only clear cases: the verb or adjective names a casualty measure (killed, injured), the
people are a singular person noun with a determiner, a possessor or an age ("a man", "the victim",
"her son", "13-year-old boy injured" in a headline), a person's name, or a plural person noun after
"both"; every member of a coordination must be one of these. A numeral anywhere in the phrase
leaves it to the numeric reader; a negated, modal or infinitive verb ("was not hurt", "could have
been killed", "tried to kill") states no casualty.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from accord.analyze.measures import (
    FATAL_WORDS,
    HARM_WORDS,
    WOUNDED_OR_KILLED,
    Lexicon,
    in_condition,
    load_lexicon,
    names_its_measure,
    sentence_names,
    to_death,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# The measures read without a numeral, by their verbs and adjectives in the lexicon: casualties,
# and the people a prosecution names ("Andrew Lopez was found guilty", "police arrested a man").
CASUALTY_MEASURES = ("killed", "injured")
LEGAL_MEASURES = ("arrested", "charged", "convicted")
# Verbs of the lexicon that do not state a casualty by themselves ("treated and released").
NOT_CASUALTY_VERBS = {"treat", "execute", "drown"}
REFLEXIVES = {"himself", "herself", "self"}
SINGULAR_PRONOUNS = {"he", "she", "him", "her"}
ORDINALS = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10,
}  # fmt: skip
# Nouns of a death whose "of" phrase or possessor names the dead: "the deaths of a mother and her
# daughter", "the killing of a 17-year-old", "John Smith's murder".
DEATH_NOUNS = {"death", "killing", "murder", "slaying"}
# Nouns of a wounding whose "of" phrase or possessor names the one hurt or killed: "the shooting
# of a 3-year-old", "the fatal stabbing of a man".
WOUNDING_NOUNS = {"shooting", "stabbing"}
# "death" alone may be a natural one ("upon the death of his father"); these words in its
# sentence make it a casualty ("charged in the death of", "the shooting death of").
VIOLENCE_WORDS = {
    "shooting", "shoot", "gunshot", "gunfire", "stabbing", "stab", "charge", "murder", "homicide",
    "manslaughter", "kill", "accuse", "arrest", "suspect", "gunman", "shooter", "attack",
}  # fmt: skip
# The oldest age a number set off beside a name is read as ("Smith, 22,").
MAX_AGE = 120
# Adverbs by which a wounding adds someone to the casualties told before it.
ALSO = {"also", "too"}
# A report's opening, where it says what happened.
LEAD_SENTENCES = 5
# Words of a casualty's end in the sentence of a death: "died at the scene", "in hospital".
CASUALTY_CONTEXT = {"scene", "hospital", "injury", "wound", "victim", "body", "hurt", "bullet"}
DEATH_OF_HARM = HARM_WORDS | CASUALTY_CONTEXT
# What a natural death is of: "natural causes", "cancer", "heart failure", "a long illness".
ILLNESS_WORDS = {
    "cause", "cancer", "illness", "disease", "failure", "stroke", "pneumonia", "complication",
    "age", "leukemia", "tumor", "tumour", "infection", "alzheimer", "parkinson", "dementia",
    "diabetes", "ailment", "condition",
}  # fmt: skip
MODALS = {"could", "would", "might", "may", "should", "must", "can", "will", "'d", "'ll"}
DETERMINERS = {"a", "an", "the", "another", "this", "that"}
# Conjunctions of time whose clause in the present tense speaks of the future.
FUTURE_MARKS = {"when", "once", "before", "until", "after"}
# Verbs whose object is described by a casualty adjective: "left a man dead", "found him dead".
DESCRIBING_VERBS = {"leave", "find", "pronounce", "declare", "be", "lie", "remain"}
# Nouns of a wound that, after "with" or "from", say who was hurt: "taken to hospital with a
# gunshot wound", "found suffering from stab wounds", "a man with head injuries".
WOUND_NOUNS = {"wound", "injury"}
# Verbs through which a wound phrase reaches the subject of the verb above: "was found
# suffering from gunshot wounds".
LINKING_VERBS = {"suffer"}
# Pronouns that deny anyone was hurt: "nobody was injured", "none were killed".
NOBODY = {"nobody", "noone", "none"}
# After a denial, these leave out the people the report counts elsewhere ("no one else was hurt",
# "none of the children"), or deny only a degree of harm ("no one was seriously hurt"): no count.
LEFT_OUT = {"else", "other", "of"}
DEGREE_ADVERBS = {"seriously", "critically", "severely", "badly", "gravely"}
# Words that say only that nothing is known yet, not that no one was hurt: "no injuries were
# reported", "no immediate casualties", "no known deaths", "no casualties confirmed".
NOT_YET_KNOWN = {
    "report", "reported", "confirm", "confirmed", "know", "known", "immediate", "immediately",
    "serious", "major", "further", "other", "more", "additional", "new", "fresh",
}  # fmt: skip
# Entities a name in a list of people may be that are no person: "Smith, Chicago Police, and".
NOT_PERSON_ENTITIES = {"ORG", "GPE", "LOC", "FAC", "NORP"}
# The parts of speech of the words that name a casualty or deny one (`_casualty_measure`,
# `_denied_casualties`); and "condition" ("in critical condition"), whatever it was tagged.
CASUALTY_POS = frozenset({"VERB", "ADJ", "NOUN"})
# Words of a wound that was not fatal: "non-life threatening", "minor", "non-fatal".
SURVIVABLE_WORDS = {"non", "nonfatal", "non-fatal", "minor", "superficial", "slight"}
# A denied casualty noun that means anyone hurt or killed: "no casualties" is none of either.
BOTH_CASUALTIES = {"casualty"}


@dataclass(frozen=True, slots=True)
class ImplicitCount:
    """People counted without a numeral: tokens [start, end) name them, `verb` states the measure."""

    value: float
    start: int
    end: int
    measure: str
    verb: Token


def find_implicit_counts(
    doc: Doc, language: str = "en", headlines: frozenset[int] = frozenset()
) -> list[ImplicitCount]:
    """Counts without a numeral in the Doc, left to right, one per casualty word. `headlines`
    holds the start offsets of the sentences that are the report's headline, which drops its
    articles: "Man, woman killed in shooting" counts two."""
    found: list[ImplicitCount] = []
    harmful = language != "en" or _lead_tells_of_harm(doc)
    for tok in doc:
        if tok.pos_ not in CASUALTY_POS and tok.lemma_.lower() != "condition":
            continue  # a word of no casualty and no denial: most of a report's
        denied = _denied_casualties(tok, language)
        if denied:
            start = min(t.i for t in tok.subtree)
            found += [ImplicitCount(0.0, start, tok.i + 1, m, tok) for m in denied]
            continue
        measure = _casualty_measure(tok, language)
        if measure is None or not_stated(tok):
            continue
        if _bare_death(tok) and not harmful and not _death_of_harm(tok):
            continue  # "Gigante dies in prison": a report of a death, no casualty
        headline = tok.sent.start_char in headlines
        for people in _people_of(tok, language, headline):
            members = _described(people, tok, language, headline)
            count = _count(members, language, headline)
            if count is not None and measure == "killed":
                count = max(count, _ordinal(members))  # "a third person has died": 3 dead
            if count == 0 and any(c.lower_ in DEGREE_ADVERBS for c in tok.children):
                count = None  # "no one was seriously hurt" leaves the lightly hurt uncounted
            if count == 0 and measure in LEGAL_MEASURES:
                count = None  # "no one has been arrested" is the state of an inquiry so far
            if count is not None:
                start = min(t.left_edge.i for t in members)
                end = max(t.i for t in members) + 1
                if count == 0 and doc[end - 1].lower_ == "no":
                    end += 2  # "no-one"
                found.append(ImplicitCount(count, start, end, measure, tok))
            break
    # "a woman, who was shot, is in critical condition": the condition is no second count of her
    told = {(c.start, c.end) for c in found if not in_condition(c.verb)}
    found = [c for c in found if not (in_condition(c.verb) and (c.start, c.end) in told)]
    return sorted(found, key=lambda c: c.start)


def _casualty_measure(tok: Token, language: str) -> str | None:
    """The casualty measure a verb or adjective states: "killed", "died", "fatally shot",
    "wounded", "pronounced dead"."""
    lex = load_lexicon(language)
    if tok.pos_ == "VERB":
        if any(c.dep_ == "advmod" and c.lower_ in lex.adverbs for c in tok.children):
            return next(
                m for c in tok.children if c.lower_ in lex.adverbs for m in lex.adverbs[c.lower_]
            )
        if any(to_death(c) for c in tok.children):
            return "killed"  # "stabbed to death", "beaten to death"
        if tok.lemma_.lower() in NOT_CASUALTY_VERBS or not names_its_measure(tok, lex):
            return None
        if _natural_death(tok):
            return None
        if lex.wounds(tok):
            # "shot dead", "shot himself dead"
            dead = any(
                c.pos_ == "ADJ" and "killed" in lex.adjectives.get(c.lower_, ())
                for c in tok.children
            )
            if dead:
                return "killed"
            # "Allen was killed while his mother was also shot": one more than the dead
            if any(c.dep_ == "advmod" and c.lower_ in ALSO for c in tok.children):
                return "injured"
            return WOUNDED_OR_KILLED
        measures = lex.verbs.get(tok.lemma_.lower(), ()) + _object_measures(tok, lex)
    elif tok.pos_ == "ADJ" and (
        tok.dep_ in {"acomp", "oprd", "xcomp"} or _postposed(tok) or _preposed(tok)
    ):
        measures = lex.adjectives.get(tok.lower_, ())
    elif tok.pos_ == "NOUN" and tok.lemma_.lower() in DEATH_NOUNS:
        return "killed" if tok.lemma_.lower() != "death" or _violent(tok) else None
    elif tok.pos_ == "NOUN" and tok.lower_ in WOUNDING_NOUNS:
        # hurt or killed alike, unless it says which; claims.py settles it per report
        return _wound_measure(tok)
    elif in_condition(tok):
        return "injured"  # "a child is in serious condition after a shooting"
    elif _wound_phrase(tok):
        # hurt or killed alike, as a wound may have been the fatal one ("taken to hospital with
        # a gunshot wound, where he died"), unless it says which
        return _wound_measure(tok)
    else:
        return None
    return next((m for m in measures if m in CASUALTY_MEASURES + LEGAL_MEASURES), None)


def _lead_tells_of_harm(doc: Doc) -> bool:
    """Whether the report's opening sentences tell of harm done (a shooting, a crash), so that
    a death it reports is a casualty of it."""
    lead = itertools.islice(doc.sents, LEAD_SENTENCES)
    return any(t.lemma_.lower() in HARM_WORDS for sent in lead for t in sent)


def _bare_death(verb: Token) -> bool:
    """ "Died", with no word of how: "he died on Monday", "dies in prison"."""
    return verb.pos_ == "VERB" and verb.lemma_.lower() in {"die", "perish"}


def _death_of_harm(verb: Token) -> bool:
    """Whether a death's sentence tells of harm or of a casualty's end: "died at the scene",
    "died in hospital", "died of his injuries", "the victim died"."""
    return sentence_names(verb, DEATH_OF_HARM)


def _natural_death(verb: Token) -> bool:
    """A death of illness or age, as an obituary tells it: "died of natural causes", "dies at
    75", "died at the age of 95", "died in his sleep", "died at his home" (where nothing in
    the sentence harmed anyone)."""
    if verb.lemma_.lower() != "die":
        return False
    harmed = sentence_names(verb, HARM_WORDS)
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        for noun in objects:
            lemma = noun.lemma_.lower()
            if prep.lower_ in {"of", "from", "after"} and lemma in ILLNESS_WORDS:
                return True
            if prep.lower_ == "at" and (lemma == "age" or noun.like_num):
                return True  # "at 75", "at the age of 95"
            if prep.lower_ == "in" and lemma == "sleep":
                return True
            if prep.lower_ == "at" and lemma == "home" and not harmed:
                return True
    return False


def _denied_casualties(tok: Token, language: str) -> tuple[str, ...]:
    """The measures a casualty noun denies: "there were no casualties" (killed and injured),
    "the blast caused no injuries" (injured), but not "no injuries were reported" or "no
    immediate casualties", which say only that none are known yet."""
    if tok.pos_ != "NOUN" or tok.dep_ not in {"attr", "dobj", "nsubj", "nsubjpass"}:
        return ()
    if not any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
        return ()
    if tok.head.lemma_.lower() in NOT_YET_KNOWN or tok.head.lower_ in NOT_YET_KNOWN:
        return ()
    if any(c.lemma_.lower() in NOT_YET_KNOWN or c.lower_ in NOT_YET_KNOWN for c in tok.children):
        return ()
    if any(c.dep_ == "prep" and c.lower_ == "among" for c in tok.children):
        return ()  # "no casualties among the passengers": some of the people
    lemma = tok.lemma_.lower()
    if lemma in BOTH_CASUALTIES:
        return CASUALTY_MEASURES
    measures = load_lexicon(language).nouns.get(lemma, ())
    return tuple(m for m in CASUALTY_MEASURES if m in measures)


def denied(tok: Token) -> bool:
    """Whether a casualty word tells of no casualty: "no one was killed", "there were no
    deaths", "he was not hurt", "could have been killed"."""
    if states_none(tok) or any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
        return True
    subjects = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects and tok.dep_ == "conj":  # "no one was killed or injured"
        subjects = [c for c in tok.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return any(_nobody(s) for s in subjects)


def _nobody(tok: Token) -> bool:
    """Whether the token denies that anyone was hurt: "no one", "no-one", "nobody", "none", but
    not "no one else" or "none of the children"."""
    doc = tok.doc
    after = doc[tok.i + 1 : tok.i + 4]
    if tok.lower_ == "no":  # "no-one", split in three
        if [t.lower_ for t in after[:2]] != ["-", "one"]:
            return False
        after = doc[tok.i + 3 : tok.i + 4]
    elif tok.lower_ == "one":
        if not any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
            return False
        after = doc[tok.i + 1 : tok.i + 2]
    elif tok.lower_ not in NOBODY:
        return False
    else:
        after = doc[tok.i + 1 : tok.i + 2]
    # "no one on the ground", "nobody inside the building", "no one who was inside": some of
    # the people, whom the denial leaves the rest of the toll to
    narrowed = any(c.dep_ in {"prep", "relcl", "acl", "advmod", "amod"} for c in tok.children)
    return not narrowed and not any(t.lower_ in LEFT_OUT for t in [*after, *tok.children])


def _postposed(adjective: Token) -> bool:
    """An adjective after the object it describes, as the parser sometimes reads "found a man
    dead"."""
    noun = adjective.head
    return (
        adjective.dep_ == "amod"
        and adjective.i > noun.i
        and noun.dep_ == "dobj"
        and noun.head.lemma_.lower() in DESCRIBING_VERBS
    )


def _preposed(adjective: Token) -> bool:
    """A casualty adjective before the one person it describes, who is an argument of a verb:
    "the wounded officer was taken to hospital", "an injured man walked into the clinic"."""
    noun = adjective.head
    return (
        adjective.dep_ == "amod"
        and adjective.i < noun.i
        and noun.dep_ in {"nsubj", "nsubjpass", "dobj"}
        and noun.tag_ == "NN"
    )


def _wound_measure(noun: Token) -> str:
    """What a wound or a wounding says of its people: hurt when it says it was not fatal
    ("non-life threatening injuries", "minor injuries", "a non-fatal shooting") and its sentence
    tells of no death, killed when fatal, else either."""
    before = {t.lower_ for t in noun.doc[noun.left_edge.i : noun.i]}  # "non-fatal" too
    survivable = before & SURVIVABLE_WORDS or {"not", "life"} <= {t.lower_ for t in noun.subtree}
    # "listed with non-life-threatening injuries but later died": not survived after all
    died = any(t.lemma_.lower() == "die" or t.lower_ in {"dead", "killed"} for t in noun.sent)
    if survivable and not died:
        return "injured"
    if any(c.lower_ in FATAL_WORDS for c in noun.children):
        return "killed"
    return WOUNDED_OR_KILLED


def _wound_phrase(tok: Token) -> bool:
    return (
        tok.pos_ == "NOUN"
        and tok.lemma_.lower() in WOUND_NOUNS
        and tok.dep_ == "pobj"
        and tok.head.lower_ in {"with", "from"}
    )


def _object_measures(verb: Token, lex: Lexicon) -> tuple[str, ...]:
    """Measures a verb names with its object: "suffered a gunshot wound", "sustained fatal
    injuries"."""
    objects = lex.verb_objects.get(verb.lemma_.lower(), {})
    found: tuple[str, ...] = ()
    for child in verb.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in objects:
            fatal = any(c.lower_ in FATAL_WORDS for c in child.children)
            found += ("killed",) if fatal else objects[child.lemma_.lower()]
    return found


def _violent(tok: Token) -> bool:
    return sentence_names(tok, VIOLENCE_WORDS)


def not_stated(tok: Token) -> bool:
    """Negated, modal, conditional or infinitive, or a clause of another verb's: "was not hurt",
    "could have been killed", "until after he dies", "wants him killed"."""
    return states_none(tok) or (tok.dep_ in {"xcomp", "csubj"} and tok.pos_ == "VERB")


def states_none(tok: Token) -> bool:
    """Negated, modal, conditional, infinitive or attempted: "was not hurt", "could have been
    killed", "tried to kill", "charged with attempted murder"."""
    if _attempted_act(tok):
        return True
    heads = [tok] if tok.pos_ == "VERB" else [tok, tok.head]
    if tok.dep_ == "acl" and tok.head.head.pos_ in {"VERB", "AUX"}:
        heads.append(tok.head.head)  # "there might have been two people killed"
    for head in heads:
        for child in head.children:
            if child.dep_ == "neg" or (child.dep_ == "aux" and child.lower_ in MODALS | {"to"}):
                return True
            if child.dep_ == "mark" and child.lower_ in {"if", "unless", "whether", "until"}:
                return True
        if _time_to_come(head):
            return True
    return False


def _attempted_act(tok: Token) -> bool:
    """A word of an act only attempted: "attempted murder", "criminal attempt homicide". The
    charge tells that no one died of it, so it is no death of the report's. Any part of speech:
    the tagger may take "homicide" after "attempt" for an adverb."""
    return any(
        c.dep_ in {"amod", "compound"} and c.lemma_.lower() == "attempt" for c in tok.children
    )


def _time_to_come(verb: Token) -> bool:
    """A clause of time in the present, which speaks of what is still to come: "he faces life
    in prison when he is sentenced", "before they are charged"."""
    marked = any(c.dep_ in {"mark", "advmod"} and c.lower_ in FUTURE_MARKS for c in verb.children)
    present = verb.tag_ in {"VBP", "VBZ"} or any(
        c.dep_ in {"aux", "auxpass"} and c.tag_ in {"VBP", "VBZ"} for c in verb.children
    )
    return marked and present


def _people_of(tok: Token, language: str, headline: bool = False) -> Iterator[Token]:
    """The noun phrase the casualty word is about: the passive or intransitive subject, the object
    of an active verb, the described object ("left a man dead"), the noun a participle describes
    ("a man killed in the crash"); a conjoined verb shares its head's subject ("was shot and
    killed")."""
    if in_condition(tok):
        # "a man in critical condition", else the subject of "a child is in serious condition"
        # or "was taken to a hospital in stable condition"
        holder = tok.head.head
        if holder.dep_ == "pobj" and _persons(holder, language) is None:
            holder = holder.head.head
        if holder.pos_ in {"NOUN", "PROPN"}:
            yield holder
        else:
            yield from (c for c in holder.children if c.dep_ in {"nsubj", "nsubjpass"})
        return
    if _wound_phrase(tok):
        holder = tok.head.head
        if holder.dep_ == "pobj" and _persons(holder, language) is None:
            holder = holder.head.head  # "driven to a clinic with minor injuries"
        if holder.lemma_.lower() in LINKING_VERBS and holder.dep_ in {"xcomp", "advcl"}:
            holder = holder.head
        if holder.pos_ == "NOUN":
            yield holder  # "a man with head injuries"
        elif holder.pos_ == "VERB":
            # "found a man with a gunshot wound": the one found; else the subject
            objects = [c for c in holder.children if c.dep_ == "dobj"]
            yield from objects or (c for c in holder.children if c.dep_ in {"nsubj", "nsubjpass"})
        return
    if tok.pos_ == "NOUN":
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                yield from (c for c in child.children if c.dep_ == "pobj")
            elif child.dep_ == "poss" and child.pos_ == "PROPN":
                yield child
        return
    if tok.pos_ == "ADJ":
        head = tok.head
        if _postposed(tok) or _preposed(tok):
            yield head
        elif head.lemma_.lower() in DESCRIBING_VERBS:
            # the object of "left a man dead", else the subject of "a man is dead", or of the
            # verb it is conjoined to: "was shot, and was later pronounced dead"
            objects = [c for c in head.children if c.dep_ == "dobj"]
            subjects = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if not (objects or subjects) and head.dep_ == "conj":
                subjects = [c for c in head.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
            yield from objects or subjects
        return
    subjects = [c for c in tok.children if c.dep_ in {"nsubjpass", "nsubj"}]
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    lex = load_lexicon(language)
    if any(
        o.lower_ in REFLEXIVES or o.lemma_.lower() in lex.verb_objects.get(tok.lemma_.lower(), {})
        for o in objects
    ):
        # "a child shot himself", "a man suffered a gunshot wound": the subject is the one hurt;
        # "taken to hospital after accidentally shooting himself": the clause's subject
        if subjects:
            yield from (_antecedent(s, tok) for s in subjects)
        elif tok.dep_ == "conj":
            # "grabbed a gun and accidentally shot himself": the subject of the first verb
            yield from (c for c in tok.head.children if c.dep_ in {"nsubj", "nsubjpass"})
        else:
            yield from _clause_subjects(tok)
        return
    if objects:
        yield from objects
        return
    # a headline drops the auxiliary too: "Woman injured in shooting"
    passive = any(c.dep_ == "auxpass" for c in tok.children) or tok.tag_ == "VBN"
    passive = passive or (headline and tok.tag_ == "VBD")
    # "left a boy wounded": the parser makes the boy the subject of a past form of its own
    described = tok.tag_ in {"VBN", "VBD"} and tok.head.lemma_.lower() in DESCRIBING_VERBS
    described = described and all(tok.head.i < s.i < tok.i for s in subjects)
    intransitive = _intransitive(tok, lex)
    if subjects and (passive or intransitive or described):
        for subject in subjects:
            if subject.dep_ == "nsubjpass" or intransitive or described or headline:
                yield _antecedent(subject, tok)
        return
    if tok.dep_ == "conj" and not subjects and tok.tag_ == "VBN":
        # "a teenager who was shot and killed": the relative pronoun stands for its noun
        head = tok.head
        yield from (_antecedent(c, head) for c in head.children if c.dep_ == "nsubjpass")
    elif tok.dep_ == "conj" and not subjects and intransitive:
        # "was rushed to a hospital but died": the subject of the verb it is conjoined to
        head = tok.head
        subjects = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        yield from (_antecedent(c, head) for c in subjects)
    elif tok.dep_ == "acl" and (tok.tag_ == "VBN" or (tok.tag_ == "VBD" and not subjects)):
        # "a report of a boy shot in the head": the tagger may take the participle for a past
        yield tok.head
    elif any(c.lower_ == "being" for c in tok.children):
        # "a woman was in critical condition after being shot": the clause's subject
        yield from _clause_subjects(tok)
    elif tok.dep_ == "oprd" and tok.head.lemma_.lower() in DESCRIBING_VERBS:
        # "Ibn Perry was found fatally wounded", "found a man wounded"
        head = tok.head
        objects = [c for c in head.children if c.dep_ == "dobj"]
        yield from objects or (c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"})


def _clause_subjects(tok: Token) -> Iterator[Token]:
    """The subject of the clause a subjectless gerund hangs on ("after being shot")."""
    if tok.dep_ not in {"pcomp", "advcl"}:
        return
    clause = tok.head.head if tok.dep_ == "pcomp" else tok.head
    yield from (c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"})


def _antecedent(subject: Token, verb: Token) -> Token:
    """ "Armoni Sexton, who died Sunday": the relative pronoun stands for its noun."""
    relative = subject.lower_ in {"who", "that"} and verb.dep_ == "relcl"
    return verb.head if relative else subject


def _intransitive(tok: Token, lex: Lexicon) -> bool:
    lemma = tok.lemma_.lower()
    return lemma in {"die", "perish", "succumb"} or lemma in lex.intransitive_only


def _members(people: Token, headline: bool = False) -> list[Token]:
    members = [people, *people.conjuncts]
    if people.dep_ == "nsubjpass" and any(c.dep_ == "cc" for c in people.children):
        # "a 21-year-old male, and a 23-year-old male were killed": the parser may make each
        # a subject of the verb, the "and" the first one's
        members += [s for s in people.head.children if s.dep_ == people.dep_ and s.i > people.i]
    if people.pos_ == "PROPN" and _age_beside(people):
        # "Walter Barfield, 23, William Gonzalez, 32, and Brandon Ladson": the parser hangs the
        # names after an age on the first as its appositives
        for name in people.children:
            if name.dep_ == "appos" and name.ent_type_ == "PERSON" and name.pos_ == "PROPN":
                members += [name, *name.conjuncts]
    elif people.pos_ == "PROPN":
        members += _listed_names(members)
    # a headline's comma stands for "and" ("Man, woman killed"), which the parser reads in
    # several ways: the nouns before the comma are taken as they stand
    doc, i = people.doc, people.i
    while headline and i >= 2 and doc[i - 1].text == "," and doc[i - 2].tag_ == "NN":
        i -= 2
        members.insert(0, doc[i])
    return members


def _listed_names(members: list[Token]) -> list[Token]:
    """The names of a list that the parser hangs on its members as appositives, one on another,
    with its last name a conjunct: "Ralph Robinson, Shekirrah Thomas, Demereay Doe, and Bryant
    Turner". None without a conjunct: a name beside a name may be one person's."""
    listed: list[Token] = []
    heads = list(members)
    while heads:
        # a name beside a noun is that person's ("her son, Javeer"), and one in quotes a
        # nickname ('Javarrie "JoJo" Robertson')
        names = [
            name
            for head in heads
            if head.pos_ == "PROPN"
            for name in head.children
            if name.dep_ == "appos"
            and name.pos_ == "PROPN"
            and name.is_title
            and name.ent_type_ not in NOT_PERSON_ENTITIES
            and not _quoted(name)
        ]
        heads = [n for name in names for n in (name, *name.conjuncts) if n not in listed]
        listed += heads
    coordinated = len(members) > 1 or len(listed) > len({n for n in listed if n.dep_ == "appos"})
    return listed if coordinated else []


def _quoted(name: Token) -> bool:
    before = name.doc[name.left_edge.i - 1] if name.left_edge.i > 0 else None
    return before is not None and before.is_quote


def _described(people: Token, word: Token, language: str, headline: bool = False) -> list[Token]:
    """The members of a coordination the casualty word is about: a participle right after a
    member describes the members before it ("a woman injured and her son dead": the woman is
    injured), and a member with a casualty word of its own is that word's ("her son dead")."""
    members = _members(people, headline)
    if word.dep_ == "acl" and word.head == people:
        return [m for m in members if m.i < word.i]
    return [
        m
        for m in members
        if not any(
            c is not word and c.dep_ in {"acl", "amod"} and _casualty_measure(c, language)
            for c in m.children
        )
    ] or members


def _count(members: list[Token], language: str, headline: bool = False) -> float | None:
    """How many people the phrase's members name, or None when it is not clearly a count of
    people."""
    if len(members) == 1 and _nobody(members[0]):
        return 0.0
    total = 0.0
    for member in members:
        if any(_numeral(t) for t in member.subtree if t.i <= member.i):
            return None  # "two others", "the 3 victims": the numeric reader's
        one = _persons(member, language, headline)
        if one is None:
            return None
        total += one
    return total


def _ordinal(members: list[Token]) -> float:
    """The place a lone person takes among the dead: "a third victim has died" tells of three.
    After "the" or a possessive it orders people or events: "the third victim, a woman, died",
    "this is the third child in the county killed this year", "her second son was killed"."""
    if len(members) != 1:
        return 0.0
    if any(
        (c.dep_ == "det" and c.lower_ == "the") or c.dep_ == "poss" for c in members[0].children
    ):
        return 0.0
    words = [c.lower_ for c in members[0].children if c.dep_ == "amod"]
    return float(max((ORDINALS.get(w, 0) for w in words), default=0))


def _numeral(tok: Token) -> bool:
    """A numeral that counts, not the age of "a 17-year-old" (glued to its hyphen) or of "a 17
    year-old"."""
    doc = tok.doc
    following = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    glued = following is not None and not tok.whitespace_ and following.text == "-"
    age = following is not None and following.lower_ in {"year", "month"}
    ordinal = tok.pos_ == "ADJ"  # "a fourth victim" is one person
    return (tok.like_num or tok.pos_ == "NUM") and not glued and not age and not ordinal


def _persons(tok: Token, language: str, headline: bool = False) -> float | None:
    lex = load_lexicon(language)
    if tok.lower_ in SINGULAR_PRONOUNS:
        return 1.0  # "he was shot to death": the one the report speaks of
    if headline and tok.lower_ == "another" and tok.dep_ in {"nsubj", "nsubjpass"}:
        return 1.0  # "Teen killed, another wounded"
    if tok.pos_ == "PROPN" and not (headline and tok.lower_ in lex.people):
        # a headline's first word is capitalised, and may be taken for a name ("Teen shot"); a
        # name with an age is a person's, whatever the entity recogniser made of it ("Smith,
        # 22, was shot")
        return 1.0 if tok.ent_type_ == "PERSON" or _aged(tok) else None
    if tok.pos_ not in {"NOUN", "PROPN"} and not _year_old(tok):
        return None
    lemma = tok.lemma_.lower()
    person = lemma in lex.people or lemma in lex.relations or _year_old(tok)
    if not person or lemma in {"people", "family", "crew", "staff", "other"}:
        return None
    words = {c.lower_ for c in tok.children if c.dep_ in {"det", "predet", "preconj"}}
    if tok.tag_ == "NNS":
        return 2.0 if "both" in words else _named(tok, language)
    owned = any(c.dep_ == "poss" for c in tok.children)
    # "a man and woman": the second shares the first's determiner
    shared = (
        tok.dep_ == "conj"
        and tok.head.pos_ == "NOUN"
        and _persons(tok.head, language, headline) == 1
    )
    # a headline drops the article ("Man, woman killed"), and keeps the age when it has one
    # ("13-year-old boy injured in shooting")
    aged = any(_year_old(c) for c in tok.children if c.dep_ in {"amod", "compound", "nmod"})
    bare = headline and tok.tag_ in {"NN", "NNP"}
    return 1.0 if words & DETERMINERS or owned or shared or aged or bare else None


def _named(people: Token, language: str) -> float | None:
    """How many people a plural names one by one beside it: "her parents, Reyna Gonzalez, 42,
    and Julian Gonzalez, 45" (2)."""
    beside = [c for c in people.children if c.dep_ == "appos"]
    if len(beside) != 1:
        return None
    members = [beside[0], *beside[0].conjuncts]
    ones = len(members) > 1 and all(_persons(m, language) == 1 for m in members)
    return float(len(members)) if ones else None


def _aged(name: Token) -> bool:
    """Whether a name has an age set off beside it ("Smith, 22,") or before it ("43-year-old
    Bianca Arter", "13 year old Shaquez Brunner")."""
    before = any(c.dep_ in {"amod", "compound", "nmod"} and _year_old(c) for c in name.children)
    return before or _age_beside(name)


def _age_beside(name: Token) -> bool:
    """Whether an age is set off beside the word: "Smith, 22,"."""
    return any(
        c.dep_ == "appos" and is_age_number(c.text) and int(c.text) > 0 for c in name.children
    )


def is_age_number(text: str) -> bool:
    """Whether `text` is written in decimal digits (not "²", which `int` refuses) and is no more
    than MAX_AGE."""
    return text.isdecimal() and int(text) <= MAX_AGE


def _year_old(tok: Token) -> bool:
    """ "a 17-year-old" standing for a person (the tagger makes "old" a noun or an adjective)."""
    if tok.lower_.endswith("-old") and "year" in tok.lower_:
        return True
    return tok.lower_ == "old" and any(c.lower_ in {"year", "month"} for c in tok.children)
