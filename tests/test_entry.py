"""The `accord` entry point starts the analysis workers' fork server for the commands that
analyse, read from the arguments before the command line is parsed."""

from __future__ import annotations

import pytest

from accord.entry import ANALYSING, _command, _in_workers


@pytest.mark.parametrize(
    ("args", "command"),
    [
        (["ingest", "reports/"], "ingest"),
        (["--db", "ingest", "analyze"], "analyze"),  # a store named "ingest"
        (["--db=a.db", "-v", "ingest", "x.jsonl"], "ingest"),
        (["-v", "stories", "merge", "s1", "s2"], "stories"),
        (["--db", "a.db"], None),
        ([], None),
    ],
)
def test_the_command_is_the_first_word_that_is_no_option_nor_the_store(
    args: list[str], command: str | None
) -> None:
    assert _command(args) == command


def test_the_commands_that_analyse_are_commands() -> None:
    from accord.cli import app

    names = {c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands}
    assert names >= ANALYSING


@pytest.mark.parametrize(("processes", "server"), [("1", False), ("2", True)])
def test_no_server_is_started_for_an_analysis_in_one_process(
    monkeypatch: pytest.MonkeyPatch, processes: str, server: bool
) -> None:
    monkeypatch.setenv("ACCORD_PROCESSES", processes)
    assert _in_workers() is server
