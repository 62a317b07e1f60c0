"""Stories that separate: a story whose reports fall into two groups, the heads of each naming
someone the other group's heads never name, and less alike across the groups than within them,
tells of two events of one kind (two title fights of one boxer, two players of one team put on
injured reserve): the smaller group leaves for a story of its own. So does a story whose reports'
whole texts fall into two casts: two names no text gives together, each group's texts naming more
people and places the other's never do, and no report of one group dated within a day of one of
the other (two anti-piracy actions of one navy three years apart, told by reports with no year).

Placing a report cannot see this: the first report of the second event is like the story in all
but one name, and reports of one event vary in whom their heads name, so a single report's
conflict of names is only a nudge (`Centroid.head_conflict`). Once each group holds MIN_GROUP
reports, the groups themselves are the evidence. The check reads the story's reports only when
its heads' counts allow such groups, and never a story of more than MAX_REPORTS reports, so the
cost per add stays bounded. The texts' names are not in the centroid: a story's casts are read
when it reaches one of the sizes CAST_CHECKS. A story holding a pinned report is never separated,
and every separation is logged (`store.corrections`, by HEALER) with the names and similarities
behind it.
"""

from __future__ import annotations

import functools
import itertools
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import Connection

from accord.model import Membership
from accord.store import Store
from accord.stories.centroid import Centroid
from accord.stories.features import NAMED
from accord.stories.groups import StoryState, attach, detach, new_story
from accord.stories.heal import HEALER
from accord.stories.index import IndexedReport, Vector
from accord.stories.summary import refresh_stories

# Each group needs this many reports whose heads name its word: with four, a story's ordinary
# variety passed for two events (ECB+: one event's reports parted on "cook" and "new").
MIN_GROUP = 5
# The two groups' reports are this share of the story at least: a name some heads give and
# others leave out is no second event unless nearly every head takes a side.
COVERAGE = 0.8
# Heads that name both words (a report recalling the earlier event in its lead) allowed.
MAX_BOTH = 1
# The mean similarity across the groups is below this share of the lesser mean within a group:
# two sides of one event are as alike across as within (ECB+: 1.02 for one game's, 0.68-0.85
# for two events of one kind).
SEPARATION = 0.9
# The largest story examined: the check reads every report of the story.
MAX_REPORTS = 100
# Two casts: each group's texts name at least CAST_OWN_NAMES names (none a part of another) that
# CAST_NAME_REPORTS of its reports give and no report of the other group does. One event's
# reports told from two sides share most of their people: ECB+ parted one anti-piracy action's
# reports on "aden" and "yemen" with three names of their own on one side and two on the other,
# and one church fire's with one on a side; two events of one kind show eight or more (two pairs
# with two and three stay lumped).
CAST_OWN_NAMES = 3
CAST_NAME_REPORTS = 3
# Groups with reports dated this many days apart or less tell of one event from two places
# (ECB+: one earthquake's reports from two agencies named different villages, all of one day).
SAME_EVENT_DAYS = 1
# Growth between two readings of a story's casts, from 2 x MIN_GROUP reports to MAX_REPORTS.
CAST_GROWTH = 1.2

# How a leaving report finds its event in its new story (`accord.stories.cluster.best_event`).
EventChooser = Callable[[IndexedReport, StoryState], str]


def _cast_checks() -> frozenset[int]:
    sizes, size = [], 2 * MIN_GROUP
    while size <= MAX_REPORTS:
        sizes.append(size)
        size = max(size + 1, round(size * CAST_GROWTH))
    return frozenset(sizes)


# The story sizes at which a story's casts are read (10, 12, 14, 17, 20, ... 86).
CAST_CHECKS = _cast_checks()


@dataclass(frozen=True, slots=True)
class Parting:
    """Two groups of a story's reports and the names that tell them apart."""

    words: tuple[str, str]
    named: tuple[int, int]  # the reports that name each word (and not the other)
    groups: tuple[list[IndexedReport], list[IndexedReport]]  # with the reports naming neither
    across: float
    within: float
    source: str = "heads"  # where the words were read: the reports' "heads" or their "texts"
    own: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())  # each cast's names of its own

    def leaving(self) -> list[IndexedReport]:
        """The group that leaves the story: the smaller, or the later to arrive."""
        return min(self.groups, key=lambda g: (len(g), -min(r.seq for r in g)))

    @property
    def lesser(self) -> int:
        """The reports of the smaller group."""
        return min(map(len, self.groups))

    def reason(self) -> str:
        (a, b), (one, two) = self.words, self.named
        cast = ""
        if self.source == "texts":
            first, second = (", ".join(f"'{n}'" for n in names) for names in self.own)
            cast = f"; names of each group's own: {first} | {second}"
        return (
            f"{self.source} name '{a}' ({one} reports) or '{b}' ({two}), at most "
            f"{MAX_BOTH} both{cast}; mean similarity across {self.across:.3f} < {SEPARATION} x "
            f"{self.within:.3f} within"
        )


def separate(
    store: Store, conn: Connection, state: StoryState, event_of: EventChooser
) -> list[Membership]:
    """Part the story of `state` (as stored) in two when its reports tell of two events (the
    module's doc); return the new memberships of the reports that left. `event_of` places a
    leaving report in an event of its new story."""
    pairs = word_pairs(state.centroid)
    casts = state.centroid.size in CAST_CHECKS
    if not (pairs or casts) or store.story_index.has_pinned(conn, state.story):
        return []
    rows = store.story_index.doc_rows(conn, state.story)
    reports = [IndexedReport.from_row(r) for r in rows]
    parting = story_parting(reports, pairs, casts)
    if parting is None:
        return []
    moved = _move(store, conn, parting.leaving(), event_of)
    refresh_stories(store, conn, [state.story])
    data = {"from": state.story, "into": moved[0].story, "docs": sorted(m.doc for m in moved)}
    store.corrections.log(conn, HEALER, "heal split", {**data, "reason": parting.reason()})
    return moved


def story_parting(
    reports: Sequence[IndexedReport], pairs: Sequence[tuple[str, str]], casts: bool
) -> Parting | None:
    """The two groups of a story's `reports` that tell of two events (the module's doc), if
    any, by the head words of `pairs` (`word_pairs`) or, when `casts`, their texts' casts."""
    parting = find_parting(reports, pairs) if pairs else None
    if parting is None and casts:
        parting = find_cast_parting(reports)
    return parting


def word_pairs(centroid: Centroid) -> list[tuple[str, str]]:
    """Pairs of head words whose counts allow two groups (MIN_GROUP, COVERAGE, MAX_BOTH): only
    then are the story's reports read."""
    size = centroid.size
    if size < 2 * MIN_GROUP or size > MAX_REPORTS:
        return []
    words = sorted(
        w for w, n in centroid.heads.items() if MIN_GROUP <= n <= size - MIN_GROUP + MAX_BOTH
    )
    return [
        (a, b)
        for a, b in itertools.combinations(words, 2)
        if centroid.heads[a] + centroid.heads[b] >= COVERAGE * size
        and centroid.heads[a] + centroid.heads[b] <= size + MAX_BOTH
    ]


def find_parting(
    reports: Sequence[IndexedReport], pairs: Sequence[tuple[str, str]]
) -> Parting | None:
    """The two groups that best part `reports` (the largest lesser group, once the reports
    naming neither word have joined one), if any pair of head words of `pairs` parts them."""
    best: Parting | None = None
    for a, b in pairs:
        both = sum(a in r.head and b in r.head for r in reports)
        one, two, rest = _sides(reports, [r.head for r in reports], (a, b))
        if both > MAX_BOTH or len(one) + len(two) < COVERAGE * len(reports):
            continue
        parting = _parting((a, b), one, two, rest) if _parted(one, two) else None
        best = _better(best, parting)
    return best


def find_cast_parting(reports: Sequence[IndexedReport]) -> Parting | None:
    """The two groups that best part `reports` by the names of their whole texts (the module's
    doc), if any."""
    names = [_names(r) for r in reports]
    named = {r.doc: n for r, n in zip(reports, names, strict=True)}
    counts = Counter(n for each in names for n in each)
    most = len(reports) - MIN_GROUP + MAX_BOTH
    common = sorted(n for n, count in counts.items() if MIN_GROUP <= count <= most)
    masks = {n: sum(1 << i for i, each in enumerate(names) if n in each) for n in common}
    best: Parting | None = None
    for a, b in itertools.combinations(common, 2):
        both = (masks[a] & masks[b]).bit_count()
        if both > MAX_BOTH or (masks[a] & ~masks[b]).bit_count() < MIN_GROUP:
            continue
        if (masks[b] & ~masks[a]).bit_count() < MIN_GROUP or _one_name(a, b):
            continue
        one, two, rest = _sides(reports, names, (a, b))
        if not _parted(one, two) or _near_in_time(one, two):
            continue
        cast = [named[r.doc] for r in one], [named[r.doc] for r in two]
        theirs = set().union(*cast[1]), set().union(*cast[0])
        own = _own_names(cast[0], theirs[0]), _own_names(cast[1], theirs[1])
        if min(map(len, own)) < CAST_OWN_NAMES:
            continue
        if not (_unnamed_by(a, theirs[0]) and _unnamed_by(b, theirs[1])):
            continue
        parting = _parting((a, b), one, two, rest)
        if parting is not None:
            best = _better(best, replace(parting, source="texts", own=own))
    return best


def _sides(
    reports: Sequence[IndexedReport], names: Sequence[Collection[str]], words: tuple[str, str]
) -> tuple[list[IndexedReport], list[IndexedReport], list[IndexedReport]]:
    """The reports whose names (`names`, in the order of `reports`) give the first word and not
    the second, the second and not the first, and the rest."""
    a, b = words
    sides: tuple[list[IndexedReport], list[IndexedReport], list[IndexedReport]] = ([], [], [])
    for report, named in zip(reports, names, strict=True):
        side = 2 if (a in named) == (b in named) else 0 if a in named else 1
        sides[side].append(report)
    return sides


def _parted(one: list[IndexedReport], two: list[IndexedReport]) -> bool:
    """Whether both groups hold MIN_GROUP reports or more, in a common language: names in two
    languages are one name spelled two ways."""
    if min(len(one), len(two)) < MIN_GROUP:
        return False
    return bool({r.language for r in one} & {r.language for r in two})


def _better(best: Parting | None, parting: Parting | None) -> Parting | None:
    if parting is not None and (best is None or parting.lesser > best.lesser):
        return parting
    return best


def _names(report: IndexedReport) -> frozenset[str]:
    return frozenset(t.partition(":")[2] for t in report.counts if t.startswith(NAMED))


def _one_name(a: str, b: str) -> bool:
    """Whether one name is a part of the other ("chohan", "raj chohan"): one person's."""
    first, second = _name_parts(a), _name_parts(b)
    return first <= second or second <= first


@functools.lru_cache(maxsize=16384)
def _name_parts(name: str) -> frozenset[str]:
    return frozenset(name.split())


def _own_names(cast: list[frozenset[str]], theirs: set[str]) -> tuple[str, ...]:
    """The names CAST_NAME_REPORTS of a group's reports (`cast`, the names of each) give and no
    name of the other group's (`theirs`) is, is a part of, or holds as a part ("the indian navy",
    "indian navy"); a name that is a part of another of the group's own is counted once."""
    counts = Counter(n for names in cast for n in names)
    own: list[str] = []
    for name in sorted((n for n, c in counts.items() if c >= CAST_NAME_REPORTS), key=len):
        if _unnamed_by(name, theirs) and not any(_one_name(name, kept) for kept in own):
            own.append(name)
    return tuple(own)


def _unnamed_by(name: str, theirs: set[str]) -> bool:
    """Whether no name of `theirs` is `name`, a part of it, or holds it as a part."""
    return name not in theirs and not any(_one_name(name, other) for other in theirs)


def _near_in_time(one: list[IndexedReport], two: list[IndexedReport]) -> bool:
    """Whether a dated report of one group is SAME_EVENT_DAYS or fewer from one of the other."""
    days = {r.time for r in two if r.time is not None}
    return any(
        abs((day - mine).days) <= SAME_EVENT_DAYS
        for mine in {r.time for r in one if r.time is not None}
        for day in days
    )


def _parting(
    words: tuple[str, str],
    one: list[IndexedReport],
    two: list[IndexedReport],
    rest: list[IndexedReport],
) -> Parting | None:
    """The parting of `one` and `two`, the reports of `rest` joining the group they are most
    like (by their mean similarity to the group's named reports); None when the groups are as
    alike across as within (SEPARATION)."""
    sum_one, sum_two = _sum(one), _sum(two)
    across = _dot(sum_one, sum_two) / (len(one) * len(two))
    within = min(_within(sum_one, len(one)), _within(sum_two, len(two)))
    if across >= SEPARATION * within:
        return None
    joined: tuple[list[IndexedReport], list[IndexedReport]] = ([*one], [*two])
    for report in rest:
        to_one = _dot(report.vector, sum_one) / len(one)
        to_two = _dot(report.vector, sum_two) / len(two)
        nearer_one = to_one > to_two or (to_one == to_two and len(one) >= len(two))
        joined[0 if nearer_one else 1].append(report)
    return Parting(words, (len(one), len(two)), joined, across, within)


def _move(
    store: Store, conn: Connection, reports: list[IndexedReport], event_of: EventChooser
) -> list[Membership]:
    """Move `reports` out of their story into a new one, each into the event `event_of` finds."""
    state = new_story(store, conn)
    moved = []
    for report in sorted(reports, key=lambda r: r.seq):
        detach(store, conn, report)
        report.story = state.story
        report.event = event_of(report, state)
        attach(store, conn, report, state)
        moved.append(Membership(doc=report.doc, story=state.story, event=report.event))
    return moved


def _sum(reports: Sequence[IndexedReport]) -> Vector:
    total: Vector = {}
    for report in reports:
        for term, weight in report.vector.items():
            total[term] = total.get(term, 0.0) + weight
    return total


def _dot(a: Vector, b: Vector) -> float:
    small, large = (a, b) if len(a) < len(b) else (b, a)
    return sum(w * large.get(t, 0.0) for t, w in small.items())


def _within(summed: Vector, size: int) -> float:
    """The mean similarity of distinct pairs of a group's (unit-length) vectors, from their sum."""
    return (_dot(summed, summed) - size) / (size * (size - 1))
