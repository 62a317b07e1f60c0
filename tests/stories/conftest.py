"""A real in-memory store for each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from accord.store import Store


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.memory() as s:
        yield s
