"""No list page or list endpoint reads a whole table: every statement it runs either carries a
LIMIT and reads its rows in the order of an index (no sort of everything it scanned), or looks rows
up through an index. On SQLite each statement's query plan is checked; on PostgreSQL, whose planner
reads a table this small whole whatever its indexes, that each statement is limited or filtered."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import event

from accord.store import Store
from tests.web.conftest import TestClient

LISTS = [
    "/",
    "/?sort=reports",
    "/?sort=title",
    "/?q=harbour",
    "/entities",
    "/entities?q=quill",
    "/search?q=brigade",
    "/rejects",
    "/api/stories",
    "/api/stories?sort=reports",
    "/api/stories?sort=title&q=budget",
    "/api/entities",
    "/api/entities?type=person",
    "/api/reports",
    "/api/reports?story=s1",
    "/api/reports?since=2031-03-03",
    "/api/claims",
    "/api/claims?story=s1&measure=killed",
    "/api/claims?outlet=daily%20lantern",
    "/api/statements",
    "/api/statements?source=quill",
    "/api/search?q=fire",
    "/api/rejects",
]


def statements_of(store: Store, client: TestClient, path: str) -> list[tuple[str, Any]]:
    """The SELECT statements (with their parameters) that answering `path` ran."""
    seen: list[tuple[str, Any]] = []

    def record(*args: Any) -> None:
        statement, parameters = args[2], args[3]
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        answer = client.get(path)
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    assert answer.status_code == 200, answer.text
    return seen


def whole_reads(store: Store, statement: str, parameters: Any) -> list[str]:
    """What in the SQLite plan of `statement` reads a whole table (or a whole index)."""
    with store.read() as conn:
        plan = [
            str(row[-1])
            for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        ]
    # The full-text index and the catalogue are no table of records.
    scans = [
        p
        for p in plan
        if p.startswith("SCAN ") and "VIRTUAL TABLE" not in p and "sqlite_master" not in p
    ]
    limited = re.search(r"\bLIMIT\b", statement, re.IGNORECASE) is not None
    if not limited and scans:
        return scans  # every row of a table or an index, with nothing to stop at
    if any("TEMP B-TREE FOR ORDER BY" in p for p in plan) and scans:
        return scans  # every scanned row sorted before the first is known
    return []


@pytest.mark.parametrize("path", LISTS)
def test_a_list_page_reads_one_page(store: Store, client: TestClient, path: str) -> None:
    ran = statements_of(store, client, path)
    assert ran
    for statement, parameters in ran:
        if store.engine.dialect.name == "sqlite":
            assert whole_reads(store, statement, parameters) == [], statement
        else:
            assert re.search(r"\b(LIMIT|WHERE)\b", statement, re.IGNORECASE), statement


def test_the_check_catches_a_whole_table_read() -> None:
    with Store.memory() as store:  # the plans read are SQLite's
        assert whole_reads(store, "SELECT data FROM entities ORDER BY name", ())
        assert whole_reads(store, "SELECT data FROM claims ORDER BY measure LIMIT 5", ())
        assert not whole_reads(store, "SELECT data FROM entities ORDER BY name, id LIMIT 5", ())
