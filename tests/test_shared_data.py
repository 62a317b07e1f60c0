"""The shared corpora's absence: a skip on a developer's machine, a failure under CI."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import conftest


@pytest.fixture
def no_shared(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    monkeypatch.setattr(conftest, "SHARED", tmp_path / "shared")
    return monkeypatch


def test_missing_shared_data_fails_under_ci(no_shared: pytest.MonkeyPatch) -> None:
    no_shared.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="corpora/seeds is absent.*CI=true"):
        conftest.shared_path("corpora", "seeds")


@pytest.mark.parametrize("ci", [None, "false", ""])
def test_missing_shared_data_skips_elsewhere(no_shared: pytest.MonkeyPatch, ci: str | None) -> None:
    if ci is None:
        no_shared.delenv("CI", raising=False)
    else:
        no_shared.setenv("CI", ci)
    with pytest.raises(pytest.skip.Exception, match="corpora/seeds is absent"):
        conftest.shared_path("corpora", "seeds")


def test_present_shared_data_is_its_path(no_shared: pytest.MonkeyPatch, tmp_path: Path) -> None:
    no_shared.setenv("CI", "true")
    (tmp_path / "shared" / "gold").mkdir(parents=True)
    assert conftest.shared_path("gold") == tmp_path / "shared" / "gold"


def test_the_scorer_runs_without_accord_settings(
    no_shared: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The scorer sees no ACCORD_* variable and runs away from the checkout's ./accord.toml."""
    scorer = tmp_path / "shared" / "eval" / "score.py"
    scorer.parent.mkdir(parents=True)
    scorer.write_text(
        "import json, os, sys\n"
        "seen = sorted(k for k in os.environ if k.startswith('ACCORD_'))\n"
        "print(json.dumps({'seen': seen, 'cwd': os.getcwd(), 'args': sys.argv[1:]}))\n",
        encoding="utf-8",
    )
    no_shared.setenv("ACCORD_DB", "elsewhere.db")
    folder = tmp_path / "run"
    folder.mkdir()
    figures = conftest.score(folder, "clusters", "--level", "event")
    assert figures == {"seen": [], "cwd": str(folder), "args": ["clusters", "--level", "event"]}
