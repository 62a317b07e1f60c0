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
    rank: int  # position among the report's prose sentences


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
    pool = _pool(articles)
    if not pool:
        return []
    alike = _Alike.of(pool)
    carriers = _carriers(pool, alike)
    voice_of = voices(articles)
    # a sentence that several independent reports carry is central to the story; a rewrite's
    # copy of it does not count twice
    spread = []
    counted: dict[int, int] = {}  # by the set of reports: the sentences of one text share one
    for _, docs in carriers:
        if id(docs) not in counted:
            counted[id(docs)] = len({voice_of.get(d, d) for d in docs})
        spread.append(counted[id(docs)])
    # news puts what matters first: a sentence's rank in its report discounts it gently
    lead = [1 / (1 + LEAD_DECAY * s.rank) for s in pool]
    # a sentence that carries a reconciled figure says what happened; boilerplate does not
    lead = [
        w * (FIGURE_BONUS if _has_figure(s, figures) else 1.0)
        for s, w in zip(pool, lead, strict=True)
    ]
    relevance = (
        alike.summed()
        / len(pool)
        * np.array([(1 + math.log(n)) * w for n, w in zip(spread, lead, strict=True)])
    )
    chosen = _mmr(alike, relevance, [i for i in range(len(pool)) if carriers[i][0] == i], size)
    order = {a.key: n for n, a in enumerate(articles)}
    chosen.sort(key=lambda i: (order[pool[i].doc], pool[i].start))
    return [_cited(story_id, pool[i], carriers[i][1], order) for i in chosen]


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


def _has_figure(s: _Sentence, figures: dict[str, set[int]]) -> bool:
    return any(s.start <= start < s.end for start in figures.get(s.doc, ()))


def _pool(articles: Sequence[Article]) -> list[_Sentence]:
    """Every sentence long enough to be prose (headlines, datelines and furniture are short)."""
    return [sentence for a in articles for sentence in _report_sentences(a.key, a.text)]


# A story's ledger is built again on every add to it, from the same reports: making their
# sentences anew was a sixth of the briefing of a story of 500 reports.
@functools.lru_cache(maxsize=1 << 12)
def _report_sentences(key: str, text: str) -> tuple[_Sentence, ...]:
    """The prose sentences of report `key`."""
    return tuple(
        _Sentence(key, start, end, words, rank)
        for rank, (start, end, words) in enumerate(_prose_sentences(text))
    )


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


def _carriers(pool: Sequence[_Sentence], alike: _Alike) -> list[tuple[int, set[str]]]:
    """For each sentence: the first sentence of its near-identical set, and that set's reports.

    Sentences with different numbers are never the same sentence: "12 killed" and "19 killed"
    differ in what a reader would cite them for."""
    text_of: list[int] = alike.text_of.tolist()
    sentences: dict[int, list[int]] = defaultdict(list)  # each text's sentences, in order
    for i, text in enumerate(text_of):
        sentences[text].append(i)
    numbers = {t: frozenset(NUMBER.findall(pool[of[0]].text)) for t, of in sentences.items()}
    # Each text's near-identical texts with the same numbers, in the order of its row.
    sim = alike.sim
    near = sim.data >= SAME
    rows = np.repeat(np.arange(sim.shape[0]), np.diff(sim.indptr))[near].tolist()
    near_texts: dict[int, list[int]] = defaultdict(list)
    for text, other in zip(rows, sim.indices[near].tolist(), strict=True):
        if numbers[other] == numbers[text]:
            near_texts[text].append(other)
    out = []
    carried: dict[int, tuple[int, set[str]]] = {}  # a text's set, when it holds its copies
    for i, text in enumerate(text_of):
        if text in carried:
            out.append(carried[text])
            continue
        same = {j for t in near_texts[text] for j in sentences[t]}
        if i in same:
            carried[text] = (min(same), {pool[j].doc for j in same})
            out.append(carried[text])
        else:  # a sentence of stop words only has a zero vector: it is still the same as itself
            out.append((min(same | {i}), {pool[j].doc for j in same | {i}}))
    return out


def _mmr(alike: _Alike, relevance: np.ndarray, candidates: list[int], size: int) -> list[int]:
    chosen: list[int] = []
    columns: list[np.ndarray] = []  # each sentence's similarity to each chosen one
    left = list(candidates)
    while left and len(chosen) < size:

        def gain(i: int) -> float:
            redundancy = max((column[i] for column in columns), default=0.0)
            score: float = MMR_LAMBDA * relevance[i] - (1 - MMR_LAMBDA) * redundancy
            return score

        best = max(left, key=gain)
        chosen.append(best)
        columns.append(alike.column(best))
        left.remove(best)
    return chosen


def _cited(
    story_id: str, s: _Sentence, docs: set[str], order: Mapping[str, int]
) -> BriefingSentence:
    ordered = tuple(sorted(docs, key=lambda d: (order.get(d, 0), d)))
    return BriefingSentence(
        text=s.text, docs=ordered, story=story_id, doc=s.doc, start=s.start, end=s.end
    )
