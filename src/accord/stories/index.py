"""The stories index in the store: indexed reports, TF-IDF weighting and candidate lookup.

A new report is compared only with stories the inverted index proposes, found through the report's
most distinctive features; every list read from the index is bounded, so the cost of one report
does not grow with the store.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection

from accord import jsoncodec
from accord.lru import Lru
from accord.store import Store
from accord.stories.features import ReportFeatures, parse_day
from accord.stories.prior import background_share
from accord.tfidf import idf

QUERY_TERMS = 20  # the report's top-weighted features that query the index
POSTINGS_PER_TERM = 50  # stories read per query feature, most recently posted first
INDEX_TERMS = 40  # a report's top-weighted features posted to its story
CANDIDATES = 15  # stories compared in full with a new report
# Weight of the background IDF prior, in reports: it outweighs a store of a few reports and is a
# tenth of one of a thousand (tuned on ECB+ in random orders and on the seeds alone).
PRIOR_DOCS = 100

Vector = dict[str, float]
# Reports' stored features kept parsed, by their stored text: grouping a neighbourhood again reads
# up to `regroup.MAX_GROUP` reports on every add near it, nearly all as the add before read them,
# and parsing them was a fifth of grouping again at 100,000 reports. Some 24 KB each.
PARSED_REPORTS = 2048


@dataclass(slots=True)
class IndexedReport:
    """A report as the index holds it: its place, its times and its raw feature counts."""

    doc: str
    story: str
    event: str
    seq: int
    counts: dict[
        str, float
    ]  # raw counts: the frequencies are taken back out of the store with them
    vector: Vector  # TF-IDF as weighted on arrival: what the story and event centroids summed
    published: date | None = None
    when: date | None = None
    pinned: bool = False
    title: str | None = None
    lead: str = ""
    outlet: str | None = None
    embedding: tuple[float, ...] | None = None
    language: str | None = None
    neutral: Vector = field(default_factory=dict)  # the neutral features' vector, as `vector`
    head: tuple[str, ...] = ()  # the words of the names of its head (`ReportFeatures.head`)

    @property
    def time(self) -> date | None:
        return self.when or self.published

    @classmethod
    def from_row(cls, row: Any) -> IndexedReport:
        # The parsed dicts are shared by every report read from one text: none is changed.
        data = _PARSED.made(row.data, lambda: jsoncodec.loads(row.data))
        embedding = data.get("embedding")
        return cls(
            doc=row.doc,
            story=row.story,
            event=row.event,
            seq=int(row.seq),
            counts=data["counts"],
            vector=data["vector"],
            published=parse_day(row.published),
            when=parse_day(row.refers_to),
            pinned=bool(row.pinned),
            title=data.get("title"),
            lead=data.get("lead", ""),
            outlet=data.get("outlet"),
            embedding=tuple(embedding) if embedding else None,
            # A report indexed before languages were kept has neither.
            language=data.get("language"),
            neutral=data.get("neutral", {}),
            # A report indexed before heads were kept names no one there.
            head=tuple(data.get("head", ())),
        )

    @classmethod
    def new(
        cls,
        report: ReportFeatures,
        vectors: tuple[Vector, Vector],
        story: str,
        event: str,
        seq: int,
    ) -> IndexedReport:
        """`vectors`: the report's vector and its neutral features' vector."""
        vector, neutral = vectors
        return cls(
            doc=report.key,
            story=story,
            event=event,
            seq=seq,
            counts=report.counts,
            vector={t: round(w, 6) for t, w in vector.items()},
            published=report.published,
            when=report.when,
            title=report.title,
            lead=report.lead,
            outlet=report.outlet,
            embedding=report.embedding,
            language=report.language,
            neutral={t: round(w, 6) for t, w in neutral.items()},
            head=report.head,
        )

    def to_values(self) -> dict[str, Any]:
        data = {
            "counts": self.counts,
            "vector": self.vector,
            "title": self.title,
            "lead": self.lead,
            "outlet": self.outlet,
            "embedding": list(self.embedding) if self.embedding else None,
            "language": self.language,
            "neutral": self.neutral,
            "head": list(self.head),
        }
        return {
            "doc": self.doc,
            "story": self.story,
            "event": self.event,
            "seq": self.seq,
            "published": self.published.isoformat() if self.published else None,
            "refers_to": self.when.isoformat() if self.when else None,
            "pinned": self.pinned,
            "data": jsoncodec.dumps(data),
        }


# Never changed: `from_row` builds reports around the parsed dicts.
_PARSED: Lru[str, dict[str, Any]] = Lru(PARSED_REPORTS)


class Weights:
    """TF-IDF weighting with the store's document frequencies and a background prior.

    The prior counts as PRIOR_DOCS pseudo-reports drawn from ordinary English, so the IDF follows
    the background while the store holds few reports and the store's own counts once it holds many
    (smoothed as `accord.tfidf.idf`).
    """

    def __init__(
        self, store: Store, conn: Connection, known: Mapping[str, int] | None = None
    ) -> None:
        """`known`: frequencies already read (`StoryIndex.bump_df`'s), the "" term's included."""
        self._store = store
        self._conn = conn
        self._df: dict[str, int] = dict(known or {})
        if "" not in self._df:
            self._df.update(store.story_index.df(conn, [""]))
        self.docs = self._df.get("", 0)  # reports in the index

    def vector(self, counts: Mapping[str, float]) -> Vector:
        """The L2-normalised TF-IDF vector of one report's counts."""
        missing = [t for t in counts if t not in self._df]
        if missing:
            found = self._store.story_index.df(self._conn, missing)
            self._df.update({t: found.get(t, 0) for t in missing})
        # One comprehension over the terms, the prior's pseudo-reports added to the store's:
        # a report has hundreds of terms, and a method call per term cost more than its IDF.
        docs, df = self.docs + PRIOR_DOCS, self._df
        weighted = {
            t: c * idf(docs, df.get(t, 0) + PRIOR_DOCS * background_share(t))
            for t, c in counts.items()
        }
        norm = math.sqrt(sum(w * w for w in weighted.values())) or 1.0
        return {t: w / norm for t, w in weighted.items()}

    def df(self, term: str) -> int:
        return self._df.get(term, 0)


def candidate_stories(
    store: Store, conn: Connection, vector: Vector, weights: Weights
) -> list[str]:
    """Stories that share the report's most distinctive features, best first, at most CANDIDATES."""
    # Features no other report has cannot link the report to anything.
    shared = [(w, t) for t, w in vector.items() if weights.df(t) > 1]
    query = sorted(shared, reverse=True)[:QUERY_TERMS]
    postings = store.story_index.postings(conn, [t for _, t in query], POSTINGS_PER_TERM)
    scores: dict[str, float] = {}
    for w, term in query:
        for story in postings[term]:
            scores[story] = scores.get(story, 0.0) + w
    return sorted(scores, key=scores.__getitem__, reverse=True)[:CANDIDATES]


def index_terms(vector: Vector) -> list[str]:
    return [t for _, t in sorted(((w, t) for t, w in vector.items()), reverse=True)[:INDEX_TERMS]]
