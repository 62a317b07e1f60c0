"""Records whose keys and names come from hostile input (JSON ids, file names) are shown as text
and reached by their links; the server binds to this machine only unless told otherwise."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

import pytest

from accord import cli
from accord.model import Article, Membership, Rejection
from accord.settings import Settings
from accord.store import Store
from accord.web import app as web_app
from tests.web.conftest import XSS_IMG, XSS_SCRIPT, TestClient

# Keys as `accord ingest` stores them from a JSONL id or a file name (control characters escaped).
EVIL_KEY = f"{XSS_IMG}/../../etc/passwd"
EVIL_SOURCE = f"inbox/{XSS_SCRIPT}.txt:3"
EVIL_REASON = f"not JSON ({XSS_IMG}); fix or remove the line"
TEXT = "Harbour workers said 9 cranes were damaged in the storm on Sunday night."


@pytest.fixture
def hostile(store: Store) -> Store:
    with store.transaction() as conn:
        store.articles.insert(
            conn, [Article(EVIL_KEY, TEXT, f"{XSS_SCRIPT} cranes", content_hash="h9")]
        )
        store.stories.set_memberships(conn, [Membership(EVIL_KEY, "s1", "e1")])
        store.articles.reject(conn, [Rejection(EVIL_SOURCE, EVIL_REASON)])
    return store


def report_links(html: str) -> list[str]:
    return re.findall(r'href="(/reports/[^"#?]*)', html)


@pytest.mark.parametrize("path", ["/", "/stories/s1", "/rejects", "/search?q=cranes"])
def test_hostile_keys_and_names_are_shown_as_text(
    hostile: Store, client: TestClient, path: str
) -> None:
    html = client.get(path).text
    assert XSS_SCRIPT not in html and XSS_IMG not in html
    assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")


def test_the_rejects_page_escapes_sources_and_reasons(hostile: Store, client: TestClient) -> None:
    html = client.get("/rejects").text
    assert "inbox/&lt;script&gt;alert(1)&lt;/script&gt;.txt:3" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_a_key_with_slashes_and_dots_is_one_quoted_path_segment(
    hostile: Store, client: TestClient
) -> None:
    links = [link for link in report_links(client.get("/stories/s1").text) if "etc" in link]
    assert links, "the story page links its hostile report"
    for link in links:
        segment = link.removeprefix("/reports/")
        assert "/" not in segment and "<" not in segment and unquote(segment) == EVIL_KEY
        page = client.get(link)
        assert page.status_code == 200 and "9 cranes" in page.text
        assert XSS_SCRIPT not in page.text and XSS_IMG not in page.text


def test_serve_binds_to_loopback_by_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    bound: dict[str, Any] = {}

    def run(app: object, host: str, port: int) -> None:
        bound.update(host=host, port=port)

    import uvicorn

    monkeypatch.setattr(uvicorn, "run", run)
    web_app.serve(Settings(db=str(tmp_path / "a.db")))
    assert bound == {"host": "127.0.0.1", "port": 8000}

    # The command line passes the same default on.
    seen: dict[str, Any] = {}
    monkeypatch.setattr(
        "accord.web.serve", lambda settings, host, port, token: seen.update(host=host, port=port)
    )
    monkeypatch.setattr("sys.argv", ["accord", "serve", "--db", str(tmp_path / "b.db")])
    with pytest.raises(SystemExit) as exited:
        cli.main()
    assert exited.value.code == 0 and seen == {"host": "127.0.0.1", "port": 8000}
