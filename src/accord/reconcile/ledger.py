"""The ledger of one story: every reconciled output in one record, for the store and the reports."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from accord.model import (
    Article,
    BriefingSentence,
    Claim,
    Group,
    Membership,
    Statement,
    Story,
    TimelineEntry,
    TimeMention,
)
from accord.reconcile.briefing import build_briefing
from accord.reconcile.coverage import ReportCoverage, build_coverage
from accord.reconcile.dates import infer_published, resolve_inferred_claims, resolve_inferred_times
from accord.reconcile.groups import group_claims
from accord.reconcile.keyfigures import link_parts
from accord.reconcile.roles import Role, assign_roles
from accord.reconcile.timeline import build_timeline
from accord.settings import Settings


@dataclass(slots=True)
class Ledger:
    """What the reports of one story agree on, where a figure moved, where they dispute: what
    the store keeps of a story."""

    story: Story
    articles: list[Article]
    claims: list[Claim]
    groups: list[Group]
    timeline: list[TimelineEntry]
    briefing: list[BriefingSentence]


@dataclass(slots=True)
class ReportLedger(Ledger):
    """A ledger with what its report shows beside it: each report's share of the story and the
    statements the reports quote. The store keeps neither: a report reads them again."""

    coverage: list[ReportCoverage]
    statements: list[Statement]


def build_ledger(
    story: Story,
    articles: Sequence[Article],
    claims: Sequence[Claim],
    times: Sequence[TimeMention],
    memberships: Sequence[Membership],
    settings: Settings,
) -> Ledger:
    """Reconcile the reports of `story` (members by `memberships`; all articles when none).

    Undated reports get an inferred date (published_inferred) and their relative times are read
    again against it. Inputs are not changed: the ledger holds copies.
    """
    mine = _members(story, articles, memberships)
    inferred = infer_published(mine, memberships)
    mine = [_dated(a, inferred) for a in mine]
    keys = {a.key for a in mine}
    texts = {a.key: a.text for a in mine}
    own_claims = resolve_inferred_claims([c for c in claims if c.doc in keys], inferred)
    own_times = resolve_inferred_times([t for t in times if t.doc in keys], inferred, texts=texts)
    assign_roles(own_claims, mine, own_times)
    groups = group_claims(
        story.id,
        own_claims,
        mine,
        settings.about_width,
        settings.nearly_width,
        {m.doc: m.event for m in memberships if m.story == story.id},
    )
    link_parts(groups)
    own_figures = [c for c in own_claims if c.role != Role.BACKGROUND]
    return Ledger(
        story=story,
        articles=mine,
        claims=own_claims,
        groups=groups,
        timeline=build_timeline(story.id, own_figures, own_times, mine),
        briefing=build_briefing(story.id, mine, groups, own_claims),
    )


def report_ledger(
    story: Story,
    articles: Sequence[Article],
    claims: Sequence[Claim],
    statements: Sequence[Statement],
    times: Sequence[TimeMention],
    memberships: Sequence[Membership],
    settings: Settings,
) -> ReportLedger:
    """The ledger of `story` (`build_ledger`) with each report's coverage and the statements
    of its reports."""
    ledger = build_ledger(story, articles, claims, times, memberships, settings)
    keys = {a.key for a in ledger.articles}
    own_statements = [s for s in statements if s.doc in keys]
    return ReportLedger(
        story=ledger.story,
        articles=ledger.articles,
        claims=ledger.claims,
        groups=ledger.groups,
        timeline=ledger.timeline,
        briefing=ledger.briefing,
        coverage=build_coverage(ledger.articles, ledger.groups, own_statements),
        statements=own_statements,
    )


def _members(
    story: Story, articles: Sequence[Article], memberships: Sequence[Membership]
) -> list[Article]:
    docs = {m.doc for m in memberships if m.story == story.id}
    return [a for a in articles if a.key in docs] if docs else list(articles)


def _dated(article: Article, inferred: Mapping[str, str]) -> Article:
    dated = article.copy()
    if article.key in inferred:
        dated.published, dated.published_inferred = inferred[article.key], True
    return dated
