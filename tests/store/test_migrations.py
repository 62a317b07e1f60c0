"""Store migrations bring a store written by an earlier release to the current layout."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Connection, delete, select, text

from accord.check import check_store
from accord.model import Article, Entity, Membership, SourceType, Story
from accord.store import Store, schema
from accord.web import search


def _forget(conn: Connection, migration: str) -> None:
    """Take `migration` off the store's record, as a store from before it has none."""
    conn.execute(delete(schema.migrations).where(schema.migrations.c.name == migration))


def test_acronyms_are_refiled_apart_from_longer_names(tmp_path: Path) -> None:
    """0004: an acronym's own letters move from "a:" to "A:"; a longer name's initials stay; a
    description's empty initials go."""
    db = tmp_path / "old.db"
    with Store(db) as store, store.transaction() as conn:
        _forget(conn, "0004_acronym_keys")
        conn.execute(
            schema.entity_keys.insert(),
            [
                {"key": "a:HRW", "entity": "ent:hrw", "label": "HRW", "type": "organisation"},
                {"key": "a:HRW", "entity": "ent:hrw-2", "label": "Human Rights Watch",
                 "type": "organisation"},
                {"key": "a:CNU", "entity": "ent:un", "label": "U.N.C.", "type": "organisation"},
                {"key": "a:", "entity": "ent:co", "label": "the company", "type": "organisation"},
            ],
        )  # fmt: skip
    with Store(db) as store, store.read() as conn:
        k = schema.entity_keys
        rows = set(conn.execute(select(k.c.key, k.c.label)))
        done = set(conn.scalars(select(schema.migrations.c.name)))
    assert rows == {("A:HRW", "HRW"), ("a:HRW", "Human Rights Watch"), ("A:CNU", "U.N.C.")}
    assert "0004_acronym_keys" in done


def test_reports_with_a_story_are_marked_placed(tmp_path: Path) -> None:
    """0005: a store from before the `placed` flag gets it, set from the memberships."""
    db = tmp_path / "old.db"
    with Store(db) as store, store.transaction() as conn:
        articles = [Article(key=k, text=f"Report {k}.", content_hash=k) for k in ("a", "b")]
        store.articles.insert(conn, articles)
        store.stories.set_memberships(conn, [Membership(doc="a", story="s1", event="e1")])
        conn.execute(text("DROP INDEX ix_articles_placed"))
        conn.execute(text("ALTER TABLE articles DROP COLUMN placed"))
        _forget(conn, "0005_placed_flag")
    with Store(db) as store:
        with store.read() as conn:
            a = schema.articles
            placed = dict(conn.execute(select(a.c.key, a.c.placed)).all())
        assert placed == {"a": True, "b": False}
        assert [x.key for x in store.articles.unplaced()] == ["b"]
        # `accord check` reports a flag that disagrees with the memberships.
        with store.transaction() as conn:
            conn.execute(schema.articles.update().values(placed=True))
        wrong = [p.subject for p in check_store(store) if p.kind == "placed"]
        assert wrong == ["report b"]


def test_a_store_without_the_search_index_gets_it_filled(tmp_path: Path) -> None:
    """0006: a store from before the FTS5 index gets it on opening, holding every stored report,
    so that a search writes nothing."""
    db = tmp_path / "old.db"
    with Store(db) as store, store.transaction() as conn:
        report = Article(key="a", text="The brigade reached the port.", title="Port fire")
        store.articles.insert(conn, [report])
        conn.execute(text("DROP TABLE articles_fts"))
        _forget(conn, "0006_search_index")
    with Store(db) as store:
        assert store.migrated == ["0006_search_index"]
        with store.read() as conn:
            rows = conn.execute(text("SELECT key, title, text FROM articles_fts")).all()
        assert [tuple(r) for r in rows] == [("a", "Port fire", "The brigade reached the port.")]
        results = search.search(store, "brigade")
        assert results.engine == "fts5" and [h.article.key for h in results.hits] == ["a"]


def test_a_new_store_has_the_search_index(tmp_path: Path) -> None:
    with Store(tmp_path / "new.db") as store, store.read() as conn:
        found = conn.execute(text("SELECT name FROM sqlite_master WHERE name = 'articles_fts'"))
        assert found.scalar() == "articles_fts"


@pytest.mark.parametrize(
    ("migration", "index", "delete_one"),
    [
        # dropping a story's postings, when a story is merged away or grouped again
        ("0012_postings_by_story", "ix_story_postings_story", "story_postings WHERE story = 's1'"),
        # replacing a revised report's near-duplicate bands
        ("0015_bands_by_key", "ix_minhash_bands_key", "minhash_bands WHERE key = 'a'"),
    ],
)
def test_a_store_without_an_index_a_migration_adds_gets_it(
    tmp_path: Path, migration: str, index: str, delete_one: str
) -> None:
    """0012, 0015: a delete by a column reads the rows through an index, not the whole table."""
    db = tmp_path / "old.db"
    with Store(db) as store, store.transaction() as conn:
        conn.execute(text(f"DROP INDEX {index}"))
        _forget(conn, migration)
    with Store(db) as store:
        assert store.migrated == [migration]
        with store.read() as conn:
            plan = conn.execute(text(f"EXPLAIN QUERY PLAN DELETE FROM {delete_one}")).all()
        assert f"USING INDEX {index}" in plan[-1][-1]


def test_a_store_without_the_words_indexes_gets_them_filled(tmp_path: Path) -> None:
    """0013: a store from before the trigram indexes of the lists' filters gets them, holding
    every stored row and kept in step from then on."""
    db = tmp_path / "old.db"
    with Store(db) as store, store.transaction() as conn:
        for index in schema.WORDS_INDEXES:
            for trigger in ("insert", "delete", "update"):
                conn.execute(text(f"DROP TRIGGER {index.name}_{trigger}"))
            conn.execute(text(f"DROP TABLE {index.name}"))
        _forget(conn, "0013_words_indexes")
        store.entities.upsert(
            conn,
            [
                Entity(
                    id="ent:hrw", name="Human Rights Watch", type=SourceType.NGO, aliases=("HRW",)
                )
            ],
            {},
        )
    with Store(db) as store:
        assert store.migrated == ["0013_words_indexes"]
        with store.transaction() as conn:
            store.entities.upsert(
                conn, [Entity(id="ent:fp", name="Foro Penal", type=SourceType.NGO)], {}
            )
        with store.read() as conn:
            words = conn.execute(
                text(f"SELECT words FROM {schema.ENTITY_WORDS.name} ORDER BY rowid")
            )
            assert list(words.scalars()) == ['Human Rights Watch ["HRW"]', "Foro Penal []"]


def test_a_store_without_the_story_words_index_gets_it_filled(tmp_path: Path) -> None:
    """0014: a store from before the trigram index of the stories' filter gets it, holding every
    story and kept in step as stories are saved again."""
    db = tmp_path / "old.db"
    index = schema.STORY_WORDS
    with Store(db) as store, store.transaction() as conn:
        for trigger in ("insert", "delete", "update"):
            conn.execute(text(f"DROP TRIGGER {index.name}_{trigger}"))
        conn.execute(text(f"DROP TABLE {index.name}"))
        _forget(conn, "0014_story_words")
        store.stories.save(conn, Story("s1", "Harbour fire", outlets=("Coast Herald",)))
    with Store(db) as store:
        assert store.migrated == ["0014_story_words"]
        with store.transaction() as conn:
            store.stories.save(conn, Story("s1", "Harbour fire in Port Elsin"))
            store.stories.save(conn, Story("s2", "Budget vote"))
        with store.read() as conn:
            words = conn.execute(text(f"SELECT words FROM {index.name} ORDER BY rowid"))
            assert list(words.scalars()) == [
                "Harbour fire in Port Elsin s1 []",
                "Budget vote s2 []",
            ]
