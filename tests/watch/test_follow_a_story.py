"""Issue 17's acceptance test: a story followed as its reports come in three waves from a feed
on 127.0.0.1 (the seed reports), then a correction that retracts a figure. After each wave
`accord changes --since LAST` lists exactly what the wave changed, and unchanged polls fetch no
bodies."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from accord.settings import Settings
from accord.store import Store
from accord.watch import Watcher
from tests.conftest import run_accord, shared_path
from tests.watch.site import Site, serving

SEEDS = ("000", "001", "002", "003", "004")
RETRACTED = "Government numbers indicate about 2,000 people were arrested."
NOTE = (
    "Correction: An earlier version of this report gave a government count of the people "
    "arrested, which the government has not published; the figure has been removed."
)


def _seed(number: str) -> dict[str, str]:
    found = sorted(shared_path("corpora", "seeds").glob(f"{number}_*.txt"))
    assert found, f"no seed {number}"
    return {"id": found[0].stem, "text": found[0].read_text(encoding="utf-8")}


def _changes(capsys: pytest.CaptureFixture[str], db: Path, story: str) -> list[dict[str, Any]]:
    code, output = run_accord(
        capsys, "changes", story, "--since", "LAST", "--format", "json", "--db", str(db)
    )
    assert code == 0, output
    found: list[dict[str, Any]] = json.loads(output)["changes"]
    return found


def _one(changes: list[dict[str, Any]], kind: str, measure: str, **fields: Any) -> dict[str, Any]:
    hits = [
        c
        for c in changes
        if c["kind"] == kind
        and c["measure"] == measure
        and all(c[k] == v for k, v in fields.items())
    ]
    assert len(hits) == 1, (kind, measure, fields, [c["text"] for c in changes])
    return hits[0]


def _quotes(change: dict[str, Any]) -> str:
    return " | ".join(c["quote"] for c in change["citations"])


def test_three_waves_and_a_correction(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seeds = {n: _seed(n) for n in SEEDS}
    db = tmp_path / "accord.db"
    settings = Settings(db=str(db), allow_private=True, processes=1)
    with serving(Site()) as site, Store(db) as store:
        feed = site.base + "/feed.xml"
        watcher = Watcher(store, settings, [feed])

        # Wave 1: Reuters' report alone.
        site.publish("000", seeds["000"])
        watcher.run(once=True)
        [story] = [s.id for s in store.stories.all()]
        first = _changes(capsys, db, story)
        for measure, value in (("released", 60), ("arrested", 1800), ("killed", 28)):
            _one(first, "new_figure", measure, new_value=value)
        assert {c["kind"] for c in first} <= {
            "new_figure",
            "new_report",
            "new_source",
            "new_outlet",
            "timeline",
        }
        assert {c["source"] for c in first if c["kind"] == "new_outlet"} == {"Reuters"}

        # Unchanged: the feed answers 304 and no body is fetched.
        before = dict(site.bodies)
        [poll] = watcher.run(once=True)
        assert (poll.status, poll.new) == ("not modified", 0), poll.line()
        assert dict(site.bodies) == before and site.not_modified["/feed.xml"] == 1
        assert _changes(capsys, db, story) == []

        # Wave 2: the AP report and the two undated rewrites, the same day.
        for n in ("001", "002", "003"):
            site.publish(n, seeds[n])
        watcher.run(once=True)
        second = _changes(capsys, db, story)
        released = _one(second, "moved", "released", old_value=60, new_value=107)
        assert "107" in _quotes(released)
        _one(second, "verdict", "released", old="single", new="update")
        deaths = _one(second, "verdict", "killed", old="single", new="dispute")
        assert deaths["source"] == "Human Rights Watch" and "24 people" in _quotes(deaths)
        arrests = _one(second, "verdict", "arrested", old="single", new="agree")
        assert "about 2,400" in _quotes(arrests)
        assert any(c["outlet"] == "The Associated Press" for c in arrests["citations"])
        assert {c["source"] for c in second if c["kind"] == "new_outlet"} == {
            "The Associated Press"
        }
        # What wave 1 brought is not new again.
        assert not [
            c for c in second if c["kind"] == "new_figure" and c["new_value"] in (60, 1800, 28)
        ]
        # Reports already read answer 304 and are not fetched again.
        assert site.bodies["/reports/000"] == 1

        ledger = {
            g.measure: g
            for g in store.ledger.groups(story)
            if g.role == "figure" and g.measure in ("killed",)
        }
        values = {(v.source, v.value) for v in ledger["killed"].by_source}
        assert {("Human Rights Watch", 24.0), ("Tarek William Saab", 28.0)} <= values

        # Wave 3: ANI's report of 13 December.
        site.publish("004", seeds["004"])
        watcher.run(once=True)
        third = _changes(capsys, db, story)
        disputed = _one(third, "verdict", "arrested", old="agree", new="dispute")
        assert disputed["source"] == "Government" and "about 2,000" in _quotes(disputed)
        fell = _one(third, "moved", "arrested", old_value=2400, new_value=1800)
        assert fell["text"].endswith("after Government's 2,000 came in")
        _one(third, "new_figure", "released", new_value=103)
        assert not [c for c in third if c["kind"] in ("retracted", "corrected")]

        # The correction: ANI publishes 004 again without the government's count.
        corrected = dict(seeds["004"])
        assert RETRACTED in corrected["text"]
        corrected["text"] = corrected["text"].replace(RETRACTED, "") + "\n\n" + NOTE + "\n"
        site.publish("004", corrected)
        [poll] = watcher.run(once=True)
        assert (poll.revised, poll.new) == (1, 0)
        fourth = _changes(capsys, db, story)
        retracted = _one(fourth, "retracted", "arrested", old_value=2000)
        assert retracted["source"] == "Government" and "about 2,000" in _quotes(retracted)
        _one(fourth, "verdict", "arrested", old="dispute", new="agree")
        back = _one(fourth, "moved", "arrested", old_value=1800, new_value=2400)
        assert back["text"].endswith("after Government's 2,000 left")
        [note] = [c for c in fourth if c["kind"] == "corrected"]
        assert note["text"].endswith(NOTE)
        assert not [c for c in fourth if c["kind"] in ("new_figure", "new_report")]
        # Each report was fetched once per version; the feed once per change.
        assert site.bodies["/reports/004"] == 2 and site.bodies["/reports/001"] == 1
        assert store.articles.count() == 5

        # Read at a time: the ledger as it stood before the correction is still there.
        code, output = run_accord(
            capsys,
            "changes",
            story,
            "--since",
            "2000-01-01",
            "--reader",
            "other",
            "--format",
            "json",
            "--db",
            str(db),
        )
        assert code == 0
        everything = json.loads(output)["changes"]
        _one(everything, "new_figure", "released", new_value=103)
