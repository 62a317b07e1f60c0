"""`accord load DIR`: store the tables of `accord batch`, then run the store-wide stages.

The reports are stored in input order, batch by batch, through the Ingester that `accord ingest`
uses (keys already taken, near-duplicate links with the bands computed by the batch); their
analyses are then resolved against the store's entities and saved chunk by chunk in the order
`accord.analyze.pipeline.analyze_pending` takes them, so that the store ends as an `accord ingest`
of the same inputs leaves it. Stories and ledgers follow (`accord.workflow.update`), which also
analyses here any report the tables hold no current analysis for.

It needs pyarrow alone, not PySpark or pandas: the store's machine need not have Spark.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from accord import workflow
from accord.analyze.pipeline import ANALYSIS_VERSION, CHUNK, resolve_batch
from accord.analyze.reading import Analysis
from accord.errors import InputError
from accord.ingest.pipeline import BuiltArticle, Ingester, IngestSummary
from accord.model import Article, Claim, Mention, Rejection, Statement, TimeMention
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
        store.analysis.save_many(conn, ANALYSIS_VERSION, [r.found() for r in results])


# ---------------------------------------------------------------- the tables


def read_table(folder: Path, table: str) -> list[dict[str, Any]]:
    """The rows of one table (file, item, doc, n, record), in input order."""
    part = folder / f"table={table}"
    if not part.is_dir():
        return []
    rows: list[dict[str, Any]] = pq.read_table(part).to_pylist()
    return sorted(rows, key=lambda r: (r["file"], r["item"], r["n"]))


@dataclass(slots=True)
class Tables:
    """The tables of one batch folder, as the records `accord load` stores."""

    items: list[BuiltArticle | Rejection]  # in input order
    analyses: dict[str, Analysis]  # by report key: of its first report, the one stored
    versions: dict[str, int]  # the analysis version each report was analysed by


def read_tables(folder: Path) -> Tables:
    if not folder.is_dir():
        raise InputError(str(folder), "no such folder; give the --out folder of `accord batch`")
    placed: list[tuple[int, int, BuiltArticle | Rejection]] = []
    analyses: dict[str, Analysis] = {}
    versions: dict[str, int] = {}
    first: dict[str, tuple[int, int]] = {}  # a key given twice is stored from its first report
    for row in read_table(folder, "reports"):
        data = json.loads(row["record"])
        article = Article.from_dict(data["article"])
        placed.append((row["file"], row["item"], BuiltArticle(article, data["bands"])))
        if first.setdefault(article.key, (row["file"], row["item"])) == (row["file"], row["item"]):
            analyses[article.key] = Analysis(article.key, [], [], [], [])
            versions[article.key] = data["version"]
    for row in read_table(folder, "rejections"):
        placed.append((row["file"], row["item"], Rejection.from_dict(json.loads(row["record"]))))
    for table, kind in (
        ("statements", Statement),
        ("mentions", Mention),
        ("claims", Claim),
        ("times", TimeMention),
    ):
        for row in read_table(folder, table):
            if first.get(row["doc"]) == (row["file"], row["item"]):
                records: list[Any] = getattr(analyses[row["doc"]], table)
                records.append(kind.from_dict(json.loads(row["record"])))
    placed.sort(key=lambda p: (p[0], p[1]))
    return Tables([item for _, _, item in placed], analyses, versions)
