"""Stories and events as the index keeps them: ids, counters and centroids, read and written whole.

A report enters a story through `attach` and leaves through `detach`; both keep the story's and
the event's centroids exact, so corrections never need the story's other reports.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from sqlalchemy import Connection

from accord.store import Store
from accord.stories.centroid import Centroid
from accord.stories.index import IndexedReport, Weights, candidate_stories, index_terms


@dataclass(slots=True)
class StoryState:
    story: str
    num: int
    centroid: Centroid = field(default_factory=Centroid)
    title: str | None = None  # an analyst's title
    next_event: int = 1

    def new_event(self) -> str:
        self.next_event += 1
        return f"e{self.next_event - 1}"


def story_id(num: int) -> str:
    """The id of the story numbered `num`."""
    return f"s{num}"


def new_story(store: Store, conn: Connection) -> StoryState:
    num = store.story_index.new_num(conn)
    state = StoryState(story=story_id(num), num=num)
    save_story(store, conn, state)
    return state


def load_stories(store: Store, conn: Connection, ids: list[str]) -> dict[str, StoryState]:
    return {
        row.story: StoryState(
            story=row.story,
            num=int(row.num),
            centroid=Centroid.from_json(row.centroid),
            title=row.title,
            next_event=int(row.next_event),
        )
        for row in store.story_index.rows(conn, ids)
    }


def load_story(store: Store, conn: Connection, story: str) -> StoryState | None:
    return load_stories(store, conn, [story]).get(story)


def save_story(store: Store, conn: Connection, state: StoryState) -> None:
    values = {
        "story": state.story,
        "num": state.num,
        "title": state.title,
        "next_event": state.next_event,
        "centroid": state.centroid.to_json(),
    }
    store.story_index.save_row(conn, values)


def load_events(store: Store, conn: Connection, story: str) -> dict[str, Centroid]:
    return {
        row.event: Centroid.from_json(row.centroid)
        for row in store.story_index.event_rows(conn, story)
    }


def attach(store: Store, conn: Connection, report: IndexedReport, state: StoryState) -> None:
    """Store the report in its story and event (both given on the report) and index its terms."""
    state.centroid.add(report)
    save_story(store, conn, state)
    _update_event(store, conn, report, 1)
    store.story_index.save_doc(conn, report.to_values())
    # The neutral features are posted too, for reports in other languages to find the story by.
    terms = [*index_terms(report.vector), *index_terms(report.neutral)]
    store.story_index.post_terms(conn, report.story, terms, report.seq)


def repost(store: Store, conn: Connection, gone: str, into: str) -> None:
    """Post the index terms of story `gone` to story `into`, each at the seq it had: one statement
    per seq, not per term (a merged story of a few reports has hundreds of terms)."""
    by_seq: dict[int, list[str]] = {}
    for term, seq in store.story_index.posted_terms(conn, gone):
        by_seq.setdefault(seq, []).append(term)
    for seq, terms in by_seq.items():
        store.story_index.post_terms(conn, into, terms, seq)


def detach(store: Store, conn: Connection, report: IndexedReport) -> None:
    """Take the report out of its story's and event's centroids (not out of the index)."""
    state = load_story(store, conn, report.story)
    if state is not None:
        state.centroid.add(report, -1)
        save_story(store, conn, state)
    _update_event(store, conn, report, -1)


def _update_event(store: Store, conn: Connection, report: IndexedReport, sign: int) -> None:
    centroid = load_events(store, conn, report.story).get(report.event, Centroid())
    centroid.add(report, sign)
    if centroid.size > 0:
        store.story_index.save_event_row(conn, report.story, report.event, centroid.to_json())
    else:
        store.story_index.delete_event_row(conn, report.story, report.event)


def similar_stories(store: Store, story: str) -> list[str]:
    """Other stories sharing this one's most distinctive features, nearest first: the likely
    targets of a merge or a move (`nearby_stories`)."""
    with store.read() as conn:
        state = load_story(store, conn, story)
        if state is None or not state.centroid.sparse:
            return []
        return nearby_stories(store, conn, state)


def nearby_stories(
    store: Store, conn: Connection, state: StoryState, terms: int | None = None
) -> list[str]:
    """Other stories sharing the story's most distinctive features (its `terms` heaviest, all of
    them by default), nearest first, found through the stories index, not by reading every story:
    the summed weights query as a report's own would, so the candidates rank by their sum."""
    sums = state.centroid.sparse
    query = dict(heapq.nlargest(terms, sums.items(), key=_by_weight)) if terms else sums
    weights = Weights(store, conn, store.story_index.df(conn, ["", *query]))
    return [s for s in candidate_stories(store, conn, query, weights) if s != state.story]


def _by_weight(term: tuple[str, float]) -> tuple[float, str]:
    return term[1], term[0]
