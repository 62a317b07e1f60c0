"""The `accord` command as a user runs it: exit codes, messages, and `accord check`."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import run_accord

REPORT = (
    "Bridge reopens in Tallow\n\n"
    "The Tallow bridge reopened on Monday after 14 days of repairs, the county roads office said. "
    "About 3,000 vehicles a day cross it, according to the office.\n"
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code, said = run_accord(capsys, *args)
    return code, " ".join(said.split())  # Rich wraps long lines


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "a.db")


def test_ingest_then_check_is_sound(
    tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bridge.txt").write_text(REPORT, encoding="utf-8")
    assert run(capsys, "--db", db, "ingest", str(tmp_path / "bridge.txt"))[0] == 0
    code, said = run(capsys, "--db", db, "check")
    assert code == 0 and "sound" in said


def test_check_names_a_broken_record_and_fails(
    tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bridge.txt").write_text(REPORT, encoding="utf-8")
    run(capsys, "--db", db, "ingest", str(tmp_path / "bridge.txt"))
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE claims SET data = json_set(data, '$.end', 999999)")
    code, said = run(capsys, "--db", db, "check")
    assert code == 1 and "offsets" in said and "bridge#" in said


def test_errors_exit_1_with_a_message_and_no_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, said = run(capsys, "--db", str(tmp_path / "missing" / "a.db"), "check")
    assert code == 1 and "does not exist" in said and "Traceback" not in said


def test_unknown_story_exits_1(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, said = run(capsys, "--db", db, "story", "no-such-story")
    assert code == 1 and "no-such-story" in said


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--no-such-flag")[0] == 2


def test_a_file_that_is_no_store_is_refused_and_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"<html>not a database</html>" * 200)
    code, said = run(capsys, "--db", str(junk), "check")
    assert code == 1 and "cannot open the store" in said
    assert junk.read_bytes() == b"<html>not a database</html>" * 200
