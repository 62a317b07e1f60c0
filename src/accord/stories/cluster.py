"""Online clustering: each new report joins its best story and event, or starts new ones.

Reports are placed one at a time, so a report costs the same however large the store is. A
report's story is then compared with the report's other candidate stories and a small one that
now scores with it above the bar is folded in (`accord.stories.heal`), and a story whose reports
now tell of two events parts in two (`accord.stories.separate`). Once a batch is placed, the
reports of each story it touched and of the stories nearest it are grouped again all at once
(`accord.stories.regroup`), whatever order they came in. A story holding a report an analyst
pinned is left as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from sqlalchemy import Connection

from accord.model import Membership
from accord.settings import Settings
from accord.store import Store
from accord.stories.centroid import Centroid, Scored
from accord.stories.crosslang import CROSS_THRESHOLD
from accord.stories.fading import days_apart, fade
from accord.stories.features import NAME_PREFIX, ReportFeatures, name_words
from accord.stories.groups import (
    StoryState,
    attach,
    detach,
    load_events,
    load_stories,
    load_story,
    nearby_stories,
    new_story,
    story_id,
)
from accord.stories.heal import Healing, heal
from accord.stories.index import IndexedReport, Vector, Weights, candidate_stories
from accord.stories.regroup import regroup
from accord.stories.separate import EventChooser, separate

# Reports whose figures refer to days further apart than this describe different events.
EVENT_WINDOW_DAYS = 3
# While the index holds few reports its IDF (the background prior, mostly) can tell a story's words
# from ordinary prose but not from its topic's ("earthquake" in two earthquakes), so similarities
# run high: the story threshold starts this much higher and eases off linearly until the index
# holds COLD_START_DOCS reports (tuned on ECB+ in random orders).
COLD_START_BOOST = 0.5
COLD_START_DOCS = 100
# How slowly the pull of a story's words fades with the days between its events and a report's
# (`story_fade`): a year, as ECB+ follow-ups come months after their event and name its people.
EVENT_HALF_LIFE_DAYS = 365.0
# The same for a report that names none of the story's people and bodies: another shooting on the
# same block a month on shares the place and the kind of news, not the cast (GVA dev, file order:
# BCubed precision 0.928 -> 0.941, recall 0.859 -> 0.859; ECB+ unchanged through `accord ingest`).
UNNAMED_EVENT_HALF_LIFE_DAYS = 45.0
# A report whose head tells of another event than a story's (`Centroid.head_conflict`) is pulled
# this much less by the story. A nudge, not a veto: reports of one event vary in whom their heads
# name (ECB+ in file order: BCubed precision 0.849 -> 0.874, recall 0.858 -> 0.853; at 0.5,
# precision 0.888 but recall 0.791).
HEAD_CONFLICT_SHARE = 0.8


@dataclass(frozen=True, slots=True)
class Params:
    story_threshold: float
    event_threshold: float
    half_life_days: float

    @classmethod
    def from_settings(cls, settings: Settings) -> Params:
        return cls(
            settings.story_threshold, settings.event_threshold, settings.story_half_life_days
        )

    def story_bar(self, docs: int) -> float:
        return self.story_threshold * (
            1.0 + COLD_START_BOOST * max(0.0, 1.0 - docs / COLD_START_DOCS)
        )

    def healing(self, docs: int) -> Healing:
        return Healing(
            story_bar=self.story_bar(docs),
            event_threshold=self.event_threshold,
            half_life_days=self.half_life_days,
            event_half_life_days=EVENT_HALF_LIFE_DAYS,
            event_window_days=EVENT_WINDOW_DAYS,
            unnamed_event_half_life_days=UNNAMED_EVENT_HALF_LIFE_DAYS,
        )


def assign(
    store: Store, conn: Connection, reports: Sequence[ReportFeatures], settings: Settings
) -> list[Membership]:
    """Place each report in a story and an event, in order, and record the memberships.

    A report already indexed is placed again with its new features, unless an analyst pinned it:
    a pinned report keeps its story and event. Healing (`accord.stories.heal`) may move reports
    placed before into another story: their new memberships are recorded and returned too.
    """
    params = Params.from_settings(settings)
    placed: dict[str, Membership] = {}
    for report in reports:
        for m in _assign_one(store, conn, report, params):
            placed[m.doc] = m
    if placed:
        docs = Weights(store, conn).docs
        # Not while the index is cold: at its higher bar the groups made again are too fine, and
        # two established groups of one event would not join once it is warm (ECB+'s quality
        # gate subset, BCubed F1 0.961 -> 0.969); at the story threshold, the events of one kind
        # its IDF cannot yet tell apart join.
        if docs >= COLD_START_DOCS:
            chooser = _event_chooser(store, conn, params.event_threshold)
            touched = {m.story for m in placed.values()}
            for m in regroup(store, conn, touched, params.healing(docs), chooser):
                placed[m.doc] = m
    memberships = list(placed.values())
    store.stories.set_memberships(conn, memberships)
    return memberships


def _assign_one(
    store: Store, conn: Connection, report: ReportFeatures, params: Params
) -> list[Membership]:
    """The report's membership, then those of the reports healing moved."""
    row = store.story_index.doc(conn, report.key)
    old = IndexedReport.from_row(row) if row is not None else None
    if old is not None:
        forget(store, conn, old)
    terms = [*report.counts, *report.neutral]
    weights = Weights(store, conn, store.story_index.bump_df(conn, terms, 1))
    vector = weights.vector(report.counts)
    neutral = weights.vector(report.neutral)
    pinned = old is not None and old.pinned
    neighbours: list[StoryState] = []
    if old is not None and pinned:
        state = load_stories(store, conn, [old.story])[old.story]
    else:
        state, neighbours = _best_story(store, conn, report, (vector, neutral), weights, params)
    indexed = IndexedReport.new(
        report, (vector, neutral), state.story, "", store.story_index.next_seq(conn)
    )
    if old is not None and pinned:
        indexed.event = old.event
    else:
        indexed.event = best_event(store, conn, vector, indexed, state, params.event_threshold)
    indexed.pinned = pinned
    attach(store, conn, indexed, state)
    placed = Membership(doc=report.key, story=state.story, event=indexed.event, pinned=pinned)
    moved = heal(store, conn, state, neighbours, params.healing(weights.docs))
    story = next((m.story for m in moved if m.doc == report.key), state.story)
    # healing may have folded the report's story into another, read anew then
    current = state if story == state.story else load_story(store, conn, story)
    chooser = _event_chooser(store, conn, params.event_threshold)
    parted = separate(store, conn, current, chooser) if current is not None else []
    warm = weights.docs == COLD_START_DOCS
    mended = mend_cold_start(store, conn, params, weights.docs) if warm else []
    return [placed, *moved, *parted, *mended]


def mend_cold_start(store: Store, conn: Connection, params: Params, docs: int) -> list[Membership]:
    """Heal the small stories the cold index made, once, when it is warm: while it held fewer
    than COLD_START_DOCS reports a report needed more to join a story, so an event's first
    reports may stand apart, and only reports that meet both stories later would heal them."""
    healing = params.healing(docs)
    ids = [story_id(n) for n in range(1, store.story_index.new_num(conn))]
    small = [s for s in load_stories(store, conn, ids).values() if 0 < s.centroid.size <= 2]
    moved: dict[str, Membership] = {}
    for state in sorted(small, key=lambda s: s.num):
        current = load_stories(store, conn, [state.story]).get(state.story)
        if current is None or current.centroid.size <= 0:
            continue  # folded into another already
        others = load_stories(store, conn, nearby_stories(store, conn, current)).values()
        # The largest first: two fragments folded together first would be too large to join
        # the story they belong to.
        largest = sorted(others, key=lambda s: (-s.centroid.size, s.num))
        for m in heal(store, conn, current, largest, healing):
            moved[m.doc] = m
    return list(moved.values())


def _event_chooser(store: Store, conn: Connection, threshold: float) -> EventChooser:
    def event_of(report: IndexedReport, state: StoryState) -> str:
        return best_event(store, conn, report.vector, report, state, threshold)

    return event_of


def forget(store: Store, conn: Connection, report: IndexedReport) -> None:
    """Take a report out of its story, the frequencies and the index (postings stay)."""
    detach(store, conn, report)
    store.story_index.bump_df(conn, [*report.counts, *report.neutral], -1)
    store.story_index.delete_doc(conn, report.doc)


def _best_story(
    store: Store,
    conn: Connection,
    report: ReportFeatures,
    vectors: tuple[Vector, Vector],
    weights: Weights,
    params: Params,
) -> tuple[StoryState, list[StoryState]]:
    """The candidate story the report is most like, if like enough, else a new story; and the
    other candidates the report is like enough to join (for `heal`). A story none of whose
    reports is in the report's language is also found and scored by the neutral features
    (`accord.stories.crosslang`): names, figures and days."""
    vector, neutral = vectors
    bar = params.story_bar(weights.docs)
    best, best_score = None, bar
    passed: list[StoryState] = []
    found = candidate_stories(store, conn, vector, weights)
    across = [s for s in candidate_stories(store, conn, neutral, weights) if s not in found]
    candidates = load_stories(store, conn, [*found, *across])
    named = named_words(report)
    scored = Scored(vector)
    for state in candidates.values():
        cross = state.centroid.cross_score(report.language, neutral)
        if state.story in across and cross is None:
            continue  # found by names and figures alone, in the report's own language
        fade = story_fade(report, state.centroid, params.half_life_days)
        score = state.centroid.score(scored, report.embedding, fade, report.language)
        if state.centroid.head_conflict(report.head, named):
            score *= HEAD_CONFLICT_SHARE
        if cross is not None and cross >= CROSS_THRESHOLD:
            score = max(score, cross)
        if score >= bar:
            passed.append(state)
        if score >= best_score:
            best, best_score = state, score
    others = [s for s in passed if s is not best]
    return best or new_story(store, conn), others


def named_words(report: ReportFeatures) -> set[str]:
    """The words a report gives anywhere, in its names or its text: a name its head leaves out
    but its body gives (the player a follow-up recalls) is no conflict."""
    words = {t.partition(":")[2] for t in report.counts if t.startswith("w:")}
    return words | set(name_words(report.entities)) | set(report.head)


class Dated(Protocol):
    """What fades a story's pull: when a report was sent, when its event happened, and the names
    it gives (among its features' counts)."""

    @property
    def published(self) -> date | None: ...

    @property
    def time(self) -> date | None: ...

    @property
    def counts(self) -> dict[str, float]: ...


def story_fade(report: Dated, centroid: Centroid, half_life_days: float) -> float:
    """How much a story's words still pull a report, the lesser of two decays: the story's quiet
    since its last report was sent (`half_life_days`: a story quiet for months is not reopened by
    a report of the same kind), and the gap between the days its events and the report's happened
    on, which fades slower (EVENT_HALF_LIFE_DAYS): a report may be sent long after its event, but
    two events of one kind years apart are two stories. That gap fades faster for a report that
    names none of the story's people and bodies (UNNAMED_EVENT_HALF_LIFE_DAYS)."""
    quiet = decay(report.published, centroid.sent_days(), half_life_days)
    apart_days = gap_days(report.time, centroid.times())
    if not apart_days:
        return quiet  # nothing fades across no gap: the names need not be read
    cast = any(t.startswith(NAME_PREFIX) and t in centroid.sparse for t in report.counts)
    event_half_life = EVENT_HALF_LIFE_DAYS if cast else UNNAMED_EVENT_HALF_LIFE_DAYS
    return min(quiet, fade(apart_days, event_half_life))


def decay(when: date | None, times: Sequence[date], half_life_days: float) -> float:
    """How much a story's words still pull a report: halves for every half-life between them.
    The names they share keep their whole pull (`Centroid.score`): ECB+ follow-ups (a trial, a
    sentencing) come months or years after their event and name its people.

    Undated reports and stories with no dated report are not decayed: nothing says they are apart.
    """
    return fade(gap_days(when, times), half_life_days)


def gap_days(when: date | None, times: Sequence[date]) -> int:
    """Days between `when` and the span of `times` (0 inside it, or when either is unknown)."""
    return days_apart(() if when is None else (when,), times)


class Placeable(Protocol):
    """What places a report among events: a new report's features or an indexed report."""

    @property
    def time(self) -> date | None: ...

    @property
    def embedding(self) -> tuple[float, ...] | None: ...

    @property
    def language(self) -> str | None: ...

    @property
    def neutral(self) -> Vector: ...


def best_event(
    store: Store,
    conn: Connection,
    vector: Vector,
    report: Placeable,
    state: StoryState,
    threshold: float,
) -> str:
    """The event of the story the report belongs to, or a new one: by text, within a few days."""
    best, best_score = None, threshold
    for event, centroid in load_events(store, conn, state.story).items():
        if gap_days(report.time, centroid.times()) > EVENT_WINDOW_DAYS:
            continue
        score = centroid.score(vector, report.embedding, language=report.language)
        cross = centroid.cross_score(report.language, report.neutral)
        if cross is not None and cross >= CROSS_THRESHOLD:
            score = max(score, cross)
        if score >= best_score:
            best, best_score = event, score
    return best or state.new_event()
