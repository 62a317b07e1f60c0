"""The worker pools of the analysis and the ledgers, each worker's life tied to its pool's
process, and the search for workers that outlived theirs.

A worker is forked from the process that makes its pool, sharing what it holds, but for the
analysis workers of accord's command: those are forked from a fork server (`start_server`), a
process of its own that has imported the reading of reports and loaded the spaCy model
(accord.analyze.preload), started before the command's imports (accord.entry), so that those
1.2 s of one core run while the command imports its own modules and stores its first reports,
where forking the command's own process had them follow one another. The server ends once every
process it serves has.

A worker holds its share of the spaCy model (hundreds of MB). Were its parent killed (SIGKILL,
the OOM killer), nothing would end it: it waits for work on a queue whose writing end it holds
itself, so it never reads end-of-file. Each worker therefore

- asks Linux to SIGKILL it when its parent dies (prctl PR_SET_PDEATHSIG), then checks that the
  process that made its pool still runs, since it may have died before the request;
- runs a watcher thread that ends the process once its parent pid changes (it was re-parented)
  or the pool's process is gone: the portable fallback where prctl is missing, and a second
  guard where it is not.

SIGKILL rather than SIGTERM: a worker saves nothing (only the parent writes to the store), and a
SIGTERM handler inherited from the parent (the web server installs one) would keep it alive.

Each worker also names itself `accord-worker` and holds its store's file open, so that a later
run can tell the workers of its own store that outlived their parent (`stale_workers`).

The web server's ingests (accord.web.ingesting) run the same analysis, in a request thread, with
these same pools; there is no other background process.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import gc
import logging
import multiprocessing
import multiprocessing.forkserver
import os
import select
import signal
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from accord.analyze.reading import Analysis
    from accord.model import Article

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


def default_processes() -> int:
    """One analysis process per core: the main process's own work (storing, resolving entities,
    placing reports) runs while they analyse, and is a fraction of theirs."""
    return max(1, os.cpu_count() or 1)


# How a pool's workers start: forked from the process that makes the pool, or from the fork server.
Start = Literal["fork", "forkserver"]
# The module the analysis workers' fork server imports as it starts.
SERVER_PRELOAD = "accord.analyze.preload"


# Whether this process started the fork server (start_server), its analysis workers' parent.
_server_started = False


def start_server() -> None:
    """Start the analysis workers' fork server unless it runs: a new interpreter importing
    SERVER_PRELOAD. It returns at once; the first pool that needs the server waits for it.

    Only accord's command starts it (accord.entry). A process started by spawn or forkserver
    imports its parent's main module again, so a program using accord as a library would have to
    guard its own (`if __name__ == "__main__"`) and import it in every worker: the analysis
    workers of a program that did not start the server are forked from it, as before."""
    global _server_started
    _run_server()
    _server_started = True


def _run_server() -> None:
    multiprocessing.get_context("forkserver").set_forkserver_preload([SERVER_PRELOAD])
    multiprocessing.forkserver.ensure_running()


def server_started() -> bool:
    """Whether this process started the analysis workers' fork server."""
    return _server_started


@contextlib.contextmanager
def worker_pool(
    workers: int, store_file: Path | None, *, start: Start = "fork"
) -> Iterator[ProcessPoolExecutor]:
    """A pool of workers that die with this process, forked from it ("fork"), or from the
    analysis workers' fork server ("forkserver", started if need be). A forked worker is started
    at the first submit, from the submitting thread; Linux's parent-death signal follows that
    thread, which lives as long as the pool (analyse_chunks uses it in one call).

    What is alive as the pool starts (the modules, the loaded model) is frozen out of the
    garbage collector's passes for the pool's life (`gc.freeze`, as the gc module's documentation
    advises before a fork): the workers and this process never walk it again while they work,
    where the collections walking it took some 3 CPU-seconds of an ingest of ECB+'s 982 reports.
    It is collected as before once the pool is gone."""
    if start == "forkserver":
        _run_server()
    gc.freeze()
    try:
        with ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context(start),
            initializer=_init_worker,
            initargs=(os.getpid(), str(store_file) if store_file else None),
        ) as pool:
            yield pool
    finally:
        gc.unfreeze()


def read_reports(articles: list[Article]) -> list[Analysis]:
    """The analyses of `articles` (accord.analyze.reading), as an analysis worker or the
    process that analyses alone makes them. Through this function, not that module, so that
    a process whose workers read the reports never imports spaCy, which that module loads."""
    from accord.analyze.reading import analyze_articles

    return analyze_articles(articles)


def _init_worker(origin: int, store_file: str | None) -> None:
    gc.freeze()  # what the worker starts with (a fork server's modules and model): see worker_pool
    _die_with(origin)
    _set_name(WORKER_NAME)
    _keep_freed_memory()
    if store_file is not None:
        with contextlib.suppress(OSError):  # only the stale-worker search misses this worker
            _held.append(os.open(store_file, os.O_RDONLY))


def _die_with(origin: int) -> None:
    """End this worker with its parent, and with `origin`, the process that made its pool: its
    parent, or the fork server's."""
    _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if not _running(origin):  # died before the request: nothing would signal us now
        os._exit(1)
    watched = (os.getppid(), origin)
    threading.Thread(target=_watch, args=watched, name="parent-watch", daemon=True).start()


def _watch(parent: int, origin: int) -> None:
    ended = _exit_signal(origin)
    while os.getppid() == parent and _running(origin):
        if ended is None:
            time.sleep(WATCH_SECONDS)
        else:  # woken at once when `origin` ends
            select.select([ended], [], [], WATCH_SECONDS)
    os._exit(1)  # re-parented, or the pool's process is gone: and so is any use for our work


def _exit_signal(pid: int) -> int | None:
    """A file descriptor that becomes readable when `pid` ends (Linux's pidfd), or None."""
    try:
        return os.pidfd_open(pid)
    except (AttributeError, OSError):  # not Linux 5.3 or later, or `pid` already gone
        return None


def _running(pid: int) -> bool:
    """Whether `pid` runs. A process that died but that its parent has not yet waited for (a
    zombie) does not: the pool's process killed, a worker of the fork server holds the pipes it
    shared with it, which its parent may be reading until they close."""
    if _PROC.is_dir():
        try:
            return _stat(pid)[0] != "Z"
        except OSError:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, another user's
    return True


def _stat(pid: int) -> list[str]:
    """The fields of /proc/PID/stat after the parenthesised name: state, parent pid, ..."""
    return (_PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()


def _set_name(name: str) -> None:
    _prctl(_PR_SET_NAME, ctypes.c_char_p(name.encode()[:15]))


def _keep_freed_memory() -> None:
    """Have glibc's malloc reuse what the worker frees rather than give it back to the kernel.

    Each report's parse allocates arrays of hundreds of KB (its tokens, its vectors) and frees
    them with its Doc. By default glibc serves blocks that large with mmap and returns them with
    munmap, or trims the heap once its top is free, so the next report's arrays fault their
    pages in afresh: with each Doc freed as soon as its rules are done
    (`accord.analyze.docs.release`), the workers of an ingest of ECB+ spent 4.0-4.7 s in the
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
    """The C library's functions, through the symbols the process has loaded (dlopen of no
    file): `ctypes.util.find_library` would run `ldconfig -p` in every new worker."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


# ---------------------------------------------------------------- stale workers


def store_file(url: str) -> Path | None:
    """The file of a store given by path; None for an in-memory store or a database URL."""
    if url == ":memory:" or "://" in url:
        return None
    return Path(url).resolve()


def stale_workers(store: Path) -> list[int]:
    """Pids of accord workers holding `store` open none of whose ancestors (the process that made
    their pool, and the fork server between) holds it: workers of an earlier run that outlived
    it. Workers of a live run on the same store are not stale. Empty where there is no /proc to
    read."""
    if not _PROC.is_dir():
        return []
    return [
        pid
        for pid in _pids()
        if _name(pid) == WORKER_NAME
        and _holds(pid, store)
        and not any(_holds(up, store) for up in _ancestors(pid))
    ]


def _ancestors(pid: int) -> Iterator[int]:
    """The parent of `pid`, its parent, and so on up to the first process."""
    parent = _parent(pid)
    while parent is not None and parent > 1:
        yield parent
        parent = _parent(parent)


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
    try:
        return int(_stat(pid)[1])
    except OSError:
        return None


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
