"""A short extractive briefing: the story's central sentences, each cited to every report carrying it.

Sentences of all reports are weighed by TF-IDF: near-identical sentences (cosine >= SAME) are one
sentence carried by several reports; a sentence's relevance is its mean similarity to the story
plus a bonus for how many independent reports carry it; Maximal Marginal Relevance (MMR) picks
sentences that are central but not redundant. The key figures' current values and the disputed
figures open it.
"""

from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix

from accord.model import Article, BriefingKind, BriefingSentence, Claim, Group
from accord.reconcile.intervals import format_number
from accord.reconcile.keyfigures import key_groups
from accord.reconcile.sentences import split_sentences, word_count
from accord.reconcile.voices import voices
from accord.tfidf import unit_rows

SAME = 0.6  # cosine at or above which two sentences are one sentence carried by two reports
MMR_LAMBDA = 0.7  # weight of relevance against redundancy
MIN_WORDS, MAX_WORDS = 8, 60
LEAD_DECAY = 0.15
FIGURE_BONUS = 1.5
# Newsroom formulas that say nothing about the story.
BOILERPLATE = re.compile(
    r"requests? for comment|contributed (?:to this )?report|all rights reserved|follow us|sign up",
    re.I,
)
NUMBER = re.compile(r"\d[\d,.]*")


@dataclass(frozen=True, slots=True)
class _Sentence:
    doc: str
    start: int
    end: int
    text: str


def build_briefing(
    story_id: str,
    articles: Sequence[Article],
    groups: Sequence[Group],
    claims: Sequence[Claim],
    size: int = 6,
) -> list[BriefingSentence]:
    """The key figures' current values (kind "figure"), then the other disputed figures (kind
    "dispute"), then up to `size` summary sentences."""
    by_id = {c.id: c for c in claims}
    keys = key_groups(groups)
    disputes = [_key_figure(story_id, g, by_id) for g in keys]
    disputes += [
        _dispute(story_id, g, by_id) for g in groups if g.verdict == "dispute" and g not in keys
    ]
    figures: dict[str, set[int]] = defaultdict(set)  # report -> starts of its grouped figures
    for c in claims:
        if c.group:
            figures[c.doc].add(c.start)
    return disputes + _summary(story_id, articles, size, figures)


def _key_figure(story_id: str, group: Group, claims: Mapping[str, Claim]) -> BriefingSentence:
    value = format_number(group.value or 0.0)
    disputed = "disputed " if group.verdict == "dispute" else ""
    return _about(
        story_id, group, claims, f"Key {disputed}figure, {group.what}: {value}.", "figure"
    )


def _dispute(story_id: str, group: Group, claims: Mapping[str, Claim]) -> BriefingSentence:
    what = group.what[:1].upper() + group.what[1:]
    return _about(story_id, group, claims, f"Disputed figure, {what}.", "dispute")


def _about(
    story_id: str, group: Group, claims: Mapping[str, Claim], opening: str, kind: BriefingKind
) -> BriefingSentence:
    first = claims.get(group.members[0])
    return BriefingSentence(
        text=f"{opening} {group.explanation}",
        docs=group.docs,
        story=story_id,
        doc=first.doc if first else "",
        start=first.sentence_start if first else 0,
        end=first.sentence_end if first else 0,
        kind=kind,
    )


def _summary(
    story_id: str, articles: Sequence[Article], size: int, figures: dict[str, set[int]]
) -> list[BriefingSentence]:
    pool = _Pool.of(articles)
    if not pool.sentences:
        return []
    alike = _Alike.of(pool.sentences)
    carried = _Carried.of(pool, alike)
    # a sentence that several independent reports carry is central to the story; a rewrite's
    # copy of it does not count twice
    voice_of = voices(articles)
    spread = [len({voice_of.get(d, d) for d in docs}) for _, docs in carried.sets]
    # 1 + log(n) by libm's `math.log`: numpy's SIMD log may differ in the last bit with the CPU
    weight = {n: 1 + math.log(n) for n in set(spread)}
    # news puts what matters first: a sentence's rank in its report discounts it gently
    lead = 1 / (1 + LEAD_DECAY * pool.rank)
    # a sentence that carries a reconciled figure says what happened; boilerplate does not
    lead *= np.where(pool.has_figure(figures), FIGURE_BONUS, 1.0)
    relevance = (
        alike.summed()
        / len(pool.sentences)
        * (np.array([weight[n] for n in spread])[carried.set_of] * lead)
    )
    firsts = np.array([first for first, _ in carried.sets])[carried.set_of]
    candidates = np.flatnonzero(firsts == np.arange(len(pool.sentences)))
    chosen = _mmr(alike, relevance, candidates, size)
    order = {a.key: n for n, a in enumerate(articles)}
    sentences = pool.sentences
    chosen.sort(key=lambda i: (order[sentences[i].doc], sentences[i].start))
    return [_cited(story_id, sentences[i], carried.docs(i), order) for i in chosen]


@dataclass(frozen=True, slots=True)
class _Pool:
    """Every sentence of a story's reports long enough to be prose (headlines, datelines and
    furniture are short), with each one's report, place and rank in its report as arrays: a
    story of 500 reports has some 10,000 sentences, and weighing them one at a time in Python
    was a third of its briefing."""

    sentences: list[_Sentence]
    keys: list[str]  # the reports, in the story's order
    report: np.ndarray  # each sentence's report, numbered in that order
    bounds: np.ndarray  # each sentence's start and end
    rank: np.ndarray  # each sentence's position among its report's prose sentences

    @classmethod
    def of(cls, articles: Sequence[Article]) -> _Pool:
        each = [_report_sentences(a.key, a.text) for a in articles]
        counts = np.array([len(sentences) for sentences in each], dtype=np.int64)
        return cls(
            sentences=[sentence for sentences in each for sentence in sentences],
            keys=[a.key for a in articles],
            report=np.repeat(np.arange(len(articles), dtype=np.int64), counts),
            bounds=np.concatenate([_NO_BOUNDS, *(_prose_bounds(a.text) for a in articles)]),
            rank=np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts),
        )

    def has_figure(self, figures: Mapping[str, set[int]]) -> np.ndarray:
        """Whether each sentence holds the start of one of its report's grouped figures."""
        # one sorted line of places: report n's offsets from n * _SPAN
        starts = np.array(
            sorted(
                n * _SPAN + start
                for n, key in enumerate(self.keys)
                for start in figures.get(key, ())
            ),
            dtype=np.int64,
        )
        at = self.report * _SPAN
        before_end = np.searchsorted(starts, at + self.bounds[:, 1])
        has: np.ndarray = before_end > np.searchsorted(starts, at + self.bounds[:, 0])
        return has


_SPAN = 1 << 32  # longer than any report's text
_NO_BOUNDS = np.empty((0, 2), dtype=np.int64)


@dataclass(frozen=True, slots=True)
class _Alike:
    """The cosine similarities of a story's sentences, kept once per distinct text: wire copies
    and rewrites repeat sentences word for word, and a story of 500 reports has some 10,000
    sentences, whose similarities to each other were most of its ledger. Sparse: their dense
    similarities would take 360 MB."""

    text_of: np.ndarray  # each sentence's text, numbered
    count: np.ndarray  # the sentences of each text
    sim: csr_matrix  # the similarities of the texts

    @classmethod
    def of(cls, pool: Sequence[_Sentence]) -> _Alike:
        numbers: dict[str, int] = {}
        text_of = np.array([numbers.setdefault(s.text, len(numbers)) for s in pool])
        count = np.bincount(text_of)
        rows = unit_rows(list(numbers), count.tolist())  # TF-IDF over the sentences
        return cls(text_of, count, (rows @ rows.T).tocsr())

    def summed(self) -> np.ndarray:
        """Each sentence's similarities to every sentence (itself too), summed."""
        summed: np.ndarray = np.asarray(self.sim @ self.count, dtype=float)[self.text_of]
        return summed

    def column(self, i: int) -> np.ndarray:
        """Every sentence's similarity to sentence `i`."""
        column: np.ndarray = self.sim.getcol(int(self.text_of[i])).toarray().ravel()[self.text_of]
        return column


# A story's ledger is built again on every add to it, from the same reports: making their
# sentences anew was a sixth of the briefing of a story of 500 reports.
@functools.lru_cache(maxsize=1 << 12)
def _report_sentences(key: str, text: str) -> tuple[_Sentence, ...]:
    """The prose sentences of report `key`."""
    return tuple(_Sentence(key, start, end, words) for start, end, words in _prose_sentences(text))


@functools.lru_cache(maxsize=1 << 12)
def _prose_bounds(text: str) -> np.ndarray:
    """The start and end of each prose sentence of `text`, read only: it is kept."""
    bounds = np.array([(start, end) for start, end, _ in _prose_sentences(text)], dtype=np.int64)
    bounds = bounds.reshape(-1, 2)
    bounds.flags.writeable = False
    return bounds


# Read once a text: wire copies repeat a report word for word.
@functools.lru_cache(maxsize=1 << 12)
def _prose_sentences(text: str) -> tuple[tuple[int, int, str], ...]:
    """The (start, end, words) of each prose sentence of `text`."""
    found = []
    for start, end in split_sentences(text):
        if (words := _prose(text[start:end])) is not None:
            found.append((start, end, words))
    return tuple(found)


@functools.lru_cache(maxsize=1 << 15)
def _prose(sentence: str) -> str | None:
    """The words of a sentence of prose, one space apart; None for a headline, a dateline or a
    newsroom formula."""
    if MIN_WORDS <= word_count(sentence) <= MAX_WORDS and not BOILERPLATE.search(sentence):
        return " ".join(sentence.split())
    return None


@functools.lru_cache(maxsize=1 << 15)
def _numbers(sentence: str) -> frozenset[str]:
    """The figures a sentence writes (kept: the same sentences are weighed on every add)."""
    return frozenset(NUMBER.findall(sentence))


@dataclass(frozen=True, slots=True)
class _Carried:
    """The sets of near-identical sentences: each set's first sentence and reports, and each
    sentence's set.

    Sentences with different numbers are never the same sentence: "12 killed" and "19 killed"
    differ in what a reader would cite them for."""

    sets: list[tuple[int, set[str]]]
    set_of: np.ndarray

    def docs(self, i: int) -> set[str]:
        """The reports carrying sentence `i` or a near copy of it."""
        return self.sets[int(self.set_of[i])][1]

    @classmethod
    def of(cls, pool: _Pool, alike: _Alike) -> _Carried:
        text_of = alike.text_of
        texts = len(alike.count)
        first = np.unique(text_of, return_index=True)[1]  # each text's first sentence
        docs: list[set[str]] = [set() for _ in range(texts)]  # each text's reports
        for sentence, text in zip(pool.sentences, text_of.tolist(), strict=True):
            docs[text].add(sentence.doc)
        rows, others = _same_texts(pool, alike, first)
        ends = np.searchsorted(rows, np.arange(texts + 1))  # the rows stay in order
        itself = np.zeros(texts, dtype=bool)  # a text of stop words only is not
        itself[rows[rows == others]] = True
        lowest = np.full(texts, len(text_of))  # the first sentence of each text's same texts
        starts = ends[:-1][np.diff(ends) > 0]
        lowest[rows[starts]] = np.minimum.reduceat(first[others], starts)
        sets: list[tuple[int, set[str]]] = []
        set_of_text = np.empty(texts, dtype=np.int64)
        alone: list[tuple[int, int, set[str]]] = []  # texts not the same as themselves
        same, bounds = others.tolist(), ends.tolist()
        for text, low, is_itself in zip(
            range(texts), lowest.tolist(), itself.tolist(), strict=True
        ):
            joined = set().union(*[docs[t] for t in same[bounds[text] : bounds[text + 1]]])
            if is_itself:
                set_of_text[text] = len(sets)
                sets.append((low, joined))
            else:
                alone.append((text, low, joined))
        set_of = set_of_text[text_of]
        # a sentence of stop words only has a zero vector: it is still the same as itself
        for text, low, joined in alone:
            for i in np.flatnonzero(text_of == text).tolist():
                set_of[i] = len(sets)
                sets.append((min(low, i), joined | {pool.sentences[i].doc}))
        return cls(sets, set_of)


def _same_texts(pool: _Pool, alike: _Alike, first: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The pairs (text, other) of near-identical texts with the same numbers, a text and itself
    included, in the order of the first."""
    kinds: dict[frozenset[str], int] = {}
    numbers = np.array(
        [kinds.setdefault(_numbers(pool.sentences[i].text), len(kinds)) for i in first.tolist()]
    )
    sim = alike.sim
    alike_enough = np.flatnonzero(sim.data >= SAME)
    rows = np.searchsorted(sim.indptr, alike_enough, side="right") - 1
    others = sim.indices[alike_enough]
    same_numbers = numbers[rows] == numbers[others]
    return rows[same_numbers], others[same_numbers]


def _mmr(alike: _Alike, relevance: np.ndarray, candidates: np.ndarray, size: int) -> list[int]:
    """Up to `size` of `candidates`, each the most relevant less its redundancy with those
    chosen before it (the first of equals)."""
    chosen: list[int] = []
    weighed = MMR_LAMBDA * relevance[candidates]
    redundancy = np.zeros(len(candidates))  # with the most similar chosen
    left = np.ones(len(candidates), dtype=bool)
    while left.any() and len(chosen) < size:
        gain = np.where(left, weighed - (1 - MMR_LAMBDA) * redundancy, -np.inf)
        best = int(np.argmax(gain))
        chosen.append(int(candidates[best]))
        left[best] = False
        redundancy = np.maximum(redundancy, alike.column(chosen[-1])[candidates])
    return chosen


def _cited(
    story_id: str, s: _Sentence, docs: set[str], order: Mapping[str, int]
) -> BriefingSentence:
    ordered = tuple(sorted(docs, key=lambda d: (order.get(d, 0), d)))
    return BriefingSentence(
        text=s.text, docs=ordered, story=story_id, doc=s.doc, start=s.start, end=s.end
    )
