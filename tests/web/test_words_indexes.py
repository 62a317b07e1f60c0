"""The lists' filters of stories, entities, claims and statements read the trigram indexes of the
words they look for (migrations 0013 and 0014) on SQLite, and find what reading the lists' rows
finds; elsewhere they read the rows."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text

from accord.model import Entity, SourceType
from accord.store import Store, schema
from accord.web import queries
from tests.web.conftest import TestClient

PERSON, ORGANISATION = SourceType.PERSON, SourceType.ORGANISATION
ENTITIES = [
    Entity(id="ent:tara-reid", name="Tara Reid", type=PERSON, aliases=("Reid",)),
    Entity(id="ent:reid-hall", name="Reid Hall", type=ORGANISATION),
    Entity(id="ent:sarah-palin", name="Sarah Palin", type=PERSON, aliases=("Palin", "Gov. Palin")),
    Entity(id="ent:o-brien", name="Jim O'Brien", type=PERSON),
]
FILTERS = [
    ["reid"],
    ["tara", "reid"],
    ["REID"],
    ["alin"],
    ["gov. pal"],
    ["o'brien"],
    ["re"],
    ["zqx"],
    # hostile words: markup, SQL, and LIKE's wildcards (read through the rows, not the index)
    ["<script>alert(1)</script>"],
    ["reid'; DROP TABLE entities; --"],
    ["re%d"],
    ["re_d"],
]


def _upsert(store: Store, found: list[Entity]) -> None:
    with store.transaction() as conn:
        store.entities.upsert(conn, found, {})


def _found(store: Store, words: list[str]) -> list[str]:
    entities, _ = queries.entities(store, words, None, 50, None)
    return [e.id for e in entities]


def test_the_filter_finds_what_reading_the_rows_finds(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(store_url) as store:
        _upsert(store, ENTITIES)
        found = [_found(store, words) for words in FILTERS]
        monkeypatch.setattr(queries, "_has_index", lambda store, index: False)
        assert found == [_found(store, words) for words in FILTERS]
    both = ["ent:reid-hall", "ent:tara-reid"]
    palin = ["ent:sarah-palin"]
    expected = [both, ["ent:tara-reid"], both, palin, palin, ["ent:o-brien"], both, []]
    assert found == [*expected, [], [], [], []]


def _indexed(store: Store) -> list[tuple[int, str]]:
    with store.read() as conn:
        rows = conn.execute(
            text(f"SELECT rowid, words FROM {schema.ENTITY_WORDS.name} ORDER BY rowid")
        )
        return [(int(rowid), words) for rowid, words in rows]


def test_the_index_follows_the_entities_as_they_change(tmp_path: Path) -> None:
    with Store(tmp_path / "accord.db") as store:
        _upsert(store, ENTITIES)
        assert len(_indexed(store)) == len(ENTITIES)
        _upsert(
            store, [Entity(id="ent:tara-reid", name="Tara Reid", type=PERSON, aliases=("Tara",))]
        )
        assert _found(store, ["reid"]) == ["ent:reid-hall", "ent:tara-reid"]  # by its name
        _upsert(store, [Entity(id="ent:tara-reid", name="T. Rae", type=PERSON)])
        assert _found(store, ["reid"]) == ["ent:reid-hall"]
        with store.transaction() as conn:
            store.entities.merge(conn, {"ent:reid-hall": "ent:tara-reid"})
        assert _found(store, ["reid"]) == []
        assert [w for _, w in _indexed(store)] == ["T. Rae []",
                                                   "Sarah Palin [\"Palin\",\"Gov. Palin\"]",
                                                   "Jim O'Brien []"]  # fmt: skip


def test_an_entity_mentioned_again_keeps_its_words_row(tmp_path: Path) -> None:
    """A stored entity met again in a report changes its count of mentions, not its words: its
    row is updated in place, and the index's update trigger leaves its words as they were."""
    with Store(tmp_path / "accord.db") as store:
        _upsert(store, ENTITIES)
        before = _indexed(store)
        with store.transaction() as conn:
            conn.exec_driver_sql("CREATE TEMP TABLE gone (id TEXT)")
            conn.exec_driver_sql(
                "CREATE TEMP TRIGGER note_gone AFTER DELETE ON main.entities "
                "BEGIN INSERT INTO gone VALUES (old.id); END"
            )
            store.entities.upsert(conn, [replace(ENTITIES[2], mentions=7)], {})
            gone = list(conn.exec_driver_sql("SELECT id FROM gone").scalars())
            conn.exec_driver_sql("DROP TRIGGER temp.note_gone")
        assert gone == []
        assert _indexed(store) == before
        assert store.entities.get("ent:sarah-palin") == replace(ENTITIES[2], mentions=7)


def test_a_filter_reads_the_index_not_the_rows(tmp_path: Path) -> None:
    with Store(tmp_path / "accord.db") as store:
        _upsert(store, ENTITIES)
        ran: list[tuple[str, Any]] = []

        def record(*args: Any) -> None:
            if args[2].lstrip().startswith("SELECT entities.name"):
                ran.append((args[2], args[3]))

        event.listen(store.engine, "before_cursor_execute", record)
        try:
            _found(store, ["palin"])
        finally:
            event.remove(store.engine, "before_cursor_execute", record)
        ((statement, parameters),) = ran
        with store.read() as conn:
            rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            plan = [str(row[-1]) for row in rows]
    assert any(f"{schema.ENTITY_WORDS.name} VIRTUAL TABLE INDEX 0:L" in p for p in plan), plan


SOURCES = ["fire brigade", "brigade", "Quill", "quil", "qu", "zqxjv", "the mayor"]


@pytest.mark.parametrize("path", ["/api/claims", "/api/statements"])
def test_a_source_filter_finds_what_reading_the_rows_finds(
    client: TestClient, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def found() -> list[list[str]]:
        pages = [client.get(path, params={"source": s}).json() for s in SOURCES]
        return [
            sorted(json.dumps(item, sort_keys=True) for item in page["items"]) for page in pages
        ]

    indexed = found()
    assert any(indexed) and not all(indexed)
    monkeypatch.setattr(queries, "_has_index", lambda store, index: False)
    assert indexed == found()


STORY_WORDS = [
    "harbour",
    "Port Elsin",
    "HERALD",
    "lantern",
    "s2",
    "tarn",
    "vo",
    "zqxjv",
    "<b>",
    "s%",
]


@pytest.mark.parametrize("path", ["/api/stories", "/"])
def test_the_stories_filter_finds_what_reading_the_rows_finds(
    client: TestClient, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def found() -> list[str]:
        return [client.get(path, params={"q": words}).text for words in STORY_WORDS]

    indexed = found()
    monkeypatch.setattr(queries, "_has_index", lambda store, index: False)
    assert indexed == found()
    if path == "/api/stories":
        ids = [[story["id"] for story in json.loads(page)["items"]] for page in indexed]
        assert ids == [["s1"], ["s1"], ["s1"], ["s1"], ["s2"], ["s2"], ["s2"], [], [], []]
