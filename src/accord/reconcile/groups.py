"""Align the claims of a story's reports into groups that speak of the same figure.

Two claims may join when their measure, counted thing (unit, subject, describing words), place,
time and event (for figures that are no running total) are compatible. Candidate links are merged
greedily, the most alike first, under one cannot-link rule: a group never holds two claims of one
report whose intervals exclude each other, since one report giving two different values of a
measure is speaking of two figures ("225 cases" and "225 prisoners", "ten foreigners among the 14
dead", the tolls of earlier attacks).
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from operator import attrgetter

from accord.lru import Lru
from accord.model import Article, Claim, Group
from accord.reconcile.dates import report_time, when_bounds, whens_meet
from accord.reconcile.intervals import Interval, claim_interval
from accord.reconcile.roles import BACKGROUND_GAP, Role
from accord.reconcile.verdicts import (
    LEVELS,
    MAX_RATIO,
    PEOPLE_MEASURES,
    RUNNING_TOTALS,
    summarise_group,
)
from accord.reconcile.voices import voices
from accord.settings import DEFAULTS
from accord.text import fold_accents

# Words that name people as the counted thing, so "people", "prisoners" and "protesters" match.
PEOPLE_UNITS = {
    "people", "persons", "person", "individuals", "prisoners", "detainees", "protesters",
    "civilians", "victims", "residents", "children", "adults", "men", "women", "teenagers",
    "minors", "migrants", "refugees", "soldiers", "students", "workers", "patients", "deaths",
    "dead", "inmates",
}  # fmt: skip
# A count that grew over days by more than this factor is more likely a misreading ("1 million
# killed") or another count than the same toll risen.
RISE_RATIO = 100.0
# Measures that do not say what they count: "$4m" and "$8m" of one story are rarely one figure.
UNNAMED_MEASURES = {"other", "money"}
# Counted things that alone say nothing of what is counted: a share, a head count.
WEAK_UNITS = {"", "percent", "people"}
# Measures that name their counted thing (FORMATS.md: "reviewed" counts cases), so "the cases of
# 200 people" and "225 cases" count one thing.
MEASURE_UNITS = {"reviewed": "cases"}
# A figure a report gives as of its own date (a running total) still fits a time the other report
# names this many days before that date: "released from Tuesday to Thursday", reported on Friday.
AS_OF_SLACK = dt.timedelta(days=3)
# Reports of two events of a story further apart than this tell of two of a kind, not of one
# event's aftermath (as roles.BACKGROUND_GAP dates a figure of another event).
EVENT_GAP = BACKGROUND_GAP
_LETTERS = re.compile(r"[a-z]+")  # the words of a unit or of what a claim counts
# Words of a count of the injured that counts those taken to hospital: "20 treated", "hospitalised".
_HOSPITAL = re.compile(r"\b(treated|hospitali[sz]ed|admitted|hospitals?|clinics?)\b", re.I)
# Words that say nothing about which figure a claim gives: function words and light verbs ("47
# people were", "85 percent is"). The counted thing's own words are dropped too (see `_item`), as
# the unit already compares it: two claims sharing only "percent" or "people" share nothing.
STOPWORDS = {
    "the", "a", "an", "of", "in", "on", "at", "to", "for", "by", "from", "with", "and", "or",
    "people", "were", "was", "had", "have", "has", "been", "be", "who", "that", "during", "after",
    "is", "are", "it", "its", "their", "this", "these", "those", "there", "said", "says", "say",
    "than", "more", "least", "some", "about", "per", "cent", "percent", "according", "now",
}  # fmt: skip


# A story's ledger is built again on every add to it, and the add's claims join a few of its
# blocks (`_blocks`) and groups: the groups of the blocks and the verdicts of the groups whose
# claims read as they did are taken from the last build in this process, not made again (the
# ledgers an ingest builds in worker processes start with none).
# Bounded by what a few large stories hold (a story of 500 reports: 30 blocks, 322 groups).
_CLUSTERINGS: Lru[tuple[object, ...], list[list[int]]] = Lru(512)
# A story of fewer grouped claims is built whole: keeping its groups costs more than making
# them (cold builds of GVA dev's 1,832 stories, nearly all small, took 12% longer with every
# story's kept).
REUSED_FROM = 200
_SUMMARIES: Lru[tuple[object, ...], Group] = Lru(8192)
# What a group's verdict reads of a claim: all of it but the group it is put in.
_AS_SAID = attrgetter(*(f.name for f in fields(Claim) if f.name != "group"))


@dataclass(slots=True)
class _Item:
    claim: Claim
    interval: Interval
    unit: str
    words: frozenset[str]
    as_of: dt.date | None = None  # the report's day, when the figure stands as of that day
    event: str | None = None  # the story's event the claim's report belongs to
    day: dt.date | None = None  # the report's day


def group_claims(
    story_id: str,
    claims: Sequence[Claim],
    articles: Sequence[Article],
    about_width: float = DEFAULTS.about_width,
    nearly_width: float = DEFAULTS.nearly_width,
    events: Mapping[str, str] | None = None,
) -> list[Group]:
    """Groups of the story's claims, with verdicts; sets `claim.group` on every claim.

    Claims need unique ids (`Claim.id`); a claim without one gets `<doc>#<index>`. `events` maps
    a report to its event in the story, when the stories stage has placed it.
    """
    events = events or {}
    for i, claim in enumerate(claims):
        claim.id = claim.id or f"{claim.doc}#{i}"
        claim.group = None  # background and vague figures stay out of every group
    days = {a.key: t.day for a in articles if (t := report_time(a.published)) is not None}
    items = [
        _item(c, about_width, nearly_width, days.get(c.doc), events.get(c.doc))
        for c in claims
        if c.qualifier != "vague" and c.role != Role.BACKGROUND
    ]
    reuse = len(items) >= REUSED_FROM
    clusters = [cluster for block in _blocks(items) for cluster in _clustered(block, reuse)]
    by_key = {a.key: a for a in articles}
    voice_of = voices(articles)
    groups = []
    for n, members in enumerate(_ordered(clusters), start=1):
        group_id = f"{story_id}:g{n}"
        for item in members:
            item.claim.group = group_id
        claims_of = [m.claim for m in members]
        judge = functools.partial(
            summarise_group,
            group_id,
            story_id,
            claims_of,
            by_key,
            voice_of,
            about_width,
            nearly_width,
        )
        if reuse:
            basis = (story_id, about_width, nearly_width, *_as_said(claims_of, by_key, voice_of))
            # a copy: the ledger sets its parts
            group = _SUMMARIES.made(basis, judge).copy()
            group.id = group_id
            groups.append(group)
        else:
            groups.append(judge())
    return groups


def _blocks(items: list[_Item]) -> list[list[_Item]]:
    """The items of each measure, unit and role, in order: only items of one block can be
    compatible (`compatible`), so each block's groups are made alone."""
    blocks: dict[tuple[str, str, str], list[_Item]] = defaultdict(list)
    for item in items:
        blocks[(item.claim.measure, item.unit, item.claim.role)].append(item)
    return list(blocks.values())


def _clustered(block: list[_Item], reuse: bool) -> list[list[_Item]]:
    """The groups of one block's items (`_cluster`); with `reuse`, made again only when the
    block's items read differently from the last time it was seen."""
    if reuse:
        basis = tuple((_read(item), item.claim.doc) for item in block)
        positions = _CLUSTERINGS.made(basis, lambda: _cluster(block))
    else:
        positions = _cluster(block)
    return [[block[n] for n in cluster] for cluster in positions]


def _as_said(
    claims: Sequence[Claim], articles: Mapping[str, Article], voice_of: Mapping[str, str]
) -> Iterator[tuple[object, ...]]:
    """What `summarise_group` reads of each claim and its report, in order."""
    for c in claims:
        article = articles.get(c.doc)
        report = (
            (article.published, article.outlet, article.published_inferred) if article else None
        )
        yield (*_AS_SAID(c), voice_of.get(c.doc), report)


def _item(
    claim: Claim,
    about_width: float,
    nearly_width: float,
    day: dt.date | None,
    event: str | None = None,
) -> _Item:
    unit, words = _unit_and_words(claim.measure, claim.unit, claim.what)
    interval = claim_interval(claim, about_width, nearly_width)
    as_of = day if _stands_as_of(claim, day) else None
    return _Item(claim, interval, unit, words, as_of, event, day)


# Kept: a story's claims repeat a few descriptions, and its ledger reads them again on every add.
@functools.lru_cache(maxsize=4096)
def _unit_and_words(
    measure: str, given_unit: str | None, what: str | None
) -> tuple[str, frozenset[str]]:
    """The unit a claim is compared in, and the words of what it counts that tell figures apart."""
    unit = MEASURE_UNITS.get(measure) or (given_unit or "").lower().strip()
    if unit in PEOPLE_UNITS or (not unit and measure in PEOPLE_MEASURES):
        unit = "people"
    own = {*_LETTERS.findall(unit), *_LETTERS.findall((given_unit or "").lower())}
    return unit, frozenset(_LETTERS.findall((what or "").lower())) - STOPWORDS - own


def _stands_as_of(claim: Claim, day: dt.date | None) -> bool:
    """Whether the claim's time is its report's day: no time words of its own, or a span that
    runs up to that day ("since July 28")."""
    bounds = when_bounds(claim.when)
    if day is None or bounds is None or bounds[1] != day:
        return False
    return claim.when_text is None or "/" in (claim.when or "")


def _timeless(claim: Claim) -> bool:
    """A figure that is no running total, given with no time words ("Maduro won 52%"), keeps the
    time of whatever it describes: the report's date says nothing about it."""
    return claim.when_text is None and claim.measure not in RUNNING_TOTALS


def _times_meet(a: _Item, b: _Item) -> bool:
    """Whether two claims may refer to one time. Two figures as of their reports' dates are two
    readings of one running total, whatever the dates; a figure as of a date fits a named time
    that ends shortly before it and does not start after it."""
    if (a.as_of and b.as_of) or _timeless(a.claim) or _timeless(b.claim):
        return True
    if a.claim.measure in LEVELS:
        return True  # one state read again and again ("17 still missing on Wednesday")
    day, named = (a.as_of, b) if a.as_of else (b.as_of, a)
    if day is None:
        return whens_meet(a.claim.when, b.claim.when)
    bounds = when_bounds(named.claim.when)
    if bounds is None or bounds[0] <= day <= bounds[1] + AS_OF_SLACK:
        return True
    # A running total a later report gives for its own day ("19 dead by Wednesday", in
    # Wednesday's report) a few days after the reading is the next reading of that total.
    return (
        named.claim.measure in RUNNING_TOTALS
        and bounds == (named.day, named.day)
        and day <= bounds[0] <= day + AS_OF_SLACK
    )


@functools.lru_cache(maxsize=1 << 14)  # the same subjects and places meet every other claim's
def _norm(text: str | None) -> str:
    # Accents folded: one report writes "Tocorón", another "Tocoron", of the same prison.
    return " ".join(re.findall(r"\w+", fold_accents((text or "").lower())))


def compatible(a: _Item, b: _Item) -> bool:
    """Whether two claims may speak of one figure (before the cannot-link rule)."""
    ca, cb = a.claim, b.claim
    if ca.measure != cb.measure or a.unit != b.unit or ca.role != cb.role:
        return False
    if _uncertain(ca) and not a.interval.meets(b.interval):
        return False
    if a.event and b.event and a.event != b.event:
        # A running total carries on through later events (the toll of a flood reported beside
        # the news of a dam's release); any other figure belongs to its report's event (meals
        # served on the day of the flood, and at the release a week later). Events further apart
        # than a month are two of a kind (two raids on pirates, years apart): their totals are
        # their own, unless they agree.
        if ca.measure not in RUNNING_TOTALS:
            return False
        if _far_apart(a, b) and not a.interval.meets(b.interval):
            return False
    if not _times_meet(a, b):
        return False
    if _whose(a) and _whose(b) and _whose(a) != _whose(b):
        return False
    if not _places_fit(a, b) or not _scopes_fit(a, b):
        return False
    if ca.measure == "other" and ca.value != cb.value and not _same_thing(a, b):
        return False
    if a.interval.meets(b.interval) or _ratio(ca.value, cb.value) <= MAX_RATIO:
        return True
    if ca.measure in PEOPLE_MEASURES and 0 in (ca.value, cb.value):
        return True  # a denial ("no one was hurt") and a count speak of one figure
    if ca.measure in RUNNING_TOTALS and _rose(a, b):
        return True  # a toll that grew over days (1 arrest on Monday, 46 by Wednesday)
    # A level read on different days may move far (30 missing, then 3 as the missing are found).
    return ca.measure in LEVELS and a.day is not None and b.day not in (None, a.day)


def _far_apart(a: _Item, b: _Item) -> bool:
    return a.day is not None and b.day is not None and abs(a.day - b.day) > EVENT_GAP


def _uncertain(claim: Claim) -> bool:
    """Whether two different values of the claim's kind cannot be known to count one thing: a
    figure of no named measure (an amount of money, "other"), or a part, whose whole is known only
    by its report. Such claims share a group only when their values fit, and so never dispute."""
    return claim.measure in UNNAMED_MEASURES or claim.role == Role.PART


def _rose(a: _Item, b: _Item) -> bool:
    """Whether one of two whole counts was reported on a later day with a larger value."""
    if a.claim.role != Role.FIGURE or a.day is None or b.day is None or a.day == b.day:
        return False
    early, late = (a, b) if a.day < b.day else (b, a)
    return (
        early.interval.below(late.interval) and _ratio(a.claim.value, b.claim.value) <= RISE_RATIO
    )


def _same_thing(a: _Item, b: _Item) -> bool:
    """Whether two different values of no named measure may count one thing: they share words
    that describe it ("homes damaged" / "damaged homes"), or one says no more than what it
    counts and that is a thing of its own ("between 300 and 400 homes" / "412 homes damaged").
    A share or a head count alone ("97 percent", "85 percent") is no such thing."""
    if a.words and b.words:
        return bool(a.words & b.words)
    return a.unit not in WEAK_UNITS


def _whose(item: _Item) -> str:
    """Whose figure it is ("Maduro won 52%"), when that tells figures apart. The subject of a
    count of people ("authorities released 100", "the government freed 107") is the actor, named
    in many ways, not what the figure counts."""
    return "" if item.unit == "people" else _norm(item.claim.subject)


def _places_fit(a: _Item, b: _Item) -> bool:
    """Different places never fit, though a place named in full fits its short name; a
    place-specific figure fits a general one if they agree, or if it is larger: a part is below
    its whole (50 released from one prison is part of, not a rival to, 107 released in the
    country), while "19 dead in the valley" after "12 dead" can only be the same toll, risen."""
    pa, pb = _norm(a.claim.where), _norm(b.claim.where)
    if pa == pb:
        return True
    if pa and pb:
        # one name inside the other is one place: "the Marfin Egnatia Bank" and "Marfin"
        wa, wb = set(pa.split()), set(pb.split())
        return wa <= wb or wb <= wa
    part, whole = (a, b) if pa else (b, a)
    return part.interval.meets(whole.interval) or whole.interval.below(part.interval)


def _scopes_fit(a: _Item, b: _Item) -> bool:
    """A count of the people treated in hospital fits a count of everyone hurt if they agree or
    it is larger; a smaller one counts those of the hurt who were taken in (4 treated in nearby
    hospitals, of 18 injured), no rival reading of the toll."""
    treated_a, treated_b = _treated(a.claim), _treated(b.claim)
    if treated_a == treated_b:
        return True
    part, whole = (a, b) if treated_a else (b, a)
    return part.interval.meets(whole.interval) or whole.interval.below(part.interval)


def _treated(claim: Claim) -> bool:
    return claim.measure == "injured" and _HOSPITAL.search(claim.what or "") is not None


def _ratio(x: float, y: float) -> float:
    low, high = sorted((abs(x), abs(y)))
    return high / low if low else float("inf")


def _score(a: _Item, b: _Item) -> float:
    """How alike two compatible claims are: equal values, shared words, same source and time."""
    ca, cb = a.claim, b.claim
    score = 2.0 * (ca.value == cb.value) + 1.0 / _ratio(ca.value, cb.value)
    union = a.words | b.words
    score += len(a.words & b.words) / len(union) if union else 0.0
    score += 0.5 * (bool(ca.source) and _norm(ca.source) == _norm(cb.source))
    score += 0.5 * (bool(ca.when) and ca.when == cb.when)
    score += 0.5 * a.interval.meets(b.interval)
    return score


def _cluster(items: list[_Item]) -> list[list[int]]:
    """Greedy average-free merging of compatible pairs, best first, under the cannot-link rule:
    the positions of each group's items."""
    kinds = _kinds(items)
    fits = _compatible_pairs(items, kinds)
    allowed = _may_share_a_group(items, fits)
    scores: dict[tuple[int, int], float] = {}
    for i, j in fits:
        if (kinds[i], kinds[j]) not in scores:
            scores[kinds[i], kinds[j]] = _score(items[i], items[j])
    # the best first, then by position: sorted as tuples, without a key function called for
    # each of a large block's tens of thousands of links
    links = sorted((-scores[kinds[i], kinds[j]], i, j) for i, j in fits)
    cluster_of = list(range(len(items)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(items))}
    # The items every member of a cluster may share a group with: two clusters may merge when
    # one's members are all among the other's, read in one look where checking each pair of
    # members was most of a large story's ledger (`allowed` is symmetric).
    common: dict[int, set[int]] = {i: allowed[i] for i in range(len(items))}
    for _, i, j in links:
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj or not common[ci].issuperset(members[cj]):
            continue
        members[ci].extend(members.pop(cj))
        common[ci] = common[ci] & common.pop(cj)
        for k in members[ci]:
            cluster_of[k] = ci
    return list(members.values())


def _compatible_pairs(items: list[_Item], kinds: list[int]) -> set[tuple[int, int]]:
    """The pairs (i < j) of `compatible` items. Only claims of one measure, unit and role can be,
    so only those are compared: a story of a thousand claims is otherwise half a million pairs.
    Items of one kind (`_kinds`) are as compatible as any two of their kinds, so two kinds are
    compared once in each order their items come in, and the pairs of kinds that are not
    compatible are never gone through item by item."""
    blocks: dict[tuple[str, str, str], dict[int, list[int]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for i, item in enumerate(items):
        blocks[(item.claim.measure, item.unit, item.claim.role)][kinds[i]].append(i)
    pairs: set[tuple[int, int]] = set()
    for of_kind in blocks.values():
        alike = list(of_kind.values())  # each kind's items, in order
        for x, xs in enumerate(alike):
            if len(xs) > 1 and compatible(items[xs[0]], items[xs[1]]):
                pairs.update(itertools.combinations(xs, 2))
            for ys in alike[x + 1 :]:
                _add_pairs_across(items, xs, ys, pairs)
    return pairs


def _add_pairs_across(
    items: list[_Item], xs: list[int], ys: list[int], pairs: set[tuple[int, int]]
) -> None:
    """Add the compatible pairs of one item of `xs` and one of `ys` (two kinds' items, each in
    order), each pair as (earlier, later), compared in that order as a pair of items would be."""
    forward = xs[0] < ys[-1] and compatible(items[xs[0]], items[ys[0]])
    backward = ys[0] < xs[-1] and compatible(items[ys[0]], items[xs[0]])
    if not (forward or backward):
        return
    for i in xs:
        for j in ys:
            if i < j and forward:
                pairs.add((i, j))
            elif j < i and backward:
                pairs.add((j, i))


def _kinds(items: list[_Item]) -> list[int]:
    """Each item's kind: items of one kind are alike in all that `compatible` and `_score` read,
    and so are compatible with, and score alike against, every other item. The reports of one
    event repeat its figures (a story of 322 reports compared 629,131 pairs of claims)."""
    numbers: dict[tuple[object, ...], int] = {}
    return [numbers.setdefault(_read(item), len(numbers)) for item in items]


def _read(item: _Item) -> tuple[object, ...]:
    """What `compatible` and `_score` read of an item."""
    c = item.claim
    return (
        (c.measure, item.unit, c.role, c.value, item.interval, item.words),
        (item.event, item.day, item.as_of, c.when, c.when_text is None),
        (_norm(c.subject), _norm(c.where), _treated(c), bool(c.source), _norm(c.source)),
    )


def _may_share_a_group(items: list[_Item], fits: set[tuple[int, int]]) -> list[set[int]]:
    """For each item, the items it may share a group with: the compatible ones, except the
    different figures of its own report (the cannot-link rule)."""
    allowed: list[set[int]] = [set() for _ in items]
    for i, j in fits:
        a, b = items[i], items[j]
        if a.claim.doc != b.claim.doc or a.interval.meets(b.interval):
            allowed[i].add(j)
            allowed[j].add(i)
    return allowed


def _ordered(clusters: list[list[_Item]]) -> list[list[_Item]]:
    """Groups carried by the most reports first, whole counts before parts, then the most
    claims, then by measure, so group ids are stable for the same input."""
    for c in clusters:
        c.sort(key=lambda it: (it.claim.doc, it.claim.start, it.claim.id))
    return sorted(
        clusters,
        key=lambda c: (
            -len({i.claim.doc for i in c}),
            c[0].claim.role != Role.FIGURE,
            -len(c),
            c[0].claim.measure,
            c[0].claim.id,
        ),
    )
