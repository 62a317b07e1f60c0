"""The `accord` command's entry point. The garbage collector is tuned before the command's modules
are imported (accord.cli): importing them (SQLAlchemy, NumPy and accord's own) allocates objects
by the million, and CPython's default collections over them were some 0.07 CPU-seconds of every
command's start, before the first report is read.

A command that analyses reports starts the analysis workers' fork server before those imports
(accord.analyze.workers), so that the server's own imports and model load run beside them on the
other core. It is started on the command's name and the setting `processes` alone: the
command's inputs are not yet read, and for fewer than a chunk of reports, analysed in this
process, the server's second of the other core is spent for nothing."""

from __future__ import annotations

import sys

from accord.analyze.workers import default_processes, start_server
from accord.collector import tune_collector
from accord.errors import AccordError
from accord.settings import load_settings

# The commands that analyse reports, in numbers the workers take.
ANALYSING = frozenset({"ingest", "analyze"})


def main() -> None:
    tune_collector()
    if _command(sys.argv[1:]) in ANALYSING and _in_workers():
        start_server()
    from accord.cli import main as run  # after tuning the collector: see above

    run()


def _command(args: list[str]) -> str | None:
    """The command's name: the first word that is neither an option nor the value of --db, the
    one option before a command that takes a value."""
    words = iter(args)
    for word in words:
        if word == "--db":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def _in_workers() -> bool:
    """Whether the settings let the analysis run in worker processes (`processes`, 0 = one per
    core): on one core the server would only compete with the command."""
    try:
        processes = load_settings().processes
    except AccordError:
        return False  # the command says what is wrong
    return (processes or default_processes()) > 1
