"""The verdict, best value and explanation of one group of claims (FORMATS.md "Verdicts").

- single: one voice (one report and its copies or rewrites).
- dispute: two sources whose intervals exclude each other, unless the later is a running total
  that rose; or one source's running total that falls out of its earlier interval with no word
  of a revision.
- update: one source gave a different value later (even one inside the earlier interval), or a
  running total rose as reports came in (reports of one day count as ordered by their values, as
  do undated counts close to each other or given by no one).
- agree: two or more voices, and every value fits every other.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from accord.analyze.own_death import COUNTS_THE_ATTACKER, is_toll_with_the_killer
from accord.model import Article, Claim, Group, Qualifier, SourceType, SourceValue, Verdict
from accord.reconcile.dates import ReportTime, report_time
from accord.reconcile.intervals import Interval, claim_interval, describe_value
from accord.reconcile.people import names_everyone, names_some
from accord.reconcile.voices import source_keys
from accord.settings import DEFAULTS

# Counts that accumulate from an event on (FORMATS.md): a rise is news, a fall needs a revision.
RUNNING_TOTALS = {
    "killed",
    "injured",
    "missing",
    "arrested",
    "released",
    "charged",
    "displaced",
    "evacuated",
    "rescued",
}
# Measures whose counted thing is people, so a missing unit means people.
PEOPLE_MEASURES = {
    "killed", "injured", "missing", "arrested", "released", "charged", "convicted", "displaced",
    "evacuated", "affected", "rescued", "protesters",
}  # fmt: skip
# Counts of a state that goes up and down (people still missing, as the missing are found): a
# later report with another value says the state moved, whoever gives it; only reports that
# cannot be ordered in time can dispute it.
LEVELS = {"missing"}
# Two figures of one measure further apart than this factor, whose intervals do not meet, are
# taken for different figures (a toll of 2 and one of 200), not an update or a dispute; "at least
# one" is no reading of a count this many times larger (`_counting`).
MAX_RATIO = 5.0
# How a group's label names its measure, where the measure's name does not read as English.
MEASURE_WORDS = {"vote_share": "vote share"}
# Two undated counts within a fifth of each other (43 against 40) read as one count rising, not
# rival counts; further apart (more than 50 against 40) they may count different things.
CLOSE_RATIO = 1.2
# A lower bound ("at least 40") that another count of the figure more than doubles was an
# earlier reading of it (`_outgrown`).
BOUNDS_BELOW = (Qualifier.AT_LEAST, Qualifier.MORE_THAN)
OUTGROWN_RATIO = 2.0
LABEL_WORDS = 6  # a longer description is a clause, not a label
# Words a description may open a sentence with that are no name (`_in_running_text`).
_SENTENCE_OPENERS = frozenset(
    ("no", "nobody", "the", "a", "an", "some", "several", "many", "most", "all", "both", "few",
     "more", "other", "another", "these", "those", "their", "his", "her", "its", "our", "people")
)  # fmt: skip
# "250 others injured" says who else, not what is counted: no label.
_OTHERS = re.compile(r"(an)?others?\b", re.I)
_LABEL = re.compile(r"[^\W\d_](?:[^\W\d_]|[' -])*")  # letters, with spaces, hyphens
# What a description of another figure may open with that is no part of it: "-magnitude",
# "and 7.5 magnitude".
_OPENING_JOINER = re.compile(r"^(\W+|(and|or)\s+)", re.I)
SIDE_NAMES = 3  # who gives a disputed figure: this many names, then "and N more"
REVISION_WORDS = re.compile(
    r"\b(revis\w*|correct\w*|lower\w*|downgrad\w*|adjust\w*|reduc\w*)\b", re.I
)
# A toll of the dead beside which the attacker died by his own hand.
_ATTACKER_DIED = re.compile(
    r"\b(?:killed|shot|killing|shooting) (?:himself|herself)\b|\bturn(?:ed|ing) the gun on "
    r"(?:himself|herself)\b|\btook (?:his|her) own life\b",
    re.I,
)
BEST_RULE = (
    "the latest figure of the most authoritative source: the source cited by the most independent "
    "reports (attributed sources before figures attributed to no one; ties go to the source with "
    "the latest report, then to the alphabetically first); within it, the figure of its latest "
    "report, an exact figure before a bound when reports cannot be ordered; a figure that says "
    "only that it happened (at least one) yields to any figure that counts"
)
LATEST_COUNT_RULE = (
    "the latest count: a running total that rose stands at its highest figure of the latest day "
    "it was reported (undated reports count as that day); one that every source agrees on, at "
    'its highest figure, a count before a ceiling it is under ("14" before "up to 20")'
)


@dataclass(slots=True)
class _Said:
    """One claim with what the verdict needs: its interval, source key and report time."""

    claim: Claim
    interval: Interval
    source: str
    voice: str
    time: ReportTime | None
    outlet: str | None = None
    inferred: bool = False  # the report's date was inferred from its story


def summarise_group(
    group_id: str,
    story_id: str,
    claims: Sequence[Claim],
    articles: Mapping[str, Article],
    voice_of: Mapping[str, str],
    about_width: float = DEFAULTS.about_width,
    nearly_width: float = DEFAULTS.nearly_width,
) -> Group:
    """The Group record of `claims` (already judged to speak of one figure)."""
    keys = source_keys(claims, voice_of)
    said = [
        _Said(
            c,
            claim_interval(c, about_width, nearly_width),
            keys[c.id],
            voice_of.get(c.doc, c.doc),
            report_time(_published(articles, c.doc)),
            _outlet(articles, c.doc),
            c.doc in articles and articles[c.doc].published_inferred,
        )
        for c in claims
    ]
    counted = _counting(said)
    verdict, moved = judge(counted)
    counting = claims[0].measure in RUNNING_TOTALS and verdict in ("update", "agree")
    best = latest_count(counted, rose=verdict == "update") if counting else best_claim(counted)
    lows = [_floor(s) for s in said]
    highs = [s.interval.finite_high for s in said]
    days = sorted(s.time.day.isoformat() for s in said if s.time)
    return Group(
        id=group_id,
        story=story_id,
        measure=claims[0].measure,
        verdict=verdict,
        value=best.claim.value,
        values=tuple(sorted({c.value for c in claims})),
        docs=tuple(sorted({c.doc for c in claims})),
        members=tuple(c.id for c in claims),
        what=_what(claims),
        unit=claims[0].unit,
        low=min(lows),
        # An open figure ("at least 19") reaches the range with its stated value at least.
        high=max([h for h in highs if h is not None] + [c.value for c in claims]),
        first_reported=days[0] if days else None,
        last_reported=days[-1] if days else None,
        explanation=explain(verdict, counted, moved)
        + _uncounted(len(said) - len(counted))
        + _attacker_counted(counted),
        best_rule=LATEST_COUNT_RULE if counting else BEST_RULE,
        by_source=tuple(_source_value(s, articles) for s in _by_time(said)),
        role=claims[0].role,
    )


def _published(articles: Mapping[str, Article], doc: str) -> str | None:
    article = articles.get(doc)
    return article.published if article else None


def _outlet(articles: Mapping[str, Article], doc: str) -> str | None:
    article = articles.get(doc)
    return article.outlet if article else None


def _what(claims: Sequence[Claim]) -> str:
    """The group's label: the most common description (body text before headlines, the shortest
    among equals) when it is short and names the measure ("young adults released"), else the
    counted unit and the measure ("people killed" where a report wrote "left 28 people dead").
    "At least one" names a person, not what the group counts ("he arrested"): no label."""
    counts: dict[str, int] = defaultdict(int)
    for c in claims:
        if c.what and not _says_only_some(c):
            counts[c.what] += 0 if c.in_title else 2
            counts[c.what] += 1
    described = (
        _in_running_text(min(counts, key=lambda w: (-counts[w], len(w)))) if counts else None
    )
    measure = claims[0].measure
    if measure == "other":
        return _as_label(described) or claims[0].unit or measure
    word = MEASURE_WORDS.get(measure, measure)
    if (
        described
        and len(described.split()) <= LABEL_WORDS
        and word in described.lower()
        and not _OTHERS.match(described)
    ):
        return described
    unit = claims[0].unit
    return f"{unit} {word}" if unit and word not in (unit, f"{unit}s") else word


def _in_running_text(described: str) -> str:
    """A description taken from the start of a sentence, as a label reads inside one: "No one
    injured" is "no one injured" ("Key figure, no one injured: 0"). Only a function word's
    capital goes, and not before a capital: a name's stays ("Palestinians killed", "Most
    Wanted list")."""
    first, space, rest = described.partition(" ")
    if first.istitle() and first.lower() in _SENTENCE_OPENERS and not rest[:1].isupper():
        return first.lower() + space + rest
    return described


def _as_label(described: str | None) -> str | None:
    """A description that reads as a label: a few words, no other figure, no aside ("hotels
    damaged", not "bridges, and 4 school buildings" or "miles (35 kilometers)")."""
    words = _OPENING_JOINER.sub("", described or "")
    return words if _LABEL.fullmatch(words) and len(words.split()) <= LABEL_WORDS else None


def _source_value(s: _Said, articles: Mapping[str, Article]) -> SourceValue:
    article = articles.get(s.claim.doc)
    return SourceValue(
        doc=s.claim.doc,
        claim=s.claim.id,
        value=s.claim.value,
        qualifier=s.claim.qualifier,
        low=s.interval.low,
        high=s.interval.finite_high,
        source=s.claim.source,
        outlet=article.outlet if article else None,
        published=article.published if article else None,
        voice=s.voice,
    )


def _later(a: _Said, b: _Said) -> bool:
    """Whether b was certainly reported after a."""
    return a.time is not None and b.time is not None and a.time.before(b.time)


def _unordered(a: _Said, b: _Said) -> bool:
    return not _later(a, b) and not _later(b, a)


def judge(said: Sequence[_Said]) -> tuple[Verdict, list[tuple[_Said, _Said]]]:
    """The verdict, and the (earlier, later) same-source pairs whose value moved."""
    if len({s.voice for s in said}) < 2:
        return Verdict.SINGLE, []
    running = said[0].claim.measure in RUNNING_TOTALS
    pairs = [(a, b) for a in said for b in said if a.voice != b.voice and (_later(a, b) or
             (_unordered(a, b) and a.claim.doc < b.claim.doc))]  # fmt: skip
    if said[0].claim.measure in LEVELS:
        return _judge_level(pairs)
    moved = [(a, b) for a, b in pairs if a.source == b.source and a.claim.value != b.claim.value
             and (_later(a, b) or running)]  # fmt: skip
    if any(_disputes(a, b, running) for a, b in pairs):
        return Verdict.DISPUTE, moved
    return (Verdict.UPDATE if moved or _rising(pairs, running) else Verdict.AGREE), moved


def _counting(said: Sequence[_Said]) -> Sequence[_Said]:
    """The claims that bear on how many there were. "At least one" ("he was arrested" in a
    sweep of 99) says that it happened, not how many: once a count more than MAX_RATIO times
    larger has been given, it neither corroborates nor moves that count. Before every such count
    it is the first reading of a toll that rose; beside a count of two or three it is one of
    those counted, and bears on it."""
    many = [s for s in said if s.claim.value > MAX_RATIO]
    return [s for s in said if not _says_only_some(s.claim) or all(_later(s, t) for t in many)]


def _says_only_some(claim: Claim) -> bool:
    """ "At least one": that it happened, not how many."""
    return claim.qualifier == "at_least" and claim.value == 1


def _attacker_counted(said: Sequence[_Said]) -> str:
    """A note when tolls that would not fit differ by the attacker alone (`_with_the_attacker`),
    or a toll is the analysis's toll with a killer who took his own life: a reader of "3 killed"
    beside a report's "killing 2, then himself" learns where the third is. "At least 1" beside
    2 fits without it."""
    apart = {
        f"{b.claim.value:g}"
        for a in said
        for b in said
        if a.claim.value < b.claim.value
        and not a.interval.meets(b.interval)
        and _with_the_attacker(a, b)
    }
    apart |= {f"{s.claim.value:g}" for s in said if is_toll_with_the_killer(s.claim)}
    return f" {' and '.join(sorted(apart))} counts the attacker too." if apart else ""


def _uncounted(left: int) -> str:
    if not left:
        return ""
    figures = "figure says" if left == 1 else "figures say"
    return f" {left} more {figures} only that it happened (at least one), not how many."


def _judge_level(
    pairs: Sequence[tuple[_Said, _Said]],
) -> tuple[Verdict, list[tuple[_Said, _Said]]]:
    """The verdict on a level (see LEVELS): dispute when two reports of one time disagree,
    update when a later report gives another value, else agree. A date inferred from the story
    is no time of the report's own: its reading cannot be set against another of "its" day."""
    if any(
        _unordered(a, b) and not (a.inferred or b.inferred) and not a.interval.meets(b.interval)
        for a, b in pairs
    ):
        return Verdict.DISPUTE, []
    moved = [(a, b) for a, b in pairs if _later(a, b) and a.claim.value != b.claim.value]
    return (Verdict.UPDATE if moved else Verdict.AGREE), moved


def _disputes(a: _Said, b: _Said, running: bool) -> bool:
    """Whether a and b (a not later than b) cannot both be true."""
    if a.interval.meets(b.interval) or _part_of_whole(a, b) or _with_the_attacker(a, b):
        return False
    if running and _later(a, b) and a.interval.below(b.interval):
        return False  # a running total rose
    denial = 0 in (a.claim.value, b.claim.value)  # "no one was hurt" is no reading of a rise
    if running and _unordered(a, b) and (a.source == b.source or (_readings(a, b) and not denial)):
        return False  # counts that cannot be ordered: the order is the rise
    if a.source == b.source and _later(a, b):
        # a later different value from the same source is an update, but a running total
        # that falls is a dispute unless the report says the count was revised
        return running and not REVISION_WORDS.search(b.claim.sentence)
    return True


def _with_the_attacker(a: _Said, b: _Said) -> bool:
    """Whether two tolls of the dead differ by the attacker alone: one more, and the larger says
    it includes the gunman ("four dead, including the shooter") or is a toll with the killer
    (`accord.analyze.own_death`), or the smaller says he then killed himself ("killed three
    people before killing himself"). No rivals: both are true."""
    fewer, more = sorted((a, b), key=lambda s: s.claim.value)
    return (
        a.claim.measure == "killed"
        and more.claim.value - fewer.claim.value == 1
        and (
            COUNTS_THE_ATTACKER.search(more.claim.sentence) is not None
            or is_toll_with_the_killer(more.claim)
            or _ATTACKER_DIED.search(fewer.claim.sentence) is not None
        )
    )


def _part_of_whole(a: _Said, b: _Said) -> bool:
    """Whether the smaller of two counts names some of the people the larger counts ("two
    officers" beside "three people"): a part, whatever the reports' times, is no rival."""
    part, whole = (a, b) if a.claim.value < b.claim.value else (b, a)
    return names_some(part.claim.counted) and names_everyone(whole.claim.counted)


def _rising(pairs: Sequence[tuple[_Said, _Said]], running: bool) -> bool:
    return running and any(
        (
            (_later(a, b) and a.interval.below(b.interval))
            or (_readings(a, b) and not a.interval.meets(b.interval))
            or _outgrown(a, b)
        )
        and not _with_the_attacker(a, b)
        for a, b in pairs
    )


def _outgrown(a: _Said, b: _Said) -> bool:
    """Whether one of two counts is a lower bound that the other more than doubles ("at least 40
    injured" beside 250): the bound fits, but it is an early reading of a count that rose, no
    corroboration of it; unless it was certainly given after the larger count. "At least one"
    says only that it happened (`_says_only_some`)."""
    bound, count = sorted((a, b), key=lambda s: s.claim.value)
    return (
        bound.claim.qualifier in BOUNDS_BELOW
        and not _says_only_some(bound.claim)
        and _floor(count) > OUTGROWN_RATIO * bound.claim.value
        and not _later(count, bound)
    )


def _readings(a: _Said, b: _Said) -> bool:
    """Whether two counts that cannot be ordered may be readings of one count rising: of one
    day, close to each other where a report has no date (40, 41 and 43 dead), or given by no
    one where a report has no date: with neither a time nor a source to set one against the
    other, nothing says they are rivals."""
    return _same_day(a, b) or _close_undated(a, b) or _unattributed_undated(a, b)


def _unattributed_undated(a: _Said, b: _Said) -> bool:
    undated = a.time is None or b.time is None
    return undated and a.claim.source is None and b.claim.source is None


def _close_undated(a: _Said, b: _Said) -> bool:
    low, high = sorted((a.claim.value, b.claim.value))
    close = low > 0 and high <= CLOSE_RATIO * low
    return (a.time is None or b.time is None) and close and not _rivals(a, b)


def _same_day(a: _Said, b: _Said) -> bool:
    """Whether two readings of one day, with no clock time to order them, may be one count
    rising: both reports are dated, and they are not the tallies of rival counters. An
    independent monitor's count (a rights group's) against the authorities' is a rival count;
    officials, agencies and outlets giving a toll on the day it is counted are its readings."""
    return a.time is not None and b.time is not None and _unordered(a, b) and not _rivals(a, b)


def _rivals(a: _Said, b: _Said) -> bool:
    """Whether exactly one of two named sources is a non-governmental monitor."""
    ngo = SourceType.NGO
    named = a.claim.source is not None and b.claim.source is not None
    return named and (a.claim.source_type == ngo) != (b.claim.source_type == ngo)


def _by_time(said: Sequence[_Said]) -> list[_Said]:
    """Oldest first; reports of one day without clock times by their values (a running count)."""
    return sorted(said, key=_time_key)


def _time_key(s: _Said) -> tuple[str, str, float]:
    day = s.time.day.isoformat() if s.time else "9999"
    instant = s.time.instant.isoformat() if s.time and s.time.instant else "~"
    return day, instant, s.claim.value


def best_claim(said: Sequence[_Said]) -> _Said:
    """The claim that gives the group's best current value; the rule is BEST_RULE."""
    # "A man was shot, police said" beside "a man and a woman were shot": the source that says
    # only that it happened gives no count to stand against the one that counts
    said = [s for s in said if not _says_only_some(s.claim)] or said
    voices_of: dict[str, set[str]] = defaultdict(set)
    for s in said:
        voices_of[s.source].add(s.voice)

    def authority(source: str) -> tuple[int, int, str, str]:
        attributed = 0 if source.startswith("voice:") else 1
        last_day = max(_day_key(s) for s in said if s.source == source)
        return attributed, len(voices_of[source]), last_day, _neg(source)

    top = max(voices_of, key=authority)
    own = [s for s in said if s.source == top]
    # the latest claims: those no other claim of the source certainly follows
    latest = [s for s in own if not any(_later(s, t) for t in own)]
    return max(latest, key=lambda s: (s.claim.qualifier == "exact", _day_key(s), s.claim.value))


def latest_count(said: Sequence[_Said], rose: bool = True) -> _Said:
    """The claim that gives a running total's current value; the rule is LATEST_COUNT_RULE."""
    latest = list(said)
    if rose:
        last = max(_day_key(s) for s in said)
        latest = [s for s in said if _day_key(s) in (last, "")]
    # where every value fits every other, a later "at least 1" says less than an earlier 2, and
    # "as many as 20 injured" says less than "14 injured", a count under it
    under = [
        s.claim.value
        for s in latest
        if s.claim.qualifier != "up_to" and not _says_only_some(s.claim)
    ]
    return max(
        latest,
        key=lambda s: (
            not (s.claim.qualifier == "up_to" and any(v <= s.claim.value for v in under)),
            _floor(s),
            s.claim.qualifier == "exact",
            _day_key(s),
        ),
    )


def _floor(s: _Said) -> float:
    """The least the claim says was counted. "As many as 80" gives the top of a count, not a
    count that may be 0: it is read at its value."""
    return s.claim.value if s.claim.qualifier == "up_to" else s.interval.low


def _day_key(s: _Said) -> str:
    return s.time.day.isoformat() if s.time else ""


def _neg(text: str) -> str:
    """A key that sorts strings in reverse, so max() picks the alphabetically first."""
    return "".join(chr(0x10FFFF - ord(ch)) for ch in text)


def explain(verdict: str, said: Sequence[_Said], moved: Sequence[tuple[_Said, _Said]]) -> str:
    """One line a reader can check against the sources."""
    if verdict == "update" and moved:
        return _explain_update(moved)
    figures = by_source(said)
    if verdict == "single":
        return f"One independent report: {figures}."
    if verdict == "dispute":
        return f"Sources disagree: {_sides(said)}."
    if verdict == "update":
        return _explain_rise(said)
    if len({s.source for s in said}) > SIDE_NAMES:
        # many voices on one figure: each value once, with who gave it, not every report's line
        return f"Sources agree: {_sides(said, '; ')}."
    return f"Sources agree: {figures}."


def _sides(said: Sequence[_Said], joiner: str = " against ") -> str:
    """Each figure given, lowest first, with who gave it (named sources first) and when it was
    first given: "24 (Human Rights Watch; 16 November 2024) against 28 (Tarek William Saab,
    unattributed in Reuters; 16 November 2024)"."""
    # each value's givers by their folded name: one name once, however its reports cased it
    # ("Authorities said", "authorities said"), as first written
    givers: dict[float, dict[str, str]] = defaultdict(dict)
    for s in sorted(_by_time(said), key=lambda s: s.claim.source is None):
        name = _name(s)
        givers[s.claim.value].setdefault(name.casefold(), name)
    first = {s.claim.value: s for s in reversed(_by_time(said))}  # each value's earliest
    sides = []
    for value in sorted(givers):
        c, names = first[value].claim, list(givers[value].values())
        shown = ", ".join(names[:SIDE_NAMES])
        more = f" and {len(names) - SIDE_NAMES} more" if len(names) > SIDE_NAMES else ""
        figure = describe_value(c.value, c.qualifier, c.value_low, c.value_high)
        sides.append(f"{figure} ({shown}{more}; {_day(first[value])})")
    return joiner.join(sides)


def _explain_rise(said: Sequence[_Said]) -> str:
    """A running total that rose across sources, as its first and current readings: "The count
    rose as reports came in, from at least 1 (AP, 2 July 2013) to 24 (the disaster agency,
    3 July 2013), in 14 reports"."""
    first = min(said, key=lambda s: (_day_key(s) or "9999", s.claim.value))
    last = latest_count(said)
    return (
        f"The count rose as reports came in, from {_reading(first)} to {_reading(last)}, "
        f"in {len({s.claim.doc for s in said})} reports."
    )


def _reading(s: _Said) -> str:
    c = s.claim
    value = describe_value(c.value, c.qualifier, c.value_low, c.value_high)
    return f"{value} ({_name(s)}, {_day(s)})"


def by_source(said: Sequence[_Said]) -> str:
    """ "Foro Penal: at least 1,800 (16 November 2024); government: about 2,400 (16 November
    2024), then about 2,000 (13 December 2024)" - each source's distinct figures, oldest first."""
    tracks: dict[str, list[str]] = defaultdict(list)
    names: dict[str, str] = {}
    for s in _distinct(said):
        names.setdefault(s.source, _name(s))
        c = s.claim
        when = f" ({_day(s)})" if s.time else ""
        tracks[s.source].append(
            describe_value(c.value, c.qualifier, c.value_low, c.value_high) + when
        )
    # Sources shown by one name with the same figures are said once: the unattributed reports
    # of unknown outlets, "Authorities" and "authorities" of two reports.
    shown: dict[tuple[str, str], str] = {}
    for k, v in tracks.items():
        figures = ", then ".join(v)
        shown.setdefault((names[k].casefold(), figures), f"{names[k]}: {figures}")
    return "; ".join(shown.values())


def _explain_update(moved: Sequence[tuple[_Said, _Said]]) -> str:
    first = min((a for a, _ in moved), key=_time_key)
    # A level moves whoever reports it (LEVELS): then the latest report gives the end point.
    own = [b for _, b in moved if b.source == first.source] or [b for _, b in moved]
    last = max(own, key=_time_key)
    verb = "rose" if last.claim.value > first.claim.value else "changed"
    start = describe_value(
        first.claim.value, first.claim.qualifier, first.claim.value_low, first.claim.value_high
    )
    end = describe_value(
        last.claim.value, last.claim.qualifier, last.claim.value_low, last.claim.value_high
    )
    if last.source != first.source:
        # a level moved by whoever read it last: each end with its own source
        return (
            f"The count {verb} from {start} ({_reading_of(first)}) to {end} ({_reading_of(last)})."
        )
    name = _name(first)
    owner = f"{name}'" if name.endswith("s") else f"{name}'s"
    # the line is a sentence: "The regional emergency office's count rose ..."
    return (
        f"{owner[:1].upper()}{owner[1:]} count {verb} from {start} to {end} {_span(first, last)}."
    )


def _reading_of(s: _Said) -> str:
    return f"{_name(s)}, {_day(s)}"


def _span(first: _Said, last: _Said) -> str:
    if first.time and last.time and first.time.day == last.time.day:
        return f"during {_day(first)}"
    return f"between {_day(first)} and {_day(last)}"


def _day(s: _Said) -> str:
    return f"{s.time.day.day} {s.time.day:%B %Y}" if s.time else "an undated report"


def _name(s: _Said) -> str:
    """Who gave the figure: its source, else the outlet that printed it unattributed. A report of
    no known outlet gives it "unattributed": its key names a file, not anyone a reader knows (the
    figure's own row cites the report)."""
    if s.claim.source:
        return s.claim.source
    return f"unattributed in {s.outlet}" if s.outlet else "unattributed"


def _distinct(said: Sequence[_Said]) -> list[_Said]:
    """One entry per (source, value) - the first qualifier said - oldest first."""
    seen: dict[tuple[str, float], _Said] = {}
    for s in sorted(said, key=_time_key):
        seen.setdefault((s.source, s.claim.value), s)
    return list(seen.values())
