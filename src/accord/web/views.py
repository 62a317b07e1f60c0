"""What the story pages show, computed from the stored records (the same ones the API returns)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from accord.model import Article, BriefingSentence, Group, Story
from accord.report.svg import timeline_chart
from accord.report.view import Cite, Citer, Figure, Passage, day_label, figure, ordered
from accord.store import Store
from accord.stories import similar_stories
from accord.stories.why import Tie, healing, ties
from accord.web.links import report_href

SORTS = ("latest", "reports", "title")


@dataclass(frozen=True, slots=True)
class StoryRow:
    story: Story
    verdicts: dict[str, int]  # how many of its figures have each verdict


def story_rows(stories: Sequence[Story], verdicts: dict[str, dict[str, int]]) -> list[StoryRow]:
    return [StoryRow(s, verdicts.get(s.id, {})) for s in stories]


@dataclass(frozen=True, slots=True)
class OutletRow:
    outlet: str
    reports: int
    copies: int
    figures: int
    first: str
    last: str


@dataclass(frozen=True, slots=True)
class ReportNode:
    """An original report with the copies and rewrites of it folded under it."""

    n: int
    article: Article
    event: str
    copies: tuple[Article, ...]


@dataclass(frozen=True, slots=True)
class StoryPage:
    story: Story
    briefing: list[tuple[BriefingSentence, list[Cite], str | None]]  # with its quoted language
    figures: list[Figure]
    timeline: list[tuple[str, str, list[Cite]]]  # (date, text, citations)
    timeline_chart: Markup
    outlets: list[OutletRow]
    reports: list[ReportNode]
    others: list[Story]  # the nearest other stories, suggested targets of merge and move


@dataclass(frozen=True, slots=True)
class WhyPage:
    """What ties each report of a story to the others, and what accord merged or split of it."""

    story: Story
    ties: list[tuple[Tie, Article | None]]  # most tied first, with the report when stored
    healing: list[dict[str, Any]]  # the corrections log's automatic merges and splits


def why_page(store: Store, story_id: str) -> WhyPage:
    story = store.stories.get(story_id)
    tied = ties(store, story_id)
    articles = {a.key: a for a in store.articles.all([t.doc for t in tied])}
    return WhyPage(story, [(t, articles.get(t.doc)) for t in tied], healing(store, story_id))


def report_link(n: int, doc: str, passage: Passage | None) -> str:
    """Citations on the pages lead to the report's page, the cited passage marked."""
    return report_href(doc, passage.start, passage.end) if passage else report_href(doc)


def cite_spans(
    citer: Citer, docs: Sequence[str], spans: Sequence[tuple[str, int, int]]
) -> list[Cite]:
    """The citations of `docs` in the order the story numbers its reports."""
    return sorted(citer.cite_spans(docs, spans), key=lambda c: c.n)


def first_href(citer: Citer, docs: Sequence[str], spans: Sequence[tuple[str, int, int]]) -> str:
    cites = citer.cite_spans(docs[:1], spans)
    return cites[0].href if cites else "#timeline"


def story_page(store: Store, story_id: str) -> StoryPage:
    story = store.stories.get(story_id)
    members = store.stories.memberships(story_id)
    docs = [m.doc for m in members]
    articles = sorted(store.articles.all(docs), key=lambda a: (a.published or "~", a.seq))
    groups = store.ledger.groups(story_id)
    citer = Citer(articles, store.analysis.claims(docs), report_link)
    entries = store.ledger.timeline(story_id)
    events = {m.doc: m.event for m in members}
    return StoryPage(
        story=story,
        briefing=[
            (b, cite_spans(citer, b.docs, [(b.doc, b.start, b.end)]), citer.quoted_in(b))
            for b in store.ledger.briefing(story_id)
        ],
        figures=[figure(g, citer) for g in ordered(groups)],
        timeline=[(e.date, e.text, cite_spans(citer, e.docs, e.spans)) for e in entries],
        timeline_chart=Markup(
            timeline_chart(entries, href=lambda e: first_href(citer, e.docs, e.spans))
        ),
        outlets=outlet_rows(articles, groups),
        reports=report_tree(articles, events, citer),
        others=_nearest_first(store, similar_stories(store, story_id)),
    )


def _nearest_first(store: Store, ids: list[str]) -> list[Story]:
    rank = {story: n for n, story in enumerate(ids)}
    return sorted(store.stories.all(ids), key=lambda s: rank[s.id])


def outlet_rows(articles: Sequence[Article], groups: Sequence[Group]) -> list[OutletRow]:
    """Per outlet: its reports, how many are copies, the figures it carried, first and last day."""
    by_outlet: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        by_outlet[a.outlet or "unknown outlet"].append(a)
    rows = []
    for outlet, mine in by_outlet.items():
        keys = {a.key for a in mine}
        dates = sorted(a.published for a in mine if a.published)
        rows.append(
            OutletRow(
                outlet=outlet,
                reports=len(mine),
                copies=sum(1 for a in mine if a.duplicate_of),
                figures=sum(1 for g in groups if keys & set(g.docs)),
                first=day_label(dates[0]) if dates else "undated",
                last=day_label(dates[-1]) if dates else "undated",
            )
        )
    return sorted(rows, key=lambda r: (-r.reports, r.outlet))


def report_tree(
    articles: Sequence[Article], events: dict[str, str], citer: Citer
) -> list[ReportNode]:
    """Originals in reading order, each with its copies; a copy of a report outside the story
    stands as its own entry."""
    parent = {a.key: a.duplicate_of for a in articles}
    copies: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        if (top := root(a.key, parent)) != a.key:
            copies[top].append(a)
    return [
        ReportNode(citer.number[a.key], a, events.get(a.key, ""), tuple(copies[a.key]))
        for a in articles
        if root(a.key, parent) == a.key
    ]


def root(key: str, parent: dict[str, str | None]) -> str:
    """The earliest report of the story that `key` copies, through copies of copies."""
    seen = {key}
    while (up := parent.get(key)) in parent and up is not None and up not in seen:
        key = up
        seen.add(key)
    return key
