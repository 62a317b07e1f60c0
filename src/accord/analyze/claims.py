"""Numeric claims: a figure of a report with its qualifier, measure, source, time and place.

"At least 60 people detained during protests ... have been released from prison, local rights
group Foro Penal said on Saturday" becomes value 60, qualifier at_least, measure released, unit
people, source Foro Penal (from the statement whose content holds the figure), when the Saturday
before the publication date.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from accord.analyze._attribution_cues import lexicon
from accord.analyze.docs import headline_cased, release, sentences, squash, text_of
from accord.analyze.implicit import (
    CASUALTY_MEASURES,
    ImplicitCount,
    denied,
    find_implicit_counts,
    is_age_number,
    states_none,
)
from accord.analyze.measures import (
    CURRENCY_UNITS,
    PROSECUTION,
    WOUNDED_OR_KILLED,
    Lexicon,
    MeasureHit,
    counted_noun,
    find_measure,
    living_body,
    load_lexicon,
)
from accord.analyze.nlp import load_nlp
from accord.analyze.numbers import SCORE, Quantity, find_quantities, parse_number
from accord.analyze.own_death import tolls_with_the_killer
from accord.analyze.qualifiers import interval, qualifier_after, qualifier_before
from accord.analyze.timex import find_times
from accord.analyze.units import MAGNITUDE, MEASURE_UNITS, TIME_UNITS, measured_unit
from accord.model import Claim, Qualifier, Statement, TimeMention
from accord.settings import Settings

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# The counted people are others than those already named: "two others", "three other people".
OTHERS = re.compile(r"^others?\b", re.I)
NOT_CLAIM_ENTITIES = {"DATE", "TIME", "ORDINAL"}
# Prepositions after which a time starts a running total: "arrested after the election on July 28".
SINCE_WORDS = {"after", "since", "following"}
PLACE_ENTITIES = {"GPE", "LOC", "FAC"}
PLACE_PREPS = {"in", "at", "from", "across", "near", "inside", "outside"}
QUALIFIER_WINDOW = 4  # words before a figure searched for a qualifier ("no more than")
WHAT_WORDS = 12
# "Years old" after a number, unhyphenated or abbreviated: "two 19 year olds", "8 yo girl", "a 19
# y/o man", "a 15 yr old", "an 8 y.o boy".
AGE_WORDS = re.compile(r"[\s-]*(?:(?:years?|yrs?)[\s-]+olds?|yo|y/o|y\.o\.?)(?!\w)", re.I)
# Verbs that give a figure as their object on someone's word ("officials estimated 200 dead",
# "the ministry reported 12 cases"); other cues of a noun phrase act on it (`_reports_figure`).
FIGURE_CUES = {
    "estimate", "count", "report", "put", "cite", "give", "confirm", "tally", "record", "list",
    "calculate", "forecast", "project", "document", "register", "announce", "reveal", "disclose",
    "show", "quote", "say", "tell", "state", "claim", "add", "note", "mention", "publish", "post",
    "tweet", "write", "place", "peg",
}  # fmt: skip
PHRASE_HEADS = {"NOUN", "PROPN", "NUM", "PRON", "SYM"}
# Before a count, words that point back to people counted earlier ("all 23 pirates").
REFERRING_WORDS = {"the", "all", "these", "those", "both"}
# The words that narrow what a figure counts: "hijacked ships", "Somali pirates", "title belts".
COUNTED_MODIFIERS = {"amod", "compound", "nmod"}
# Words that tell of a death beside the measure's own: "a fatal shooting", "a homicide".
DEATH_WORDS = {"fatal", "homicide", "manslaughter"}


def find_claims(
    doc: Doc,
    key: str,
    statements: Sequence[Statement],
    published: str | None,
    title: str | None,
    settings: Settings | None = None,
    times: list[TimeMention] | None = None,
) -> list[Claim]:
    """The numeric claims of one parsed report.

    `published` is the report's ISO date (None when unknown: relative times stay unresolved, their
    words kept in `when_text`); `title` the headline when the Doc's first line holds it; `times`
    the report's `find_times`, when the caller has them already."""
    if times is None:
        times = find_times(doc, key, published)
    report = _Report(key, statements, times, published, title, settings)
    claims: list[Claim] = []
    recased: dict[int, Doc] = {}
    for quantity in find_quantities(doc):
        span = doc[quantity.start : quantity.end]
        hit = find_measure(_readable(_number_part(span, quantity), recased), quantity.unit)
        if _unstated_casualty(hit) or _split_casualties(hit):
            # "tried to kill three people", "could have killed 200": no one was; "two victims
            # killed and injured": some of each, how many of either unsaid
            hit = dataclasses.replace(hit, measure="other", also=())
        measured = _measured(span, hit)
        if not _is_claim(span, quantity, measured, report.times, measured is not hit):
            continue
        hit = measured
        claim = _claim(report, span, quantity, hit)
        _share_measure(claim, hit, claims)
        _refer_back(claim, span, claims)
        claims.append(claim)
        # one number, several measures: "two leaders were arrested and charged"
        claims += [
            dataclasses.replace(
                claim,
                measure=measure,
                what=_what(span, dataclasses.replace(hit, verb=verb, cue=verb)),
            )
            for verb, measure in hit.also
        ]
    headlines = _headline_sentences(doc, report.title)
    implicit = _implicit_claims(doc, report, recased, headlines)
    for again in recased.values():
        release(again)
    deaths = _tells_of_death(doc) or any(
        c.measure == "killed" and c.value for c in claims + implicit
    )
    # People named one by one are the victims a figure counts: beside "five people were shot" or
    # "24 were killed", "a 52-year-old woman was shot in the foot" or "a baby was killed" is one
    # of them, no figure of its own. A count without a numeral stands only where the report
    # gives no figure of its measure (people shot giving one of the injured); a figure of an
    # earlier year counts other people ("three children were killed last year"), unless a trial
    # or a charge tells it (a trial's report of the shooting it is about).
    given = {c.measure for c in claims if not _of_another_year(c, report.published)}
    if given & {WOUNDED_OR_KILLED, "injured"}:
        given |= {WOUNDED_OR_KILLED, "injured"}
    implicit = [c for c in implicit if c.measure not in given]
    # A report that tells of someone hurt speaks of some of the people when it says no one was:
    # "no one was shot from the three rounds" beside "the civilian suffered injuries".
    told = {_hurt_or_killed(c.measure) for c in implicit if c.value}
    implicit = [c for c in implicit if c.value or _hurt_or_killed(c.measure) not in told]
    claims += _survivors(report, doc, claims)
    claims += _coordinated_totals(doc, claims, frozenset(h.start_char for h in headlines))
    for claim in claims + implicit:
        if claim.measure == WOUNDED_OR_KILLED:
            # "Seven people were shot" counts the injured when the report tells of no death;
            # beside one ("two were shot, one fatally", "a fatal shooting") it counts hurt and
            # killed alike, which is no measure of the vocabulary (and "a man was shot" beside
            # a death is no figure at all). "Others" shot beside a death are the ones who lived:
            # "a man was killed and two others were shot".
            others = OTHERS.match(claim.what or "") is not None
            claim.measure = "other" if deaths and not others else "injured"
    claims += [c for c in implicit if c.measure != "other"]
    claims += tolls_with_the_killer(doc, claims)
    claims.sort(key=lambda c: c.start)
    return claims


def _hurt_or_killed(measure: str) -> str:
    """The measure, with people shot taken for the injured they are until a death is told."""
    return "injured" if measure == WOUNDED_OR_KILLED else measure


def _unstated_casualty(hit: MeasureHit) -> bool:
    """Whether a count of casualties rests on a verb that states none: negated, modal or an
    infinitive of intent."""
    cue = hit.cue
    casualty = hit.measure in {*CASUALTY_MEASURES, WOUNDED_OR_KILLED}
    return casualty and cue is not None and cue.pos_ == "VERB" and states_none(cue)


def _split_casualties(hit: MeasureHit) -> bool:
    """Whether one count is given of the killed and the injured together: those people are
    some of each, not all of both."""
    return {hit.measure, *(m for _, m in hit.also)} >= {"killed", "injured"}


# Nouns of everyone a count takes in, whose following members may be its parts.
WHOLE_NOUNS = {"people", "person", "victim"}


def _coordinated_totals(doc: Doc, claims: list[Claim], headlines: frozenset[int]) -> list[Claim]:
    """The total of counts joined in one noun phrase of one verb: "three adults and two children
    were killed" (5), "one Australian and one English climber have died" (2), "two men and a
    woman were wounded" (3), and in a headline (the starts of its sentences in `headlines`),
    where a comma stands for "and", "Four children, two adults injured" (6). Each member stays
    a claim of its own; reconcile takes the figures inside a total's phrase for its parts."""
    lex = load_lexicon()
    counted = {WOUNDED_OR_KILLED} | lex.people_only
    by_noun: dict[int, Claim] = {}
    for claim in claims:
        span = doc.char_span(claim.start, claim.end, alignment_mode="expand")
        if span is not None and claim.measure in counted and claim.qualifier == "exact":
            by_noun.setdefault(counted_noun(span).i, claim)
    totals, seen = [], set()
    for index in by_noun:
        head = doc[index]
        # an adjective may stand for its noun: "one Australian and one English climber"
        while head.dep_ == "conj" and head.head.pos_ in {"NOUN", "PROPN", "ADJ"}:
            head = head.head
        members = [head, *head.conjuncts]
        if head.sent.start_char in headlines and head.dep_ == "ROOT":
            # a verbless headline's comma stands for "and": "Four children, two adults injured"
            members += [c for c in head.children if c.dep_ == "appos" and c.i in by_noun]
        if head.i in seen or len(members) < 2:
            continue
        seen.add(head.i)
        values = [_member_count(m, by_noun, lex.people | lex.relations) for m in members]
        mine = [by_noun[m.i] for m in members if m.i in by_noun]
        if None in values or len({c.measure for c in mine}) != 1:
            continue
        if _harms_apart(members, lex):
            continue  # "a man and a woman dead, as well as two injured students": 2 injured
        first = min(mine, key=lambda c: c.start)
        start = min(t.left_edge.idx for t in members)
        end = max(m.idx + len(m) for m in members)
        total = sum(v for v in values if v is not None)
        if _told_apart(head, values, total):
            continue  # "five people, two adults and three children": the five, told apart
        # the total counts everyone its members name: no sub-group of its own
        what = f"{doc.text[start:end]} (in all)"
        totals.append(
            dataclasses.replace(first, value=total, start=start, end=end, what=what, counted=None)
        )
    return totals


def _told_apart(head: Token, values: list[float | None], total: float) -> bool:
    """Whether the first member is everyone the others count, set off by a comma: "five
    people, two adults and three children" (not "two victims and two bystanders")."""
    after = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    whole = head.lemma_.lower() in WHOLE_NOUNS and after is not None and after.text == ","
    return whole and 2 * (values[0] or 0) == total


def _harms_apart(members: list[Token], lex: Lexicon) -> bool:
    """Whether the members of a coordination say harms of their own that part them: words of
    different harms ("a man and a woman dead, as well as two injured students", "2 people dead,
    3 wounded"), or a harm said before one member beside a member that says none ("two injured
    students and a teacher"). One word after the last member may tell of all ("a man and a
    woman dead", "Four children, two adults injured"), and members that say the same harm share
    it ("two injured adults and three injured children")."""
    own = [_own_harms(m, lex) for m in members]
    before = any(c.i < m.i for m, harms in zip(members, own, strict=True) for c in harms)
    named = {measure for harms in own for measures in harms.values() for measure in measures}
    return len(named) > 1 or (before and any(not harms for harms in own))


def _own_harms(member: Token, lex: Lexicon) -> dict[Token, set[str]]:
    """The member's own words of harm (its modifiers), with the harm each names."""
    found = {}
    for c in member.children:
        if c.dep_ in {"amod", "acl"}:
            words = {*lex.adjectives.get(c.lower_, ()), *lex.verbs.get(c.lemma_.lower(), ())}
            if harms := words & {"killed", "injured"}:
                found[c] = harms
    return found


def _names_a_person(token: Token) -> bool:
    """A person's name, or the surname of a person the report names ("Jeffs", which the tagger
    may take for a plural noun, after "Warren Jeffs")."""
    if token.pos_ == "PROPN" and token.ent_type_ == "PERSON":
        return True
    surnames = {ent[-1].text for ent in token.doc.ents if ent.label_ == "PERSON" and len(ent) > 1}
    return token.is_title and token.text in surnames


def _member_count(member: Token, by_noun: dict[int, Claim], people: frozenset[str]) -> float | None:
    """How many people one member of a coordination counts: its figure, one for a singular
    person noun after "a", "an", "one", "the" or a possessive ("two men and a woman", "a mother
    and her two children", "two children and their father"), one for a person's name or "he" or
    "she" ("Jeffs and 11 other men"), or the number before an adjective or a proper noun that
    stands for the noun ("one Australian", which the parser may read as a name)."""
    if member.i in by_noun:
        return by_noun[member.i].value
    if _names_a_person(member) or member.lower_ in {"he", "she"}:
        return 1.0
    if member.pos_ in {"ADJ", "PROPN"} and any(c.dep_ == "nummod" for c in member.children):
        numbers = [c for c in member.children if c.dep_ == "nummod"]
        return parse_number(numbers[0].text) if len(numbers) == 1 else None
    single = {c.lower_ for c in member.children if c.dep_ in {"det", "nummod"}}
    owned = any(c.dep_ == "poss" for c in member.children)
    one = single & {"a", "an", "one", "the"} or owned
    if member.tag_ == "NN" and member.lemma_.lower() in people and one:
        return 1.0
    return None


def _survivors(report: _Report, doc: Doc, claims: list[Claim]) -> list[Claim]:
    """The injured a reader works out from one sentence: "five people were shot, one fatally",
    "5 shot, 1 killed" (4 injured): the people shot less those the same sentence says died."""
    found = []
    for sentence in {c.sentence_start for c in claims}:
        mine = [c for c in claims if c.sentence_start == sentence and c.qualifier == "exact"]
        shot = [c for c in mine if c.measure == WOUNDED_OR_KILLED]
        killed = sum(c.value for c in mine if c.measure == "killed")
        if len(shot) != 1 or not 0 < killed < shot[0].value:
            continue
        span = doc.char_span(shot[0].start, shot[0].end, alignment_mode="expand")
        if span is None:
            continue
        hit = MeasureHit("injured", "people", None, None, None)
        claim = _claim(report, span, Quantity(shot[0].value - killed, span.start, span.end), hit)
        claim.what = f"of {format_count(shot[0].value)} shot, {format_count(killed)} killed"
        found.append(claim)
    return found


def format_count(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)


def _headline_sentences(doc: Doc, title: str | None) -> list[Span]:
    """The sentences of the Doc that are its headline."""
    if not title:
        return []
    headline, text = squash(title), text_of(doc)
    return [s for s in sentences(doc) if squash(text[s.start_char : s.end_char]) == headline]


def _implicit_claims(
    doc: Doc, report: _Report, recased: dict[int, Doc], headlines: list[Span]
) -> list[Claim]:
    """Claims of the counts written without a numeral ("a man was shot and killed");
    `headlines` are the sentences of the report's headline."""
    claims = []
    for count in _implicit_counts(doc, headlines, recased):
        span = doc[count.start : count.end]
        if not any(t.pos_ in {"VERB", "AUX"} for t in span.sent):
            continue  # a headline without a verb ("Man Shot Dead") is read by its report
        hit = MeasureHit(count.measure, "people", None, count.verb, count.verb)
        claim = _claim(report, span, Quantity(count.value, count.start, count.end), hit)
        named = span.start <= count.verb.i < span.end  # "no casualties"
        claim.what = span.text if named else f"{span.text} {_cue_words(count.verb)}"
        if count.value:
            # "A man was killed" names one of the dead, and says nothing of others: the count is
            # at least the people named, which fits a toll of 24 and is the figure where none is
            # given. A denial ("no one was hurt") is exact.
            claim.qualifier = Qualifier.AT_LEAST
            claim.value_low, claim.value_high = count.value, None
        claims.append(claim)
    return claims


def _implicit_counts(
    doc: Doc, headlines: list[Span], recased: dict[int, Doc]
) -> Iterator[ImplicitCount]:
    """The Doc's counts without a numeral; a headline in Title Case or capitals is read in
    sentence case, as `_readable` reads its figures ("Teen Killed, Another Wounded")."""
    cased = [h for h in headlines if headline_cased(h)]
    skip = {h.start_char for h in cased}
    starts = frozenset(h.start_char for h in headlines)
    for count in find_implicit_counts(doc, headlines=starts):
        if doc[count.start].sent.start_char not in skip:
            yield count
    for headline in cased:
        again = _recased(headline, recased)
        for count in find_implicit_counts(again, headlines=frozenset({0})):
            offset = headline.start_char
            people = again[count.start : count.end]
            span = doc.char_span(
                offset + people.start_char, offset + people.end_char, alignment_mode="expand"
            )
            verb = doc.char_span(
                offset + count.verb.idx,
                offset + count.verb.idx + len(count.verb),
                alignment_mode="expand",
            )
            if span is not None and verb is not None:
                yield dataclasses.replace(count, start=span.start, end=span.end, verb=verb.root)


def _cue_words(cue: Token) -> str:
    """The words of a casualty cue: the verb, or the phrase a noun ends ("in critical condition")."""
    if cue.dep_ == "pobj" and cue.head.i < cue.i:
        return cue.doc[cue.head.i : cue.i + 1].text
    return cue.text


def _of_another_year(claim: Claim, published: str | None) -> bool:
    """Whether the figure's time ends in a year before its report's, in a sentence of no
    prosecution."""
    end = (claim.when or "").split("/")[-1][:4]
    earlier = bool(published) and end.isdecimal() and end < (published or "")[:4]
    return earlier and PROSECUTION.search(claim.sentence) is None


def _tells_of_death(doc: Doc) -> bool:
    lex = load_lexicon()
    # Built once, not once a token: merging the tables for every word was most of this scan.
    others = {**lex.nouns, **lex.adjectives}
    for tok in doc:
        lemma = tok.lemma_.lower()
        table = lex.verbs if tok.pos_ in {"VERB", "AUX"} else others
        killed = "killed" in table.get(lemma, ()) or "killed" in lex.adverbs.get(tok.lower_, ())
        death = killed or lemma in DEATH_WORDS or tok.lower_ in DEATH_WORDS
        # "charged with attempted homicide" and "no fatal injuries" tell of none
        if death and not denied(tok) and not living_body(tok):
            return True
    return False


@dataclass(frozen=True, slots=True)
class _Report:
    """What find_claims knows of the report beyond its Doc."""

    key: str
    statements: Sequence[Statement]
    times: list[TimeMention]
    published: str | None
    title: str | None
    settings: Settings | None


def _number_part(span: Span, quantity: Quantity) -> Span:
    """The figure without a leading "between", for the syntax."""
    doc = span.doc
    start = quantity.start + (1 if doc[quantity.start].lower_ == "between" else 0)
    return doc[start : quantity.end]


def _readable(span: Span, recased: dict[int, Doc]) -> Span:
    """The span itself, or for a Title Case headline or a sentence in capitals the same span in a
    sentence-case re-parse:
    spaCy's small model takes "Frees" and "Protesters" for names in "Venezuela Frees Over 100
    Protesters Jailed", and misses the verb. Lowercasing keeps the character offsets."""
    sent = span.sent
    if not headline_cased(sent):
        return span
    start, end = span.start_char - sent.start_char, span.end_char - sent.start_char
    return _recased(sent, recased).char_span(start, end, alignment_mode="expand") or span


def _recased(sent: Span, recased: dict[int, Doc]) -> Doc:
    """The sentence in sentence case, parsed once (lowercasing keeps the character offsets)."""
    if sent.start_char not in recased:
        text = sent.text[:1] + sent.text[1:].lower()
        recased[sent.start_char] = load_nlp()(text)
    return recased[sent.start_char]


def _refer_back(claim: Claim, span: Span, earlier: list[Claim]) -> None:
    """A count that refers back to people counted before ("captured 23 pirates ... all 23
    pirates had clambered onto the dhow", "the 23 pirates") takes their measure: the same value
    of the same counted noun, after a word that points back."""
    before = span.doc[span.start - 1].lower_ if span.start else ""
    if claim.measure != "other" or claim.unit != "people" or before not in REFERRING_WORDS:
        return
    for other in reversed(earlier):
        same = other.value == claim.value and other.counted == claim.counted
        if same and other.measure not in {"other", WOUNDED_OR_KILLED} and other.unit == "people":
            claim.measure = other.measure
            return


def _share_measure(claim: Claim, hit: MeasureHit, earlier: list[Claim]) -> None:
    """A percentage that names no measure of its own takes the measure of the percentage before it
    in the sentence: "won 52% of the vote to González's 43%"."""
    if claim.unit != "percent" or hit.cue is not None or hit.noun is not None:
        return
    for other in reversed(earlier):
        if other.sentence_start != claim.sentence_start:
            return
        if other.unit == "percent" and other.measure != "other":
            claim.measure = other.measure
            return


def _measured(span: Span, hit: MeasureHit) -> MeasureHit:
    """A figure of measure "other" that measures a time, a magnitude, a length or a weight
    carries that unit ("years", "magnitude", "miles") in place of its counted noun's word."""
    if hit.measure != "other":
        return hit
    unit = measured_unit(span, hit.noun)
    return hit if unit is None else dataclasses.replace(hit, unit=unit)


# ---------------------------------------------------------------- what is not a claim


def _is_claim(
    span: Span, quantity: Quantity, hit: MeasureHit, times: list[TimeMention], measured: bool
) -> bool:
    """Whether the figure is a claim; `measured` when it measures a time, a magnitude, a length
    or a weight (`_measured`)."""
    if not any(t.pos_ in {"VERB", "AUX"} for t in span.sent):
        return False  # page furniture and datelines, not reports
    if any(span.start_char < t.end and t.start < span.end_char for t in times):
        return False
    if quantity.unit is not None or quantity.kind != "number":
        return True
    if hit.measure != "other":  # an age beside a verb of the vocabulary still counts no one
        return not (_is_duration(span, hit) or _is_age(span))
    if measured:
        return not (_is_age(span) or _is_year(span, quantity) or _names_a_kind(quantity, hit))
    return not (
        _is_duration(span, hit)
        or _compound_adjective(span)
        or _is_year(span, quantity)
        or _is_age(span)
        or (_is_label(span) and not _partitive(span))
        or (hit.noun is None and not _partitive(span))
        or _one_as_article(span, quantity)
        or any(t.ent_type_ in NOT_CLAIM_ENTITIES for t in span)
    )


def _is_duration(span: Span, hit: MeasureHit) -> bool:
    """ "30 days", "six-year term", "72-hour period"."""
    doc = span.doc
    after = doc[span.end : span.end + 2]
    hyphenated = len(after) == 2 and after[0].text == "-" and after[1].lemma_.lower() in TIME_UNITS
    return hyphenated or (hit.noun is not None and hit.noun.lemma_.lower() in TIME_UNITS)


def _names_a_kind(quantity: Quantity, hit: MeasureHit) -> bool:
    """Nothing measured, in words that describe a thing, names a kind of thing: a "zero-day
    flaw" is one its maker has had no days to fix, not a time of zero days. Nothing measured
    that stands alone ("the strike lasted zero days") is still a figure."""
    noun = hit.noun
    return (
        quantity.value == 0
        and noun is not None
        and noun.dep_ in {"compound", "nmod", "amod"}
        and noun.head.i > noun.i
        and noun.head.pos_ in {"NOUN", "PROPN"}
    )


def _compound_adjective(span: Span) -> bool:
    """A number glued to a word by a hyphen describes a thing ("a 6-foot-9 forward", "the 13-inch
    model", "call 877-LAPD") rather than counting one."""
    doc = span.doc
    after = doc[span.end : span.end + 2]
    glued = not doc[span.end - 1].whitespace_ and len(after) == 2 and not after[0].whitespace_
    return glued and after[0].text == "-" and after[1].text[:1].isalpha()


def _is_year(span: Span, quantity: Quantity) -> bool:
    text = span.text
    return len(text) == 4 and text.isdigit() and 1800 <= quantity.value <= 2100


def _is_age(span: Span) -> bool:
    """An age: "Maduro, 61,", "a boy, 8, dies", "Girl, 3, shot", "Smith (34)", "aged 61", "age 61",
    "19 year olds", "8 yo"."""
    root, doc = span.root, span.doc
    before = doc[span.start - 1] if span.start else None
    if before is not None and before.lower_ in {"aged", "age"}:
        return True
    if AGE_WORDS.match(text_of(doc), span.end_char):
        return True
    if _listed_age(span):
        return True
    if _suspended_age(span):
        return True
    if root.dep_ == "appos" and root.head.pos_ == "PROPN":
        return True
    if _ages_set_off(span):
        return True
    if before is None or span.start < 2 or not is_age_number(span.text):
        return False
    following = doc[span.end] if span.end < len(doc) else None
    after = following.text if following is not None else ""
    person = doc[span.start - 2]
    # the closing comma is sometimes dropped before the verb: "Andrew Lopez, 20 was convicted"
    unclosed = following is not None and following.pos_ in {"AUX", "VERB"}
    set_off = (before.text, after) in {(",", ","), ("(", ")")} or (
        before.text == "," and (after in {"", "."} or (unclosed and person.ent_type_ == "PERSON"))
    )
    # "the victims, 3, were killed" is a count. A headline's first noun before a comma is often
    # read as an interjection: "Boy, 16, dies after being shot".
    singular = person.tag_ in {"NN", "NNP", "UH"}
    return set_off and singular and person.text[:1].isalpha()


def _ages_set_off(span: Span) -> bool:
    """Ages of several people, set off by commas after them: "his two half-brothers, 17 and 22,
    were also arrested", "Smith and Jones, 19 and 20, were charged"."""
    doc = span.doc
    start, end = span.start, span.end
    while start > 0 and doc[start - 1].lower_ not in {",", "("}:
        start -= 1
    while end < len(doc) and doc[end].text not in {",", ")"}:
        end += 1
    inside = doc[start:end]
    numbers = [t for t in inside if t.like_num]
    if len(numbers) < 2 or start < 2 or end >= len(doc):
        return False
    ages = all(is_age_number(t.text) for t in numbers)
    only = all(t.like_num or t.lower_ in {"and", ","} for t in inside)
    people = doc[start - 2].pos_ in {"NOUN", "PROPN"}
    return ages and only and people


def _listed_age(span: Span) -> bool:
    """One of the ages a list after "ages" gives: "four other teens, ages 14, 16, 17 and 18,
    were injured"."""
    doc, i = span.doc, span.start - 1
    while i >= 0 and (doc[i].like_num or doc[i].lower_ in {",", "and", "or"}):
        i -= 1
    return i >= 0 and doc[i].lower_ in {"ages", "aged"}


def _suspended_age(span: Span) -> bool:
    """The first of two ages sharing one "-year-old": "12- and 15-year-old girls"."""
    doc = span.doc
    after = [t.lower_ for t in doc[span.end : span.end + 7]]
    if after[:2] not in (["-", "and"], ["-", "or"]):
        return False
    rest = "".join(after[2:])
    return "-year-old" in rest or "-month-old" in rest


def _is_label(span: Span) -> bool:
    """Numbers that name rather than count: "Flight 370", "Article 5", "No. 1"."""
    root = span.root
    return root.head.i < span.start and root.head.pos_ in {"PROPN", "NOUN"} and root.dep_ in {
        "nummod", "appos", "npadvmod", "compound",
    }  # fmt: skip


def _partitive(span: Span) -> bool:
    """A figure that counts a part of a group it names: "17 of the hijacked ships", "24 of
    them", "30 of the 80 wounded"."""
    for prep in span.root.children:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i == span.end:
            nouns = {"NOUN", "PROPN", "PRON", "NUM"}
            return any(c.dep_ == "pobj" and c.pos_ in nouns for c in prep.children)
    return False


def _one_as_article(span: Span, quantity: Quantity) -> bool:
    """ "one" written as a word that names no measure is an article rather than a count ("one
    final chance", "at one point", "one tremor was felt"); "two men", "four others" are counts."""
    return quantity.value == 1 and span.text.lower() == "one"


# ---------------------------------------------------------------- building the record


def _claim(report: _Report, span: Span, quantity: Quantity, hit: MeasureHit) -> Claim:
    sentence, title = span.sent, report.title
    qualifier = _qualifier(span, quantity)
    low, high = _bounds(quantity, qualifier, report.settings)
    when, when_text = _when(span, hit, report.times, report.published)
    claim = Claim(
        doc=report.key, value=quantity.value, start=span.start_char, end=span.end_char,
        sentence=squash(sentence.text), sentence_start=sentence.start_char,
        sentence_end=sentence.end_char, qualifier=qualifier, value_low=low, value_high=high,
        measure=hit.measure, unit=hit.unit, what=_what(span, hit), when=when, when_text=when_text,
        where=_where(hit), subject=_subject(hit),
        in_title=bool(title) and squash(sentence.text) == squash(title or ""),
        kind=value_kind(hit.unit), counted=_counted(span, hit),
    )  # fmt: skip
    _attribute(claim, report.statements, span.doc)
    return claim


def _qualifier(span: Span, quantity: Quantity) -> Qualifier:
    if quantity.kind != "number":
        return Qualifier(quantity.kind)
    doc, sent = span.doc, span.sent
    before = [t.text for t in doc[max(sent.start, span.start - QUALIFIER_WINDOW) : span.start]]
    after = [t.text for t in doc[span.end : min(sent.end, span.end + 3)]]
    found = qualifier_before(before) or qualifier_after(after)
    return found[0] if found else Qualifier.EXACT


def _bounds(
    quantity: Quantity, qualifier: str, settings: Settings | None
) -> tuple[float | None, float | None]:
    """The claim's interval, open ends as None and open bounds as the value itself (the
    qualifier says whether a bound is included)."""
    if qualifier == "exact":
        return None, None
    low, high = interval(quantity.value, qualifier, quantity.low, quantity.high, settings)
    if qualifier in {"more_than", "fewer_than", "nearly"}:
        low, high = (quantity.value, high) if qualifier == "more_than" else (low, quantity.value)
    return low, (None if math.isinf(high) else high)


def _attribute(claim: Claim, statements: Sequence[Statement], doc: Doc) -> None:
    """Copy the source of the narrowest statement whose content holds the figure and reports it
    (`_reports_figure`)."""
    holding = [
        s
        for s in statements
        if s.content_start <= claim.start and claim.end <= s.content_end and _reports_figure(s, doc)
    ]
    take_source(claim, holding)


def take_source(claim: Claim, holding: Sequence[Statement]) -> None:
    """Copy onto the claim the source of the narrowest of the statements that hold it, if any."""
    if not holding:
        return
    best = min(holding, key=lambda s: s.content_end - s.content_start)
    claim.source = best.source or best.source_span
    claim.source_span, claim.source_type, claim.entity = (
        best.source_span, best.source_type, best.entity,
    )  # fmt: skip


def _reports_figure(statement: Statement, doc: Doc) -> bool:
    """Whether a statement gives its figures on someone's word. A clause or a quote does ("police
    said 30 were hurt"); a bare noun phrase only after a verb that gives figures ("officials
    estimated 200 dead") or when it is the subject's own count ("repeated its estimate that more
    than 3,000 left", not "raise the number of seats to 125"); after any other cue it is what the
    subject did or is ("it raised $20 million", "the laptop weighs 6.6 pounds", "pirates attacked
    100 ships")."""
    if statement.is_quote or statement.cue_start is None:
        return True
    content = doc.char_span(statement.content_start, statement.content_end, alignment_mode="expand")
    cue = doc.char_span(statement.cue_start, statement.cue_end or statement.cue_start + 1,
                        alignment_mode="expand")  # fmt: skip
    if content is None or cue is None or content.root.pos_ not in PHRASE_HEADS:
        return True
    root = content.root
    if root.lemma_.lower() in lexicon().record_heads and any(c.dep_ == "poss" for c in root.lefts):
        return True  # "raised its count of displaced people to 1,400": its own figure, moved
    return cue.root.lemma_.lower() in FIGURE_CUES


def value_kind(unit: str | None) -> str:
    """The kind of a figure's value by its unit: money, percent, score, duration, magnitude,
    quantity (a length or a weight), else a count."""
    if unit in CURRENCY_UNITS:
        return "money"
    if unit in {"percent", SCORE, MAGNITUDE}:
        return unit
    if unit in TIME_UNITS.values():
        return "duration"
    return "quantity" if unit in MEASURE_UNITS.values() else "count"


def _counted(span: Span, hit: MeasureHit) -> str | None:
    """The counted noun's lemma with the words that narrow it ("hijacked ship", "Somali
    pirate"), or for a part the noun of its whole ("17 of the ships": "ship")."""
    noun = hit.noun
    if noun is None:
        wholes = [c for p in span.root.children if p.dep_ == "prep" and p.lower_ == "of"
                  for c in p.children if c.dep_ == "pobj" and c.pos_ in {"NOUN", "PROPN"}]  # fmt: skip
        noun = wholes[0] if wholes else None
    if noun is None:
        return None
    words = [
        t for t in noun.lefts
        if t.dep_ in COUNTED_MODIFIERS and t.i >= span.end and not t.like_num
    ]  # fmt: skip
    # the head by its lemma, so that "ship" and "ships" meet; its modifiers as written, whose
    # lemmas are unsteady ("hijacked" is read as "hijack" or kept, by context)
    head = noun.text if noun.pos_ == "PROPN" else noun.lemma_.lower()
    return " ".join([*(t.text if t.pos_ == "PROPN" else t.lower_ for t in words), head])


def _what(span: Span, hit: MeasureHit) -> str | None:
    """A readable description: the counted noun phrase after the figure, and the verb."""
    words: list[str] = []
    if hit.noun is not None:
        after = [t for t in hit.noun.subtree if t.i >= span.end][:WHAT_WORDS]
        # As written ("July's", not "July 's"), on one line, without a trailing comma.
        # A hyphenated measure's noun comes after its hyphen: "a 90-day treatment".
        phrase = " ".join("".join(t.text_with_ws for t in after).split()).strip(",;:-–— ")
        words = [phrase] if phrase else []
    elif hit.unit:
        words = [hit.unit]
    # the participle of an ellipsis ("and 12 arrested") says what the figure counts, not the verb
    verb = hit.cue if hit.cue is not None and hit.cue.dep_ == "acl" else hit.verb
    # "be" and "have" say nothing of what is counted ("12 days is", "1.2 miles had")
    light = verb is not None and verb.lemma_.lower() in {"be", "have"}
    if verb is not None and not light and not (hit.noun is not None and verb in hit.noun.subtree):
        words.append(verb.text)
    return " ".join(words) or None


def _where(hit: MeasureHit) -> str | None:
    """A place named in a prepositional phrase of the verb: "released from the Tocoron prison"."""
    if hit.verb is None:
        return None
    for prep in hit.verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
            continue
        for tok in prep.subtree:
            if tok.ent_type_ in PLACE_ENTITIES or (tok.pos_ == "PROPN" and tok.dep_ == "compound"):
                return _entity_text(tok)
    return None


def _entity_text(tok: Token) -> str:
    if tok.ent_type_:
        ents = [e for e in tok.doc.ents if e.start <= tok.i < e.end]
        if ents:
            return ents[0].text
    return tok.text


def _subject(hit: MeasureHit) -> str | None:
    """Whose figure it is: the possessor of the counted thing ("González's 43%") or the subject of
    its verb when the figure is the object ("Maduro won 52%")."""
    if hit.noun is not None:
        for child in hit.noun.children:
            if child.dep_ == "poss":
                return _phrase(child)
    if hit.verb is None or (hit.noun is not None and hit.noun.dep_ in {"nsubj", "nsubjpass"}):
        return None
    for child in hit.verb.children:
        if child.dep_ == "nsubj" and child.pos_ in {"PROPN", "NOUN"}:
            return _phrase(child)
    return None


def _phrase(tok: Token) -> str:
    """A noun with its compounds: "Edmundo González", "the government"."""
    words = [
        t for t in tok.subtree if (t.dep_ in {"compound", "det"} and t.head == tok) or t == tok
    ]
    return " ".join(t.text for t in words if t.dep_ != "case")


# ---------------------------------------------------------------- when


def _when(
    span: Span, hit: MeasureHit, times: list[TimeMention], published: str | None
) -> tuple[str | None, str | None]:
    """The time the figure refers to: a time expression attached to its verb (or to a verb that
    governs it, such as the "said" of its attribution), not one inside the counted noun's phrase
    ("people detained during protests in July"). "after"/"since" a time makes a span up to the
    publication date. Without one, the figure stands as of the report's date. A relative clause
    takes the time of the noun it describes and no other: in "workers helped on Monday the
    survivors of a quake that killed 10", Monday is the time of the help, not of the deaths; in
    "on 4 November, when troops killed six", the date is the deaths'."""
    anchor = hit.verb or span.root
    governing = [anchor]
    for tok in anchor.ancestors:
        governing.append(tok)
        if governing[-2].dep_ == "relcl":
            break
    best: tuple[int, TimeMention, bool] | None = None
    for mention in times:
        if mention.sentence_start != span.sent.start_char:
            continue
        found = _attachment(span.doc, mention, governing)
        if found is not None and (best is None or found[0] < best[0]):
            best = (found[0], mention, found[1])
    if best is None:
        return (published[:10] if published else None), None
    _, mention, since = best
    if since and mention.when and published:
        return f"{mention.when.split('/')[0]}/{published[:10]}", mention.text
    return mention.when, mention.text


def _attachment(doc: Doc, mention: TimeMention, governing: list[Token]) -> tuple[int, bool] | None:
    """How far up the governing chain the time attaches (0 = the figure's own verb), and whether
    it is reached through "after"/"since"; None when it belongs to another phrase."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return None
    since = False
    for tok in (span.root, *span.root.ancestors):  # the time itself, when a clause describes it
        if tok in governing:
            return governing.index(tok), since
        if tok.pos_ in {"VERB", "AUX"}:
            return None  # the time belongs to another clause
        since = since or tok.lower_ in SINCE_WORDS
    return None
