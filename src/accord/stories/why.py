"""Why a report is in its story: what it shares with the story's other reports.

Read from the stories index, as the clusterer compared them: a report's TF-IDF vector against the
sum of the other members' (the story's centroid less the report), term by term, so that the
similarity shown is the mean cosine to the others that placed it, split into the names, places,
figures and words that make it up, with the day its event happened on when others share it; and
the merges, splits and moves accord made of the story on its own (`accord.stories.heal`,
`accord.stories.separate`, `accord.stories.regroup`), with their reasons.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from accord.reconcile.intervals import format_number
from accord.store import Store
from accord.stories.features import NAMED
from accord.stories.groups import load_story
from accord.stories.heal import HEALER
from accord.stories.index import IndexedReport

SHOWN = 3  # features shown per kind
# The prefixes of each kind's features (accord.stories.features): the event's names and the local
# ones (of places and public bodies) are names; the dateline's place is the place.
KINDS = {"names": NAMED, "places": ("p:",), "figures": ("n:",), "words": ("w:",)}


@dataclass(frozen=True, slots=True)
class Tie:
    """What ties one report to the rest of its story."""

    doc: str
    event: str
    similarity: float  # mean cosine to the story's other reports
    shared: dict[str, tuple[str, ...]]  # kind (of KINDS) -> its strongest shared features
    same_day: str | None = None  # the report's event day, when another report of it has it
    pinned: bool = False  # placed by an analyst's correction, whatever the evidence


def ties(store: Store, story: str) -> list[Tie]:
    """One Tie per report of `story`, the most tied first."""
    with store.read() as conn:
        state = load_story(store, conn, story)
        rows = store.story_index.doc_rows(conn, story)
    if state is None:
        return []
    centroid = state.centroid
    found = []
    for report in map(IndexedReport.from_row, rows):
        others = centroid.size - 1
        shared = {
            term: weight * (centroid.sparse.get(term, 0.0) - weight) / others
            for term, weight in report.vector.items()
            if others > 0 and centroid.sparse.get(term, 0.0) - weight > 1e-9
        }
        day = report.time.isoformat() if report.time else None
        found.append(
            Tie(
                doc=report.doc,
                event=report.event,
                similarity=round(sum(shared.values()), 3),
                shared=_strongest(shared),
                same_day=day if day and centroid.days.get(day, 0) > 1 else None,
                pinned=report.pinned,
            )
        )
    return sorted(found, key=lambda t: (-t.similarity, t.doc))


def _strongest(shared: dict[str, float]) -> dict[str, tuple[str, ...]]:
    """The strongest shared features of each kind; a word of a shared name or place is shown
    with it, not again among the words."""
    ranked = sorted(shared, key=lambda t: (-shared[t], t))
    strongest = {
        kind: tuple(t.partition(":")[2] for t in ranked if t.startswith(prefixes))
        for kind, prefixes in KINDS.items()
    }
    named = {w for kind in ("names", "places") for n in strongest[kind] for w in n.split()}
    strongest["words"] = tuple(w for w in strongest["words"] if w not in named)
    strongest["figures"] = tuple(map(figure_shown, strongest["figures"]))
    return {kind: features[:SHOWN] for kind, features in strongest.items()}


def figure_shown(feature: str) -> str:
    """A figure feature as a reader writes the figure: its key keeps six significant digits in
    Python's short form ("1e+06 usd", "2.5e+06"), shown "1 million usd", "2.5 million"; and
    "1200 people" as "1,200 people"."""
    number, _, unit = feature.partition(" ")
    try:
        value = float(number)
    except ValueError:
        return feature
    for scale, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= scale:
            return f"{value / scale:g} {word} {unit}".strip()
    return f"{format_number(value)} {unit}".strip()


def healing(store: Store, story: str) -> list[dict[str, Any]]:
    """The automatic merges, splits and moves into or out of `story`, oldest first, each as the
    corrections log holds it (when, action, the stories and reports moved, the reason)."""
    return store.corrections.moving(HEALER, story)
