"""Stories that separate: a story whose reports fall into two groups, the heads of each naming
someone the other group's heads never name, and less alike across the groups than within them,
tells of two events of one kind (two title fights of one boxer, two players of one team put on
injured reserve): the smaller group leaves for a story of its own.

Placing a report cannot see this: the first report of the second event is like the story in all
but one name, and reports of one event vary in whom their heads name, so a single report's
conflict of names is only a nudge (`Centroid.head_conflict`). Once each group holds MIN_GROUP
reports, the groups themselves are the evidence. The check reads the story's reports only when
its heads' counts allow such groups, and never a story of more than MAX_REPORTS reports, so the
cost per add stays bounded. A story holding a pinned report is never separated, and every
separation is logged (`store.corrections`, by HEALER) with the names and similarities behind it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection

from accord.model import Membership
from accord.store import Store
from accord.stories.centroid import Centroid
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

# How a leaving report finds its event in its new story (`accord.stories.cluster.best_event`).
EventChooser = Callable[[IndexedReport, StoryState], str]


@dataclass(frozen=True, slots=True)
class Parting:
    """Two groups of a story's reports and the head words that tell them apart."""

    words: tuple[str, str]
    named: tuple[int, int]  # the reports whose heads name each word (and not the other)
    groups: tuple[list[IndexedReport], list[IndexedReport]]  # with the reports naming neither
    across: float
    within: float

    @property
    def lesser(self) -> int:
        """The reports of the smaller group."""
        return min(map(len, self.groups))

    def reason(self) -> str:
        (a, b), (one, two) = self.words, self.named
        return (
            f"heads name '{a}' ({one} reports) or '{b}' ({two}), at most "
            f"{MAX_BOTH} both; mean similarity across {self.across:.3f} < {SEPARATION} x "
            f"{self.within:.3f} within"
        )


def separate(
    store: Store, conn: Connection, state: StoryState, event_of: EventChooser
) -> list[Membership]:
    """Part the story of `state` (as stored) in two when its reports tell of two events (the
    module's doc); return the new memberships of the reports that left. `event_of` places a
    leaving report in an event of its new story."""
    pairs = word_pairs(state.centroid)
    if not pairs or store.story_index.has_pinned(conn, state.story):
        return []
    rows = store.story_index.doc_rows(conn, state.story)
    parting = find_parting([IndexedReport.from_row(r) for r in rows], pairs)
    if parting is None:
        return []
    leaving = min(parting.groups, key=lambda g: (len(g), -min(r.seq for r in g)))
    moved = _move(store, conn, leaving, event_of)
    refresh_stories(store, conn, [state.story])
    data = {"from": state.story, "into": moved[0].story, "docs": sorted(m.doc for m in moved)}
    store.corrections.log(conn, HEALER, "heal split", {**data, "reason": parting.reason()})
    return moved


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
    naming neither word have joined one), if any pair of `pairs` parts them."""
    best: Parting | None = None
    for a, b in pairs:
        one = [r for r in reports if a in r.head and b not in r.head]
        two = [r for r in reports if b in r.head and a not in r.head]
        both = sum(a in r.head and b in r.head for r in reports)
        if min(len(one), len(two)) < MIN_GROUP or both > MAX_BOTH:
            continue
        if len(one) + len(two) < COVERAGE * len(reports):
            continue
        if not {r.language for r in one} & {r.language for r in two}:
            continue  # heads in two languages spell one name two ways
        sided = {r.doc for r in one} | {r.doc for r in two}
        parting = _parting((a, b), one, two, [r for r in reports if r.doc not in sided])
        if parting is not None and (best is None or parting.lesser > best.lesser):
            best = parting
    return best


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
