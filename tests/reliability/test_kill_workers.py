"""A killed ingest leaves nothing behind: its analysis workers die with it, however it dies, and
a later run names any worker of its store that did not. benchmarks/kill_ingest.py kills larger
runs at random points."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from accord.analyze import workers
from tests.reliability.corpus import write_reports
from tests.reliability.crash import (
    Counts,
    WorkerKillPoint,
    alive,
    run_and_kill_parent,
    survivors,
)

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")

REPORTS = 300  # with two workers, about ten seconds of analysis here


def test_an_ingest_killed_alone_at_three_points_of_its_analysis_leaves_no_process(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "reports"
    write_reports(folder, REPORTS)
    db = tmp_path / "kill.db"

    # Each run resumes the store the last kill left, so the later points fall further into the
    # analysis; each leaves more than PARALLEL_FROM reports pending, so the pool starts every time.
    def both_workers(_: Counts, workers: list[int]) -> bool:
        return len(workers) == 2

    def analysed(share: float) -> WorkerKillPoint:
        return lambda seen, workers: len(workers) == 2 and seen.analysed >= share * REPORTS

    points: list[tuple[str, WorkerKillPoint]] = [
        ("as the workers start", both_workers),
        ("a third analysed", analysed(1 / 3)),
        ("two thirds analysed", analysed(2 / 3)),
    ]
    for label, point in points:
        kill, killed_workers, below = run_and_kill_parent(db, [folder], point)
        assert kill.killed and kill.at.analysed < REPORTS, (label, kill)
        assert len(killed_workers) == 2, (label, below)
        left = survivors(below, within=5.0)
        for pid in left:  # the test leaves nothing behind either
            os.kill(pid, signal.SIGKILL)
        assert left == [], f"killed {label}: processes {left} outlived the ingest by 5 s"
    assert workers.stale_workers(db.resolve()) == []


# A worker whose parent exits: the pool's initializer runs in it, then the parent kills itself.
# A worker of the fork server is no child of the process that dies: its watcher ends it.
ORPHANED_WORKER = """
import os, signal, sys
from accord.analyze import workers
if sys.argv[1] == "watcher-only":  # no parent-death signal: the watcher thread alone must act
    workers._prctl = lambda option, arg: None
start = "forkserver" if sys.argv[1] == "fork server" else "fork"
with workers.worker_pool(1, None, start=start) as pool:
    print(pool.submit(os.getpid).result(), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.parametrize("guard", ["both", "watcher-only", "fork server"])
def test_a_worker_dies_with_its_parent_by_either_guard(guard: str) -> None:
    run = subprocess.run(
        [sys.executable, "-c", ORPHANED_WORKER, guard], capture_output=True, text=True, timeout=60
    )
    assert run.returncode == -signal.SIGKILL, run.stderr
    worker = int(run.stdout)
    left = survivors([worker], within=5.0)
    if left:
        os.kill(worker, signal.SIGKILL)
    assert left == [], f"worker {worker} outlived its parent ({guard})"


# Stands in for a worker of an older accord: named like one, holding the store open, alive after
# its parent. With "live", the parent holds the store too and stays: a worker of a running ingest.
FAKE_WORKER = """
import ctypes, os, sys, time
store, kind = sys.argv[1], sys.argv[2]
if kind == "live":
    os.open(store, os.O_RDONLY)
if os.fork():
    if kind == "live":
        time.sleep(60)
    os._exit(0)
ctypes.CDLL(None).prctl(15, b"accord-worker", 0, 0, 0)
os.open(store, os.O_RDONLY)
print(os.getpid(), flush=True)
sys.stdout.close()
time.sleep(60)
"""


@pytest.fixture
def fake_worker(tmp_path: Path) -> Iterator[tuple[Path, int, int]]:
    """(store, orphaned worker, worker of a live run): the first outlived its parent."""
    store = tmp_path / "stale.db"
    store.write_bytes(b"")
    started = [
        subprocess.Popen(
            [sys.executable, "-c", FAKE_WORKER, str(store), kind],
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        for kind in ("orphan", "live")
    ]
    pids = [int(p.stdout.readline()) for p in started if p.stdout]
    try:
        yield store.resolve(), pids[0], pids[1]
    finally:
        for pid in pids:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        for p in started:
            p.kill()
            p.wait()
            if p.stdout:
                p.stdout.close()


def test_a_run_names_the_workers_of_its_store_that_outlived_their_parent(
    fake_worker: tuple[Path, int, int], caplog: pytest.LogCaptureFixture
) -> None:
    store, orphan, live = fake_worker
    with caplog.at_level(logging.WARNING, logger="accord.analyze.workers"):
        assert workers.report_stale_workers(str(store)) == [orphan]
    said = caplog.text
    assert f"pid {orphan};" in said and f"kill {orphan}`" in said and str(live) not in said
    assert alive(orphan)  # reported, not killed
    assert workers.stale_workers(store.with_name("other.db")) == []
    assert workers.report_stale_workers(":memory:") == []
