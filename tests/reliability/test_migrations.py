"""Store migrations bring a store written by an earlier release to the current layout."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete, select

from accord.store import Store, schema


def test_acronyms_are_refiled_apart_from_longer_names(tmp_path: Path) -> None:
    """0004: an acronym's own letters move from "a:" to "A:"; a longer name's initials stay; a
    description's empty initials go."""
    db = tmp_path / "old.db"
    with Store(db) as store, store.transaction() as conn:
        conn.execute(
            delete(schema.migrations).where(schema.migrations.c.name == "0004_acronym_keys")
        )
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
