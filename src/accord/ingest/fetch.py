"""Fetching URLs and RSS/Atom feeds.

All network access goes through one `httpx` client whose transport can be injected, so tests never
touch the network. Loopback, private, link-local and multicast addresses are refused (checked on
the resolved addresses, and again on every redirect) unless `allow_private` is set.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import feedparser
import httpx

from accord.errors import FetchError
from accord.ingest.sources import RawDocument, documents_from_bytes
from accord.model import Rejection


@dataclass(slots=True)
class FetchSettings:
    timeout: float = 15.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    max_feed_entries: int = 500
    allow_private: bool = False


def _check_address(url: str, allow_private: bool) -> None:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        raise FetchError(
            url, f"scheme {parts.scheme!r} is not fetched; only http and https URLs are"
        )
    host = parts.hostname
    if not host:
        raise FetchError(url, "no host in the URL")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(url, f"host {host!r} cannot be resolved ({exc}); check the URL") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global or address.is_multicast:
            raise FetchError(
                url,
                f"{host} resolves to {address}, a private or local address; "
                "pass --allow-private to fetch it",
            )


class Fetcher:
    """Fetches pages and feeds with caps on time, size and redirects."""

    def __init__(
        self, settings: FetchSettings, transport: httpx.BaseTransport | None = None
    ) -> None:
        self.settings = settings
        self.client = httpx.Client(
            transport=transport,
            timeout=settings.timeout,
            follow_redirects=False,
            headers={"User-Agent": "accord/0.1 (+news reconciliation)"},
        )

    def get(self, url: str) -> tuple[str, bytes]:
        """The final URL and body of `url`, following redirects one by one so each is checked."""
        for _ in range(self.settings.max_redirects + 1):
            _check_address(url, self.settings.allow_private)
            try:
                with self.client.stream("GET", url) as response:
                    if response.is_redirect:
                        url = urljoin(url, response.headers.get("location", ""))
                        continue
                    if response.status_code >= 400:
                        raise FetchError(url, f"the server answered HTTP {response.status_code}")
                    return url, self._read_capped(url, response)
            except httpx.HTTPError as exc:
                raise FetchError(
                    url, f"unreachable ({exc.__class__.__name__}: {exc}); check the URL"
                ) from exc
        raise FetchError(url, f"more than {self.settings.max_redirects} redirects")

    def _read_capped(self, url: str, response: httpx.Response) -> bytes:
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.settings.max_bytes:
                raise FetchError(url, f"larger than the cap of {self.settings.max_bytes:,} bytes")
            chunks.append(chunk)
        return b"".join(chunks)

    def documents(self, url: str, follow_feed: bool = True) -> Iterator[RawDocument | Rejection]:
        """The article at `url`, or every entry of the feed at `url` (feeds are not nested)."""
        try:
            final, body = self.get(url)
        except FetchError as exc:
            yield Rejection(exc.source, exc.reason)
            return
        head = body.lstrip()[:500].lower()
        is_feed = head.startswith((b"<?xml", b"<rss", b"<feed")) and (
            b"<rss" in head or b"<feed" in head
        )
        if is_feed and not follow_feed:
            yield Rejection(final, "a feed inside a feed is not followed")
            return
        if is_feed:
            yield from self._feed_entries(final, body)
            return
        yield from documents_from_bytes(body, final, final, url=final)

    def _feed_entries(self, url: str, body: bytes) -> Iterator[RawDocument | Rejection]:
        feed = feedparser.parse(body)
        entries = feed.entries[: self.settings.max_feed_entries]
        if len(feed.entries) > len(entries):
            yield Rejection(
                url,
                f"feed has {len(feed.entries)} entries; read the first {len(entries)} (feed_max_entries)",
            )
        for entry in entries:
            link = entry.get("link")
            if not link:
                yield Rejection(url, "a feed entry without a link was skipped")
                continue
            yield from self.documents(str(link), follow_feed=False)
