"""Shared fixtures: a real in-memory store, and the shared corpora and scorer beside the checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from accord.cli import main
from accord.store import Store

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared; when it is absent the test skips, or fails under CI (CI=true).

    CI lays the shared folder beside its clone: a CI run without it would pass with no quality gate
    run, so there its absence is a failure.
    """
    path = SHARED.joinpath(*parts)
    if not path.exists():
        reason = f"{path} is absent: the shared corpora are not beside this checkout"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}, and CI=true needs them", pytrace=False)
        pytest.skip(reason)
    return path


def score(folder: Path, *args: str) -> dict[str, float]:
    """The figures of ../shared/eval/score.py ARGS (its last output line is a JSON object).

    The scorer runs in `folder`, away from any ./accord.toml, and without the ACCORD_* environment
    variables, so that a gate's figures do not depend on where and by whom it is run.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("ACCORD_")}
    command = [sys.executable, str(shared_path("eval", "score.py")), *args]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=folder, env=env)
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.memory() as s:
        yield s


def run_accord(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """Exit code and everything `accord ARGS` printed, run in this process as the console script."""
    argv = sys.argv
    sys.argv = ["accord", *args]
    try:
        with pytest.raises(SystemExit) as exited:
            main()
    finally:
        sys.argv = argv
    captured = capsys.readouterr()
    code = exited.value.code
    return (code if isinstance(code, int) else 1), captured.out + captured.err
