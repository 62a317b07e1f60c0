"""Reports grouped by average link, all at once: the similarity of every two reports of a
neighbourhood, and the groups that merging the two most alike first, while a bar holds, makes of
them (`accord.stories.regroup`).

The similarity of two reports is the one placing scores a report against a story with
(`Centroid.score`, of which the average link over a story's reports is the mean): the names they
share keep their pull, their other words fade with the days between the days they were sent and
between the days their events happened on (faster when they share no name, as `story_fade`
does). The heads' conflicts of names that placing weighs (`Centroid.head_conflict`, a group's
agreed name) are not read pair by pair: two reports of one event often head with different
people, and pulling such pairs less cost ECB+'s quality gate subset BCubed F1 0.969 -> 0.966
and GVA dev 0.904 -> 0.899. Two events of one kind are kept apart by the bars of the groups'
sizes and dating (`join_bars`) and by the parting of a story in two (`accord.stories.separate`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix

from accord.stories.features import NAME_PREFIX
from accord.stories.heal import (
    ESTABLISHED_REPORTS,
    ESTABLISHED_SHARE,
    FRAGMENT_MAX_REPORTS,
    Healing,
)
from accord.stories.index import IndexedReport

# Two established groups (ESTABLISHED_REPORTS each or more), one dated and one not, join at this
# share of the story bar, above it: two events of one kind years apart are each a group of many
# reports, more alike within than across, whose mean similarity may still pass the bar (ECB+'s
# 2008 and 2013 events of one topic, the older undated: at the story bar, nine such pairs were
# lumped and BCubed precision fell to 0.89).
ESTABLISHED_PAIR_SHARE = 1.2

Matrix = npt.NDArray[np.float64]


def similarities(reports: Sequence[IndexedReport], healing: Healing) -> Matrix:
    """The similarity of every two of `reports` (the diagonal is not used)."""
    terms: dict[str, int] = {}
    rows: list[int] = []
    columns: list[int] = []
    weights: list[float] = []
    for row, report in enumerate(reports):
        for term, weight in report.vector.items():
            rows.append(row)
            columns.append(terms.setdefault(term, len(terms)))
            weights.append(weight)
    vectors = csr_matrix((weights, (rows, columns)), shape=(len(reports), len(terms)))
    is_name = np.array([t.startswith(NAME_PREFIX) for t in terms], dtype=bool)
    names = _products(vectors[:, np.flatnonzero(is_name)])
    words = _products(vectors[:, np.flatnonzero(~is_name)])
    faded = _fades(reports, names > 0, healing)
    return names + faded * words


def _products(vectors: csr_matrix) -> Matrix:
    return np.asarray((vectors @ vectors.T).toarray(), dtype=np.float64)


def _fades(
    reports: Sequence[IndexedReport], cast: npt.NDArray[np.bool_], healing: Healing
) -> Matrix:
    """What of their words' pull two reports keep: the lesser of the fading across the days they
    were sent and across their events' days, which fades faster for two reports that share no
    name (`cast`). A report with no day fades nothing."""
    lives = np.where(cast, healing.event_half_life_days, healing.unnamed_event_half_life_days)
    event = _fade(_days_apart([r.time for r in reports]), lives)
    if healing.half_life_days <= 0:
        return event  # no half-life set: the days they were sent apart fade nothing
    quiet = _fade(_days_apart([r.published for r in reports]), healing.half_life_days)
    return np.minimum(quiet, event)


def _days_apart(days: Sequence[date | None]) -> Matrix:
    """Days between every two of `days`, 0 when either is unknown."""
    ordinals = np.array([d.toordinal() if d else np.nan for d in days], dtype=np.float64)
    apart = np.abs(ordinals[:, None] - ordinals[None, :])
    return np.asarray(np.nan_to_num(apart, nan=0.0), dtype=np.float64)


def _fade(days: Matrix, half_life: float | Matrix) -> Matrix:
    """`accord.stories.fading.fade` of every cell: halves for every half-life."""
    return np.asarray(0.5 ** (days / half_life), dtype=np.float64)


def agglomerate(similarity: Matrix, dated: Sequence[bool], bar: float) -> list[int]:
    """Groups of the reports (a label each, the index of one of its reports), merging the two
    groups of the highest mean similarity first while it reaches the bar of their sizes and
    dating (`join_bars`; `dated`: whether each report was sent on a known day). Every pair's
    mean is kept exact as groups merge (their summed similarities add up), so the groups depend
    on the similarities alone, not on the order of the reports."""
    count = len(similarity)
    total = similarity.copy()
    np.fill_diagonal(total, 0.0)
    size = np.ones(count, dtype=np.float64)
    sent = np.array(dated, dtype=bool)  # whether a group holds a dated report
    alive = np.ones(count, dtype=bool)
    score = np.where(total >= bar, total, -np.inf)
    np.fill_diagonal(score, -np.inf)
    labels = np.arange(count)
    while True:
        i, j = divmod(int(np.argmax(score)), count)
        if score[i, j] == -np.inf:
            break
        i, j = min(i, j), max(i, j)
        total[i] += total[j]
        total[:, i] = total[i]
        total[i, i] = 0.0
        size[i] += size[j]
        sent[i] |= sent[j]
        alive[j] = False
        labels[labels == j] = i
        score[j, :] = score[:, j] = -np.inf
        row = np.full(count, -np.inf)
        others = np.flatnonzero(alive)
        means = total[i, others] / (size[i] * size[others])
        bars = join_bars((size[i], sent[i]), (size[others], sent[others]), bar)
        row[others] = np.where(means >= bars, means, -np.inf)
        row[i] = -np.inf
        score[i, :] = score[:, i] = row
    return [int(label) for label in labels]


def join_bars(
    group: tuple[float, bool], others: tuple[Matrix, npt.NDArray[np.bool_]], bar: float
) -> Matrix:
    """The bar a group (its size, whether it holds a dated report) and each of `others` join at.
    Both dated or both undated, an established group (ESTABLISHED_REPORTS) and a fragment at
    most half its size (FRAGMENT_MAX_REPORTS at most) or another established group join at
    ESTABLISHED_SHARE of the story bar, as healing folds a fragment (`accord.stories.heal`): a
    report's mean similarity to a story falls as the story grows, and an event's reports, grouped
    most alike first, make groups that are less alike across than within. One dated and one
    undated may be two events of one kind years apart: two established groups join at
    ESTABLISHED_PAIR_SHARE of the bar; any other two groups, at the bar."""
    size, dated = group
    sizes, sent = others
    small = np.minimum(size, sizes)
    large = np.maximum(size, sizes)
    alike = sent == dated
    established = large >= ESTABLISHED_REPORTS
    fragment = (small <= FRAGMENT_MAX_REPORTS) & (large >= 2 * small)
    both = small >= ESTABLISHED_REPORTS
    bars = np.where(established & alike & (fragment | both), bar * ESTABLISHED_SHARE, bar)
    return np.asarray(np.where(both & ~alike, bar * ESTABLISHED_PAIR_SHARE, bars))
