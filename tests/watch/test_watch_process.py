"""`accord watch` as a process: killed with SIGKILL in the middle of a poll and started again, it
loses nothing and stores nothing twice; SIGTERM stops it between two reports."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from accord.analyze.pipeline import ANALYSIS_VERSION
from accord.store import Store
from tests.watch.site import Site, serving
from tests.watch.test_watch import report

WAIT = 180  # seconds a step may take on a loaded machine before the test gives up


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def watch(db: Path, feed: str, log: Path, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "ACCORD_PROCESSES": "1"}
    command = [sys.executable, "-m", "accord", "watch", feed, "--db", str(db), "--allow-private"]
    with log.open("ab") as out:
        return subprocess.Popen([*command, *args], stdout=out, stderr=out, env=env)


def watch_held_at_r1(
    site: Site, db: Path, log: Path
) -> tuple[threading.Event, threading.Event, subprocess.Popen[bytes]]:
    """A watcher of three published reports, started while the site holds back the second."""
    for n in range(3):
        site.publish(f"r{n}", report(n))
    arrived, answer = site.hold_back("r1")
    return arrived, answer, watch(db, site.base + "/feed.xml", log)


def test_a_kill_during_a_poll_loses_nothing_and_stores_nothing_twice(tmp_path: Path) -> None:
    db, log = tmp_path / "accord.db", tmp_path / "watch.log"
    with serving(Site()) as site:
        arrived, answer, running = watch_held_at_r1(site, db, log)
        try:
            assert arrived.wait(WAIT), log.read_text()
        finally:
            running.send_signal(signal.SIGKILL)
            running.wait(WAIT)
        answer.set()
        with Store(db) as store:
            assert [a.key for a in store.articles.all()] == ["r0"]  # stored before the kill
        again = watch(db, site.base + "/feed.xml", log, "--once")
        assert again.wait(WAIT) == 0, log.read_text()
        with Store(db) as store:
            assert [a.key for a in store.articles.all()] == ["r0", "r1", "r2"]
            assert store.analysis.pending(ANALYSIS_VERSION) == []
            assert store.articles.unplaced() == [] and store.stories.stale() == []
            claims = store.analysis.claims()
            assert claims and len({c.id for c in claims}) == len(claims)
            assert {c.doc for c in claims} == {"r0", "r1", "r2"}
        # r0 was stored before the kill, and its validators with it: asked again, it answered 304.
        assert site.bodies["/reports/r0"] == 1 and site.not_modified["/reports/r0"] == 1
        assert site.bodies["/reports/r2"] == 1


def test_sigterm_stops_between_two_reports(tmp_path: Path) -> None:
    db, log = tmp_path / "accord.db", tmp_path / "watch.log"
    with serving(Site()) as site:
        arrived, answer, running = watch_held_at_r1(site, db, log)
        try:
            assert arrived.wait(WAIT), log.read_text()
            running.send_signal(signal.SIGTERM)
            answer.set()
            assert running.wait(WAIT) == 0, log.read_text()
        finally:
            if running.poll() is None:
                running.kill()
        lines = [line for line in log.read_text().splitlines() if "poll " in line]
        assert len(lines) == 1 and "2 new" in lines[0] and "more to read" in lines[0]
        with Store(db) as store:
            assert [a.key for a in store.articles.all()] == ["r0", "r1"]
            assert store.stories.stale() == []


def test_serve_watches_beside_the_server(tmp_path: Path) -> None:
    db, log = tmp_path / "accord.db", tmp_path / "serve.log"
    port = free_port()
    env = {**os.environ, "ACCORD_PROCESSES": "1", "ACCORD_ALLOW_PRIVATE": "true"}
    with serving(Site()) as site:
        site.publish("r0", report(0))
        command = [sys.executable, "-m", "accord", "serve", "--db", str(db), "--port", str(port)]
        command += ["--source", site.base + "/feed.xml"]
        with log.open("ab") as out:
            running = subprocess.Popen(command, stdout=out, stderr=out, env=env)
        try:
            deadline = time.monotonic() + WAIT
            stories: list[object] = []
            while not stories:
                assert time.monotonic() < deadline and running.poll() is None, log.read_text()
                time.sleep(0.2)
                try:
                    answer = httpx.get(f"http://127.0.0.1:{port}/api/stories", timeout=5)
                except httpx.TransportError:
                    continue  # not listening yet
                stories = answer.json()["items"]
            running.send_signal(signal.SIGTERM)
            assert running.wait(WAIT) == 0, log.read_text()
        finally:
            if running.poll() is None:
                running.kill()
    assert "poll " + site.base + "/feed.xml: ok; 1 new" in log.read_text()
