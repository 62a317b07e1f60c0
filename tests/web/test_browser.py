"""A real browser (Debian's chromium driven by Playwright) against the app served by uvicorn:
a disputed figure opens to show its sources, and report markup never runs as script."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from accord import workflow
from accord.settings import load_settings
from accord.store import Store
from accord.web import create_app
from tests.conftest import SHARED
from tests.web.conftest import XSS_IMG, XSS_SCRIPT, fill

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SEEDS = SHARED / "corpora" / "seeds"

if not CHROMIUM.exists():
    pytest.skip("no /usr/bin/chromium: apt-get install -y chromium", allow_module_level=True)
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install playwright)"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Served:
    """The app over `store`, served by uvicorn on a free local port in a background thread."""

    def __init__(self, store: Store) -> None:
        self.port = free_port()
        config = uvicorn.Config(
            create_app(store, None),
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            ws="none",
            lifespan="off",
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.05)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def disputed_story(store: Store) -> str | None:
    return next((g.story for g in store.ledger.groups() if g.verdict == "dispute"), None)


@pytest.fixture(scope="module")
def seeds_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The seeds as `accord ingest` stores them; the hand-made records when the seeds are absent
    or yield no disputed figure."""
    store = Store(tmp_path_factory.mktemp("seeds") / "accord.db")
    if SEEDS.exists():
        workflow.ingest(store, [str(SEEDS)], load_settings())
    story = disputed_story(store)
    if story is None:
        store.close()
        store = Store(tmp_path_factory.mktemp("hand") / "accord.db")
        fill(store)
        story = "s1"
    with store, Served(store) as base:
        yield base, story


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with Store(tmp_path_factory.mktemp("xss") / "accord.db") as store:
        fill(store)
        with Served(store) as base:
            yield base


@pytest.fixture
def page(tmp_path: Path) -> Iterator[Any]:
    with sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=str(CHROMIUM),
            headless=True,
            args=ARGS,
            viewport={"width": 1100, "height": 900},
        )
        yield context.new_page()
        context.close()


def watch(page: Any) -> tuple[list[str], list[str]]:
    """Record every dialog (which must never open) and every CSP complaint."""
    dialogs: list[str] = []
    csp: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    def on_console(message: Any) -> None:
        if "Content Security Policy" in message.text:
            csp.append(message.text)

    page.on("dialog", on_dialog)
    page.on("console", on_console)
    return dialogs, csp


def shot(page: Any, tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    shutil.copy(path, f"/tmp/accord-web-{name}.png")


def test_a_disputed_figure_opens_to_show_its_sources(
    seeds_site: tuple[str, str], page: Any, tmp_path: Path
) -> None:
    base, story = seeds_site
    dialogs, csp = watch(page)
    page.goto(f"{base}/stories/{story}")
    figure = page.locator("details.figure.dispute").first
    rows = figure.locator("table.sources tbody tr")
    assert not rows.first.is_visible()
    figure.locator("summary").click()
    assert rows.first.is_visible() and rows.count() >= 2
    assert figure.locator("svg").count() == 1
    shot(page, tmp_path, "story")
    cite = rows.first.locator(".cites a").first
    cite.click()
    page.wait_for_url("**/reports/**#cited")
    assert page.locator("mark#cited").is_visible()
    shot(page, tmp_path, "cited")
    assert dialogs == [] and csp == []


def test_a_group_link_opens_its_figure(seeds_site: tuple[str, str], page: Any) -> None:
    base, story = seeds_site
    page.goto(f"{base}/stories/{story}")
    anchor = page.locator("details.figure.dispute").first.get_attribute("id")
    page.goto(f"{base}/stories/{story}#{anchor}")
    page.wait_for_function(f"document.getElementById('{anchor}').open")


@pytest.mark.parametrize("path", ["/reports/x1", "/stories/s1", "/search?q=alert", "/entities/e2"])
def test_report_markup_never_runs(xss_site: str, page: Any, tmp_path: Path, path: str) -> None:
    dialogs, csp = watch(page)
    page.goto(f"{xss_site}{path}")
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert XSS_SCRIPT in page.inner_text("main") and XSS_IMG in page.inner_text("main")
    assert page.locator("main script, main img").count() == 0
    if path == "/reports/x1":
        shot(page, tmp_path, "xss-report")
    assert dialogs == [] and csp == []
