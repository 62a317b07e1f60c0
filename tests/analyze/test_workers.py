"""The analysis worker pool and the garbage collector."""

from __future__ import annotations

import gc

from accord.analyze.workers import worker_pool


def _frozen() -> int:
    return gc.get_freeze_count()


def test_what_is_alive_as_the_pool_starts_is_left_out_of_collections_for_the_pool_s_life() -> None:
    assert gc.get_freeze_count() == 0  # nothing in this process freezes but the pool
    with worker_pool(1, None) as pool:
        assert gc.get_freeze_count() > 0
        assert pool.submit(_frozen).result() > 0  # the forked worker's collections too
    assert gc.get_freeze_count() == 0  # all back in the collections once the pool is gone
