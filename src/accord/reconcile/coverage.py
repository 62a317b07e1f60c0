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
    # The voices carrying each figure and quoting each source, read once for every report: a
    # report misses what two voices other than its own carry, so only what two voices carry
    # can be missed.
    carried = {g.id: {voice_of[d] for d in g.docs if d in figures} for g in groups}
    spread = [(g.id, carried[g.id]) for g in groups if len(carried[g.id]) >= 2]
    quoting: dict[str, set[str]] = defaultdict(set)
    for key in figures:
        for name in quoted.get(key, ()):
            quoting[name].add(voice_of[key])
    quoted_widely = {name: vs for name, vs in quoting.items() if len(vs) >= 2}
    return [_row(a, figures, quoted, voice_of, spread, quoted_widely) for a in articles]


def _row(
    a: Article,
    figures: dict[str, set[str]],
    quoted: dict[str, set[str]],
    voice_of: dict[str, str],
    spread: Sequence[tuple[str, set[str]]],
    quoting: dict[str, set[str]],
) -> ReportCoverage:
    """`spread`: the figures two or more voices carry, with those voices, in the groups' order;
    `quoting`: the sources two or more voices quote, with those voices."""
    me = voice_of[a.key]
    mine = figures[a.key]
    missing = [group for group, vs in spread if group not in mine and _others(vs, me) >= 2]
    own = quoted.get(a.key, set())
    missing_sources = sorted(
        n for n, vs in quoting.items() if _others(vs, me) >= 2 and n not in own
    )
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


def _others(voices_: set[str], me: str) -> int:
    """How many of `voices_` are not `me`."""
    return len(voices_) - (me in voices_)
