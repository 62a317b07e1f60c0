"""A write transaction that meets another writer's lock waits and retries before its body runs,
and says so plainly when the lock never comes free.

The store's busy timeout (30 s) is cut to 20 ms here, so that the retries, not SQLite's own wait,
are what these tests exercise."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from accord.errors import StoreError
from accord.model import Rejection
from accord.store import Store, db, schema


@pytest.fixture
def impatient(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Store]:
    original = db._sqlite_pragmas

    def pragmas(dbapi_conn: Any, record: Any) -> None:
        original(dbapi_conn, record)
        dbapi_conn.execute("PRAGMA busy_timeout=20")

    monkeypatch.setattr(db, "_sqlite_pragmas", pragmas)
    with Store(tmp_path / "locked.db") as store:
        yield store


def hold_write_lock(path: str, release: threading.Event) -> threading.Thread:
    """Another writer: takes the write lock and keeps it until `release` is set."""
    taken = threading.Event()

    def hold() -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO rejections (source, reason, at) VALUES ('other', 'writer', 'x')")
        taken.set()
        release.wait(30)
        conn.execute("COMMIT")
        conn.close()

    thread = threading.Thread(target=hold)
    thread.start()
    taken.wait(30)
    return thread


def test_a_write_waits_for_the_lock_and_runs_its_body_once(impatient: Store) -> None:
    release = threading.Event()
    holder = hold_write_lock(impatient.url, release)
    # The other writer lets go while the store is still retrying (after ~0.2 s of ~1.5 s).
    threading.Timer(0.2, release.set).start()
    runs = 0
    with impatient.transaction() as conn:
        runs += 1
        impatient.articles.reject(conn, [Rejection("mine", "after the lock")])
    holder.join()
    assert runs == 1
    with impatient.read() as conn:
        sources = list(conn.scalars(select(schema.rejections.c.source)))
    assert sources == ["other", "mine"]


def test_a_lock_that_never_comes_free_is_a_store_error(impatient: Store) -> None:
    release = threading.Event()
    holder = hold_write_lock(impatient.url, release)
    try:
        with (
            pytest.raises(StoreError, match="write failed .*locked.*try again"),
            impatient.transaction() as conn,
        ):
            impatient.articles.reject(conn, [Rejection("mine", "never written")])
    finally:
        release.set()
        holder.join()
    assert [r.source for r in impatient.articles.rejections()] == ["other"]


def test_a_new_store_opens_while_another_process_creates_it(tmp_path: Path) -> None:
    """Another process creating the same new file holds its lock in rollback-journal mode:
    SQLite refuses the switch to WAL at once, without a busy wait, and the open retries."""
    path = tmp_path / "new.db"
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("CREATE TABLE creating (x)")
    threading.Timer(0.2, lambda: other.execute("COMMIT")).start()
    with Store(path) as store:
        assert store.articles.rejections() == []
    other.close()


@pytest.mark.parametrize("url", [":memory:", "sqlite://", "sqlite:///:memory:"])
def test_a_store_without_a_file_lives_in_this_process_s_memory(url: str) -> None:
    # The ledger workers read such a store's records here, not from a store they open anew.
    with Store(url) as store:
        assert store.in_memory


def test_a_store_in_a_file_does_not_live_in_memory(tmp_path: Path) -> None:
    with Store(str(tmp_path / "file.db")) as store:
        assert not store.in_memory
