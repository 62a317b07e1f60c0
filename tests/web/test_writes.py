"""Corrections and new reports over HTTP, on a store built by the real ingest pipeline from
fictional reports: the same library calls and audit log as the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from accord import workflow
from accord.settings import load_settings
from accord.store import Store
from accord.stories import rename, split
from accord.web import create_app
from tests.web.conftest import (
    ORIGIN,
    TOKEN,
    XSS_SCRIPT,
    TestClient,
    shared_memory_store,
    sign_in,
)
from tests.web.test_api import assert_error

FIRE = (
    "PORT ELSIN — A fire swept through the harbour warehouses of Port Elsin on Sunday night. "
    "At least 12 people were killed and 40 were injured, brigade chief Tomas Verrin said. "
    "Mayor Ada Quill said the harbour would reopen on Friday once the warehouses were safe."
)
BUDGET = (
    "TARNWICK — The Tarnwick town council passed its annual budget on Monday by nine votes to "
    "four. The budget raises spending on schools and libraries by 3 percent, council treasurer "
    "Mila Ostrand said. Councillors from the northern districts opposed cuts to bus routes."
)
REPORTS = [
    {"id": "fire-1", "outlet": "Coast Herald", "published": "2031-03-02", "text": FIRE},
    {
        "id": "fire-2",
        "outlet": "Daily Lantern",
        "published": "2031-03-03",
        "text": FIRE.replace("Sunday night", "Sunday evening").replace("12 people", "15 people"),
    },
    {"id": "budget-1", "outlet": "Tarnwick Post", "published": "2031-05-01", "text": BUDGET},
    {
        "id": "budget-2",
        "outlet": "Valley Times",
        "published": "2031-05-02",
        "text": BUDGET.replace("on Monday", "on Monday evening"),
    },
]
BEARER = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[Store, TestClient]]:
    source = tmp_path / "reports.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in REPORTS), encoding="utf-8")
    store = shared_memory_store()
    workflow.ingest(store, [str(source)], load_settings())
    yield store, TestClient(create_app(store, TOKEN))
    store.close()


def story_of(store: Store, doc: str) -> str:
    return next(m.story for m in store.stories.memberships() if m.doc == doc)


def post(client: TestClient, path: str, data: dict[str, Any]) -> httpx.Response:
    csrf = sign_in(client)
    return client.post(path, data={**data, "csrf": csrf}, headers=ORIGIN, follow_redirects=False)


def test_rename_is_logged_and_shown(live: tuple[Store, TestClient]) -> None:
    store, client = live
    fire = story_of(store, "fire-1")
    answer = post(client, f"/stories/{fire}/rename", {"title": "The Elsin fire", "who": "ana"})
    assert answer.status_code == 303
    assert "The Elsin fire" in client.get(f"/stories/{fire}").text
    assert store.corrections.all()[-1] | {"at": ""} == {
        "at": "",
        "who": "ana",
        "action": "rename",
        "story": fire,
        "title": "The Elsin fire",
    }


def test_merge_folds_the_other_story_in(live: tuple[Store, TestClient]) -> None:
    store, client = live
    fire, budget = story_of(store, "fire-1"), story_of(store, "budget-1")
    assert fire != budget
    post(client, f"/stories/{fire}/merge", {"other": budget, "who": "ana"})
    assert {m.story for m in store.stories.memberships()} == {fire}
    assert store.corrections.all()[-1]["action"] == "merge"
    assert store.stories.get(fire).reconciled  # the ledger was rebuilt after the correction


def test_split_moves_reports_into_a_new_story(live: tuple[Store, TestClient]) -> None:
    store, client = live
    fire = story_of(store, "fire-1")
    answer = post(client, f"/stories/{fire}/split", {"docs": ["fire-2"]})
    new = story_of(store, "fire-2")
    assert new != fire and answer.headers["location"] == f"/stories/{new}"
    assert store.corrections.all()[-1]["who"] == "web"


def test_move_puts_a_report_in_another_story(live: tuple[Store, TestClient]) -> None:
    store, client = live
    fire, budget = story_of(store, "fire-1"), story_of(store, "budget-1")
    post(client, f"/stories/{budget}/move", {"doc": "budget-2", "to": fire})
    assert story_of(store, "budget-2") == fire
    assert store.corrections.all()[-1]["action"] == "move"


def test_a_failed_correction_says_why(live: tuple[Store, TestClient]) -> None:
    store, client = live
    fire = story_of(store, "fire-1")
    answer = post(client, f"/stories/{fire}/merge", {"other": fire})
    assert answer.status_code == 400 and "cannot be merged into itself" in answer.text


def test_api_ingest_takes_uploaded_files(live: tuple[Store, TestClient]) -> None:
    store, client = live
    upload = {"files": ("../../budget 3.txt", BUDGET.replace("nine", "ten").encode(), "text/plain")}
    answer = client.post("/api/ingest", files=upload, headers=BEARER)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["ingested"] == ["budget_3"] and body["rejected"] == []
    assert client.get("/api/reports/budget_3").json()["membership"] is not None


def test_form_ingest_adds_reports(live: tuple[Store, TestClient]) -> None:
    _, client = live
    csrf = sign_in(client)
    answer = client.post(
        "/ingest",
        data={"csrf": csrf, "urls": ""},
        files={
            "files": ("fire-3.txt", FIRE.replace("Verrin", "Verrin, 51,").encode(), "text/plain")
        },
        headers=ORIGIN,
    )
    assert answer.status_code == 200 and 'href="/reports/fire-3"' in answer.text


def test_uploads_over_the_size_cap_are_refused(live: tuple[Store, TestClient]) -> None:
    _, client = live
    app = client.app
    assert isinstance(app, FastAPI)
    app.state.settings = load_settings({"fetch_max_bytes": 10})
    answer = client.post("/api/ingest", files={"files": ("big.txt", b"x" * 11)}, headers=BEARER)
    assert_error(answer, 413)


def test_merge_targets_are_the_nearest_stories_shown_as_text(
    live: tuple[Store, TestClient],
) -> None:
    """The story page suggests the stories the index finds nearest; their titles are escaped."""
    store, client = live
    fire = story_of(store, "fire-1")
    twin = split(store, fire, ["fire-2"], who="ana")
    rename(store, twin, XSS_SCRIPT, who="ana")
    sign_in(client)
    html = client.get(f"/stories/{fire}").text
    targets = html[html.index('<datalist id="story-targets">') :]
    targets = targets[: targets.index("</datalist>")]
    assert f'<option value="{twin}">' in targets
    assert XSS_SCRIPT not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in targets
    assert f'value="{story_of(store, "budget-1")}"' not in targets  # nothing distinctive shared
