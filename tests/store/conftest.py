"""The store tests run on every backend: `store` is a fresh store on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from accord.store import Store


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store(store_url) as made:
        yield made
