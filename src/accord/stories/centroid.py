"""Running sums of the reports of a story or an event, so that comparing a new report with a story
costs one row read and one dot product however many reports the story holds.

The mean cosine between a report and a group's members equals the dot product of the report with
the sum of their vectors divided by their number: average-link similarity without the members.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from accord.stories.index import IndexedReport, Vector

CENTROID_TERMS = 3000  # features kept per centroid; the lightest of a huge story matter least
DENSE_SHARE = 0.5  # weight of the dense-embedding cosine when the report and the group have one
NAME_PREFIX = "e:"  # entity features (accord.stories.features)


@dataclass(slots=True)
class Centroid:
    size: int = 0
    sparse: dict[str, float] = field(default_factory=dict)
    days: Counter[str] = field(default_factory=Counter)  # ISO day -> members on it (exact spans)
    sent: Counter[str] = field(default_factory=Counter)  # publication day -> members sent on it
    dense: list[float] | None = None
    dense_size: int = 0

    def add(self, report: IndexedReport, sign: int = 1) -> None:
        """Add a report (sign 1) or take it back out (sign -1)."""
        self.size += sign
        for term, weight in report.vector.items():
            value = self.sparse.get(term, 0.0) + sign * weight
            if value > 1e-9:
                self.sparse[term] = value
            else:
                self.sparse.pop(term, None)
        if report.time is not None:
            self.days[report.time.isoformat()] += sign
            self.days = +self.days  # drop days no member is on any more
        if report.published is not None:
            self.sent[report.published.isoformat()] += sign
            self.sent = +self.sent
        if report.embedding is not None:
            self._add_dense(report.embedding, sign)

    def _add_dense(self, embedding: Sequence[float], sign: int) -> None:
        norm = math.sqrt(sum(x * x for x in embedding)) or 1.0
        current = self.dense or [0.0] * len(embedding)
        self.dense = [c + sign * x / norm for c, x in zip(current, embedding, strict=True)]
        self.dense_size += sign

    def merge(self, other: Centroid) -> None:
        self.size += other.size
        for term, weight in other.sparse.items():
            self.sparse[term] = self.sparse.get(term, 0.0) + weight
        self.days.update(other.days)
        self.sent.update(other.sent)
        if other.dense is not None:
            current = self.dense or [0.0] * len(other.dense)
            self.dense = [a + b for a, b in zip(current, other.dense, strict=True)]
            self.dense_size += other.dense_size

    def times(self) -> list[date]:
        return [date.fromisoformat(day) for day in self.days]

    def sent_days(self) -> list[date]:
        return [date.fromisoformat(day) for day in self.sent]

    def score(self, vector: Vector, embedding: Sequence[float] | None, fade: float = 1.0) -> float:
        """Mean similarity of a report to the members (average link). With `fade` below 1, all
        but the shared names count for that share: a story's words (a second earthquake's)
        lose their pull with time, the names of its people and bodies do not (the trial of a
        shooter a year after the shooting)."""
        if self.size <= 0:
            return 0.0
        small, large = (
            (vector, self.sparse) if len(vector) < len(self.sparse) else (self.sparse, vector)
        )
        shared = {t: w * large.get(t, 0.0) for t, w in small.items()}
        names = sum(v for t, v in shared.items() if t.startswith(NAME_PREFIX))
        sparse = (names + fade * (sum(shared.values()) - names)) / self.size
        if embedding is None or self.dense is None or self.dense_size <= 0:
            return sparse
        norm = math.sqrt(sum(x * x for x in embedding)) or 1.0
        dense = (
            sum(x * c for x, c in zip(embedding, self.dense, strict=True)) / norm / self.dense_size
        )
        return (1.0 - DENSE_SHARE) * sparse + DENSE_SHARE * fade * dense

    def to_json(self) -> str:
        kept = sorted(self.sparse.items(), key=lambda kv: kv[1], reverse=True)[:CENTROID_TERMS]
        data = {
            "size": self.size,
            "sparse": {t: round(w, 6) for t, w in kept},
            "days": dict(self.days),
            "sent": dict(self.sent),
            "dense": self.dense,
            "dense_size": self.dense_size,
        }
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Centroid:
        data = json.loads(text)
        return cls(
            size=data["size"],
            sparse=data["sparse"],
            days=Counter(data["days"]),
            # A centroid stored before publication days were kept counts none.
            sent=Counter(data.get("sent", {})),
            dense=data["dense"],
            dense_size=data["dense_size"],
        )
