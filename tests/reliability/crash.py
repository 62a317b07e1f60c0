"""Kill `accord ingest` mid-run and check what the store holds, and which of its processes
outlive it: shared by the crash and kill tests and benchmarks/crash_resume.py and kill_ingest.py.

The store is watched through a plain sqlite3 connection (WAL lets it read while the ingest
writes); a kill point is a predicate over the store's counts, so a run is killed in the stage it
names, whatever the machine's speed. Processes are read from /proc (Linux).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from accord.analyze.pipeline import ANALYSIS_VERSION
from accord.analyze.workers import WORKER_NAME
from accord.check import check_store
from accord.store import Store

ACCORD = str(Path(sys.executable).with_name("accord"))


@dataclass(frozen=True, slots=True)
class Counts:
    """How far an ingest got: reports stored, analysed (current version), placed in a story,
    stories, and stories whose ledger is stale."""

    stored: int = 0
    analysed: int = 0
    placed: int = 0
    stories: int = 0
    stale: int = 0


def counts(db: Path) -> Counts:
    """The store's progress, or all zeros while its tables do not exist yet."""
    if not db.exists():
        return Counts()
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as conn:
            one = lambda sql, *args: int(conn.execute(sql, args).fetchone()[0])  # noqa: E731
            return Counts(
                stored=one("SELECT count(*) FROM articles"),
                analysed=one(
                    "SELECT count(*) FROM articles WHERE analysis_version >= ?", ANALYSIS_VERSION
                ),
                placed=one("SELECT count(*) FROM memberships"),
                stories=one("SELECT count(*) FROM stories"),
                stale=one("SELECT count(*) FROM stories WHERE reconciled IS NULL"),
            )
    except sqlite3.OperationalError:  # no such table yet: the first migration has not committed
        return Counts()


KillPoint = Callable[[Counts], bool]


@dataclass(frozen=True, slots=True)
class Kill:
    """What happened to one killed run: whether it was killed before it ended on its own, the
    store's counts at the kill, and how long it had run."""

    killed: bool
    at: Counts
    seconds: float


WorkerKillPoint = Callable[[Counts, list[int]], bool]


def ingest_command(db: Path, inputs: list[Path]) -> list[str]:
    return [ACCORD, "--db", str(db), "ingest", *map(str, inputs)]


def run_and_kill(
    db: Path, inputs: list[Path], point: KillPoint, poll: float = 0.02, limit: float = 600.0
) -> Kill:
    """Start `accord ingest`, SIGKILL it as soon as `point` holds for the store's counts (or
    after `limit` seconds), and return what it had done."""
    began = time.monotonic()
    proc = subprocess.Popen(
        ingest_command(db, inputs),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its analysis workers die with it: the whole group is killed
    )
    try:
        while proc.poll() is None and time.monotonic() - began < limit:
            seen = counts(db)
            if point(seen):
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                return Kill(True, seen, time.monotonic() - began)
            time.sleep(poll)
        return Kill(False, counts(db), time.monotonic() - began)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def run_and_kill_parent(
    db: Path,
    inputs: list[Path],
    point: WorkerKillPoint,
    processes: int = 2,
    poll: float = 0.05,
    limit: float = 600.0,
) -> tuple[Kill, list[int], list[int]]:
    """Start `accord ingest` with `processes` analysis workers and SIGKILL the ingest process
    alone, as the OOM killer or `kill -9 PID` does, once `point` holds for the store's counts and
    its analysis workers; return what it had done, its workers and every process below it at
    the kill (the workers, their fork server, multiprocessing's resource tracker). Whether those
    die with it is the caller's question (see `survivors`)."""
    began = time.monotonic()
    env = {**os.environ, "ACCORD_PROCESSES": str(processes)}
    proc = subprocess.Popen(
        ingest_command(db, inputs),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
    )
    try:
        while proc.poll() is None and time.monotonic() - began < limit:
            seen, below = counts(db), descendants(proc.pid)
            workers = named(below, WORKER_NAME)
            if point(seen, workers):
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
                return Kill(True, seen, time.monotonic() - began), workers, below
            time.sleep(poll)
        return Kill(False, counts(db), time.monotonic() - began), [], []
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()


def descendants(pid: int) -> list[int]:
    """The live processes below `pid`: its children, theirs, and so on (an ingest's analysis
    workers are its fork server's children)."""
    below: dict[int, list[int]] = {}
    for p, parent in _processes():
        below.setdefault(parent, []).append(p)
    found, todo = [], [pid]
    while todo:
        for child in below.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return [p for p in found if alive(p)]


def named(pids: list[int], name: str) -> list[int]:
    """Those of `pids` whose process name is `name`."""
    return [p for p in pids if _name(p) == name]


def _name(pid: int) -> str | None:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return None


def alive(pid: int) -> bool:
    """Whether `pid` runs: it exists and is not a zombie (an exited process not yet reaped holds
    no memory, only its slot in the process table)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def survivors(pids: list[int], within: float = 5.0) -> list[int]:
    """The pids still alive after waiting up to `within` seconds for all of them to end."""
    deadline = time.monotonic() + within
    left = [p for p in pids if alive(p)]
    while left and time.monotonic() < deadline:
        time.sleep(0.05)
        left = [p for p in left if alive(p)]
    return left


def _processes() -> list[tuple[int, int]]:
    """(pid, parent pid) of every process /proc shows."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            found.append((int(entry.name), int(stat.rsplit(")", 1)[1].split()[1])))
    return found


def run_to_end(db: Path, inputs: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(ingest_command(db, inputs), capture_output=True, text=True, check=False)


def accord_check(db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [ACCORD, "--db", str(db), "check"], capture_output=True, text=True, check=False
    )


@dataclass(frozen=True, slots=True)
class Verdict:
    """The store after the last run: reports lost and duplicated, stages left undone, and the
    problems `check_store` found."""

    reports: int
    lost: int
    duplicated: int
    unanalysed: int
    unplaced: int
    stale: int
    problems: int

    @property
    def sound(self) -> bool:
        return not (
            self.lost
            or self.duplicated
            or self.unanalysed
            or self.unplaced
            or self.stale
            or self.problems
        )


def verdict(db: Path, keys: set[str]) -> Verdict:
    """Compare the store with the reports that were given (`keys`)."""
    with Store(db) as store:
        articles = store.articles.all()
        stored = [a.key for a in articles]
        hashes = [a.content_hash for a in articles]
        placed = {m.doc for m in store.stories.memberships()}
        pending = store.analysis.pending(ANALYSIS_VERSION)
        return Verdict(
            reports=len(stored),
            lost=len(keys - set(stored)),
            duplicated=(len(stored) - len(set(stored))) + (len(hashes) - len(set(hashes))),
            unanalysed=len(pending),
            unplaced=len(set(stored) - placed),
            stale=len(store.stories.stale()),
            problems=len(check_store(store)),
        )
