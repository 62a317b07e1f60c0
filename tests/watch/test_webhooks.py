"""Webhooks: each change set posted as signed JSON to the URLs for its story, retried with
backoff, and posted from a thread of its own so a receiver that hangs holds up no poll."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from accord.settings import Settings
from accord.store import Store
from accord.watch import Watcher
from accord.webhooks import Deliverer, targets
from tests.watch.site import Site, serving
from tests.watch.test_watch import report

SECRET = "s3cret"
WAIT = 120


@dataclass
class Receiver:
    answers: list[int] = field(default_factory=list)  # statuses to answer, then 200
    posts: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    hold: threading.Event | None = None
    arrived: threading.Event = field(default_factory=threading.Event)
    url: str = ""


@contextmanager
def receiving(receiver: Receiver) -> Iterator[Receiver]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            receiver.posts.append((dict(self.headers), body))
            receiver.arrived.set()
            if receiver.hold is not None:
                receiver.hold.wait()
            self.send_response(receiver.answers.pop(0) if receiver.answers else 200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        if receiver.hold is not None:
            receiver.hold.set()
        server.shutdown()
        server.server_close()


def hooked(db: Path, url: str, **values: object) -> Settings:
    return Settings(
        db=str(db),
        allow_private=True,
        processes=1,
        webhooks=(url, "s9=http://127.0.0.1:9/other"),
        webhook_secret=SECRET,
        **values,  # type: ignore[arg-type]
    )


def test_targets_are_per_story_or_for_all() -> None:
    settings = Settings(webhooks=("https://a.example/all", "s2=https://b.example/two"))
    assert targets(settings, "s1") == ["https://a.example/all"]
    assert targets(settings, "s2") == ["https://a.example/all", "https://b.example/two"]


def test_a_change_set_is_posted_signed_and_retried(tmp_path: Path) -> None:
    db = tmp_path / "accord.db"
    with serving(Site()) as site, receiving(Receiver(answers=[500])) as hook, Store(db) as store:
        site.publish("r0", report(0))
        settings = hooked(db, hook.url, webhook_backoff=0.0)
        watcher = Watcher(store, settings, [site.base + "/feed.xml"])
        watcher.run(once=True)  # stores the report, then tries the webhook once: 500
        [first] = store.watch.deliveries()
        assert (first["attempts"], first["delivered"], first["status"]) == (1, None, "HTTP 500")
        assert Deliverer(store, settings).deliver_due() == 1
        assert Deliverer(store, settings).deliver_due() == 0  # delivered once, not again
        [(headers, body), (again, same)] = hook.posts
        assert body == same and headers["X-Accord-Delivery"] == again["X-Accord-Delivery"]
        expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        assert headers["X-Accord-Signature"] == expected
        payload = json.loads(body)
        assert payload["story"] == "s1" and payload["title"]
        assert "new_report" in {c["kind"] for c in payload["changes"]}
        # The webhook of another story got nothing.
        assert {d["url"] for d in store.watch.deliveries()} == {hook.url}


def test_a_failed_webhook_waits_before_it_is_tried_again(tmp_path: Path) -> None:
    db = tmp_path / "accord.db"
    with serving(Site()) as site, receiving(Receiver(answers=[503])) as hook, Store(db) as store:
        site.publish("r0", report(0))
        settings = hooked(db, hook.url, webhook_backoff=600.0, webhook_attempts=2)
        Watcher(store, settings, [site.base + "/feed.xml"]).run(once=True)
        assert len(hook.posts) == 1 and Deliverer(store, settings).due() == []


def test_a_hanging_receiver_holds_up_no_poll(tmp_path: Path) -> None:
    db = tmp_path / "accord.db"
    hold = threading.Event()
    receiver = Receiver(hold=hold)
    with serving(Site()) as site, receiving(receiver) as hook, Store(db) as store:
        site.publish("r0", report(0))
        settings = hooked(db, hook.url, watch_interval=0.1)
        watcher = Watcher(store, settings, [site.base + "/feed.xml"])
        thread = threading.Thread(target=watcher.run)
        thread.start()
        try:
            assert hook.arrived.wait(WAIT)  # the first change set is being posted, and hangs
            site.publish("r1", report(1))
            deadline = time.monotonic() + WAIT
            while store.articles.count() < 2:
                assert time.monotonic() < deadline, "the second report was not stored"
                time.sleep(0.1)
            assert (
                not receiver.hold.is_set()
            )  # stored while the webhook still hung  # type: ignore[union-attr]
        finally:
            watcher.stop.set()
            hold.set()
            thread.join(WAIT)
        assert not thread.is_alive()
