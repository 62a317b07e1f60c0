"""Two `accord ingest` processes given the same reports at the same time, into one store: each
report stored once and analysed once, every stage complete, the store sound."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from tests.reliability.corpus import write_reports
from tests.reliability.crash import ingest_command, verdict

REPORTS = 120


def test_two_ingests_of_the_same_reports_leave_one_sound_store(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    keys = {p.stem for p in write_reports(folder, REPORTS)}
    db = tmp_path / "two.db"
    runs = [
        subprocess.Popen(
            ingest_command(db, [folder]), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(2)
    ]  # fmt: skip
    said = [run.communicate(timeout=600)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], said
    after = verdict(db, keys)
    assert after.sound, after
    assert after.reports == REPORTS
    # each report analysed by one of the two: their counts add up, whoever took more
    analysed = [int(m.group(1)) for out in said for m in re.finditer(r"analysed (\d+)", out)]
    assert len(analysed) == 2 and sum(analysed) == REPORTS, said
