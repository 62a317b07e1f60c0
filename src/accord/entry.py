"""The `accord` command's entry point. The garbage collector is tuned before accord's modules are
imported: importing them (spaCy, SQLAlchemy, NumPy and accord's own) allocates objects by the
million, and CPython's default collections over them were some 0.07 CPU-seconds of every
command's start, before the first report is read."""

from __future__ import annotations

from accord.collector import tune_collector


def main() -> None:
    tune_collector()
    from accord.cli import main as run  # after tuning the collector: see above

    run()
