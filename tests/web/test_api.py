"""The JSON API: every endpoint, its filters and pages, and one error shape for every error."""

from __future__ import annotations

from typing import Any

import pytest

from accord.store import Store
from accord.web import create_app
from accord.web.security import SECURITY_HEADERS
from tests.web.conftest import TestClient


def assert_error(answer: Any, status: int) -> dict[str, Any]:
    assert answer.status_code == status
    body = answer.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "title", "detail"}
    assert body["error"]["status"] == status
    assert body["error"]["title"] and body["error"]["detail"]
    return dict(body["error"])


def ids(body: dict[str, Any], field: str = "id") -> list[str]:
    return [item[field] for item in body["items"]]


def test_stories_latest_first_with_search_and_pages(client: TestClient) -> None:
    body = client.get("/api/stories").json()
    assert ids(body) == ["s2", "s1"]
    assert body["limit"] == 50 and body["next"] is None and body["previous"] is None
    assert ids(client.get("/api/stories", params={"q": "harbour"}).json()) == ["s1"]
    assert ids(client.get("/api/stories", params={"q": "daily LANTERN"}).json()) == ["s1"]
    first = client.get("/api/stories", params={"limit": 1}).json()
    assert ids(first) == ["s2"] and first["previous"] is None
    second = client.get("/api/stories", params={"limit": 1, "cursor": first["next"]}).json()
    assert ids(second) == ["s1"] and second["next"] is None
    back = client.get("/api/stories", params={"limit": 1, "cursor": second["previous"]}).json()
    assert ids(back) == ["s2"] and back["previous"] is None and back["next"] == first["next"]
    titles = client.get("/api/stories", params={"sort": "title"}).json()["items"]
    assert titles[0]["title"].startswith("Budget")
    assert ids(client.get("/api/stories", params={"sort": "reports"}).json()) == ["s1", "s2"]


def test_a_cursor_walks_every_list_once(client: TestClient) -> None:
    for path, field, asked in [
        ("/api/claims", "id", {}),
        ("/api/statements", "doc", {}),
        ("/api/entities", "id", {}),
        ("/api/reports", "doc", {}),
        ("/api/search", "doc", {"q": "fire"}),
    ]:
        whole = ids(client.get(path, params={**asked, "limit": 50}).json(), field)
        walked, cursor = [], ""
        while True:
            page = client.get(path, params={**asked, "limit": 1, "cursor": cursor}).json()
            walked += ids(page, field)
            if page["next"] is None:
                break
            cursor = page["next"]
        assert walked == whole and len(whole) >= 2, path


def test_story_record_members_and_briefing(client: TestClient) -> None:
    body = client.get("/api/stories/s1").json()
    assert body["story"]["title"] == "Harbour fire in Port Elsin"
    assert {m["doc"] for m in body["members"]} == {"r1", "r2", "r3", "x1"}
    assert body["briefing"][1]["kind"] == "dispute"


def test_groups_in_the_export_shape_with_filters(client: TestClient) -> None:
    items = client.get("/api/stories/s1/groups").json()["items"]
    assert items[0]["group"] == "s1:g1" and "id" not in items[0]
    assert items[0]["by_source"][1]["source"] == "residents"
    assert client.get("/api/stories/s1/groups?verdict=dispute").json()["total"] == 1
    assert client.get("/api/stories/s1/groups?measure=votes").json()["total"] == 0
    assert client.get("/api/stories/s1/groups?source=RESIDENTS").json()["total"] == 1


def test_timeline_with_date_range(client: TestClient) -> None:
    assert client.get("/api/stories/s1/timeline").json()["items"][0]["date"] == "2031-03-02"
    assert client.get("/api/stories/s1/timeline?since=2031-03-03").json()["total"] == 0
    assert client.get("/api/stories/s1/timeline?until=2031-03-02").json()["total"] == 1


def test_report_with_its_claims_and_statements(client: TestClient) -> None:
    body = client.get("/api/reports/r1").json()
    assert body["report"]["doc"] == "r1" and "content_hash" not in body["report"]
    assert body["membership"] == {"doc": "r1", "story": "s1", "event": "e1", "pinned": False}
    assert body["claims"][0]["id"] == "r1#0"
    assert body["statements"][0]["source"] == "Ada Quill"


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ({}, {"b1#0", "r1#0", "r2#0", "r2#1", "x1#0"}),
        ({"story": "s1", "measure": "killed"}, {"r1#0", "r2#0", "r2#1"}),
        ({"source": "fire brigade"}, {"r1#0", "r2#1"}),
        ({"outlet": "daily lantern"}, {"r2#0", "r2#1"}),
        ({"since": "2031-03-03", "until": "2031-03-04"}, {"r2#0", "r2#1", "x1#0"}),
        ({"doc": "b1"}, {"b1#0"}),
        ({"story": "nope"}, set()),
    ],
)
def test_claims_filters(client: TestClient, query: dict[str, str], ids: set[str]) -> None:
    body = client.get("/api/claims", params=query).json()
    assert {c["id"] for c in body["items"]} == ids and body["next"] is None


def test_statements_and_entities(client: TestClient) -> None:
    assert client.get("/api/statements?entity=e1").json()["items"][0]["cue"] == "said"
    assert client.get("/api/statements?story=s2").json()["items"] == []
    assert len(client.get("/api/statements?source=quill").json()["items"]) == 1
    assert client.get("/api/entities?q=the mayor").json()["items"][0]["id"] == "e1"
    assert ids(client.get("/api/entities?type=person").json()) == ["e1"]


def test_reports_in_arrival_order_with_filters(client: TestClient) -> None:
    assert ids(client.get("/api/reports").json(), "doc") == ["r1", "r2", "r3", "x1", "b1"]
    assert ids(client.get("/api/reports?story=s2").json(), "doc") == ["b1"]
    assert ids(client.get("/api/reports?outlet=coast herald").json(), "doc") == ["r1", "b1"]
    since = client.get("/api/reports?since=2031-03-03&until=2031-03-04").json()
    assert ids(since, "doc") == ["r2", "x1"]
    assert client.get("/api/entities/e1").json()["name"] == "Ada Quill"


def test_search_and_rejects(client: TestClient) -> None:
    body = client.get("/api/search?q=brigade").json()
    assert {h["doc"] for h in body["items"]} == {"r1", "r2", "r3"}
    assert "<mark>brigade</mark>" in body["items"][0]["snippet"]
    assert client.get("/api/rejects").json()["items"][0]["source"] == "inbox/empty.txt"


@pytest.mark.parametrize(
    "path",
    [
        "/api/stories/nope",
        "/api/stories/nope/groups",
        "/api/stories/nope/timeline",
        "/api/reports/nope",
        "/api/entities/nope",
        "/api/no-such-endpoint",
    ],
)
def test_not_found_has_the_error_shape(client: TestClient, path: str) -> None:
    assert "nope" in assert_error(client.get(path), 404)["detail"] or "no-such" in path


@pytest.mark.parametrize(
    "path",
    [
        "/api/stories?limit=501",
        "/api/stories?limit=0",
        "/api/claims?cursor=not-a-cursor",
        "/api/stories?cursor=eyJhIjpbMV19",  # {"a": [1]}: one value for two keys
        "/api/statements?cursor=eyJhIjpbIngiXX0",  # {"a": ["x"]}: text for a row number
        "/api/claims?since=yesterday",
        "/api/stories/s1/groups?verdict=maybe",
        "/api/search",
    ],
)
def test_invalid_parameters_have_the_error_shape(client: TestClient, path: str) -> None:
    assert_error(client.get(path), 422)


def test_unexpected_errors_have_the_error_shape_and_headers(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(store, "read", broken)
    client = TestClient(create_app(store, None), raise_server_exceptions=False)
    answer = client.get("/api/stories")
    error = assert_error(answer, 500)
    assert "secret internals" not in error["detail"]
    assert answer.headers["X-Frame-Options"] == "DENY"


def test_method_not_allowed_has_the_error_shape(client: TestClient) -> None:
    assert_error(client.delete("/api/stories"), 405)


def test_security_headers_on_every_response(client: TestClient) -> None:
    for path in ("/api/stories", "/api/stories/nope", "/", "/static/app.js"):
        headers = client.get(path).headers
        for name, value in SECURITY_HEADERS.items():
            assert headers[name] == value
    assert (
        "'unsafe-inline'"
        not in SECURITY_HEADERS["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    )


def test_openapi_lives_under_api_and_docs_render_it(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    assert "/api/claims" in schema["paths"] and "/" not in schema["paths"]
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and "GET /api/stories/{story_id}/groups" in docs.text
    assert client.get("/docs").status_code == 404
