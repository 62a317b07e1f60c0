"""Analyst corrections: merge, move, split and rename stories.

Each is logged with `store.corrections.log` and pins the reports it touches: the clusterer never
moves a pinned report nor merges a story holding one (`accord.stories.heal`), so merged stories
stay merged and split ones stay split while new reports keep arriving.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection

from accord.errors import InputError, NotFoundError
from accord.model import Membership
from accord.settings import DEFAULTS
from accord.store import Store
from accord.stories.cluster import Params, best_event
from accord.stories.groups import (
    StoryState,
    attach,
    detach,
    load_events,
    load_story,
    new_story,
    repost,
    save_story,
)
from accord.stories.index import IndexedReport
from accord.stories.summary import refresh_stories, retire


def merge(store: Store, a: str, b: str, who: str) -> None:
    """Fold story `b` into story `a`; `b`'s events stay distinct events of `a`."""
    if a == b:
        raise InputError(f"merge {a} {b}", "a story cannot be merged into itself")
    with store.transaction() as conn:
        into, gone = _story(store, conn, a), _story(store, conn, b)
        renamed = {event: into.new_event() for event in load_events(store, conn, b)}
        for event, centroid in load_events(store, conn, b).items():
            store.story_index.save_event_row(conn, a, renamed[event], centroid.to_json())
        into.centroid.merge(gone.centroid)
        save_story(store, conn, into)
        reports = _reports(store, conn, b)
        for report in reports:
            report.story, report.event, report.pinned = a, renamed[report.event], True
            store.story_index.save_doc(conn, report.to_values())
        repost(store, conn, b, a)
        retire(store, conn, gone)
        _pin(store, conn, reports)
        store.corrections.log(conn, who, "merge", {"into": a, "from": b, "docs": _keys(reports)})
        refresh_stories(store, conn, [a])


def move(store: Store, doc: str, to_story: str, who: str) -> None:
    """Move one report into another story, to the event there most like it."""
    with store.transaction() as conn:
        report = _report(store, conn, doc)
        target = _story(store, conn, to_story)
        source = report.story
        detach(store, conn, report)
        threshold = Params.from_settings(DEFAULTS).event_threshold
        event = best_event(store, conn, report.vector, report, target, threshold)
        report.story, report.event, report.pinned = to_story, event, True
        attach(store, conn, report, target)
        _pin(store, conn, [report])
        data = {"doc": doc, "from": source, "to": to_story, "event": event}
        store.corrections.log(conn, who, "move", data)
        refresh_stories(store, conn, [source, to_story])


def split(store: Store, story: str, docs: Sequence[str], who: str) -> str:
    """Move `docs` of `story` into a new story, keeping their events apart; return its id."""
    with store.transaction() as conn:
        _story(store, conn, story)
        reports = [_report(store, conn, doc) for doc in docs]
        strays = [r.doc for r in reports if r.story != story]
        if strays or not reports:
            raise InputError(f"split {story}", f"name reports of the story (not in it: {strays})")
        target = new_story(store, conn)
        renamed: dict[str, str] = {}
        for report in reports:
            detach(store, conn, report)
            event = renamed.setdefault(report.event, target.new_event())
            report.story, report.event, report.pinned = target.story, event, True
            attach(store, conn, report, target)
        _pin(store, conn, reports)
        data = {"from": story, "to": target.story, "docs": _keys(reports)}
        store.corrections.log(conn, who, "split", data)
        refresh_stories(store, conn, [story, target.story])
        return target.story


def rename(store: Store, story: str, title: str, who: str) -> None:
    """Give a story the analyst's title, kept over the computed one from now on."""
    with store.transaction() as conn:
        state = _story(store, conn, story)
        state.title = title
        save_story(store, conn, state)
        store.corrections.log(conn, who, "rename", {"story": story, "title": title})
        refresh_stories(store, conn, [story])


def _story(store: Store, conn: Connection, story: str) -> StoryState:
    state = load_story(store, conn, story)
    if state is None or state.centroid.size <= 0:
        raise NotFoundError(f"no story {story!r}; `accord stories` lists them")
    return state


def _report(store: Store, conn: Connection, doc: str) -> IndexedReport:
    row = store.story_index.doc(conn, doc)
    if row is None:
        raise NotFoundError(f"no clustered report {doc!r}; is it in the store and clustered?")
    return IndexedReport.from_row(row)


def _reports(store: Store, conn: Connection, story: str) -> list[IndexedReport]:
    return [IndexedReport.from_row(row) for row in store.story_index.doc_rows(conn, story)]


def _pin(store: Store, conn: Connection, reports: Sequence[IndexedReport]) -> None:
    members = [Membership(doc=r.doc, story=r.story, event=r.event, pinned=True) for r in reports]
    store.stories.set_memberships(conn, members)


def _keys(reports: Sequence[IndexedReport]) -> list[str]:
    return sorted(r.doc for r in reports)
