"""A new store for each test, on each backend (SQLite, and PostgreSQL where the tests have one)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from accord.store import Store


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store(store_url) as s:
        yield s
