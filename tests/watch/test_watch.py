"""`accord watch`: conditional polls, the cap per poll, backoff, the refusal of private addresses,
a stop between two reports, folders, sources from accord.toml, one log line per poll."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest

from accord.settings import Settings, load_settings
from accord.store import Store
from accord.watch import Watcher, correction_note
from tests.watch.site import Site, serving

TOWNS = ("Port Elsin", "Tarnwick", "Gallowmere", "Brisk Hollow")


def report(n: int) -> dict[str, str]:
    """A short fictional report of its own town."""
    town = TOWNS[n]
    return {
        "id": f"r{n}",
        "title": f"Storm damage in {town}",
        "text": (
            f"A storm tore roofs from {n + 3} houses in {town} on Monday, the council said.\n\n"
            f"Mayor Ada Quill said {n + 10} families had been moved to the school hall of {town}.\n\n"
            "Repairs are expected to take several weeks."
        ),
    }


def settings(db: Path, **values: object) -> Settings:
    return Settings(db=str(db), allow_private=True, processes=1, **values)  # type: ignore[arg-type]


def test_the_cap_leaves_the_rest_for_the_next_poll(tmp_path: Path) -> None:
    db = tmp_path / "accord.db"
    with serving(Site()) as site, Store(db) as store:
        for n in range(3):
            site.publish(f"r{n}", report(n))
        watcher = Watcher(store, settings(db, watch_max_per_poll=2), [site.base + "/feed.xml"])
        [first] = watcher.run(once=True)
        assert (first.new, first.more, first.wait) == (2, True, 0.0)
        assert watcher.due() == [site.base + "/feed.xml"]  # due again at once
        [second] = watcher.run(once=True)
        # The feed is read again (its validators were kept back); the two stored reports answer
        # 304 and only the third is fetched.
        assert (second.new, second.not_modified, second.more) == (1, 2, False)
        assert site.bodies["/feed.xml"] == 2
        assert [site.bodies[f"/reports/r{n}"] for n in range(3)] == [1, 1, 1]
        [third] = watcher.run(once=True)
        assert third.status == "not modified" and sorted(a.key for a in store.articles.all()) == [
            "r0",
            "r1",
            "r2",
        ]


def test_failing_polls_back_off(tmp_path: Path) -> None:
    db = tmp_path / "accord.db"
    with serving(Site()) as site, Store(db) as store:
        missing = site.base + "/gone.xml"
        watcher = Watcher(
            store, settings(db, watch_interval=10.0, watch_max_backoff=35.0), [missing]
        )
        waits = [watcher.run(once=True)[0].wait for _ in range(3)]
        assert waits == [20.0, 35.0, 35.0]
        state = store.watch.get(missing)
        assert state is not None and state.failures == 3 and "HTTP 404" in (state.status or "")
        assert watcher.due() == []
        # A poll that works again returns to the interval.
        site.publish("r0", report(0))
        watcher.sources = [site.base + "/feed.xml"]
        assert watcher.run(once=True)[0].wait == 10.0


def test_private_addresses_are_refused_as_ingest_refuses_them(tmp_path: Path) -> None:
    db = tmp_path / "accord.db"
    with serving(Site()) as site, Store(db) as store:
        site.publish("r0", report(0))
        watcher = Watcher(store, Settings(db=str(db)), [site.base + "/feed.xml"])
        [poll] = watcher.run(once=True)
        assert poll.status == "failed" and "private or local address" in poll.detail
        assert site.bodies["/feed.xml"] == 0 and store.articles.count() == 0


def test_a_stop_waits_for_the_report_in_hand(tmp_path: Path) -> None:
    db = tmp_path / "accord.db"
    with serving(Site()) as site, Store(db) as store:
        for n in range(3):
            site.publish(f"r{n}", report(n))
        arrived, answer = site.hold_back("r1")
        watcher = Watcher(store, settings(db), [site.base + "/feed.xml"])
        polls: list[object] = []
        thread = threading.Thread(target=lambda: polls.extend(watcher.run()))
        thread.start()
        assert arrived.wait(60)
        watcher.stop.set()
        answer.set()
        thread.join(120)
        assert not thread.is_alive()
        [poll] = polls
        assert poll.new == 2 and poll.more  # type: ignore[attr-defined]
        assert sorted(a.key for a in store.articles.all()) == ["r0", "r1"]
        # The next run reads the rest.
        watcher.stop.clear()
        [again] = watcher.run(once=True)
        assert again.new == 1 and store.articles.count() == 3


def test_a_folder_is_watched_too(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    db = tmp_path / "accord.db"
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "a.txt").write_text(report(0)["text"], encoding="utf-8")
    with Store(db) as store, caplog.at_level(logging.INFO, logger="accord.watch"):
        watcher = Watcher(store, settings(db), [str(folder)])
        assert watcher.run(once=True)[0].new == 1
        (folder / "b.txt").write_text(report(1)["text"], encoding="utf-8")
        [poll] = watcher.run(once=True)
        assert (poll.new, poll.present) == (1, 1)
    lines = [r.getMessage() for r in caplog.records if r.name == "accord.watch"]
    assert len(lines) == 2 and lines[1].startswith(
        f"poll {folder}: ok; 1 new, 0 revised, 1 present"
    )


def test_a_revised_report_is_found_as_a_copy_of_its_new_text(tmp_path: Path) -> None:
    """A revised report is filed under its new text's near-duplicate bands: a copy of the new
    text is linked to it, as a copy of a report stored as it now reads would be."""
    db = tmp_path / "accord.db"
    folder = tmp_path / "drop"
    folder.mkdir()
    rewritten = (
        "Ferry service resumes after harbour inspection\n\n"
        "Inspectors cleared the northern pier at dawn, and the first ferry of the week left with "
        "forty passengers aboard, the port authority reported.\n\n"
        "Freight crossings restart on Thursday once cranes are tested."
    )
    (folder / "a.txt").write_text(report(0)["text"], encoding="utf-8")
    with Store(db) as store:
        watcher = Watcher(store, settings(db), [str(folder)])
        watcher.run(once=True)
        (folder / "a.txt").write_text(rewritten, encoding="utf-8")
        assert watcher.run(once=True)[0].revised == 1
        (folder / "copy.txt").write_text(rewritten, encoding="utf-8")
        assert watcher.run(once=True)[0].new == 1
        copy = store.articles.get("copy")
        assert (copy.duplicate_of, copy.relation) == ("a", "duplicate")


def test_sources_come_from_accord_toml_and_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ACCORD_WATCH_SOURCES", raising=False)
    Path("accord.toml").write_text(
        '[accord]\nwatch_sources = ["https://example.org/feed.xml", "drop"]\nwatch_interval = 60\n',
        encoding="utf-8",
    )
    loaded = load_settings()
    assert loaded.watch_sources == ("https://example.org/feed.xml", "drop")
    assert loaded.watch_interval == 60.0
    with Store(tmp_path / "accord.db") as store:
        watcher = Watcher(store, loaded, ["drop", "https://example.org/other.xml"])
        assert watcher.sources == [
            "drop",
            "https://example.org/other.xml",
            "https://example.org/feed.xml",
        ]
    monkeypatch.setenv("ACCORD_WATCH_SOURCES", "a b")
    assert load_settings().watch_sources == ("a", "b")
    Path("accord.toml").write_text("[accord]\nwatch_sources = [1]\n", encoding="utf-8")
    monkeypatch.delenv("ACCORD_WATCH_SOURCES")
    with pytest.raises(Exception, match="watch_sources .* is not a list of texts"):
        load_settings()


@pytest.mark.parametrize(
    ("page", "note"),
    [
        (
            "Text.\n\nCorrection: An earlier version gave 12.\n",
            "Correction: An earlier version gave 12.",
        ),
        (
            "<p>Text.</p><p><em>Editor's note:</em> the count was revised.</p>",
            "Editor's note: the count was revised.",
        ),
        ("Text without one.", None),
    ],
)
def test_the_correction_note_is_read_from_the_page(page: str, note: str | None) -> None:
    assert correction_note(page) == note
