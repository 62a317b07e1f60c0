"""Story records for the rest of accord: title, size, outlets, dates and events of each story."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from itertools import repeat
from operator import mul

from sqlalchemy import Connection

from accord.model import Story
from accord.store import Store
from accord.stories.centroid import Centroid
from accord.stories.features import headline_of
from accord.stories.groups import StoryState, load_story, save_story
from accord.stories.index import IndexedReport

TITLE_CHARS = 120  # a lead standing in for a missing headline is cut at a word near this length


def refresh_stories(store: Store, conn: Connection, story_ids: Iterable[str]) -> None:
    """Rewrite the Story record of each story; a story left without reports is deleted."""
    for story in dict.fromkeys(story_ids):
        reports = [IndexedReport.from_row(r) for r in store.story_index.doc_rows(conn, story)]
        state = load_story(store, conn, story)
        if state is None:
            continue
        if not reports:
            retire(store, conn, state)
            continue
        store.stories.save(conn, _record(store, conn, story, reports, state.title, state.centroid))


def retire(store: Store, conn: Connection, state: StoryState) -> None:
    """Empty a story that lost its reports (its id stays taken) and delete its Story record."""
    store.story_index.clear(conn, state.story)
    save_story(store, conn, StoryState(story=state.story, num=state.num))
    store.stories.delete(conn, state.story)


def _record(
    store: Store,
    conn: Connection,
    story: str,
    reports: list[IndexedReport],
    title: str | None,
    centroid: Centroid,
) -> Story:
    days = sorted(r.published.isoformat() for r in reports if r.published)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    return Story(
        id=story,
        title=title or story_title(reports, centroid),
        created=_created(store, conn, story) or now,
        updated=now,
        first_published=days[0] if days else None,
        last_published=days[-1] if days else None,
        reports=len(reports),
        outlets=tuple(sorted({r.outlet for r in reports if r.outlet})),
        events=len({r.event for r in reports}),
        renamed=title is not None,
    )


def story_title(reports: list[IndexedReport], centroid: Centroid) -> str:
    """The headline of the most central report that has one, without the site's name a page title
    carries ("- WMC Action News 5 - Memphis, Tennessee"), else the most central lead, cut."""
    ranked = sorted(reports, key=lambda r: (-_centrality(r, centroid), r.seq))
    for report in ranked:
        if report.title:
            return headline_of(report.title, report.outlet) or report.title
    lead = ranked[0].lead
    return lead if len(lead) <= TITLE_CHARS else lead[:TITLE_CHARS].rsplit(" ", 1)[0] + "…"


def _centrality(report: IndexedReport, centroid: Centroid) -> float:
    # The products summed in the vector's order, as a generator of them would: mapped, not
    # generated, for a story's title weighs each of its hundreds of reports again on each add.
    weights = map(centroid.sparse.get, report.vector, repeat(0.0))
    centrality: float = sum(map(mul, report.vector.values(), weights))
    return centrality


def _created(store: Store, conn: Connection, story: str) -> str | None:
    data = store.stories.data(conn, story)
    return json.loads(data).get("created") if data else None
