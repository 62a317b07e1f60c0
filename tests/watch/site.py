"""A news site on 127.0.0.1 for the watch tests: an Atom feed of the reports it holds, each
report a news-please JSON page, with ETag and Last-Modified validators honoured (304 Not
Modified, no body), and a count of the bodies it sent per path."""

from __future__ import annotations

import hashlib
import json
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


class Site:
    def __init__(self) -> None:
        self.pages: dict[str, tuple[bytes, str]] = {}  # path: body, Last-Modified
        self.order: list[str] = []  # the feed's entries, oldest first
        self.bodies: Counter[str] = Counter()  # 200 answers, by path
        self.not_modified: Counter[str] = Counter()  # 304 answers, by path
        self.hold: dict[str, threading.Event] = {}  # paths whose answer waits for the event
        self.arrived: dict[str, threading.Event] = {}  # set when a held path is asked for
        self.base = ""
        self._version = 0
        self._updated: dict[str, str] = {}

    def hold_back(self, name: str) -> tuple[threading.Event, threading.Event]:
        """Make asks for /reports/NAME wait: (set when one arrives, set to answer)."""
        path = f"/reports/{name}"
        self.hold[path] = threading.Event()
        self.arrived[path] = threading.Event()
        return self.arrived[path], self.hold[path]

    def publish(self, name: str, record: dict[str, str]) -> str:
        """Put a report at /reports/NAME (a new version if it is there) and in the feed."""
        path = f"/reports/{name}"
        self._version += 1
        body = json.dumps(record, ensure_ascii=False).encode("utf-8")
        # Each version its own second, so a server that only had Last-Modified would see it.
        self.pages[path] = (body, formatdate(1_700_000_000 + self._version, usegmt=True))
        self._updated[path] = f"2024-12-13T00:00:{self._version:02d}Z"
        if path not in self.order:
            self.order.append(path)
        self._feed()
        return self.base + path

    def _feed(self) -> None:
        # An entry's <updated> is its page's version: a corrected report changes the feed.
        entries = "".join(
            f"<entry><id>{self.base}{p}</id><title>{escape(p)}</title>"
            f'<link href="{self.base}{p}"/><updated>{self._updated[p]}</updated></entry>'
            for p in reversed(self.order)  # newest first, as feeds list them
        )
        feed = (
            '<?xml version="1.0" encoding="utf-8"?>'
            '<feed xmlns="http://www.w3.org/2005/Atom"><title>Seeds</title>'
            f"<id>{self.base}/feed.xml</id><updated>2024-12-13T00:00:00Z</updated>{entries}</feed>"
        )
        self.pages["/feed.xml"] = (
            feed.encode("utf-8"),
            formatdate(1_700_000_000 + self._version, usegmt=True),
        )


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            held = site.hold.get(self.path)
            if held is not None:
                site.arrived.setdefault(self.path, threading.Event()).set()
                held.wait()
            found = site.pages.get(self.path)
            if found is None:
                self.send_error(404)
                return
            body, modified = found
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            asked = self.headers.get("If-None-Match")
            since = self.headers.get("If-Modified-Since")
            if (asked is not None and asked == etag) or (asked is None and since == modified):
                site.not_modified[self.path] += 1
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            site.bodies[self.path] += 1
            self.send_response(200)
            kind = "application/atom+xml" if self.path == "/feed.xml" else "application/json"
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", modified)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextmanager
def serving(site: Site) -> Iterator[Site]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        for event in site.hold.values():
            event.set()
        server.shutdown()
        server.server_close()
