"""The web app serves pages and the API while `accord ingest`, another process, writes the same
store: every answer is a 200, and nothing reports a locked database.

The app runs under uvicorn in a thread on a free 127.0.0.1 port, as `accord serve` runs it, with
its own Store (its own SQLite connections); the ingest is the real command in a subprocess. The
search page writes too: it brings the full-text index up to date, so it contends for the write
lock with the ingest.
"""

from __future__ import annotations

import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from accord.settings import load_settings
from accord.store import Store
from accord.web import create_app
from tests.reliability.corpus import write_reports
from tests.reliability.crash import ingest_command

REPORTS = 40
PAGES = (
    "/",
    "/?q=floods",
    "/rejects",
    "/entities",
    "/search?q=floods",
    "/search?q=office",
    "/api/stories",
    "/api/claims?limit=20",
    "/api/statements?limit=20",
    "/api/entities?limit=20",
    "/api/search?q=storm",
    "/api/rejects",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """(base URL, store path) of the app serving a fresh file store."""
    db = tmp_path / "served.db"
    store = Store(db)
    app = create_app(store, "t0ken", load_settings({"db": str(db)}))
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(500):
            if server.started:
                break
            time.sleep(0.01)
        assert server.started, "uvicorn did not start"
        yield f"http://127.0.0.1:{port}", db
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.close()


def load(client: httpx.Client, path: str, failures: list[str]) -> None:
    try:
        answer = client.get(path)
    except httpx.HTTPError as exc:
        failures.append(f"{path}: {exc.__class__.__name__}: {exc}")
        return
    if answer.status_code != 200 or "database is locked" in answer.text:
        failures.append(f"{path}: {answer.status_code} {answer.text[:300]}")


def test_pages_and_api_answer_while_an_ingest_writes(
    served: tuple[str, Path], tmp_path: Path
) -> None:
    base, db = served
    folder = tmp_path / "reports"
    write_reports(folder, REPORTS, seed=11)
    failures: list[str] = []
    loads = 0
    ingest = subprocess.Popen(
        ingest_command(db, [folder]), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    with httpx.Client(base_url=base, timeout=60) as client:
        while True:
            running = ingest.poll() is None
            stories = client.get("/api/stories?limit=3").json()["items"]
            paths = [*PAGES, *(f"/stories/{s['id']}" for s in stories)]
            paths += [f"/api/stories/{s['id']}/groups" for s in stories]
            for path in paths:
                load(client, path, failures)
                loads += 1
            if not running:  # one full round after the ingest ended
                break
        out, err = ingest.communicate()
        final = client.get("/api/stories").json()
        searched = client.get("/api/search", params={"q": "office"}).json()
    assert ingest.returncode == 0, out + err
    assert "database is locked" not in err and "Traceback" not in err, err
    assert failures == [], failures[:5]
    assert loads > len(PAGES)  # pages were loaded during the ingest, not only after it
    assert final["items"] and searched["items"]
