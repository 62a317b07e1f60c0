"""The changes on the web: the story page's "since your last visit" panel, the API, and the
story's changes as an Atom feed (read back by feedparser), with hostile report text escaped."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest

from accord import workflow
from accord.settings import Settings
from accord.store import Store
from accord.web import create_app
from tests.web.conftest import FIRE_1, FIRE_2, XSS_IMG, XSS_SCRIPT, TestClient

HOSTILE_TITLE = f"Port Elsin harbour fire {XSS_SCRIPT}"


def ingest(store: Store, folder: Path, records: dict[str, dict[str, str]]) -> None:
    folder.mkdir()
    for name, record in records.items():
        (folder / f"{name}.json").write_text(json.dumps(record), encoding="utf-8")
    workflow.ingest(store, [str(folder)], Settings(processes=1))


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[Store, TestClient, Path]]:
    with Store(tmp_path / "accord.db") as store:
        ingest(
            store,
            tmp_path / "one",
            {"fire-1": {"id": "fire-1", "title": "Harbour fire in Port Elsin", "text": FIRE_1}},
        )
        yield store, TestClient(create_app(store, None)), tmp_path


def second_wave(store: Store, tmp_path: Path) -> None:
    text = f"{FIRE_2} Officials later said 14 people were killed. {XSS_IMG}"
    ingest(
        store, tmp_path / "two", {"fire-2": {"id": "fire-2", "title": HOSTILE_TITLE, "text": text}}
    )


def test_the_panel_shows_what_changed_since_the_last_visit(
    site: tuple[Store, TestClient, Path],
) -> None:
    store, client, tmp_path = site
    [story] = [s.id for s in store.stories.all()]
    first = client.get(f"/stories/{story}")
    assert first.status_code == 200
    assert "Since your last visit" in first.text and "your first visit" in first.text
    again = client.get(f"/stories/{story}")
    assert "Nothing has changed since your last visit" in again.text

    second_wave(store, tmp_path)
    assert [s.id for s in store.stories.all()] == [story]
    page = client.get(f"/stories/{story}").text
    panel = page[page.index('id="changes"') : page.index('id="briefing"')]
    assert "new report" in panel and "&lt;script&gt;alert(1)&lt;/script&gt;" in panel
    assert XSS_SCRIPT not in page and XSS_IMG not in page
    assert "/reports/fire-2" in panel  # a change links to the passage that cites it
    # Another reader has not looked yet: everything is new to them.
    other = client.get(f"/stories/{story}", params={"reader": "ana"}).text
    assert "your first visit" in other


def test_the_api_lists_changes_since_a_time(site: tuple[Store, TestClient, Path]) -> None:
    store, client, tmp_path = site
    [story] = [s.id for s in store.stories.all()]
    assert client.get(f"/api/stories/{story}/changes").json()["changes"]  # the first look
    assert client.get(f"/api/stories/{story}/changes").json()["changes"] == []
    second_wave(store, tmp_path)
    found = client.get(f"/api/stories/{story}/changes", params={"since": "2000-01-01"}).json()
    kinds = {c["kind"] for c in found["changes"]}
    assert {"new_report", "new_figure"} <= kinds
    assert (
        client.get(f"/api/stories/{story}/changes", params={"since": "yesterday"}).status_code
        == 400
    )
    assert client.get("/api/stories/nope/changes").status_code == 404
    assert client.get(f"/api/stories/{story}/changes", params={"reader": "<b>"}).status_code == 422


def test_the_changes_feed_is_valid_atom(site: tuple[Store, TestClient, Path]) -> None:
    store, client, tmp_path = site
    second_wave(store, tmp_path)
    [story] = [s.id for s in store.stories.all()]
    response = client.get(f"/stories/{story}/changes.atom")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    assert b"<script" not in response.content and b"<img" not in response.content
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0 and feed.version == "atom10"
    assert len(feed.entries) == 2  # one per rebuild: the first report, then the second wave
    newest = feed.entries[0]
    assert "New report" in newest.content[0].value and XSS_SCRIPT in newest.content[
        0
    ].value.replace("&lt;", "<").replace("&gt;", ">")
    assert newest.link.endswith(f"/stories/{story}")


@pytest.mark.parametrize("fmt", ["html", "md", "json"])
def test_the_report_says_what_changed_since_a_time(
    site: tuple[Store, TestClient, Path], fmt: str
) -> None:
    from accord.changes import story_changes
    from accord.report import render_html, render_json, render_markdown

    store, _, tmp_path = site
    [story] = [s.id for s in store.stories.all()]
    before = store.snapshots.at(story)
    assert before is not None
    second_wave(store, tmp_path)
    found = story_changes(store, story, before.built)
    assert found.changes
    ledger = workflow.story_ledger(store, story, Settings(processes=1))
    render = {"html": render_html, "md": render_markdown, "json": render_json}[fmt]
    text = render(ledger, found)
    if fmt == "json":  # data, not markup: the text as reported
        assert json.loads(text)["changes"]["changes"]
    else:
        assert "<script" not in text and "<img" not in text
        assert "What changed since" in text and "14" in text
    assert "What changed" not in render(ledger)
