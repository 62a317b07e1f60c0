"""The helpers the store's aggregates share."""

from __future__ import annotations

from accord.store._rows import CHUNK, chunks


def test_chunks_cover_the_items_in_order_in_slices_of_at_most_the_size() -> None:
    items = list(range(2 * CHUNK + 1))
    assert [len(c) for c in chunks(items)] == [CHUNK, CHUNK, 1]
    assert [x for c in chunks(items) for x in c] == items
    assert list(chunks([1, 2, 3], 2)) == [[1, 2], [3]]
    assert list(chunks([])) == []
