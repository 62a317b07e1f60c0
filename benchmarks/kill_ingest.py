"""Kill `accord ingest` alone (SIGKILL to its pid, not its process group, as the OOM killer or
`kill -9 PID` does) at random points of its analysis, and report the processes of the run left
behind: its analysis workers, their fork server and multiprocessing's resource tracker must end
within five seconds of it.

    .venv/bin/python benchmarks/kill_ingest.py --reports 300 --kills 6
    .venv/bin/python benchmarks/kill_ingest.py --corpus ../shared/corpora/ecbplus/articles.jsonl

The reports (generated, or the first --reports lines of a JSONL corpus) are stored once, unanalysed
(the ingest's store stage); each kill then starts from a copy of that store, so that every run
analyses all of them with --processes workers and is killed after a random share of them is
analysed. Prints one line per kill and a final JSON line; exits 1 if any process was left.
Linux only (reads /proc).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.reliability.corpus import write_reports
from tests.reliability.crash import WorkerKillPoint, alive, run_and_kill_parent

from accord.analyze.workers import stale_workers
from accord.ingest.pipeline import Ingester, raw_documents
from accord.settings import load_settings
from accord.store import Store

GRACE = 5.0  # seconds the workers have to end after their parent


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=300, help="reports to ingest")
    parser.add_argument("--kills", type=int, default=6, help="runs killed mid-analysis")
    parser.add_argument("--processes", type=int, default=2, help="analysis worker processes")
    parser.add_argument("--corpus", type=Path, help="a JSONL corpus (default: generated reports)")
    parser.add_argument("--seed", type=int, default=11, help="seed for the kill points")
    parser.add_argument(
        "--workdir", type=Path, help="folder for reports and stores (default: temp)"
    )
    return parser.parse_args(argv)


def inputs(work: Path, reports: int, corpus: Path | None) -> Path:
    """The reports to ingest: the first `reports` lines of `corpus`, or generated ones."""
    if corpus is None:
        folder = work / "reports"
        write_reports(folder, reports)
        return folder
    path = work / "reports.jsonl"
    with corpus.open(encoding="utf-8") as src, path.open("w", encoding="utf-8") as dst:
        for n, line in enumerate(src):
            if n == reports:
                break
            dst.write(line)
    return path


def stored_store(source: Path, db: Path) -> int:
    """Store the reports in `db` unanalysed (the store stage of `accord ingest` alone); return
    how many were stored (refused inputs are not)."""
    settings = load_settings({"db": str(db)}, hermetic=True)
    with Store(db) as store:
        summary = Ingester(store, settings).run(raw_documents([str(source)], settings))
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return len(summary.ingested)


def copy_store(template: Path, db: Path) -> None:
    with sqlite3.connect(template) as src, sqlite3.connect(db) as dst:
        src.backup(dst)


def after_share(share: float, total: int, processes: int) -> WorkerKillPoint:
    """Kill once every worker runs and `share` of the reports is analysed."""
    return lambda seen, workers: len(workers) == processes and seen.analysed >= share * total


def time_to_end(pids: list[int], grace: float) -> tuple[float, list[int]]:
    """Seconds until every pid ended (up to `grace`), and those still alive then."""
    began = time.monotonic()
    left = [p for p in pids if alive(p)]
    while left and time.monotonic() - began < grace:
        time.sleep(0.01)
        left = [p for p in left if alive(p)]
    return time.monotonic() - began, left


def kill_once(
    n: int, share: float, template: Path, work: Path, source: Path, total: int, processes: int
) -> dict[str, Any]:
    db = work / f"kill-{n}.db"
    copy_store(template, db)
    kill, workers, below = run_and_kill_parent(
        db, [source], after_share(share, total, processes), processes=processes
    )
    seconds, left = time_to_end(below, GRACE)
    stale = stale_workers(db.resolve())
    for pid in set(left) | set(stale):  # the benchmark leaves nothing behind either
        os.kill(pid, signal.SIGKILL)
    result = {
        "kill": n,
        "share": round(share, 2),
        "killed": kill.killed,
        "after_seconds": round(kill.seconds, 1),
        "analysed_at_kill": kill.at.analysed,
        "workers": len(workers),
        "processes": len(below),
        "all_ended_in_seconds": round(seconds, 3),
        "left": left,
        "stale_reported": stale,
    }
    print(
        f"kill {n}: {'killed' if kill.killed else 'ended first'} after {kill.seconds:.1f} s "
        f"with {kill.at.analysed} of {total} analysed; {len(workers)} workers of "
        f"{len(below)} processes below it, all ended in {seconds:.2f} s"
        + (f"; LEFT {left}" if left else "")
        + (f"; stale {stale}" if stale else ""),
        flush=True,
    )
    db.unlink()
    return result


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    rng = random.Random(args.seed)
    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="accord-kill-") as temp:
        work = args.workdir or Path(temp)
        work.mkdir(parents=True, exist_ok=True)
        source = inputs(work, args.reports, args.corpus)
        template = work / "stored.db"
        total = stored_store(source, template)
        print(f"stored {total} reports; {args.kills} kills follow", flush=True)
        results = [
            kill_once(n, rng.uniform(0.0, 0.9), template, work, source, total, args.processes)
            for n in range(1, args.kills + 1)
        ]
    leftover = sorted({p for r in results for p in r["left"]})
    summary = {
        "benchmark": "kill_ingest",
        "reports": total,
        "processes": args.processes,
        "kills": sum(r["killed"] for r in results),
        "workers_seen": sum(r["workers"] for r in results),
        "leftover_processes": leftover,
        "slowest_end_seconds": max(r["all_ended_in_seconds"] for r in results),
        "seconds": round(time.monotonic() - began, 1),
        "runs": results,
    }
    print(json.dumps(summary))
    return 1 if leftover or not all(r["killed"] and r["workers"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
