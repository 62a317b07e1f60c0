"""Running sums of the reports of a story or an event, so that comparing a new report with a story
costs one row read and one dot product however many reports the story holds.

The mean cosine between a report and a group's members equals the dot product of the report with
the sum of their vectors divided by their number: average-link similarity without the members.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from operator import itemgetter
from typing import Any

from accord import jsoncodec
from accord.lru import Lru
from accord.stories.crosslang import neutral_score
from accord.stories.features import NAME_PREFIX
from accord.stories.index import IndexedReport, Vector

CENTROID_TERMS = 3000  # features kept per centroid; the lightest of a huge story matter least
DENSE_SHARE = 0.5  # weight of the dense-embedding cosine when the report and the group have one
# A group's heads agree on a name when this share of its members' heads give it (and it has at
# least HEAD_MIN_MEMBERS members: one report's head is not an agreement).
HEAD_AGREEMENT = 0.75
HEAD_MIN_MEMBERS = 2
# Head-name words kept per centroid, the most given first: a word only one report of a huge story
# heads with is dropped, at worst read as new to the story, and the cost of a comparison stays
# bounded however large the story grows.
HEAD_WORDS = 500
# Centroids kept parsed, by their stored text: placing a report reads some twenty candidate
# stories and their events, nearly all unchanged since the report before read them, and parsing
# their JSON was a fifth of an ingest's main-process CPU. The stories a stream of reports keeps
# meeting fit many times over. A centroid written is kept as written, for the next report reads
# the story it joined.
PARSED_CENTROIDS = 256


class Scored:
    """A report's vector as it is scored against many groups: its terms marked as names or not
    once, not once per group."""

    __slots__ = ("terms", "vector")

    def __init__(self, vector: Vector) -> None:
        self.vector = vector
        self.terms = tuple(_marked(vector))


def _marked(vector: Vector) -> Iterator[tuple[str, float, bool]]:
    return ((t, w, t.startswith(NAME_PREFIX)) for t, w in vector.items())


@dataclass(slots=True)
class Centroid:
    size: int = 0
    sparse: dict[str, float] = field(default_factory=dict)
    days: Counter[str] = field(default_factory=Counter)  # ISO day -> members on it (exact spans)
    sent: Counter[str] = field(default_factory=Counter)  # publication day -> members sent on it
    dense: list[float] | None = None
    dense_size: int = 0
    languages: Counter[str] = field(default_factory=Counter)  # language -> members in it
    neutral: dict[str, float] = field(default_factory=dict)  # sum of the neutral vectors
    # The sum of each language's members' vectors, kept only while the members are in more than
    # one language (in one, it is `sparse`).
    split: dict[str, dict[str, float]] = field(default_factory=dict)
    heads: Counter[str] = field(default_factory=Counter)  # head-name word -> members naming it
    # Whether the sums are those of a parsed centroid others read too (`from_json`): copied on
    # the first change. Placing a report reads some twenty candidate stories and every event of
    # its story and changes one of each; copying all of them on read cost as much as scoring.
    shared: bool = field(default=False, repr=False, compare=False)
    # Of a centroid read from storage, the terms whose sums changed since: the others hold
    # stored, rounded values, which rounding them again for storage (`to_json`) would leave as
    # they are. Rounding every term of every centroid written was a tenth of placing a report.
    # None where that is not known (a centroid made otherwise): every term is rounded.
    changed: set[str] | None = field(default=None, repr=False, compare=False)

    def add(self, report: IndexedReport, sign: int = 1) -> None:
        """Add a report (sign 1) or take it back out (sign -1)."""
        self._own()
        if self.changed is not None:
            self.changed.update(report.vector, report.neutral)
        self.size += sign
        if report.language and not self.split and report.language not in self.languages:
            self.split = self.per_language()  # a second language: the first one's sum is split
        if report.language and self.split:
            _add_sparse(self.split.setdefault(report.language, {}), report.vector, sign)
        _add_sparse(self.sparse, report.vector, sign)
        if report.time is not None:
            self.days[report.time.isoformat()] += sign
            self.days = +self.days  # drop days no member is on any more
        if report.published is not None:
            self.sent[report.published.isoformat()] += sign
            self.sent = +self.sent
        if report.embedding is not None:
            self._add_dense(report.embedding, sign)
        if report.language:
            self.languages[report.language] += sign
            self.languages = +self.languages
            self.split = {k: v for k, v in self.split.items() if k in self.languages}
            if len(self.languages) <= 1:
                self.split = {}
        _add_sparse(self.neutral, report.neutral, sign)
        self.heads.update(dict.fromkeys(report.head, sign))
        self.heads = +self.heads

    def per_language(self) -> dict[str, dict[str, float]]:
        """The sums of each language's members (of a centroid in one language, `sparse`)."""
        if self.split or len(self.languages) != 1:
            return {k: dict(v) for k, v in self.split.items()}
        return {next(iter(self.languages)): dict(self.sparse)}

    def _add_dense(self, embedding: Sequence[float], sign: int) -> None:
        norm = math.sqrt(sum(x * x for x in embedding)) or 1.0
        current = self.dense or [0.0] * len(embedding)
        self.dense = [c + sign * x / norm for c, x in zip(current, embedding, strict=True)]
        self.dense_size += sign

    def merge(self, other: Centroid) -> None:
        self._own()
        if self.changed is not None:
            self.changed.update(other.sparse, other.neutral)
        mine, theirs = self.per_language(), other.per_language()
        for language, sums in theirs.items():
            _add_sparse(mine.setdefault(language, {}), sums, 1)
        self.size += other.size
        for term, weight in other.sparse.items():
            self.sparse[term] = self.sparse.get(term, 0.0) + weight
        self.days.update(other.days)
        self.sent.update(other.sent)
        self.languages.update(other.languages)
        self.split = mine if len(self.languages) > 1 else {}
        _add_sparse(self.neutral, other.neutral, 1)
        self.heads.update(other.heads)
        if other.dense is not None:
            current = self.dense or [0.0] * len(other.dense)
            self.dense = [a + b for a, b in zip(current, other.dense, strict=True)]
            self.dense_size += other.dense_size

    def times(self) -> list[date]:
        return [date.fromisoformat(day) for day in self.days]

    def sent_days(self) -> list[date]:
        return [date.fromisoformat(day) for day in self.sent]

    def score(
        self,
        vector: Vector | Scored,
        embedding: Sequence[float] | None,
        fade: float = 1.0,
        language: str | None = None,
    ) -> float:
        """Mean similarity of a report to the members (average link). With `fade` below 1, all
        but the shared names count for that share: a story's words (a second earthquake's)
        lose their pull with time, the names of its people and bodies do not (the trial of a
        shooter a year after the shooting). The words are averaged over the members in the
        report's `language` when some are: the members in other languages share few of its
        words, and would halve an English report's pull to an English report and its Spanish
        version."""
        if self.size <= 0:
            return 0.0
        summed, peers = self.sparse, self.size
        if language and language in self.split:
            summed, peers = self.split[language], self.languages[language]
        terms = vector.terms if isinstance(vector, Scored) else None
        vector = vector.vector if isinstance(vector, Scored) else vector
        if len(vector) < len(summed):
            weight_in, total, names = summed.get, 0.0, 0.0
            for term, weight, named in terms or _marked(vector):
                product = weight * weight_in(term, 0.0)
                total += product
                if named:
                    names += product
        else:
            products = {t: w * vector.get(t, 0.0) for t, w in summed.items()}
            names = sum(v for t, v in products.items() if t.startswith(NAME_PREFIX))
            total = sum(products.values())
        sparse = (names + fade * (total - names)) / peers
        if embedding is None or self.dense is None or self.dense_size <= 0:
            return sparse
        norm = math.sqrt(sum(x * x for x in embedding)) or 1.0
        dense = (
            sum(x * c for x, c in zip(embedding, self.dense, strict=True)) / norm / self.dense_size
        )
        return (1.0 - DENSE_SHARE) * sparse + DENSE_SHARE * fade * dense

    def member_score(self, report: IndexedReport, fade: float = 1.0) -> float:
        """`score` of a member of the group against the other members: its own vector taken out
        of the sums (but for a light term the stored sums dropped, CENTROID_TERMS)."""
        peers = self.size - 1
        if peers <= 0:
            return 0.0
        if report.embedding is not None or (report.language and report.language in self.split):
            others = self.copy()
            others.add(report, -1)
            return others.score(report.vector, report.embedding, fade, report.language)
        names = rest = 0.0
        for term, weight in report.vector.items():
            if term not in self.sparse:
                continue
            shared = weight * (self.sparse[term] - weight)
            if term.startswith(NAME_PREFIX):
                names += shared
            else:
                rest += shared
        return (names + fade * rest) / peers

    def cross_score(self, language: str | None, neutral: Vector) -> float | None:
        """The mean neutral cosine of a report to the members (`accord.stories.crosslang`), when
        none of them is in the report's language; None otherwise, or when a language is unknown:
        reports of one language are compared by all their words."""
        if not language or not self.languages or language in self.languages:
            return None
        return neutral_score(neutral, self.neutral, self.size)

    def head_conflict(self, head: Sequence[str], named: Collection[str]) -> bool:
        """Whether a report's head tells of another event than this group's: the heads of most
        members agree on a name the report does not give (in `named`, the words of all its
        names), and the report's head gives a name none of theirs does. Two earthquakes of one
        size in one country, one in Papua, one in Aceh; a trial months later names its
        defendant as the arrest did."""
        if self.size < HEAD_MIN_MEMBERS or not head:
            return False
        agreed = [w for w, n in self.heads.items() if n >= HEAD_AGREEMENT * self.size]
        missing = any(w not in named for w in agreed)
        new = any(self.heads.get(w, 0) == 0 for w in head)
        return missing and new

    def to_json(self) -> str:
        data = {
            "size": self.size,
            "sparse": _heaviest(self.sparse, self.changed),
            "languages": dict(self.languages),
            "split": {k: _heaviest(v, self.changed) for k, v in self.split.items()},
            "neutral": _heaviest(self.neutral, self.changed),
            "days": dict(self.days),
            "sent": dict(self.sent),
            "dense": None if self.dense is None else list(self.dense),
            "dense_size": self.dense_size,
            "heads": dict(self.heads.most_common(HEAD_WORDS)),
        }
        text = jsoncodec.dumps(data)
        # What parsing the text gives: the next report reads this centroid back.
        _PARSED.put(text, _from_data(data))
        return text

    @classmethod
    def from_json(cls, text: str) -> Centroid:
        # Shared until changed: the caller may add reports to it, and the parsed one stands
        # for `text`.
        return _PARSED.made(text, lambda: _from_data(jsoncodec.loads(text))).shared_view()

    def shared_view(self) -> Centroid:
        """This centroid's sums, shared with it until either is changed through `add` or
        `merge` (it is the parsed one, which nothing changes). Made by position, as
        `dataclasses.replace(self, shared=True)` makes it at five times the cost: placing a
        report reads some twenty stories' centroids and their events'."""
        return Centroid(
            self.size, self.sparse, self.days, self.sent, self.dense, self.dense_size,
            self.languages, self.neutral, self.split, self.heads, True, self.changed,
        )  # fmt: skip

    def _own(self) -> None:
        """Take copies of the sums before the first change of a shared view."""
        if self.shared:
            mine = self.copy()
            for name in (f.name for f in fields(self) if f.name != "shared"):
                setattr(self, name, getattr(mine, name))
            self.shared = False

    def copy(self) -> Centroid:
        """A centroid equal to this one that shares nothing with it."""
        return Centroid(
            size=self.size,
            sparse=dict(self.sparse),
            days=Counter(self.days),
            sent=Counter(self.sent),
            dense=None if self.dense is None else list(self.dense),
            dense_size=self.dense_size,
            languages=Counter(self.languages),
            neutral=dict(self.neutral),
            split={language: dict(sums) for language, sums in self.split.items()},
            heads=Counter(self.heads),
            changed=None if self.changed is None else set(self.changed),
        )


def _from_data(data: dict[str, Any]) -> Centroid:
    return Centroid(
        size=data["size"],
        sparse=data["sparse"],
        days=Counter(data["days"]),
        # A centroid stored before publication days were kept counts none.
        sent=Counter(data.get("sent", {})),
        dense=data["dense"],
        dense_size=data["dense_size"],
        # A centroid stored before languages were kept knows none: no cross-language score.
        languages=Counter(data.get("languages", {})),
        neutral=data.get("neutral", {}),
        split=data.get("split", {}),
        # A centroid stored before heads were kept knows none: no conflict is seen.
        heads=Counter(data.get("heads", {})),
        changed=set(),  # stored values are rounded
    )


# Never changed: `from_json` hands out views that copy before a change.
_PARSED: Lru[str, Centroid] = Lru(PARSED_CENTROIDS)


def _heaviest(vector: dict[str, float], changed: Collection[str] | None) -> dict[str, float]:
    """The heaviest terms, rounded for storage: those of `changed` (the others are rounded
    already), or all."""
    kept = dict(sorted(vector.items(), key=itemgetter(1), reverse=True)[:CENTROID_TERMS])
    for term in kept.keys() if changed is None else changed & kept.keys():
        kept[term] = round(kept[term], 6)  # a value changed in place keeps the term's place
    return kept


def _add_sparse(into: dict[str, float], vector: dict[str, float], sign: int) -> None:
    for term, weight in vector.items():
        value = into.get(term, 0.0) + sign * weight
        if value > 1e-9:
            into[term] = value
        else:
            into.pop(term, None)
