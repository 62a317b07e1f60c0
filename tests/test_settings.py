"""Settings: each source's precedence and recorded origin, validation messages, hermetic loading."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.errors import ConfigError
from accord.settings import DEFAULTS, SETTINGS, Origin, Settings, load_settings
from tests.conftest import run_accord


@pytest.fixture(autouse=True)
def _clean(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A folder without accord.toml and an environment without ACCORD_* variables."""
    monkeypatch.chdir(tmp_path)
    for s in SETTINGS:
        monkeypatch.delenv(f"ACCORD_{s.name.upper()}", raising=False)


def _toml(text: str) -> None:
    Path("accord.toml").write_text(f"[accord]\n{text}\n", encoding="utf-8")


def test_defaults_alone_are_the_dataclass_defaults() -> None:
    loaded = load_settings()
    assert loaded == Settings() == DEFAULTS
    assert {loaded.origin(s.name) for s in SETTINGS} == {Origin.DEFAULT}
    assert [s.name for s in SETTINGS][:2] == ["db", "max_article_bytes"]


def test_each_source_overrides_the_one_below(monkeypatch: pytest.MonkeyPatch) -> None:
    _toml('db = "file.db"\nprocesses = 2\ndedup_shingle = 4\nabout_width = 0.2')
    monkeypatch.setenv("ACCORD_PROCESSES", "3")
    monkeypatch.setenv("ACCORD_DEDUP_SHINGLE", "5")
    loaded = load_settings({"dedup_shingle": 6, "fetch_timeout": None})
    assert (loaded.db, loaded.processes, loaded.dedup_shingle) == ("file.db", 3, 6)
    assert loaded.about_width == 0.2 and loaded.fetch_timeout == DEFAULTS.fetch_timeout
    assert loaded.origin("db") is Origin.FILE
    assert loaded.origin("processes") is Origin.ENV
    assert loaded.origin("dedup_shingle") is Origin.FLAG
    assert loaded.origin("fetch_timeout") is Origin.DEFAULT  # a flag of None was not given


def test_environment_text_is_parsed_to_the_type(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACCORD_ALLOW_PRIVATE", "yes")
    monkeypatch.setenv("ACCORD_FETCH_TIMEOUT", "2.5")
    monkeypatch.setenv("ACCORD_FEED_MAX_ENTRIES", "7")
    loaded = load_settings()
    assert (loaded.allow_private, loaded.fetch_timeout, loaded.feed_max_entries) == (True, 2.5, 7)
    assert isinstance(load_settings({"story_half_life_days": 30}).story_half_life_days, float)


def test_hermetic_ignores_the_file_and_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    _toml("processes = 2")
    monkeypatch.setenv("ACCORD_STORY_THRESHOLD", "0.9")
    assert load_settings(hermetic=True) == DEFAULTS
    flagged = load_settings({"db": "x.db"}, hermetic=True)
    assert flagged.db == "x.db" and flagged.origin("db") is Origin.FLAG


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "env",
            "setting processes = 'many' (in the environment as ACCORD_PROCESSES) is not a whole",
        ),
        ("toml", "setting processes = 'many' (in accord.toml) is not a whole number; use a value"),
        ("flag", "setting processes = 'many' (from the --processes flag) is not a whole number"),
    ],
)
def test_a_bad_value_names_the_setting_its_origin_and_the_fix(
    monkeypatch: pytest.MonkeyPatch, source: str, message: str
) -> None:
    flags: dict[str, object] = {}
    if source == "env":
        monkeypatch.setenv("ACCORD_PROCESSES", "many")
    elif source == "toml":
        _toml('processes = "many"')
    else:
        flags["processes"] = "many"
    with pytest.raises(ConfigError, match="use a value like 0") as caught:
        load_settings(flags)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("dedup_threshold = 1.5", "dedup_threshold = 1.5 (in accord.toml) must be from 0 to 1"),
        ("fetch_timeout = 0", "fetch_timeout = 0 (in accord.toml) must be above 0"),
        ("dedup_shingle = 0", "dedup_shingle = 0 (in accord.toml) must be 1 or more"),
        ("allow_private = 1", "allow_private = 1 (in accord.toml) is not true or false"),
        ("processes = 2.5", "processes = 2.5 (in accord.toml) is not a whole number"),
        ('db = ""', "db = '' (in accord.toml) must be not empty"),
        ("colour = 1", "accord.toml: unknown setting 'colour'"),
        ("processes = ", "accord.toml: not valid TOML"),
    ],
)
def test_file_values_are_checked(toml: str, message: str) -> None:
    _toml(toml)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert message in str(caught.value)


def test_an_unknown_flag_is_refused() -> None:
    with pytest.raises(ConfigError, match="unknown setting 'colour'"):
        load_settings({"colour": 1})


def test_settings_are_frozen_and_picklable() -> None:
    import pickle

    loaded = load_settings({"processes": 2})
    with pytest.raises(AttributeError):
        loaded.processes = 3  # type: ignore[misc]
    again = pickle.loads(pickle.dumps(loaded))
    assert again == loaded and again.origin("processes") is Origin.FLAG


def test_the_command_lists_values_and_origins(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _toml("processes = 2")
    monkeypatch.setenv("ACCORD_DEDUP_SHINGLE", "5")
    code, said = run_accord(capsys, "--db", "mine.db", "settings")
    cells = [[c.strip() for c in line.split("│")[1:-1]] for line in said.splitlines()]
    rows = {row[0]: row[1:3] for row in cells if row}
    assert code == 0
    assert rows["db"] == ["mine.db", "flag"]
    assert rows["processes"] == ["2", "accord.toml"]
    assert rows["dedup_shingle"] == ["5", "environment"]
    assert rows["fetch_timeout"] == ["15.0", "default"]


def test_the_command_reports_a_bad_value(capsys: pytest.CaptureFixture[str]) -> None:
    _toml("processes = -1")
    code, said = run_accord(capsys, "settings")
    assert code == 1 and "processes = -1 (in accord.toml) must be 0 or more" in " ".join(
        said.split()
    )


def test_the_command_hides_a_server_password(capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql+psycopg://me:s3cret@db.example/accord"
    code, said = run_accord(capsys, "--db", url, "settings")
    assert code == 0 and "s3cret" not in said and "***" in said
