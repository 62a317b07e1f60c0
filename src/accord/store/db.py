"""The Store: the engine, its connections and transactions, and one attribute per aggregate
(`store.articles`, `store.analysis`, `store.entities`, `store.stories`, `store.story_index`,
`store.ledger`, `store.corrections`, `store.snapshots`, `store.watch`): typed records in, typed records out.

A method that takes a `Connection` works inside the caller's transaction (`store.transaction()`,
one per batch); every write takes one. A method without one reads through a connection of its own.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from accord.errors import StoreError
from accord.store.analysis import Analysis
from accord.store.articles import Articles
from accord.store.corrections import Corrections
from accord.store.entities import Entities
from accord.store.ledger import Ledger
from accord.store.migrations import migrate
from accord.store.snapshots import Snapshots
from accord.store.stories import Stories
from accord.store.story_index import StoryIndex
from accord.store.watch import WatchState

PAGE_CACHE_KIB = 16 * 1024  # each SQLite connection's page cache


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    # SQLite's default page cache is 2 MiB a connection: an ingest's transactions read the
    # stories index and the entity blocks again and again, and with it re-read 133,000 pages
    # from the file for ECB+'s 982 reports (51,000 with this).
    cursor.execute(f"PRAGMA cache_size=-{PAGE_CACHE_KIB}")
    # Temporary files in memory: the statement journals SQLite keeps to undo a write that fails
    # partway spill to one past 64 KiB, and took 260,000 of the 400,000 writes that ingest made
    # to files. Small sorts live there too; no read of the store sorts a whole table (its lists
    # page through indexes).
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()


class Store:
    """The accord store at `url`: a path to an SQLite file, or an SQLAlchemy URL such as
    postgresql+psycopg://role:password@host/database (or sqlite:///path)."""

    def __init__(self, url: str | Path = "accord.db") -> None:
        self.url = str(url)
        # What messages call the store: a server URL without its password.
        self.name = (
            make_url(self.url).render_as_string(hide_password=True)
            if "://" in self.url
            else self.url
        )
        self.engine = self._connect(self.url)
        hint = (
            "is the server running, and are the URL's role, password and database right?"
            if "://" in self.url
            else "is it an accord store, and is the folder writable?"
        )
        try:
            # Under the write lock: two processes opening a new store at once would otherwise
            # both find it empty and both create its tables.
            with self.transaction() as conn:
                self.migrated = migrate(conn)
        except SQLAlchemyError as exc:
            raise StoreError(
                f"{self.name}: cannot open the store ({exc.__class__.__name__}: {exc}); {hint}"
            ) from exc
        self.articles = Articles(self.engine)
        self.analysis = Analysis(self.engine)
        self.entities = Entities(self.engine)
        self.stories = Stories(self.engine)
        self.story_index = StoryIndex(self.engine)
        self.ledger = Ledger(self.engine)
        self.corrections = Corrections(self.engine)
        self.snapshots = Snapshots(self.engine)
        self.watch = WatchState(self.engine)

    @staticmethod
    def _connect(url: str) -> Engine:
        if "://" in url:
            return create_engine(url)
        path = Path(url)
        if path.exists() and path.is_dir():
            raise StoreError(f"{url}: is a folder; give --db a file path such as accord.db")
        if url != ":memory:" and not path.parent.exists():
            raise StoreError(
                f"{url}: folder {path.parent} does not exist; create it or pick another --db"
            )
        if url == ":memory:":
            # One connection shared by every thread, so a web app or a test client on other
            # threads sees the same in-memory database.
            engine = create_engine(
                "sqlite://",
                poolclass=StaticPool,
                connect_args={"check_same_thread": False},
            )
        else:
            engine = create_engine(f"sqlite:///{url}", connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine

    @classmethod
    def memory(cls) -> Store:
        return cls(":memory:")

    @property
    def in_memory(self) -> bool:
        """Whether the store lives in this process's memory (`Store.memory`, or an SQLite URL
        without a file: "sqlite://")."""
        url = self.engine.url
        return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction. Its write lock is taken as it begins, retried with back-off
        while another writer holds it; the body runs once, under the lock (a generator-based
        context manager cannot run its body again, so retrying after it began would only turn
        the lock error into a RuntimeError)."""
        conn = self._begin_write()
        try:
            yield conn
            conn.commit()
        except OperationalError as exc:
            conn.rollback()
            raise StoreError(f"{self.name}: write failed ({exc.orig}); try again") from exc
        except BaseException:
            conn.rollback()
            raise
        finally:
            conn.close()

    _WRITE_ATTEMPTS = 6

    def _begin_write(self) -> Connection:
        """A connection inside a begun write transaction. On an SQLite file, BEGIN IMMEDIATE takes
        the write lock now (waiting up to the busy timeout): with the driver's deferred BEGIN the
        lock was taken at the first write, midway through the body, where it cannot be retried.
        On PostgreSQL, an advisory lock held to the transaction's end stands for it, waited for as
        long as it takes.
        The in-memory store shares one connection between threads and keeps the deferred BEGIN.
        Connecting is retried too: a new connection switches an SQLite file to WAL, which SQLite
        refuses at once, without waiting, while another process creating the same new store
        holds its lock (two ingests started together into a new store)."""
        dialect = self.engine.dialect.name
        immediate = dialect == "sqlite" and not self.in_memory
        attempt = 0
        while True:
            conn: Connection | None = None
            try:
                conn = self.engine.connect()
                conn.begin()
                if immediate:
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
                elif dialect == "postgresql":
                    # One writer at a time, as on SQLite: the stages read, then write what they
                    # read, in one transaction. The lock is the store's (its schema's), and
                    # PostgreSQL releases it when the transaction ends.
                    conn.exec_driver_sql(
                        "SELECT pg_advisory_xact_lock(hashtext('accord ' || current_schema()))"
                    )
                return conn
            except OperationalError as exc:
                if conn is not None:
                    conn.close()
                attempt += 1
                if "locked" not in str(exc) or attempt == self._WRITE_ATTEMPTS:
                    raise StoreError(f"{self.name}: write failed ({exc.orig}); try again") from exc
                time.sleep(0.05 * 2 ** (attempt - 1))

    def read(self) -> Connection:
        return self.engine.connect()
