"""Coverage: which reports carried which figures and which sources' statements, and what each left
out that other reports carried."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from accord.model import Article, Group, Record, Statement
from accord.reconcile.voices import voices


@dataclass(slots=True)
class ReportCoverage(Record):
    """One report's share of the story."""

    doc: str
    outlet: str | None
    title: str | None
    published: str | None
    published_inferred: bool
    voice: str  # the independent report it speaks with (itself unless a copy or rewrite)
    groups: tuple[str, ...]  # Group ids of the figures it reported
    missing: tuple[str, ...]  # figures two or more other voices reported and it did not
    sources: tuple[str, ...]  # sources it quotes (statements)
    missing_sources: tuple[str, ...]  # sources two or more other voices quote and it does not


def build_coverage(
    articles: Sequence[Article], groups: Sequence[Group], statements: Sequence[Statement]
) -> list[ReportCoverage]:
    """One row per report, in the order given."""
    voice_of = voices(articles)
    figures = {a.key: {g.id for g in groups if a.key in g.docs} for a in articles}
    quoted: dict[str, set[str]] = defaultdict(set)
    for s in statements:
        if name := (s.source or s.source_span):
            quoted[s.doc].add(name)
    return [_row(a, groups, figures, quoted, voice_of) for a in articles]


def _row(
    a: Article,
    groups: Sequence[Group],
    figures: dict[str, set[str]],
    quoted: dict[str, set[str]],
    voice_of: dict[str, str],
) -> ReportCoverage:
    me = voice_of[a.key]
    others = {k for k in figures if voice_of[k] != me}
    missing = [
        g.id
        for g in groups
        if g.id not in figures[a.key] and _spread(g.docs, others, voice_of) >= 2
    ]
    source_docs: dict[str, set[str]] = defaultdict(set)
    for k in others:
        for name in quoted.get(k, ()):
            source_docs[name].add(voice_of[k])
    own = quoted.get(a.key, set())
    missing_sources = sorted(n for n, vs in source_docs.items() if len(vs) >= 2 and n not in own)
    return ReportCoverage(
        doc=a.key,
        outlet=a.outlet,
        title=a.title,
        published=a.published,
        published_inferred=a.published_inferred,
        voice=me,
        groups=tuple(sorted(figures[a.key])),
        missing=tuple(missing),
        sources=tuple(sorted(own)),
        missing_sources=tuple(missing_sources),
    )


def _spread(docs: Sequence[str], others: set[str], voice_of: dict[str, str]) -> int:
    return len({voice_of[d] for d in docs if d in others})
