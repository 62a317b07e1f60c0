"""Writes need the start token: a Bearer header for the API; for forms a signed-in session, a
same-origin post and the session's CSRF token. Reads stay open."""

from __future__ import annotations

import pytest

from tests.web.conftest import ORIGIN, TOKEN, TestClient, sign_in
from tests.web.test_api import assert_error

BEARER = {"Authorization": f"Bearer {TOKEN}"}


def test_api_writes_are_disabled_without_a_start_token(readonly: TestClient) -> None:
    answer = readonly.post("/api/ingest", data={"urls": "https://example.org/a"}, headers=BEARER)
    assert "--token" in assert_error(answer, 403)["detail"]


@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, ORIGIN]
)
def test_api_writes_need_the_bearer_token(client: TestClient, headers: dict[str, str]) -> None:
    answer = client.post("/api/ingest", data={"urls": "https://example.org/a"}, headers=headers)
    assert_error(answer, 401)
    assert answer.headers["WWW-Authenticate"] == "Bearer"


def test_api_ingest_refuses_paths_posing_as_urls(client: TestClient) -> None:
    answer = client.post("/api/ingest", data={"urls": "/etc/passwd"}, headers=BEARER)
    assert "not an http(s) URL" in assert_error(answer, 400)["detail"]
    assert_error(client.post("/api/ingest", headers=BEARER), 400)


def test_forms_need_a_session(client: TestClient) -> None:
    answer = client.post("/stories/s1/rename", data={"title": "x", "csrf": ""}, headers=ORIGIN)
    assert answer.status_code == 401 and "Sign in" in answer.text


def test_forms_are_refused_without_a_start_token(readonly: TestClient) -> None:
    answer = readonly.post("/stories/s1/rename", data={"title": "x"}, headers=ORIGIN)
    assert answer.status_code == 403


@pytest.mark.parametrize(
    ("headers", "csrf"),
    [
        (ORIGIN, "forged"),
        ({"Origin": "http://evil.example"}, None),
        ({"Referer": "http://evil.example/page"}, None),
        ({}, None),
    ],
)
def test_forms_need_same_origin_and_the_csrf_token(
    client: TestClient, headers: dict[str, str], csrf: str | None
) -> None:
    token = sign_in(client)
    data = {"title": "Hijacked", "csrf": csrf or token}
    answer = client.post("/stories/s1/rename", data=data, headers=headers)
    assert answer.status_code == 403
    assert "Hijacked" not in client.get("/stories/s1").text


def test_sign_in_sets_a_strict_http_only_cookie(client: TestClient) -> None:
    answer = client.post(
        "/login",
        data={"token": TOKEN, "next": "//evil.example/"},
        headers=ORIGIN,
        follow_redirects=False,
    )
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert 'name="csrf"' in client.get("/stories/s1").text
    client.post("/logout", headers=ORIGIN)
    assert 'name="csrf"' not in client.get("/stories/s1").text


def test_wrong_token_or_foreign_origin_does_not_sign_in(client: TestClient) -> None:
    assert client.post("/login", data={"token": "nope"}, headers=ORIGIN).status_code == 401
    foreign = client.post("/login", data={"token": TOKEN}, headers={"Origin": "http://evil"})
    assert foreign.status_code == 403
    assert 'name="csrf"' not in client.get("/stories/s1").text


def test_a_signed_in_form_from_this_site_passes_the_checks(client: TestClient) -> None:
    # The hand-made store has no clustering index, so the correction itself reports the story
    # missing: the request got past every check.
    token = sign_in(client)
    referer = {"Referer": "http://testserver/stories/s1"}
    answer = client.post(
        "/stories/s1/rename", data={"title": "New", "csrf": token}, headers=referer
    )
    assert answer.status_code == 404 and "no story" in answer.text
