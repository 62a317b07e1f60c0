"""The bounded caches of work done again and again."""

import os
import signal
import time

from accord.lru import Lru


def test_the_least_recently_used_is_forgotten_first():
    kept: Lru[str, int] = Lru(2)
    kept.put("a", 1)
    kept.put("b", 2)
    assert kept.get("a") == 1  # "b" is now the least recently used
    kept.put("c", 3)
    assert kept.get("b") is None
    assert (kept.get("a"), kept.get("c")) == (1, 3)


def test_misses_count_the_keys_asked_for_and_not_held():
    kept: Lru[str, int] = Lru(4)
    kept.put("a", 1)
    kept.get("a")
    kept.get("z")
    kept.clear()
    kept.get("a")
    assert kept.misses == 2


def test_a_value_is_made_once_while_it_is_kept():
    kept: Lru[str, list[int]] = Lru(1)
    made: list[str] = []

    def make(key: str) -> list[int]:
        made.append(key)
        return [len(made)]

    first = kept.made("a", lambda: make("a"))
    assert kept.made("a", lambda: make("a")) is first
    kept.made("b", lambda: make("b"))  # "a" is forgotten
    assert kept.made("a", lambda: make("a")) == [3]
    assert made == ["a", "b", "a"]


def test_values_made_in_bulk_are_those_made_one_by_one():
    kept: Lru[str, str] = Lru(3)
    kept.put("b", "B (kept)")
    assert kept.made_each(["a", "b", "c"], str.upper) == ["A", "B (kept)", "C"]
    assert kept.misses == 2
    kept.put("d", "D")  # the kept "b" counts as used before the new "a" and "c"
    assert (kept.get("b"), kept.get("a"), kept.get("c")) == (None, "A", "C")


def test_a_forked_child_reads_a_cache_whose_lock_was_held_at_the_fork():
    # As when another thread of the parent was reading the cache as it forked: no thread of the
    # child holds the lock, and a child waiting for it would wait forever.
    kept: Lru[str, int] = Lru(2)
    kept.put("a", 1)
    with kept._lock:
        child = os.fork()
        if child == 0:
            os._exit(0 if kept.get("a") == 1 else 1)
    deadline = time.monotonic() + 10
    while (waited := os.waitpid(child, os.WNOHANG)) == (0, 0) and time.monotonic() < deadline:
        time.sleep(0.01)
    if waited == (0, 0):
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
    assert waited[0] == child and os.waitstatus_to_exitcode(waited[1]) == 0
