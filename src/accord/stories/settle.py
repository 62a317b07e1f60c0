"""Stories that settle: once a batch of reports is placed, each report of a story the batch
touched is compared with that story's nearest stories, and moves to the one whose reports it is
now most like, when that one passes the story bar and the report is less like the other reports
of its own story.

Placing is greedy: a report joins the story it is most like when it arrives, before the reports
that came after it have shown which stories their events make, and the document frequencies its
vector was weighted with keep moving. So the stories depend on the order the reports come in
(ECB+ in file order and five random orders, placed without settling: BCubed F1 0.898-0.911, the
clusterings agreeing 0.925 at least; settled, 0.905-0.923 and 0.935). Settling re-examines each
report against the stories as they now stand, as the refinement step of k-means does after its
greedy start.

The scores are those of placing (`Centroid.score`: the story's words fading with time, a head that
tells of another event pulled less), against the story's other reports for the report's own
story. A story of more than MAX_REPORTS reports is not read, nor one in two languages (reports in
two languages are linked by their neutral features when placed). No report moves out of or into a
story holding a report an analyst pinned. Every move is logged (`store.corrections`, by HEALER)
with its scores.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Collection

from sqlalchemy import Connection

from accord.model import Membership
from accord.store import Store
from accord.stories.centroid import Centroid, Scored
from accord.stories.groups import StoryState, attach, detach, load_stories
from accord.stories.heal import HEALER
from accord.stories.index import IndexedReport, Weights, candidate_stories
from accord.stories.separate import EventChooser
from accord.stories.summary import refresh_stories

# The largest story whose reports are re-examined: its reports are read each time it is touched.
MAX_REPORTS = 100
# The smallest story a report moves to: its mean similarity to one report is that of a nearest
# neighbour, higher than any story's of many (ECB+: reports left stories of ten for one report
# like them); placing and healing join the reports of a story of one.
MIN_TARGET = 2
# Rounds of moves at most: a move changes the stories the next report is compared with.
ROUNDS = 3
# The heaviest terms of a story that find its neighbours in the index.
NEIGHBOUR_TERMS = 50

# How much a story's words still pull a report (`accord.stories.cluster.story_fade`), and how much
# a head telling of another event keeps of a report's score (`Centroid.head_conflict`).
Fading = Callable[[IndexedReport, Centroid], float]
Conflict = Callable[[IndexedReport], Callable[[Centroid], float]]


def settle(
    store: Store,
    conn: Connection,
    touched: Collection[str],
    bar: float,
    scoring: tuple[Fading, Conflict],
    event_of: EventChooser,
) -> list[Membership]:
    """Move the reports of the `touched` stories that are more like a nearby story than their
    own (the module's doc); return the new memberships of the reports moved."""
    moved: dict[str, Membership] = {}
    stories = sorted(touched)
    for _ in range(ROUNDS):
        moves = _settle_once(store, conn, stories, bar, scoring, event_of)
        moved.update((m.doc, m) for m, _ in moves)
        # The next round re-examines the stories a move changed.
        stories = sorted({m.story for m, _ in moves} | {source for _, source in moves})
        if not stories:
            break
    return list(moved.values())


def _settle_once(
    store: Store,
    conn: Connection,
    touched: list[str],
    bar: float,
    scoring: tuple[Fading, Conflict],
    event_of: EventChooser,
) -> list[tuple[Membership, str]]:
    """One round: the moves made, each with the story the report left."""
    fading, conflict = scoring
    states = {s.story: s for s in load_stories(store, conn, touched).values() if _readable(s)}
    moves: list[tuple[Membership, str]] = []
    left: set[str] = set()
    for story in sorted(states):
        state = states[story]
        if state.centroid.size <= 1 or store.story_index.has_pinned(conn, story):
            continue  # a report alone is its story's whole; placing and healing join it
        nearby = _neighbours(store, conn, state, states)
        rows = store.story_index.doc_rows(conn, story)
        for report in sorted(map(IndexedReport.from_row, rows), key=lambda r: r.seq):
            if state.centroid.size <= 1:
                continue
            own = state.centroid.member_score(report, fading(report, state.centroid))
            pull = conflict(report)
            scored = Scored(report.vector)
            best, best_score = None, max(bar, own)
            for other in nearby:
                if other.centroid.size < MIN_TARGET:
                    continue
                score = other.centroid.score(
                    scored, report.embedding, fading(report, other.centroid), report.language
                )
                if score <= best_score:
                    continue  # a head's conflict only lowers a score
                score *= pull(other.centroid)
                if score > best_score:
                    best, best_score = other, score
            if best is None or store.story_index.has_pinned(conn, best.story):
                continue
            moves.append((_move(store, conn, report, (state, best), event_of), story))
            left.add(story)
            reason = (
                f"mean similarity {best_score:.3f} to the reports of {best.story} >= story bar "
                f"{bar:.3f} and > {own:.3f} to the other reports of {story}"
            )
            data = {"from": story, "into": best.story, "docs": [report.doc], "reason": reason}
            store.corrections.log(conn, HEALER, "heal move", data)
    refresh_stories(store, conn, sorted(left))
    return moves


def _readable(state: StoryState) -> bool:
    """Whether a story's reports are re-examined: not too large, in one language."""
    return 0 < state.centroid.size <= MAX_REPORTS and len(state.centroid.languages) <= 1


def _neighbours(
    store: Store, conn: Connection, state: StoryState, touched: dict[str, StoryState]
) -> list[StoryState]:
    """The stories nearest `state` by the index, in its language, as `touched` holds them if it
    holds them (so that a move shows in the next report's scores)."""
    terms = heapq.nlargest(NEIGHBOUR_TERMS, state.centroid.sparse.items(), key=_by_weight)
    query = dict(terms)
    weights = Weights(store, conn, store.story_index.df(conn, ["", *query]))
    found = [s for s in candidate_stories(store, conn, query, weights) if s != state.story]
    loaded = load_stories(store, conn, [s for s in found if s not in touched])
    nearby = [touched.get(s) or loaded.get(s) for s in found]
    languages = set(state.centroid.languages)
    return [
        s
        for s in nearby
        if s is not None
        and s.centroid.size > 0
        and (not languages or not s.centroid.languages or languages == set(s.centroid.languages))
    ]


def _by_weight(term: tuple[str, float]) -> tuple[float, str]:
    return term[1], term[0]


def _move(
    store: Store,
    conn: Connection,
    report: IndexedReport,
    stories: tuple[StoryState, StoryState],
    event_of: EventChooser,
) -> Membership:
    """Move `report` from the first story to the second, into the event `event_of` finds."""
    source, target = stories
    detach(store, conn, report)
    source.centroid.add(report, -1)  # as `detach` stored it
    report.story = target.story
    report.event = event_of(report, target)
    attach(store, conn, report, target)
    return Membership(doc=report.doc, story=target.story, event=report.event)
