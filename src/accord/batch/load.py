"""`accord load DIR`: store the tables of `accord batch`, then run the store-wide stages.

The reports are stored in input order, batch by batch, through the Ingester that `accord ingest`
uses (keys already taken, near-duplicate links with the bands computed by the batch); their
analyses are then resolved against the store's entities and saved chunk by chunk in the order
`accord.analyze.pipeline.analyze_pending` takes them, so that the store ends as an `accord ingest`
of the same inputs leaves it. Stories and ledgers follow (`accord.workflow.update`), which also
analyses here any report the tables hold no current analysis for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from accord import workflow
from accord.analyze.pipeline import ANALYSIS_VERSION, CHUNK, Analysis, resolve_batch
from accord.batch.partition import read_tables
from accord.ingest.pipeline import Ingester, IngestSummary
from accord.settings import Settings
from accord.store import Store


@dataclass(slots=True)
class LoadResult:
    summary: IngestSummary
    from_tables: int = 0  # analyses taken from the tables
    analysed: list[str] = field(default_factory=list)  # reports analysed here instead
    stories: list[str] = field(default_factory=list)


def load(
    store: Store,
    folder: Path,
    settings: Settings,
    progress: workflow.ProgressHook | None = None,
) -> LoadResult:
    tables = read_tables(folder)
    summary = Ingester(store, settings).run_built(tables.items)
    stored = set(summary.ingested)
    ready = [
        key
        for key in store.analysis.pending(ANALYSIS_VERSION)
        if key in stored and tables.versions.get(key) == ANALYSIS_VERSION
    ]
    for start in range(0, len(ready), CHUNK):
        save_analyses(store, [tables.analyses[key] for key in ready[start : start + CHUNK]])
        if progress:
            progress("storing analyses", min(start + CHUNK, len(ready)), len(ready))
    analysed, stories = workflow.update(store, settings, progress)
    return LoadResult(summary, len(ready), analysed, stories)


def save_analyses(store: Store, results: list[Analysis]) -> None:
    """Resolve one chunk's entities against the store's and save its analyses, as
    `analyze_pending` does with the analyses it makes."""
    resolve_batch(store, results)
    with store.transaction() as conn:
        for r in results:
            store.analysis.save(
                conn, r.doc, ANALYSIS_VERSION, r.statements, r.claims, r.mentions, r.times
            )
