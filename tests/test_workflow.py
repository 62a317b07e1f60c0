"""`accord ingest` as a pipeline (the workers analyse while the main process stores, saves and
places) ends with the store that running the stages one after another gives."""

from __future__ import annotations

import json
from copy import deepcopy
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from spacy.tokens import Doc

from accord import workflow
from accord.analyze import pipeline, reading
from accord.ingest import pipeline as ingest_pipeline
from accord.ingest.pipeline import Ingester, raw_documents
from accord.model import Article, Claim, Mention, SourceType, Statement, Story, TimeMention
from accord.reconcile import Ledger
from accord.settings import load_settings
from accord.store import Store
from tests.conftest import shared_path

REPORTS = 36


def _reports(folder: Path) -> Path:
    """The first REPORTS reports of ECB+ topics 1 and 2: two stories, several events each."""
    lines = shared_path("corpora", "ecbplus", "articles.jsonl").read_text("utf-8").splitlines()
    kept = [x for x in lines if json.loads(x)["id"].split("_", 1)[0] in {"1", "2"}][:REPORTS]
    path = folder / "reports.jsonl"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return path


def _state(store: Store) -> list[tuple[str, ...]]:
    return sorted(
        [("m", m.doc, m.story, m.event) for m in store.stories.memberships()]
        + [
            ("c", c.id, c.group or "", c.source or "", str(c.value))
            for c in store.analysis.claims()
        ]
        + [("g", g.id, g.verdict) for g in store.ledger.groups()]
        + [("e", e.name) for e in store.entities.all()]
    )


def test_a_pipelined_ingest_ends_as_the_stages_one_after_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _reports(tmp_path)
    monkeypatch.setattr(pipeline, "CHUNK", 4)
    monkeypatch.setattr(ingest_pipeline, "BATCH", 6)  # batches that do not fall on chunks
    settings = load_settings(hermetic=True)
    with Store(tmp_path / "stages.db") as stages:
        Ingester(stages, settings).run(raw_documents([str(path)], settings))
        workflow.update(stages, settings)
        expected = _state(stages)
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 1)
    monkeypatch.setattr(workflow, "PARALLEL_LEDGERS_FROM", 1)  # the ledgers built by workers too
    settings = load_settings({"processes": 2}, hermetic=True)
    with Store(tmp_path / "pipelined.db") as piped:
        result = workflow.ingest(piped, [str(path)], settings)
        assert len(result.analysed) == len(result.summary.ingested) == REPORTS
        assert piped.articles.unplaced() == []
        assert _state(piped) == expected
    assert len({row[2] for row in expected if row[0] == "m"}) > 1


@pytest.mark.parametrize("where", ["file", "memory"])
def test_ledgers_built_by_workers_are_those_built_here(
    where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers read a story's records from the store opened anew, or from this process when the
    store is its memory: either way, the ledgers built here."""
    settings = load_settings({"processes": 1}, hermetic=True)
    with Store(tmp_path / "s.db" if where == "file" else ":memory:") as store:
        Ingester(store, settings).run(raw_documents([str(_reports(tmp_path))], settings))
        workflow.update(store, settings)
        stories = [s.id for s in store.stories.all()]
        here = [workflow._records(store, story).rebuilt(settings) for story in stories]
        monkeypatch.setattr(workflow, "PARALLEL_LEDGERS_FROM", 1)
        parallel = load_settings({"processes": 2}, hermetic=True)
        assert list(workflow._ledgers(store, stories, parallel)) == here


def test_a_ledger_built_again_writes_only_the_claims_and_dates_it_changed_and_changes_none_read(
    tmp_path: Path,
) -> None:
    settings = load_settings({"processes": 1}, hermetic=True)
    with Store(tmp_path / "s.db") as store:
        Ingester(store, settings).run(raw_documents([str(_reports(tmp_path))], settings))
        workflow.update(store, settings)
        stories = [s.id for s in store.stories.all()]
        again = [workflow._records(store, story).rebuilt(settings) for story in stories]
        assert all(r.changed_claims == [] and r.redated_articles == [] for r in again)
        rebuilt = next(r for r in again if any(a.published_inferred for a in r.ledger.articles))
        dated = next(a for a in rebuilt.ledger.articles if a.published_inferred)
        grouped = next(c for c in rebuilt.ledger.claims if c.group is not None)
        with store.transaction() as conn:  # as a store left by an older ledger would hold them
            store.articles.update_many(conn, [replace(dated, published=None)])
            store.analysis.update_claims(conn, [replace(grouped, group=None)])
        story = rebuilt.ledger.story.id
        records = workflow._records(store, story)
        read = deepcopy((records.claims, records.times, records.articles))
        changed = records.rebuilt(settings)
        # the records the store keeps and shares with the ledger stay as the store holds them
        assert (records.claims, records.times, records.articles) == read
        kept = store.analysis.claims([grouped.doc], shared=True)[0]
        assert any(c is kept for c in records.claims)
        own_date = next(a for a in records.articles if not a.published_inferred)
        assert store.articles.all([own_date.key], shared=True)[0] is own_date
        assert store.articles.all([own_date.key])[0] is not own_date
        assert [c.id for c in changed.changed_claims] == [grouped.id]
        assert [a.key for a in changed.redated_articles] == [dated.key]
        assert changed.redated_articles[0].published == dated.published


def test_keys_are_chunked_alike_whether_they_arrive_at_once_or_in_batches() -> None:
    keys = [f"k{n}" for n in range(11)]
    at_once = list(pipeline._rechunked([keys], 4))
    assert at_once == [keys[:4], keys[4:8], keys[8:]]
    assert list(pipeline._rechunked([keys[:3], [], keys[3:9], keys[9:]], 4)) == at_once


def test_features_of_analyses_at_hand_are_those_read_back(store: Store) -> None:
    """Placing a chunk just saved takes its analyses from memory: in the order a read gives
    (claims by their text ids, "f1#10" before "f1#2"), so that the features are the same."""
    article = Article(key="f1", text="Twelve figures were reported in Keldmoor on Tuesday.")
    claims = [Claim("f1", float(n), 0, 6, article.text, 0, 50) for n in range(12)]
    mentions = [
        Mention("f1", "f1:0", "Keldmoor", 32, 40),
        Mention("f1", "f1:1", "it", 0, 2),
        Mention("f1", "f1:2", "Varn", 0, 4, type=SourceType.PERSON),
    ]
    times = [TimeMention("f1", "on Tuesday", 41, 51, 0, 52, "2031-03-04", True)]
    spokesman = Statement(
        "f1", "Twelve figures", 0, 14, 0, 52,
        source_span="Officer Keld Varn, a spokesman", source="Keld Varn",
        source_type=SourceType.PERSON,
    )  # fmt: skip
    found = ("f1", [spokesman], claims, mentions, times)
    with store.transaction() as conn:
        store.articles.insert(conn, [article])
        store.analysis.save_many(conn, 1, [found])
    articles = store.articles.all()
    (read,) = workflow.stored_features(store, articles)
    (held,) = workflow.stored_features(store, articles, {"f1": found})
    assert held == read
    assert list(held.counts) == list(read.counts)  # the same order too: it is stored as JSON
    assert "l:varn" in held.counts  # the spokesman's name, read from his statement


def test_a_report_the_rules_fail_on_in_a_worker_is_refused_and_the_ingest_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _reports(tmp_path)
    faulty = json.loads(path.read_text("utf-8").splitlines()[5])["id"]
    read = reading.find_statements

    def failing_on_one(doc: Doc, key: str) -> tuple[list[Statement], list[Mention]]:
        if key == faulty:
            raise IndexError("a fault met in this report")
        return read(doc, key)

    monkeypatch.setattr(reading, "find_statements", failing_on_one)
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 1)
    settings = load_settings({"processes": 2}, hermetic=True)
    with Store(tmp_path / "faulty.db") as store:
        result = workflow.ingest(store, [str(path)], settings)
        assert [r.source for r in result.summary.rejected] == [faulty]
        assert "IndexError" in result.summary.rejected[0].reason
        assert len(result.summary.ingested) == REPORTS
        placed = {m.doc for m in store.stories.memberships()}
        assert len(placed) == REPORTS  # the faulty report too, by what it has: its words


@pytest.mark.parametrize("processes", [1, 2])
def test_a_report_the_rules_never_finish_is_refused_and_the_ingest_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, processes: int
) -> None:
    """A rule that never returns on one report (a loop over a parse it was not written for)
    costs that report, in the workers and in the command line's own process alike."""
    path = _reports(tmp_path)
    endless = json.loads(path.read_text("utf-8").splitlines()[5])["id"]
    read = reading.find_statements

    def never_ending_on_one(doc: Doc, key: str) -> tuple[list[Statement], list[Mention]]:
        while key == endless:
            pass
        return read(doc, key)

    monkeypatch.setattr(reading, "find_statements", never_ending_on_one)
    monkeypatch.setattr(reading, "RULES_SECONDS", 0.5)
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 1)
    settings = load_settings({"processes": processes}, hermetic=True)
    with Store(tmp_path / "endless.db") as store:
        result = workflow.ingest(store, [str(path)], settings)
        assert [r.source for r in result.summary.rejected] == [endless]
        assert "RulesTimeout" in result.summary.rejected[0].reason
        assert len(result.summary.ingested) == REPORTS


@pytest.mark.parametrize("processes", [1, 2])
def test_a_story_whose_ledger_fails_stays_stale_and_the_others_are_reconciled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, processes: int
) -> None:
    path = _reports(tmp_path)
    build = workflow.build_ledger

    def failing_on_one(story: Story, *args: Any) -> Ledger:
        if story.id == "s1":  # in the workers too, which have their own memory
            raise KeyError("a fault met in this story")
        return build(story, *args)

    monkeypatch.setattr(workflow, "build_ledger", failing_on_one)
    monkeypatch.setattr(workflow, "PARALLEL_LEDGERS_FROM", 1)
    settings = load_settings({"processes": processes}, hermetic=True)
    with Store(tmp_path / "faulty.db") as store:
        result = workflow.ingest(store, [str(path)], settings)
        stories = {m.story for m in store.stories.memberships()}
        assert len(stories) > 1
        assert store.stories.stale() == ["s1"]
        assert sorted(result.stories) == sorted(stories - {"s1"})
