"""`accord copy`: a whole store into a new one and back, on each backend, every row kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from accord.errors import StoreError
from accord.model import Article
from accord.store import Store, schema
from accord.store.copy import copy_store
from accord.web import search
from tests.conftest import run_accord
from tests.web.conftest import fill


def rows(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    tables = [t for t in schema.metadata.sorted_tables if t is not schema.migrations]
    with store.read() as conn:
        return {t.name: sorted(map(tuple, conn.execute(select(t))), key=repr) for t in tables}


def test_a_store_copied_there_and_back_keeps_every_row(
    tmp_path: Path, store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    first, back = str(tmp_path / "first.db"), str(tmp_path / "back.db")
    with Store(first) as store:
        fill(store)
        before = rows(store)
    assert sum(map(len, before.values())) > 20
    code, said = run_accord(capsys, "copy", first, store_url)
    assert code == 0 and "copied" in said
    assert run_accord(capsys, "copy", store_url, back)[0] == 0
    with Store(store_url) as copied, Store(back) as returned:
        assert rows(copied) == before and rows(returned) == before
        assert [h.article.key for h in search.search(copied, "Tarnwick").hits] == ["b1"]
        # New rows take ids past the copied ones.
        with copied.transaction() as conn:
            copied.articles.insert(
                conn, [Article(key="new", text="A new report.", content_hash="n")]
            )
        with copied.read() as conn:
            seqs = dict(conn.execute(select(schema.articles.c.key, schema.articles.c.seq)).all())
        assert seqs["new"] > max(seq for key, seq in seqs.items() if key != "new")


def test_a_store_holding_records_is_not_copied_into(tmp_path: Path, store: Store) -> None:
    with Store(tmp_path / "source.db") as source:
        fill(source)
        with store.transaction() as conn:
            store.articles.insert(conn, [Article(key="mine", text="Mine.", content_hash="m")])
        with pytest.raises(StoreError, match="holds records already .*articles"):
            copy_store(source, store)
    assert [a.key for a in store.articles.all()] == ["mine"]


def test_a_missing_source_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, said = run_accord(capsys, "copy", str(tmp_path / "none.db"), str(tmp_path / "to.db"))
    assert code == 1 and "no such store" in " ".join(said.split())  # Rich wraps long lines
    assert not (tmp_path / "none.db").exists()
