"""The `accord` command as a user runs it: exit codes, messages, and `accord check`."""

from __future__ import annotations

import csv
import gc
import io
import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sqlalchemy import Engine, select, update

from accord.analyze import pipeline, reading
from accord.collector import YOUNG_COLLECTION_AFTER
from accord.store import Store
from accord.store.schema import claims
from tests.conftest import postgresql_schema, run_accord
from tests.reliability.corpus import write_reports

DEMO = Path(__file__).resolve().parents[1] / "demo" / "corpus"
EXPORTS = ("articles", "statements", "entities", "claims", "groups", "timeline", "clusters")

REPORT = (
    "Bridge reopens in Tallow\n\n"
    "The Tallow bridge reopened on Monday after 14 days of repairs, the county roads office said. "
    "About 3,000 vehicles a day cross it, according to the office.\n"
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code, said = run_accord(capsys, *args)
    return code, " ".join(said.split())  # Rich wraps long lines


@pytest.fixture
def db(store_url: str) -> str:
    """A new store on each backend."""
    return store_url


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
    with Store(db) as store, store.transaction() as conn:
        for ident, data in conn.execute(select(claims.c.id, claims.c.data)).all():
            broken = {**json.loads(data), "end": 999999}
            conn.execute(update(claims).where(claims.c.id == ident).values(data=json.dumps(broken)))
    code, said = run(capsys, "--db", db, "check")
    assert code == 1 and "offsets" in said and "bridge#" in said


def test_words_of_reports_that_look_like_markup_are_printed_as_they_are(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = "[/x] Tallow [bold]bridge[/bold] reopens"
    record = {"id": "[x]", "title": hostile, "text": REPORT}
    (tmp_path / "in.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = str(tmp_path / "a.db")
    assert run(capsys, "--db", db, "ingest", str(tmp_path / "in.jsonl"))[0] == 0
    for command in (["stories"], ["story", "s1"], ["articles"]):
        code, said = run(capsys, "--db", db, *command)
        assert code == 0 and "[bold]bridge[/bold]" in said, command


def test_a_report_the_analysis_fails_on_is_refused_by_accord_analyze(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "bridge.txt").write_text(REPORT, encoding="utf-8")
    db = str(tmp_path / "a.db")
    assert run(capsys, "--db", db, "ingest", str(tmp_path / "bridge.txt"))[0] == 0

    def failing(*args: object, **kwargs: object) -> None:
        raise ValueError("a fault met in this report")

    # a newer analysis finds the stored report, and its rules fail on it
    monkeypatch.setattr(pipeline, "ANALYSIS_VERSION", pipeline.ANALYSIS_VERSION + 1)
    monkeypatch.setattr(reading, "find_claims", failing)
    code, said = run(capsys, "--db", db, "analyze")
    assert code == 1 and "refused bridge" in said and "ValueError" in said


def test_errors_exit_1_with_a_message_and_no_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, said = run(capsys, "--db", str(tmp_path / "missing" / "a.db"), "check")
    assert code == 1 and "does not exist" in said and "Traceback" not in said


def test_unknown_story_exits_1(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, said = run(capsys, "--db", db, "story", "no-such-story")
    assert code == 1 and "no-such-story" in said


def test_a_report_since_no_time_says_how_to_write_one(
    tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bridge.txt").write_text(REPORT, encoding="utf-8")
    assert run(capsys, "--db", db, "ingest", str(tmp_path / "bridge.txt"))[0] == 0
    code, said = run(capsys, "--db", db, "report", "--since", "notatime", "-o", "-")
    assert code == 1 and "notatime" in said and "2024-11-16" in said and "Traceback" not in said


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


def test_a_generated_corpus_through_ingest_export_and_check(
    tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store named by ACCORD_DB, as a user running several commands would set it."""
    monkeypatch.setenv("ACCORD_DB", db)
    folder = tmp_path / "in"
    write_reports(folder, 8)
    code, said = run(capsys, "ingest", str(folder))
    assert code == 0 and "ingested 8" in said
    code, said = run(capsys, "ingest", str(folder))
    assert code == 0 and "already present 8" in said
    code, said = run(capsys, "check")
    assert code == 0 and "sound" in said and "password" not in said
    code, exported = run_accord(capsys, "export", "articles")
    assert code == 0
    assert sorted(json.loads(line)["doc"] for line in exported.splitlines()) == [
        f"r{n:05d}" for n in range(8)
    ]


def test_every_export_writes_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "a.db")
    assert run(capsys, "--db", db, "ingest", str(DEMO))[0] == 0
    for kind in EXPORTS:
        code, out = run_accord(capsys, "--db", db, "export", kind, "--format", "csv")
        assert code == 0 and len(list(csv.DictReader(io.StringIO(out)))) > 0, kind


def test_postgresql_gives_the_answers_sqlite_gives(
    tmp_path: Path, postgresql_server: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    """The demo corpus (one story, disputed figures) stored on both backends: every export and
    the report are the same."""
    sqlite = str(tmp_path / "a.db")
    with postgresql_schema(postgresql_server) as pg:
        said: dict[str, list[str]] = {sqlite: [], pg: []}
        for n, db in enumerate((sqlite, pg)):
            assert run(capsys, "--db", db, "ingest", str(DEMO))[0] == 0
            for kind in EXPORTS:
                code, out = run_accord(capsys, "--db", db, "export", kind)
                assert code == 0
                said[db].append(out)
            out_file = tmp_path / f"report-{n}.md"
            assert run(capsys, "--db", db, "report", "s1", "-o", str(out_file))[0] == 0
            said[db].append(out_file.read_text(encoding="utf-8"))
    assert all(said[sqlite]) and said[pg] == said[sqlite]


def test_every_export_writes_parquet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "a.db")
    assert run(capsys, "--db", db, "ingest", str(DEMO))[0] == 0
    for kind in EXPORTS:
        target = tmp_path / f"{kind}.parquet"
        code, _ = run_accord(
            capsys, "--db", db, "export", kind, "--format", "parquet", "-o", str(target)
        )
        code_jsonl, lines = run_accord(capsys, "--db", db, "export", kind)
        table = pq.read_table(target)
        assert code == code_jsonl == 0 and table.num_rows == len(lines.splitlines()) > 0, kind
    docs = pq.read_table(tmp_path / "articles.parquet").column("doc").to_pylist()
    assert docs == [
        json.loads(line)["doc"]
        for line in run_accord(capsys, "--db", db, "export", "articles")[1].splitlines()
    ]


_SPY_ON_THE_CLI_IMPORT = """
import gc, importlib.metadata, sys
import accord.entry
seen = []
class Spy:
    def find_spec(self, name, path=None, target=None):
        if name == "accord.cli":
            seen.append(gc.get_threshold()[0])
sys.meta_path.insert(0, Spy())
sys.argv = ["accord", "--help"]
try:
    accord.entry.main()
except SystemExit:
    pass
script = [e for e in importlib.metadata.entry_points(group="console_scripts") if e.name == "accord"]
print(seen, script[0].value, file=sys.stderr)
"""


def test_the_console_script_tunes_the_collector_before_importing_the_cli() -> None:
    """Importing accord's modules allocates objects by the million: the `accord` script tunes
    the collector first (accord.entry), and only then imports the CLI."""
    done = subprocess.run(
        [sys.executable, "-c", _SPY_ON_THE_CLI_IMPORT], capture_output=True, text=True, check=True
    )
    assert done.stderr.strip().splitlines()[-1] == f"[{YOUNG_COLLECTION_AFTER}] accord.entry:main"


def test_the_command_collects_garbage_after_many_more_objects(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """accord's processes hold many records: the collector's youngest pass waits for
    YOUNG_COLLECTION_AFTER objects, the older generations as CPython has them."""
    before = gc.get_threshold()
    try:
        code, _ = run(capsys, "--db", str(tmp_path / "s.db"), "articles")
        assert code == 0
        assert gc.get_threshold() == (YOUNG_COLLECTION_AFTER, *before[1:])
    finally:
        gc.set_threshold(*before)
