"""The analysis stage over stored reports: statements, mentions, claims and times per report, then
entities resolved across the whole store.

Stored results are re-used: a report is analysed again only when ANALYSIS_VERSION rises.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from accord.analyze.attribution import find_statements
from accord.analyze.canonical import resolve_entities
from accord.analyze.claims import find_claims
from accord.analyze.nlp import load_nlp, parse_many
from accord.analyze.timex import find_times
from accord.model import Article, Claim, Mention, Statement, TimeMention
from accord.store import Store

# Raise when the analysis changes what it stores, so `accord analyze` redoes stored reports.
ANALYSIS_VERSION = 1
CHUNK = 32


@dataclass(slots=True)
class Analysis:
    doc: str
    statements: list[Statement]
    mentions: list[Mention]
    claims: list[Claim]
    times: list[TimeMention]


def analyze_articles(articles: Sequence[Article]) -> list[Analysis]:
    """Analyse reports in one batch through spaCy."""
    nlp = load_nlp()
    docs = parse_many([a.text for a in articles], nlp)
    results = []
    for article, doc in zip(articles, docs, strict=True):
        statements, mentions = find_statements(doc, article.key)
        claims = find_claims(doc, article.key, statements, article.published, article.title)
        times = find_times(doc, article.key, article.published)
        results.append(Analysis(article.key, statements, mentions, claims, times))
    return results


def analyze_pending(
    store: Store, on_progress: Callable[[int, int], None] | None = None
) -> list[str]:
    """Analyse every stored report that lacks the current analysis; return their keys."""
    pending = store.docs_to_analyze(ANALYSIS_VERSION)
    for start in range(0, len(pending), CHUNK):
        chunk = store.articles(pending[start : start + CHUNK])
        results = analyze_articles(chunk)
        with store.transaction() as conn:
            for r in results:
                store.save_analysis(
                    conn, r.doc, ANALYSIS_VERSION, r.statements, r.claims, r.mentions, r.times
                )
        if on_progress:
            on_progress(min(start + CHUNK, len(pending)), len(pending))
    if pending:
        resolve_store_entities(store)
    return pending


def resolve_store_entities(store: Store) -> None:
    """One canonical entity per referent across the store; sources of statements and claims follow."""
    statements = store.statements()
    entities, _mentions, resolved = resolve_entities(store.mentions(), statements)
    canonical = {
        (old.doc, old.entity): new
        for old, new in zip(statements, resolved, strict=True)
        if old.entity
    }
    by_doc: dict[str, list[Statement]] = {}
    for s in resolved:
        by_doc.setdefault(s.doc, []).append(s)
    claims = store.claims()
    for claim in claims:
        new = canonical.get((claim.doc, claim.entity)) if claim.entity else None
        if new is not None:
            claim.entity, claim.source, claim.source_type = new.entity, new.source, new.source_type
    with store.transaction() as conn:
        store.replace_entities(conn, entities)
        for doc, doc_statements in by_doc.items():
            store.update_statements(conn, doc, doc_statements)
        store.update_claims(conn, claims)
