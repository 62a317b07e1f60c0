"""Crash safety: `accord ingest` killed with SIGKILL mid-run, then run again with the same
arguments, leaves every report stored once and every stage complete. benchmarks/crash_resume.py
does the same for 2,000 reports and several kill points."""

from __future__ import annotations

from pathlib import Path

from tests.reliability.corpus import write_reports
from tests.reliability.crash import (
    Counts,
    accord_check,
    counts,
    run_and_kill,
    run_to_end,
    verdict,
)

REPORTS = 300


def test_an_ingest_killed_mid_analysis_resumes_to_a_complete_sound_store(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    keys = {p.stem for p in write_reports(folder, REPORTS)}
    db = tmp_path / "crash.db"

    # Killed once some reports carry their analysis and others do not. Storing, analysing and
    # placing run as a pipeline: some reports are stored, some of those analysed, some of those
    # placed in a story.
    def mid_analysis(seen: Counts) -> bool:
        return 0 < seen.analysed < REPORTS

    kill = run_and_kill(db, [folder], mid_analysis)
    assert kill.killed, f"the ingest ended before it could be killed: {kill}"
    assert kill.at.placed < REPORTS  # a real mid-run state
    interrupted = verdict(db, keys)
    assert interrupted.problems == 0  # each step commits whole: even now the store is sound
    assert interrupted.unanalysed > 0 or counts(db).placed < REPORTS
    stored = counts(db).stored

    again = run_to_end(db, [folder])
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Traceback" not in again.stderr
    said = " ".join(again.stderr.split())
    assert f"ingested {REPORTS - stored}, already present {stored}" in said

    final = verdict(db, keys)
    assert final.reports == REPORTS and final.lost == 0 and final.duplicated == 0, final
    assert (final.unanalysed, final.unplaced, final.stale, final.problems) == (0, 0, 0, 0)
    checked = accord_check(db)
    assert checked.returncode == 0 and "sound" in checked.stdout + checked.stderr
