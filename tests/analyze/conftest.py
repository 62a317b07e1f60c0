"""A new store for each test that takes one, on each backend (SQLite, and PostgreSQL where the
tests have one): the entity index and the analysis rows are written in dialect-specific SQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from accord.store import Store


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store(store_url) as s:
        yield s
