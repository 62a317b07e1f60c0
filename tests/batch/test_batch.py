"""`accord batch` then `accord load` give the store an `accord ingest` of the same inputs gives:
the same reports, analyses (statements, mentions, claims, times of every report), entities,
stories and ledgers. The per-report stages are checked without a JVM through their pandas
functions; one test runs them on Spark in local mode (marked `spark`)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from accord import workflow
from accord.batch.load import load, read_tables
from accord.batch.partition import FILE_COLUMNS, BatchOptions, analyse, read_files, run_local
from accord.settings import load_settings
from accord.store import Store
from tests.conftest import absent, run_accord
from tests.ingest.test_warc import write_crawl

DEMO = Path(__file__).resolve().parents[2] / "demo" / "corpus"
OPTIONS = BatchOptions(max_article_bytes=5_000_000, dedup_shingle=3)


def write_inputs(folder: Path) -> list[str]:
    """A folder of text reports (one story with disputed figures), a JSONL file with a bad line
    and a repeated record, and a WARC crawl of HTML pages (another story)."""
    shutil.copytree(DEMO, folder / "demo")
    lines = [
        {
            "id": "wire-1",
            "title": "Ferry strike ends",
            "text": "The ferry strike in Oskarhamn "
            "ended on Friday after 9 days, the union said. About 4,000 passengers a day were hit.",
        },
        {
            "id": "wire-1",
            "title": "Ferry strike ends",
            "text": "The ferry strike in Oskarhamn "
            "ended on Friday after 9 days, the union said. About 4,000 passengers a day were hit.",
        },
        "{not json",
        {
            "id": "wire-2",
            "text": "Ferry crews return to work in Oskarhamn after a 9-day strike, "
            "the operator said on Saturday, adding that 12 crossings were cancelled.",
        },
    ]
    jsonl = folder / "wire.jsonl"
    jsonl.write_text(
        "".join((json.dumps(x) if isinstance(x, dict) else x) + "\n" for x in lines),
        encoding="utf-8",
    )
    (folder / "crawl").mkdir()
    pages, records = write_crawl(folder / "crawl")
    shutil.rmtree(pages)
    (folder / "crawl" / "news.warc").write_bytes(b"".join(records))
    return [str(folder / "demo"), str(jsonl), str(folder / "crawl")]


def snapshot(store: Store) -> dict[str, Any]:
    """Everything the store holds that a reader sees, less the times of writing."""
    keys = [a.key for a in store.articles.all()]
    per_report = {
        key: {
            kind: [r.to_dict() for r in getattr(store.analysis, kind)([key])]
            for kind in ("statements", "mentions", "claims", "times")
        }
        for key in keys
    }
    stories = [
        {**s.to_dict(), "created": "", "updated": "", "reconciled": bool(s.reconciled)}
        for s in store.stories.all()
    ]
    return {
        "articles": [a.to_dict() for a in store.articles.all()],
        "analysis": per_report,
        "entities": [e.to_dict() for e in store.entities.all()],
        "stories": stories,
        "memberships": [m.to_dict() for m in store.stories.memberships()],
        "groups": [g.to_dict() for g in store.ledger.groups()],
        "timeline": [t.to_dict() for t in store.ledger.timeline()],
        "rejections": sorted((r.source, r.reason) for r in store.articles.rejections()),
    }


def ingested(url: str, inputs: list[str]) -> dict[str, Any]:
    with Store(url) as store:
        workflow.ingest(store, inputs, load_settings())
        return snapshot(store)


def loaded(url: str, folder: Path) -> dict[str, Any]:
    with Store(url) as store:
        result = load(store, folder, load_settings())
        assert result.analysed == []  # every analysis came from the tables
        return snapshot(store)


def test_the_partition_functions_run_on_frames_without_an_engine(tmp_path: Path) -> None:
    inputs = write_inputs(tmp_path)
    files = pd.DataFrame(
        {
            "file": pd.Series([0, 1], dtype=FILE_COLUMNS["file"]),
            "path": [inputs[1], inputs[2] + "/news.warc"],
        }
    )
    raw = list(read_files(iter([files.iloc[:1], files.iloc[1:]]), OPTIONS.max_article_bytes))
    assert [len(f) for f in raw] == [4, 3]  # four lines; three pages (other records skipped)
    rows = pd.concat(list(analyse(iter(raw), OPTIONS)))
    assert set(rows["table"]) == {
        "reports",
        "rejections",
        "statements",
        "mentions",
        "claims",
        "times",
    }
    reports = rows[rows["table"] == "reports"]
    assert list(reports["doc"]) == ["wire-1", "wire-1", "wire-2"] + [
        f"https://news.example.org/world/{n}" for n in ("levee", "toll", "cafe")
    ]
    claims = rows[(rows["table"] == "claims") & (rows["doc"] == "wire-2")]
    # the strike's days and the crossings cancelled
    assert sorted(json.loads(r)["value"] for r in claims["record"]) == [9.0, 12.0]
    # An empty partition (more partitions than documents) gives an empty frame of the same columns.
    empty = next(analyse(iter([raw[0].iloc[:0]]), OPTIONS))
    assert empty.empty and list(empty.columns) == list(rows.columns)


def test_load_of_the_batch_tables_ends_as_ingest_does(tmp_path: Path, store_url: str) -> None:
    inputs = write_inputs(tmp_path / "in")
    counts = run_local(inputs, tmp_path / "tables", OPTIONS)
    assert counts["reports"] == 7 + 3 + 3 and counts["rejections"] == 1
    tables = read_tables(tmp_path / "tables")
    assert len(tables.items) == 14 and len(tables.analyses) == 12
    expected = ingested(str(tmp_path / "ingest.db"), inputs)
    assert loaded(store_url, tmp_path / "tables") == expected
    assert expected["groups"] and len(expected["stories"]) >= 2


def test_load_again_adds_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inputs = write_inputs(tmp_path / "in")
    run_local(inputs, tmp_path / "tables", OPTIONS)
    db = str(tmp_path / "a.db")
    code, said = run_accord(capsys, "--db", db, "load", str(tmp_path / "tables"))
    assert code == 1 and "stored 12" in " ".join(said.split()) and "{not json" not in said
    code, said = run_accord(capsys, "--db", db, "load", str(tmp_path / "tables"))
    assert "stored 0, already present 13" in " ".join(said.split())
    assert run_accord(capsys, "--db", db, "check")[0] == 0


@pytest.mark.spark
@pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::ResourceWarning")
def test_batch_on_spark_then_load_ends_as_ingest_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if shutil.which("java") is None:
        absent("no java on PATH: Spark needs Java 17 (apt-get install openjdk-17-jre-headless)")
    inputs = write_inputs(tmp_path / "in")
    out = tmp_path / "tables"
    code, said = run_accord(
        capsys, "batch", *inputs, "--out", str(out), "--master", "local[2]", "--partitions", "3"
    )
    said = " ".join(said.split())
    assert code == 0, said
    assert "13 reports" in said and "1 rejections" in said
    db = str(tmp_path / "spark.db")
    assert run_accord(capsys, "--db", db, "load", str(out))[0] == 1  # the bad JSONL line
    with Store(db) as store:
        from_spark = snapshot(store)
    assert from_spark == ingested(str(tmp_path / "ingest.db"), inputs)


def test_load_of_a_missing_folder_says_what_to_give(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, said = run_accord(capsys, "--db", str(tmp_path / "a.db"), "load", str(tmp_path / "no"))
    assert code == 1 and "--out folder of `accord batch`" in " ".join(said.split())
