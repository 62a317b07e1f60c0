"""The per-report stages of `accord batch` as functions from pandas frames to pandas frames.

Engine-free: Spark runs them in `mapInPandas`, the tests call them on frames of their own, and
`run_local` chains them in this process. Each output row is one record of one table, in the long
form `TABLE_COLUMNS`: the table's name, the report's place in the input (`file`, `item`: the order
`accord ingest` would read it in), the report's key, the record's place in its report (`n`) and
the record itself as the JSON of its `to_dict` (so that `from_dict` gives it back exactly).

Tables: `reports` (the article and its near-duplicate band hashes), `statements`, `mentions`
(report-local entity mentions; entities are resolved across the store by `accord load`),
`claims`, `times`, and `rejections` (inputs refused, with the reason).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from accord.analyze.pipeline import ANALYSIS_VERSION
from accord.analyze.reading import analyze_articles
from accord.errors import InputError
from accord.ingest.dedup import band_hashes, shingles
from accord.ingest.pipeline import build_capped
from accord.ingest.sources import RawDocument, read_file, walk
from accord.ingest.warc import is_warc, read_warc
from accord.model import Article, Rejection

FILE_COLUMNS = {"file": "int64", "path": "object"}
RAW_COLUMNS = {"file": "int64", "item": "int64", "raw": "object"}
TABLE_COLUMNS = {
    "table": "object",
    "file": "int64",
    "item": "int64",
    "doc": "object",
    "n": "int64",
    "record": "object",
}
# The same columns as Spark DDL, for mapInPandas.
RAW_SCHEMA = "file long, item long, raw string"
TABLE_SCHEMA = "table string, file long, item long, doc string, n long, record string"
TABLES = ("reports", "statements", "mentions", "claims", "times", "rejections")


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """The settings the per-report stages need, small and picklable for the executors."""

    max_article_bytes: int
    dedup_shingle: int


def input_files(inputs: Iterable[str]) -> list[Path]:
    """The files of the inputs in the order `accord ingest` reads them; a missing input stops the
    job before it starts (a cluster's hour is dear)."""
    files: list[Path] = []
    for found in walk(list(inputs)):
        if isinstance(found, Rejection):
            raise InputError(found.source, found.reason)
        files.append(found.resolve())
    return files


def _frame(rows: list[tuple[Any, ...]], columns: dict[str, str]) -> pd.DataFrame:
    """A frame with the given columns and dtypes, also when it has no row."""
    data: list[tuple[Any, ...]] = list(zip(*rows, strict=True)) if rows else [() for _ in columns]
    return pd.DataFrame(
        {
            name: pd.Series(values, dtype=dtype)
            for (name, dtype), values in zip(columns.items(), data, strict=True)
        }
    )


def read_files(frames: Iterator[pd.DataFrame], max_bytes: int) -> Iterator[pd.DataFrame]:
    """Files (`file`, `path`) to their raw documents and refusals (`file`, `item`, `raw`)."""
    for frame in frames:
        rows: list[tuple[int, int, str]] = []
        for file_no, path in zip(frame["file"], frame["path"], strict=True):
            found = Path(path)
            reader = read_warc if is_warc(found) else read_file
            for item_no, item in enumerate(reader(found, max_bytes)):
                rows.append((int(file_no), item_no, _encode_raw(item)))
        yield _frame(rows, RAW_COLUMNS)


def _encode_raw(item: RawDocument | Rejection) -> str:
    if isinstance(item, Rejection):
        return json.dumps({"rejection": item.to_dict()}, ensure_ascii=False)
    return json.dumps(
        {
            "key": item.key,
            "origin": item.origin,
            "kind": item.kind,
            "content": item.content,
            "record": item.record,
            "url": item.url,
        },
        ensure_ascii=False,
    )


def _decode_raw(raw: str) -> RawDocument | Rejection:
    data = json.loads(raw)
    if "rejection" in data:
        return Rejection.from_dict(data["rejection"])
    return RawDocument(**data)


def analyse(frames: Iterator[pd.DataFrame], options: BatchOptions) -> Iterator[pd.DataFrame]:
    """Raw documents to table rows: build (extract, clean, metadata, language), sign (MinHash
    bands) and analyse each report. The spaCy model is loaded once per process
    (`accord.analyze.nlp.load_nlp` is cached), not per record or per partition."""
    for frame in frames:
        rows: list[tuple[str, int, int, str, int, str]] = []
        built: list[tuple[int, int, Article]] = []
        for file_no, item_no, raw in zip(frame["file"], frame["item"], frame["raw"], strict=True):
            place = (int(file_no), int(item_no))
            raw_item = _decode_raw(raw)
            item = (
                build_capped(raw_item, options.max_article_bytes)
                if isinstance(raw_item, RawDocument)
                else raw_item
            )
            if isinstance(item, Rejection):
                rows.append(("rejections", *place, "", 0, _json(item.to_dict())))
            else:
                built.append((*place, item))
        analyses = analyze_articles([a for _, _, a in built]) if built else []
        for (file_no, item_no, article), analysis in zip(built, analyses, strict=True):
            bands = band_hashes(shingles(article.text, options.dedup_shingle))
            report = {"article": article.to_dict(), "bands": bands, "version": ANALYSIS_VERSION}
            rows.append(("reports", file_no, item_no, article.key, 0, _json(report)))
            if analysis.failure:
                refused = Rejection(article.key, analysis.failure)
                rows.append(("rejections", file_no, item_no, "", 0, _json(refused.to_dict())))
            for table, records in (
                ("statements", analysis.statements),
                ("mentions", analysis.mentions),
                ("claims", analysis.claims),
                ("times", analysis.times),
            ):
                rows += [
                    (table, file_no, item_no, article.key, n, _json(r.to_dict()))
                    for n, r in enumerate(records)
                ]
        yield _frame(rows, TABLE_COLUMNS)


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False)


# ---------------------------------------------------------------- the tables on disk


def write_tables(frames: Iterable[pd.DataFrame], out: Path) -> dict[str, int]:
    """Write table rows as Spark does: a Parquet dataset partitioned by table (`table=claims/`).
    Returns the rows of each table."""
    counts = dict.fromkeys(TABLES, 0)
    for frame in frames:
        if frame.empty:
            continue
        pq.write_to_dataset(pa.Table.from_pandas(frame, preserve_index=False), out, ["table"])
        for table, n in frame["table"].value_counts().items():
            counts[str(table)] += int(n)
    return counts


def run_local(inputs: Iterable[str], out: Path, options: BatchOptions) -> dict[str, int]:
    """The stages of `accord batch` in this process, without Spark: the same tables."""
    files = _frame([(n, str(p)) for n, p in enumerate(input_files(inputs))], FILE_COLUMNS)
    return write_tables(analyse(read_files(iter([files]), options.max_article_bytes), options), out)
