"""A bounded map that forgets what was used least recently: the caches of work done again and
again (parsed centroids, the clusterings and verdicts of a story's groups) must not grow with the
store."""

from __future__ import annotations

import os
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import Any, Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Lru(Generic[K, V]):
    """The `size` most recently used values by key. `misses` counts the keys asked for and not
    held, so that a caller can see how much work a cache saved. Safe to share between threads
    (`accord serve --watch` places reports and builds ledgers in two at once): a key read while
    another thread drops it would otherwise fail."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._kept: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()
        self.misses = 0
        _ALL.add(self)

    def get(self, key: K) -> V | None:
        with self._lock:
            return self._held(key)

    def made(self, key: K, make: Callable[[], V]) -> V:
        """The value kept for `key`, or what `make()` gives, kept for it from then on."""
        found = self.get(key)
        if found is None:
            found = make()
            self.put(key, found)
        return found

    def made_each(self, keys: Sequence[K], make: Callable[[K], V]) -> list[V]:
        """The value of each key, as `made` gives it (made by `make(key)` if not held), the
        lock taken once for all the kept ones: a large story's ledger reads its thousands of
        claims through one of these. The kept ones count as used before the new ones."""
        with self._lock:
            found = [self._held(key) for key in keys]
        made = [
            make(key) if value is None else value for key, value in zip(keys, found, strict=True)
        ]
        with self._lock:
            for key, value, held in zip(keys, made, found, strict=True):
                if held is None:
                    self._keep(key, value)
        return made

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._keep(key, value)

    def _held(self, key: K) -> V | None:
        """`get`, the lock taken."""
        found = self._kept.get(key)
        if found is None:
            self.misses += 1
        else:
            self._kept.move_to_end(key)
        return found

    def _keep(self, key: K, value: V) -> None:
        """`put`, the lock taken."""
        self._kept[key] = value
        self._kept.move_to_end(key)
        if len(self._kept) > self._size:
            self._kept.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


# Every cache, for the child of a fork: a lock another thread held at the fork (a web page
# building a ledger while `accord serve --watch` forks its ledger workers) stays held in the
# child, where no thread will release it, and the child's first read would wait forever. The
# kept values stay: a fork copies them whole, and the child may use them.
_ALL: weakref.WeakSet[Lru[Any, Any]] = weakref.WeakSet()


def _fresh_locks() -> None:
    for cache in _ALL:
        cache._lock = threading.Lock()


os.register_at_fork(after_in_child=_fresh_locks)
