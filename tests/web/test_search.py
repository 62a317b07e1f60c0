"""Full-text search: FTS5 kept in step with the store by each ingest and lazily, PostgreSQL's own on
PostgreSQL, LIKE where neither is there."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from accord.model import Article
from accord.settings import load_settings
from accord.store import Store
from accord.web import search
from accord.workflow import ingest


def terms(store: Store, query: str) -> set[str]:
    return {h.article.key for h in search.search(store, query).hits}


def full_text(store: Store) -> str:
    return "fts5" if store.engine.dialect.name == "sqlite" else "postgresql"


def test_fts_finds_every_word_and_indexes_new_reports_lazily(store: Store) -> None:
    assert search.search_engine(store) == full_text(store)
    assert terms(store, "fire brigade") == {"r1", "r2", "r3"}
    assert terms(store, "Tarnwick") == {"b1"}
    with store.transaction() as conn:
        store.articles.insert(conn, [Article("n1", "A later brigade report.", content_hash="n")])
    assert terms(store, "brigade") == {"r1", "r2", "r3", "n1"}


def test_query_syntax_is_taken_as_words(store: Store) -> None:
    assert terms(store, 'brigade" OR NEAR(') == set()
    assert terms(store, "*") == set()
    assert search.search(store, "brigade AND").engine == full_text(store)


def test_snippets_escape_the_text_and_mark_matches(store: Store) -> None:
    hit = search.search(store, "alert").hits[0]
    assert "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;" in hit.snippet


def test_like_fallback_without_a_full_text_index(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "search_engine", lambda _store: "like")
    results = search.search(store, "brigade port")
    assert results.engine == "like" and results.next is None
    assert {h.article.key for h in results.hits} == {"r1", "r2", "r3"}
    assert "<mark>brigade</mark>" in results.hits[0].snippet
    assert search.search(store, "re_idents").hits == []  # "_" is not a wildcard


def test_pages_of_results(store: Store) -> None:
    first = search.search(store, "brigade", limit=2)
    rest = search.search(store, "brigade", limit=2, cursor=first.next)
    assert len(first.hits) == 2 and len(rest.hits) == 1 and rest.next is None
    back = search.search(store, "brigade", limit=2, cursor=rest.previous)
    assert [h.article.key for h in back.hits] == [h.article.key for h in first.hits]
    keys = {h.article.key for h in first.hits + rest.hits}
    assert keys == {"r1", "r2", "r3"}


def test_an_ingest_leaves_the_full_text_index_in_step(tmp_path: Path) -> None:
    """The reports an ingest stored are in the index when it ends: the first search after a
    large ingest does not index them all."""
    (tmp_path / "a.txt").write_text("The brigade reached the harbour fire at dawn.\n")
    (tmp_path / "b.txt").write_text("Tarnwick council met to discuss the budget.\n")
    with Store(tmp_path / "accord.db") as store:
        ingest(
            store, [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], load_settings(hermetic=True)
        )
        with store.read() as conn:
            indexed = conn.execute(text("SELECT count(*) FROM articles_fts")).scalar()
        assert indexed == store.articles.count() == 2
