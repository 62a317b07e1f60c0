"""The pages: what each shows, links between them, and report text shown only as text."""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import XSS_IMG, XSS_SCRIPT, TestClient

PAGES = [
    "/",
    "/?q=harbour",
    "/stories/s1",
    "/stories/s1/why",
    "/reports/x1",
    "/reports/x1?start=0&end=20",
    "/reports/r1",
    "/entities",
    "/entities/e2",
    "/search?q=harbour",
    "/search?q=alert",
    "/rejects",
    "/login",
    "/ingest",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders(client: TestClient, path: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("path", PAGES)
def test_report_markup_is_shown_as_text(client: TestClient, path: str) -> None:
    html = client.get(path).text
    assert XSS_SCRIPT not in html and XSS_IMG not in html
    assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")
    assert 'href="javascript:' not in html


@pytest.mark.parametrize(
    "path", ["/stories/s1", "/reports/x1", "/entities/e2", "/search?q=alert", "/entities"]
)
def test_report_markup_appears_escaped(client: TestClient, path: str) -> None:
    html = client.get(path).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_stories_page_badges_and_order(client: TestClient) -> None:
    html = client.get("/").text
    assert html.index("Budget vote in Tarnwick") < html.index("Harbour fire in Port Elsin")
    assert '<span class="badge dispute">1 disputed</span>' in html
    assert "updated" not in html and "Counter" not in html  # no update verdict in the store
    assert "Budget" not in client.get("/?q=harbour").text
    assert client.get("/?sort=sideways").status_code == 422


def test_story_page_sections(client: TestClient) -> None:
    html = client.get("/stories/s1").text
    for section in ("briefing", "figures", "timeline", "coverage", "reports", "corrections"):
        assert f'id="{section}"' in html
    figure = html[html.index('id="g-s1-g1"') :]
    assert '<span class="badge dispute">Disputed</span>' in figure[:400]
    assert "residents" in figure and "Daily Lantern" in figure
    assert "<svg" in figure  # the shared chart builder drew the disputed figure
    assert 'href="/reports/r2?start=' in figure
    # r3 copies r1: folded under it, not listed on its own
    copies = html[html.index('<details class="copies">') :]
    assert 'href="/reports/r3"' in copies[: copies.index("</details>")]
    assert "Sign in</a> to merge" in html


def test_story_page_coverage_by_outlet(client: TestClient) -> None:
    html = client.get("/stories/s1").text
    coverage = html[html.index('id="coverage"') : html.index('id="reports"')]
    row = re.search(r"<td>Coast Herald</td><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td>", coverage)
    assert row is not None and row.groups() == ("1", "0", "1")


def test_report_page_marks_claims_and_statements_linking_to_groups(client: TestClient) -> None:
    html = client.get("/reports/r1").text
    assert (
        '<a class="claim" href="/stories/s1#g-s1-g1" title="killed: people killed">12</a>' in html
    )
    assert '<span class="source">Ada Quill</span>' in html
    assert (
        '<span class="statement" title="said by Ada Quill">the port would reopen soon</span>'
        in html
    )
    assert 'href="/entities/e1"' in html


def test_report_page_marks_the_cited_passage(client: TestClient) -> None:
    html = client.get("/reports/r1?start=0&end=10").text
    assert '<mark id="cited" class="cited">A fire swe</mark>' in html
    assert 'id="cited"' not in client.get("/reports/r1?start=5&end=2").text


def test_entity_page_lists_statements_and_claims_across_stories(client: TestClient) -> None:
    html = client.get("/entities/e1").text
    assert "the port would reopen soon" in html and 'href="/stories/s1"' in html
    html = client.get("/entities/e2").text
    assert 'href="/stories/s1#g-s1-g2"' in html


def test_rejects_page(client: TestClient) -> None:
    html = client.get("/rejects").text
    assert "inbox/empty.txt" in html and "no text found" in html


@pytest.mark.parametrize(
    "path",
    [
        "/stories/nope",
        "/stories/nope/why",
        "/stories/%2E%2E%2Fs1/why",
        "/reports/nope",
        "/entities/nope",
        "/zzz",
    ],
)
def test_missing_pages_answer_404_pages(client: TestClient, path: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 404 and answer.headers["content-type"].startswith("text/html")
    assert "404 · Not Found" in answer.text


def test_static_files_are_served_and_others_are_not(client: TestClient) -> None:
    assert "openTarget" in client.get("/static/app.js").text
    assert client.get("/static/app.css").headers["content-type"].startswith("text/css")
    assert client.get("/static/base.html.j2").status_code == 404


def test_read_only_server_shows_no_write_controls(readonly: TestClient) -> None:
    html = readonly.get("/stories/s1").text
    assert 'id="corrections"' not in html and "Sign in" not in html
    assert "read-only" in readonly.get("/ingest").text
