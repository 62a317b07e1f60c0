"""What a figure is about: the story's own count, a part of a count, or another event.

A figure about another event (an earlier disaster, a list of past attacks, "the deadliest since
2004, when 230,000 died") is background: it stays with its report and is shown as such, but is
never grouped, judged, or taken as a best value. A part ("30 of the 80 wounded", "including seven
children", "another four died in hospital", "15 critically") counts some of a whole: it is grouped
apart from the whole, so that it never stands against the whole as a rival count.

Only the claim's own clause is read (with a fronted time phrase, "In 2004, ...", which reaches the
whole sentence): "killed 24, the deadliest quake since 2004" keeps 24 as the story's figure.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
import statistics
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from accord.analyze.measures import PROSECUTION
from accord.analyze.numbers import NUMBER_WORDS
from accord.analyze.spanish_numbers import NUMBER_WORDS as SPANISH_NUMBER_WORDS
from accord.date_words import MONTH_WORD, MONTHS
from accord.model import Article, Claim, TimeMention
from accord.reconcile.dates import report_time, when_bounds
from accord.reconcile.people import SUB_GROUP_NOUNS, WHOLE_UNITS
from accord.reconcile.verdicts import PEOPLE_MEASURES


class Role(StrEnum):
    FIGURE = "figure"  # a count of the story's own event
    PART = "part"  # some of a count: a sub-group, a severity, an increment
    BACKGROUND = "background"  # a figure of another event


# A figure whose time ends this long before its report's day is about something else: an earlier
# disaster, last year's attack. A running total "since" an earlier day ends at the report's day.
BACKGROUND_GAP = dt.timedelta(days=30)
# The days around the story's first report that are its event's (the event may come a day or
# two before its first report; a month named without a day ends on its last).
OPENING_SLACK = dt.timedelta(days=3)
# A comma inside a number ("168,000") breaks no clause.
_CLAUSE_BREAK = re.compile(r"[;:()\[\]\u2014\u2013]|(?<!\d),|,(?!\d)|\s-\s|\s--\s")
# A clause opened by one of these hangs on the clause before it ("the worst since 2004, when
# 230,000 died"; "which also wounded 100"): that clause speaks of the same thing.
_DEPENDENT = re.compile(r"^\s*(where|when|which|who|whom|whose|in which|that)\b", re.I)
# A short opening phrase of time or place that reaches the whole sentence ("In 2004, ...",
# "Last year, ...", "Hours earlier, ...").
_FRONTED = re.compile(
    r"^\s*(in|on|at|during|last|earlier|since|before|after|hours|days|weeks|months|years|"
    r"elsewhere|separately|previously|back)\b",
    re.I,
)
_FRONTED_WORDS = 6
# A smaller count more than this many times below a larger one of its report is another scope,
# not a part of it (see _mark_sub_groups).
PART_RATIO = 5.0
_YEAR = re.compile(
    r"(?:\b(?:in|since|during|of|from|until|before|after|the|a|by|early|late|mid|"
    rf"{MONTH_WORD})[\s-]+|')((?:19|20)\d\d)\b"
    r"(?![,.]\d|\s*(?:people|persons|homes|houses|victims|others))",
    re.I,
)
_OTHER_EVENT = re.compile(
    r"\b(last (year|month|decade)|(years|months|decades) (ago|earlier|before)|a year (ago|earlier)"
    r"|earlier this (year|month)|previous(ly)?|in the past|elsewhere|separately|an?(other)? separate"
    r"|(hours|days) (earlier|before)|earlier (that|the same|in the) day|the day before"
    r"|(another|an earlier|a previous|a similar|a prior|(\w+ )?other) (\w+ ){0,2}(attack|incident|strike|"
    r"shooting|quake|earthquake|tremor|crash|accident|bombing|blast|explosion|fire|storm|flood|"
    r"raid|school|case|disaster|tsunami|war|riot|massacre|killing|murder)s?"
    r"|(deadliest|worst|bloodiest|biggest|largest|most \w+) (\w+ ){0,4}since"
    r"|since (the )?(19|20)\d\d"
    # a war's toll is no count of one strike, raid or battle in it: "2 million died in the civil
    # war", "600 killed in the 12 days of the offensive", "since the conflict began"
    r"|(in|during|throughout|of|since) the ([\w'-]+\s+){0,5}(wars?|conflict|offensive|insurgency"
    r"|genocide)"
    # a rate or a tally of the year is a statistic, no count of the story's event: "an average
    # of 70 a year", "13 shooting deaths this year"
    r"|an average of|on average|(a|per|each|every) (year|month|week)|annually"
    r"|this (year|month)|year to date)\b",
    re.I,
)
# A whole year as the time of a toll: "the fourth teenager killed in 2017", "homicides during
# 2016". In a report of that year it is the year's tally so far, not its event's count ("the
# deadliest shooting in 2031" says nothing of the sort).
_WHOLE_YEAR = re.compile(
    r"\b(?:homicides|killings|murders|deaths|shootings|slayings|killed|shot|died)\s+"
    r"(?:so far\s+)?(?:in|during|throughout)\s+((?:19|20)\d\d)\b(?![,.]\d)",
    re.I,
)
# Several events in one count: "at least 17 others have been wounded in separate shootings
# across the city". One person's count there is of their own event ("a man is dead and a boy
# was hurt after both were shot in separate incidents").
_SEPARATE_EVENTS = re.compile(
    r"\bseparate ([\w-]+ ){0,2}(attack|incident|shooting|crash|accident|bombing|raid|case)s\b", re.I
)
# A demonstrative opening a clause points back to an event named before: "That temblor killed
# six people", "in that attack". ("the quake that killed 10" is no such clause.)
_THAT_EVENT = re.compile(
    r"(^\s*|\b(in|of|after|since|during|from|by)\s+)that\s+(quake|earthquake|temblor|tremor|attack"
    r"|shooting|crash|accident|bombing|blast|explosion|fire|storm|flood|raid|riot|massacre"
    r"|disaster|tsunami|war|incident)s?\b",
    re.I,
)
# A legal step is a prosecution's word or an arrest's.
_ARREST = re.compile(r"\b(arrest\w*|detain\w*)\b", re.I)
# The digits every year `_YEAR` and `_WHOLE_YEAR` find: most clauses name no year, and those
# patterns' leading words have `re` try them at every character.
_YEAR_DIGITS = re.compile(r"(?:19|20)\d\d")
# A conviction or an arrest of an earlier case: "who had been previously convicted of mob-related
# crimes", "already jailed for fraud". It counts for its own measure only.
_EARLIER_CASE = re.compile(
    r"\b(previously|already|formerly|once)\s+(?:been\s+)?"
    r"(convicted|sentenced|charged|indicted|arrested|jailed)\b",
    re.I,
)
_CASE_MEASURES = {
    "convicted": "convicted", "sentenced": "convicted", "charged": "charged",
    "indicted": "charged", "arrested": "arrested", "jailed": "arrested",
}  # fmt: skip
# "In February, a woman opened fire ..." in a September report: a month named with no year.
_IN_MONTH = re.compile(rf"\b(?:in|on|during|since|last)\s+({MONTH_WORD})\b(?!\s+\d)", re.I)
# "Thursday's shooting came just weeks after a driver ... shot eight": what follows such words,
# anywhere before the figure in its sentence, is an earlier event.
_CAME_AFTER = re.compile(
    r"\b(came|comes|happened|occurred|follows|followed)\s+(just\s+|only\s+|barely\s+)?"
    r"(\w+\s+)?(days|weeks|months|years)\s+after\b",
    re.I,
)
# Words of a severity: some of the hurt, "15 critically", "seis en estado grave".
_SEVERE = r"(seriously|critically|severely|gravely|badly|serious|critical|severe|grave)"
_SEVERE_ES = r"(grave|graves|gravemente|crítico|crítica|críticos|críticas)"
# Right after the number: "30 of the 80 wounded", "five of them", "two more"; in Spanish "seis de
# ellos", "dos más", "en estado grave".
_PART_AFTER = re.compile(
    r"^\s*(\w+\s+)?((of|among)\s+(the|them|whom|those|these|its|their|which)\b"
    r"|more\b(?!\s+than)|additional\b|further\b"
    rf"|(\w+\s+){{0,2}}{_SEVERE}\b"
    r"|(de|entre)\s+(ellos|ellas|los|las|quienes)\b|más\b(?!\s+de)|adicionales\b"
    rf"|(\w+\s+){{0,3}}{_SEVERE_ES}\b)",
    re.I,
)
# A severity told further on in an injury count's own words, up to the next coordinated count:
# "eight people had suffered from serious injury and 261 others minor injuries".
_SEVERITY = re.compile(rf"\b({_SEVERE}|{_SEVERE_ES})\b", re.I)
_COUNT_END = re.compile(r"\b(and|while|but|whereas|y|mientras)\b|\d", re.I)
SEVERITY_WORDS = 6
_DENIED = re.compile(r"\b(none|not|no|nadie|ninguno|ninguna)\b", re.I)  # "hurt, none seriously"
_OF_THEM = re.compile(r"^\s*(\w+\s+)?(of|among)\s+(them|whom|those|these|which)\b", re.I)
# Right before it, "all" makes the partitive the whole: "all seven of those prosecuted".
_ALL_BEFORE = re.compile(r"\ball\s+(the\s+)?$", re.I)
# Right before it: "including seven children", "among them 10 Americans"; "another four", an
# increment, is a part only after a count of its measure in its report ("12 died at the scene and
# another four in hospital"): alone, it adds to a figure of another measure ("three died;
# firefighters rescued another five").
_BOUND = r"\s+((at least|about|some|nearly|more than|over|almost|around|al menos|unos|unas|cerca de|casi|más de)\s+)?$"
_PART_BEFORE = re.compile(
    r"\b(including|among them|among whom|among those|of whom|of which"
    r"|incluidos|incluidas|incluyendo|entre ellos|entre ellas|de los cuales|de las cuales)"
    + _BOUND,
    re.I,
)
_INCREMENT_BEFORE = re.compile(
    r"\b(another|an additional|a further|plus|otros|otras)" + _BOUND, re.I
)
SUB_GROUP_WORDS = 3  # "six young children", "two other women"
_COUNT_WORDS = NUMBER_WORDS | SPANISH_NUMBER_WORDS
_AND = ("and", "y")
# A count of one place within the story's ("10 killed in Central Aceh district", "50 released
# from the Tocoron prison") is part of the story's count when its report gives a larger one.
_PLACE_NOUN = (
    r"(?i:district|province|village|county|city|town|state|hospital|area|region|neighbou?rhood"
    r"|camp|prison|jail|school)s?"
)
_PLACE = re.compile(
    r"\b(?i:in|at|from)\s+(?i:the\s+|a\s+|one\s+|neighbou?ring\s+|nearby\s+)?"
    rf"([A-Z][\w'-]*\s+){{1,3}}{_PLACE_NOUN}\b"
    rf"|\b{_PLACE_NOUN}\s+(?i:of|known as|called|in)\s+[A-Z]"
)


@dataclass(frozen=True, slots=True)
class _Context:
    """The words around a claim's number within its sentence."""

    clause: str
    before: str
    after: str
    sentence_before: str  # the whole sentence up to the number
    opening: str  # a fronted phrase of time or place that reaches the whole sentence, or ""


@dataclass(frozen=True, slots=True)
class _Words:
    """What the words around a figure tell, whatever the story: read once for each sentence and
    place in it, as wire copies and rewrites repeat a story's sentences word for word (the
    expressions below were most of a large story's roles)."""

    context: _Context
    another_event: bool  # words of another or an earlier event in the figure's clause
    separate_events: bool  # the clause counts over separate events
    earlier_cases: frozenset[str]  # the measures of an earlier case the sentence names
    came_after: bool  # "came weeks after" before the figure: what follows is an earlier event
    prosecution: bool  # words of charges, a trial or a verdict in the sentence
    legal_step: bool  # those, or of an arrest
    clause_years: tuple[int, ...]  # the years the clause names
    whole_years: tuple[int, ...]  # the years it names as a whole ("in 2017")
    opening_months: tuple[int, ...]  # the months a fronted phrase names without a year
    part: bool  # words of a part around the figure: "30 of the 80", "including seven"
    severity: bool  # a severity in the count's own words: "15 critically"
    increment: bool  # "another four"
    of_them: bool  # "five of them"


def assign_roles(
    claims: Sequence[Claim], articles: Sequence[Article], times: Sequence[TimeMention] = ()
) -> None:
    """Set `role` on every claim of one story (see the module's doc). `times` are the time
    expressions of its reports, which date a story none of whose reports is dated."""
    days = _report_days(articles, claims, times)
    opening = _opening_days(articles)
    # by object: ids are set only when grouped
    words = {
        id(c): _words(c.sentence, c.start - c.sentence_start, c.end - c.sentence_start)
        for c in claims
    }
    undated = not any(report_time(a.published) and not a.published_inferred for a in articles)
    for claim in claims:
        said = words[id(claim)]
        if (undated and said.clause_years and not said.legal_step) or _other_event(
            claim, said, days.get(claim.doc), opening
        ):
            # In a story none of whose reports carries its own date, a report tells of its own
            # event by weekday ("on Sunday") and names a year for another time ("the 2004
            # tsunami killed 168,000"), but an arrest or a trial names the year of the crime it
            # is about ("arrested in the 1967 killings").
            claim.role = Role.BACKGROUND
        elif claim.measure in PEOPLE_MEASURES and (
            said.part
            or (claim.measure == "injured" and said.severity)
            or (said.increment and _follows_a_count(claim, claims))
        ):
            claim.role = Role.PART
        else:
            claim.role = Role.FIGURE
    _follow_background_wholes(claims, words)
    _mark_sub_groups(claims, {key: said.context for key, said in words.items()})
    _keep_lone_parts(claims)


@functools.lru_cache(maxsize=1 << 14)
def _words(sentence: str, start: int, end: int) -> _Words:
    """What the words of `sentence` around a figure at `start`-`end` in it tell."""
    context = _context(sentence, start, end)
    clause = context.clause
    years = _YEAR_DIGITS.search(clause) is not None
    prosecution = PROSECUTION.search(sentence) is not None
    return _Words(
        context=context,
        another_event=bool(_OTHER_EVENT.search(clause) or _THAT_EVENT.search(clause)),
        separate_events=_SEPARATE_EVENTS.search(clause) is not None,
        earlier_cases=frozenset(
            _CASE_MEASURES[m.group(2).lower()] for m in _EARLIER_CASE.finditer(sentence)
        ),
        came_after=_CAME_AFTER.search(context.sentence_before) is not None,
        prosecution=prosecution,
        legal_step=prosecution or _ARREST.search(sentence) is not None,
        clause_years=tuple(int(m.group(1)) for m in _YEAR.finditer(clause)) if years else (),
        whole_years=tuple(int(m.group(1)) for m in _WHOLE_YEAR.finditer(clause)) if years else (),
        opening_months=tuple(
            MONTHS[m.group(1).lower()] for m in _IN_MONTH.finditer(context.opening)
        ),
        part=bool(
            (_PART_AFTER.match(context.after) and not _ALL_BEFORE.search(context.before))
            or _PART_BEFORE.search(context.before)
        ),
        severity=_tells_severity(context.after),
        increment=_INCREMENT_BEFORE.search(context.before) is not None,
        of_them=_OF_THEM.match(context.after) is not None,
    )


def _follow_background_wholes(claims: Sequence[Claim], words: Mapping[int, _Words]) -> None:
    """Some "of them" counts some of the count before it in its sentence: of another event's
    toll, it is of that event too ("killed more than 230,000 people, over 170,000 of them in
    Aceh")."""
    for part in claims:
        if part.role != Role.PART or not words[id(part)].of_them:
            continue
        before = [
            c for c in claims
            if c.doc == part.doc and c.sentence_start == part.sentence_start and c.end <= part.start
        ]  # fmt: skip
        if before and max(before, key=lambda c: c.start).role == Role.BACKGROUND:
            part.role = Role.BACKGROUND


def _tells_severity(after: str) -> bool:
    """Whether an injury count's own words say how badly the people were hurt."""
    own = " ".join(_COUNT_END.split(after, maxsplit=1)[0].split()[:SEVERITY_WORDS])
    return _SEVERITY.search(own) is not None and not _DENIED.search(own)


def _follows_a_count(claim: Claim, claims: Sequence[Claim]) -> bool:
    """Whether the claim's report gives a count of its measure before it."""
    return any(
        c.doc == claim.doc and c.measure == claim.measure and c.start < claim.start for c in claims
    )


def _keep_lone_parts(claims: Sequence[Claim]) -> None:
    """A part of a measure the story gives no whole count of is the story's figure of it: "two
    more people have been fatally shot" in a report of one shooting is its toll."""
    counted = {c.measure for c in claims if c.role == Role.FIGURE}
    for c in claims:
        if c.role == Role.PART and c.measure not in counted:
            c.role = Role.FIGURE


def _report_days(
    articles: Sequence[Article], claims: Sequence[Claim], times: Sequence[TimeMention]
) -> dict[str, dt.date]:
    """The day each report speaks from: its own, else the story's latest report day, else (a
    story of undated reports) the latest of the days its figures name and the middle day its
    reports' dates name (one figure dated in a background paragraph does not date the story)."""
    days = {a.key: t.day for a in articles if (t := report_time(a.published)) is not None}
    fallback = max(days.values(), default=None)
    if fallback is None:
        named = [b[1] for c in claims if (b := when_bounds(c.when)) is not None]
        dated = sorted(b[1] for t in times if (b := when_bounds(t.when)) is not None)
        if dated:
            named.append(statistics.median_low(dated))
        fallback = max(named, default=None)
    if fallback is None:
        return days
    return {a.key: days.get(a.key, fallback) for a in articles} | {
        c.doc: days.get(c.doc, fallback) for c in claims
    }


def _context(sentence: str, start: int, end: int) -> _Context:
    start = max(0, min(len(sentence), start))
    end = max(start, min(len(sentence), end))
    breaks = [0, *(m.end() for m in _CLAUSE_BREAK.finditer(sentence)), len(sentence) + 1]
    spans = list(itertools.pairwise(breaks))
    index = next((i for i, (a, b) in enumerate(spans) if a <= start < b), len(spans) - 1)
    first = index
    while first > 0 and _DEPENDENT.match(sentence[spans[first][0] : spans[first][1]]):
        first -= 1
    clause = sentence[spans[first][0] : spans[index][1]]
    opening = sentence[: spans[0][1]]
    fronted = _FRONTED.match(opening) is not None and len(opening.split()) <= _FRONTED_WORDS
    if first > 0 and fronted:
        clause = opening + " " + clause
    return _Context(
        clause,
        sentence[spans[index][0] : start],
        sentence[end : spans[index][1]],
        sentence[:start],
        opening if fronted and first > 0 else "",
    )


def _opening_days(articles: Sequence[Article]) -> tuple[dt.date, dt.date] | None:
    """The days the story's first reports speak from: a figure of those days, told again in a
    report months later (a trial's report of the shooting), is the story's own."""
    days = [t.day for a in articles if (t := report_time(a.published)) is not None]
    if not days:
        return None
    first = min(days)
    # clamped: a report may claim a date at the calendar's edge (year 1)
    low = first - OPENING_SLACK if first - dt.date.min > OPENING_SLACK else dt.date.min
    high = first + OPENING_SLACK if dt.date.max - first > OPENING_SLACK else dt.date.max
    return low, high


def _other_event(
    claim: Claim, said: _Words, day: dt.date | None, opening: tuple[dt.date, dt.date] | None
) -> bool:
    if said.another_event or claim.measure in said.earlier_cases:
        return True
    if day is None:
        return False
    bounds = when_bounds(claim.when)
    of_the_opening = (
        bounds is not None and opening is not None and opening[0] <= bounds[1] <= opening[1]
    )
    if said.came_after:
        return True
    if said.prosecution:
        # charges, a trial or a verdict tell of an earlier event that is their story's own:
        # "three charged in the July 2014 shooting that left a boy dead"
        return False
    if said.separate_events and claim.value > 1:
        return True
    if bounds is not None and bounds[1] < day - BACKGROUND_GAP and not of_the_opening:
        return True
    if any(year < day.year for year in said.clause_years) or day.year in said.whole_years:
        return True
    # A month only in a fronted phrase: "detained after the election in July" says when the
    # people were detained, not when the figure's event happened.
    return any(_month_long_before(month, day) for month in said.opening_months)


def _month_long_before(month: int, day: dt.date) -> bool:
    """Whether the latest past `month` named without a year ("in February", in a report of
    September) ended more than BACKGROUND_GAP before `day`."""
    year = day.year if month <= day.month else day.year - 1
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1) < day - BACKGROUND_GAP


def _mark_sub_groups(claims: Sequence[Claim], contexts: Mapping[int, _Context]) -> None:
    """Within one report, a smaller count of one measure is a part of the larger: a sub-group
    ("six children" beside "24 people"), a place ("10 in Central Aceh district"). Alone, it is the
    report's figure. A count more than PART_RATIO times smaller is no part but another scope
    altogether (43 killed at the school, 660 in the whole war), and stays a figure."""
    same: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in claims:
        if c.role == Role.FIGURE and c.measure in PEOPLE_MEASURES:
            same[(c.doc, c.measure)].append(c)
    for counts in same.values():
        for c in counts:
            if any(_inside(c, total) for total in counts):
                c.role = Role.PART  # "three adults" of "three adults and two children" (5)
        counts = [c for c in counts if c.role == Role.FIGURE]
        narrower = [c for c in counts if _names_sub_group(c, contexts[id(c)])]
        narrower += [c for c in counts if _PLACE.search(contexts[id(c)].clause)]
        wholes = [c for c in counts if c not in narrower]
        for c in narrower:
            if any(_below(c, whole) for whole in wholes) or _counted_beside(contexts[id(c)]):
                c.role = Role.PART


def _names_sub_group(claim: Claim, context: _Context) -> bool:
    """Whether the counted noun names some of the people ("six children", "10 Americans",
    "two young women") rather than everyone ("24 people", "five dead")."""
    words = re.findall(r"[\w'-]+", context.after)[:SUB_GROUP_WORDS]
    for word in words:
        if word.lower() in WHOLE_UNITS:
            return False
        if word.lower() in SUB_GROUP_NOUNS:
            return True
        # A capitalised plural or adjective of nationality ("Americans", "12 Somali pirates"),
        # except in a headline's title case.
        if not claim.in_title and re.fullmatch(r"[A-Z][a-z]+(an|ans|ese|is|s|i|ish)", word):
            return True
    return False


def _counted_beside(context: _Context) -> bool:
    """Whether another count stands beside the claim's sub-group in a coordination ("12 Somali
    and 11 Yemeni pirates", "10 in Aceh and 14 in Bener Meriah"): each is a part of a whole that
    the report may not give."""
    before = re.findall(r"[\w'-]+", context.before)[-SUB_GROUP_WORDS - 2 :]
    if before and before[-1].lower() in _AND:  # "12 Somali and [11] Yemeni pirates"
        return any(map(_is_count, before[:-2]))
    after = re.findall(r"[\w'-]+", context.after)[: SUB_GROUP_WORDS + 2]
    ands = [n for n, word in enumerate(after) if word.lower() in _AND]
    # "[12] Somali and 11 Yemeni pirates": a word of the count's own, "and", a count
    return bool(ands) and 0 < ands[0] < len(after) - 1 and _is_count(after[ands[0] + 1])


def _is_count(word: str) -> bool:
    return word[:1].isdigit() or word.lower() in _COUNT_WORDS


def _inside(part: Claim, total: Claim) -> bool:
    """Whether `part` is a member of the coordination `total` adds up."""
    nested = total.start <= part.start and part.end <= total.end
    return total is not part and nested and part.value < total.value


def _below(part: Claim, whole: Claim) -> bool:
    return _high(part) < _low(whole) and whole.value <= PART_RATIO * part.value


def _low(claim: Claim) -> float:
    return claim.value_low if claim.value_low is not None else claim.value


def _high(claim: Claim) -> float:
    return claim.value_high if claim.value_high is not None else claim.value


def _unit(claim: Claim) -> str:
    return (claim.unit or "").lower().strip()
