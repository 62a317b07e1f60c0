"""A real browser shows the "since your last visit" panel: everything on the first visit, nothing
on the next, and the new report (its hostile title as text) after a second wave."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from accord.store import Store
from tests.watch.test_changes_web import HOSTILE_TITLE, ingest, second_wave
from tests.web.conftest import FIRE_1, XSS_SCRIPT
from tests.web.test_browser import Served, page, shot, watch  # noqa: F401 (page: a fixture)


def test_the_panel_in_a_browser(tmp_path: Path, page: Any) -> None:  # noqa: F811
    with Store(tmp_path / "accord.db") as store:
        ingest(
            store,
            tmp_path / "one",
            {"fire-1": {"id": "fire-1", "title": "Harbour fire in Port Elsin", "text": FIRE_1}},
        )
        [story] = [s.id for s in store.stories.all()]
        with Served(store) as base:
            dialogs, csp = watch(page)
            page.goto(f"{base}/stories/{story}")
            panel = page.locator("section#changes")
            assert panel.is_visible() and "your first visit" in panel.inner_text()
            page.reload()
            assert "Nothing has changed" in panel.inner_text()
            second_wave(store, tmp_path)
            page.reload()
            text = panel.inner_text()
            assert "Since your last visit" in text and HOSTILE_TITLE in text
            assert panel.locator("li.change.new_report").count() == 1
            assert page.locator("main script").count() == 0 and XSS_SCRIPT in text
            shot(page, tmp_path, "changes-panel")
            assert dialogs == [] and csp == []
