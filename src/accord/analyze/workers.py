"""The analysis worker pool, each worker's life tied to its parent's, and the search for workers
that outlived theirs.

A forked worker holds its share of the spaCy model (hundreds of MB). Were its parent killed
(SIGKILL, the OOM killer), nothing would end it: it waits for work on a queue whose writing end
it holds itself, so it never reads end-of-file. Each worker therefore

- asks Linux to SIGKILL it when its parent dies (prctl PR_SET_PDEATHSIG), then checks that its
  parent is still the process that started it, since the parent may have died before the request;
- runs a watcher thread that ends the process once its parent pid changes (it was re-parented):
  the portable fallback where prctl is missing, and a second guard where it is not.

SIGKILL rather than SIGTERM: a worker saves nothing (only the parent writes to the store), and a
SIGTERM handler inherited from the parent (the web server installs one) would keep it alive.

Each worker also names itself `accord-worker` and holds its store's file open, so that a later
run can tell the workers of its own store that outlived their parent (`stale_workers`).

The web server's ingests (accord.web.ingesting) run the same analysis, in a request thread, with
this same pool; there is no other background process.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import gc
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

log = logging.getLogger(__name__)

WORKER_NAME = "accord-worker"  # at most 15 bytes: the kernel's limit for a process name
WATCH_SECONDS = 0.5  # how often the watcher thread looks at the parent pid
_PR_SET_NAME = 15
_PR_SET_PDEATHSIG = 1
# mallopt(3) options and the sizes a worker sets them to: blocks below 64 MiB from the heap, and
# the heap trimmed only once 1 GiB of its top is free.
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_MMAP_FROM, _TRIM_FROM = 64 << 20, 1 << 30
_PROC = Path("/proc")

# The store file a worker holds open: how `stale_workers` tells which store it served.
_held: list[int] = []


@contextlib.contextmanager
def worker_pool(workers: int, store_file: Path | None) -> Iterator[ProcessPoolExecutor]:
    """A pool of forked workers that die with this process. With the fork context every worker
    is started at the first submit, from the submitting thread; Linux's parent-death signal
    follows that thread, which lives as long as the pool (analyse_chunks uses it in one call).

    What is alive as the pool starts (the modules, the loaded model) is frozen out of the
    garbage collector's passes for the pool's life (`gc.freeze`, as the gc module's documentation
    advises before a fork): the workers and this process never walk it again while they work,
    where the collections walking it took some 3 CPU-seconds of an ingest of ECB+'s 982 reports.
    It is collected as before once the pool is gone."""
    gc.freeze()
    try:
        with ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_init_worker,
            initargs=(os.getpid(), str(store_file) if store_file else None),
        ) as pool:
            yield pool
    finally:
        gc.unfreeze()


def _init_worker(parent: int, store_file: str | None) -> None:
    _die_with_parent(parent)
    _set_name(WORKER_NAME)
    _keep_freed_memory()
    if store_file is not None:
        with contextlib.suppress(OSError):  # only the stale-worker search misses this worker
            _held.append(os.open(store_file, os.O_RDONLY))


def _die_with_parent(parent: int) -> None:
    _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # died before the request: nothing would signal us now
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="parent-watch", daemon=True).start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)  # re-parented: the parent is gone, and so is any use for our work


def _set_name(name: str) -> None:
    _prctl(_PR_SET_NAME, ctypes.c_char_p(name.encode()[:15]))


def _keep_freed_memory() -> None:
    """Have glibc's malloc reuse what the worker frees rather than give it back to the kernel.

    Each report's parse allocates arrays of hundreds of KB (its tokens, its vectors) and frees
    them with its Doc. By default glibc serves blocks that large with mmap and returns them with
    munmap, or trims the heap once its top is free, so the next report's arrays fault their
    pages in afresh: with each Doc freed as soon as its rules are done
    (`accord.analyze.nlp.release`), the workers of an ingest of ECB+ spent 4.0-4.7 s in the
    kernel, against 1.2-2.0 s while the collector freed them and 0.8-1.0 s with these settings.
    A worker lives for one pool, so what it keeps is bounded by its own peak. Elsewhere than
    glibc nothing changes."""
    libc = _libc()
    mallopt = getattr(libc, "mallopt", None)
    if mallopt is None:
        return
    for option, value in ((_M_MMAP_THRESHOLD, _MMAP_FROM), (_M_TRIM_THRESHOLD, _TRIM_FROM)):
        if mallopt(option, value) != 1:  # mallopt returns 1 on success
            log.debug("mallopt(%d) failed", option)


def _prctl(option: int, arg: int | ctypes.c_char_p) -> None:
    """prctl(2) on Linux; nothing elsewhere (the watcher thread still guards the worker)."""
    libc = _libc()
    if libc is not None and libc.prctl(option, arg, 0, 0, 0) != 0:
        log.debug("prctl(%d) failed: errno %d", option, ctypes.get_errno())


@functools.cache
def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    except OSError:
        return None


# ---------------------------------------------------------------- stale workers


def store_file(url: str) -> Path | None:
    """The file of a store given by path; None for an in-memory store or a database URL."""
    if url == ":memory:" or "://" in url:
        return None
    return Path(url).resolve()


def stale_workers(store: Path) -> list[int]:
    """Pids of accord workers holding `store` open whose parent does not hold it: workers of an
    earlier run that outlived it. Workers of a live run on the same store are not stale. Empty
    where there is no /proc to read."""
    if not _PROC.is_dir():
        return []
    stale = []
    for pid in _pids():
        if _name(pid) == WORKER_NAME and _holds(pid, store):
            parent = _parent(pid)
            if parent is None or not _holds(parent, store):
                stale.append(pid)
    return stale


def report_stale_workers(url: str) -> list[int]:
    """Warn about stale workers of the store at `url`, naming them; return their pids.

    They are reported, not killed: they hold no lock and cannot change the store, they only
    hold memory; a process found by its name and open files is the operator's to end, and
    since workers die with their parent, one that did not is worth a look (a worker of an
    accord from before that guard, or one stuck in the kernel)."""
    path = store_file(url)
    pids = stale_workers(path) if path else []
    if pids:
        listed = " ".join(map(str, pids))
        log.warning(
            "%d analysis worker(s) of an earlier run on %s outlived it and still hold memory: "
            "pid %s; end them with `kill %s`",
            len(pids),
            path,
            ", ".join(map(str, pids)),
            listed,
        )
    return pids


def _pids() -> list[int]:
    return [int(p.name) for p in _PROC.iterdir() if p.name.isdigit()]


def _name(pid: int) -> str | None:
    try:
        return (_PROC / str(pid) / "comm").read_text().strip()
    except OSError:
        return None


def _parent(pid: int) -> int | None:
    """The parent pid from /proc/PID/stat (the field after the parenthesised name)."""
    try:
        stat = (_PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])


def _holds(pid: int, path: Path) -> bool:
    """Whether process `pid` has `path` open (False when its files cannot be read)."""
    fds = _PROC / str(pid) / "fd"
    try:
        names = os.listdir(fds)
    except OSError:
        return False
    for fd in names:
        try:
            if os.readlink(fds / fd) == str(path):
                return True
        except OSError:  # closed since the listing
            continue
    return False
