"""Crash and resume: `accord ingest` of generated reports killed with SIGKILL at several points,
then run again with the same arguments until it ends; every report must be stored once, every
stage complete and `accord check` sound.

    .venv/bin/python benchmarks/crash_resume.py --reports 2000

Two scenarios, each on a fresh store. "stages": one run killed in each stage in turn (storing,
analysing, placing in stories, reconciling ledgers), each resuming the last. "timed": runs killed
after random delays. After each kill `check_store` runs on the interrupted store; after the last
run, the store is compared with the reports given. Prints one line per run and per scenario, and
a final JSON line.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.reliability.corpus import write_reports
from tests.reliability.crash import (
    Counts,
    KillPoint,
    accord_check,
    run_and_kill,
    run_to_end,
    verdict,
)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=2000, help="generated reports to ingest")
    parser.add_argument("--timed-kills", type=int, default=4, help="runs killed after a delay")
    parser.add_argument(
        "--max-delay", type=float, default=20.0, help="longest delay before a timed kill (s)"
    )
    parser.add_argument("--seed", type=int, default=3, help="seed for the delays")
    parser.add_argument(
        "--workdir", type=Path, help="folder for reports and stores (default: temp)"
    )
    return parser.parse_args(argv)


def stage_points(total: int) -> list[tuple[str, KillPoint]]:
    """Kill points in each stage, in the order an ingest reaches them. Storing, analysing and
    placing run as a pipeline: a run killed while analysing has stored only some reports, and
    placed some of those it analysed."""
    return [
        ("storing", lambda c: c.stored >= total // 3),
        ("analysing", lambda c: 0 < c.analysed < total // 2),
        ("analysing-late", lambda c: c.analysed >= (3 * total) // 4 and c.analysed < total),
        ("stories", lambda c: 0 < c.placed < total),
        ("ledger", lambda c: c.placed == total and c.stale > 0),
    ]


def timed_points(count: int, max_delay: float, seed: int) -> list[tuple[str, KillPoint]]:
    rng = random.Random(seed)
    points: list[tuple[str, KillPoint]] = []
    for _ in range(count):
        delay = rng.uniform(1.0, max_delay)
        points.append((f"after {delay:.1f} s", _after(delay)))
    return points


def _after(delay: float) -> KillPoint:
    """A kill point that holds `delay` seconds after it is first asked (as the run starts)."""
    began: list[float] = []

    def point(_: Counts) -> bool:
        if not began:
            began.append(time.monotonic())
        return time.monotonic() - began[0] >= delay

    return point


def scenario(
    name: str, points: list[tuple[str, KillPoint]], folder: Path, db: Path, keys: set[str]
) -> dict[str, Any]:
    kills = 0
    runs = 0
    problems_at_kills = 0
    began = time.monotonic()
    for label, point in points:
        kill = run_and_kill(db, [folder], point)
        runs += 1
        interrupted = verdict(db, keys)
        problems_at_kills += interrupted.problems
        kills += kill.killed
        print(
            f"{name}: run {runs} kill at {label}: {'killed' if kill.killed else 'ended first'} "
            f"after {kill.seconds:.1f} s with stored {kill.at.stored}, analysed "
            f"{kill.at.analysed}, placed {kill.at.placed}, stale stories {kill.at.stale}; "
            f"check problems {interrupted.problems}",
            flush=True,
        )
    last = run_to_end(db, [folder])
    runs += 1
    final = verdict(db, keys)
    checked = accord_check(db)
    result = {
        "scenario": name,
        "reports": len(keys),
        "runs": runs,
        "kills": kills,
        "stored": final.reports,
        "lost": final.lost,
        "duplicated": final.duplicated,
        "unanalysed": final.unanalysed,
        "unplaced": final.unplaced,
        "stale_stories": final.stale,
        "check_problems_at_kills": problems_at_kills,
        "check_problems": final.problems,
        "accord_check_exit": checked.returncode,
        "last_run_exit": last.returncode,
        "seconds": round(time.monotonic() - began, 1),
        "sound": final.sound and checked.returncode == 0 and problems_at_kills == 0,
    }
    print(
        f"{name}: {runs} runs, {kills} kills; {final.reports} of {len(keys)} reports stored, "
        f"lost {final.lost}, duplicated {final.duplicated}, unanalysed {final.unanalysed}, "
        f"unplaced {final.unplaced}, stale stories {final.stale}, check problems "
        f"{final.problems} (at kills {problems_at_kills}), accord check exit {checked.returncode}",
        flush=True,
    )
    return result


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="accord-crash-") as temp:
        work = args.workdir or Path(temp)
        folder = work / "reports"
        keys = {p.stem for p in write_reports(folder, args.reports)}
        results = [
            scenario("stages", stage_points(args.reports), folder, work / "stages.db", keys),
            scenario(
                "timed",
                timed_points(args.timed_kills, args.max_delay, args.seed),
                folder,
                work / "timed.db",
                keys,
            ),
        ]
    print(json.dumps({"benchmark": "crash_resume", "results": results}))
    return 0 if all(r["sound"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
