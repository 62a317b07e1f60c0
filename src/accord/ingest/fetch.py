"""Fetching URLs and RSS/Atom feeds.

All network access goes through one `httpx` client whose transport can be injected, so tests never
touch the network. Loopback, private, link-local and multicast addresses are refused (checked on
the resolved addresses, and again on every redirect) unless `allow_private` is set.
"""

from __future__ import annotations

import io
import ipaddress
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from accord.errors import FetchError
from accord.ingest.sources import RawDocument, documents_from_bytes, printable
from accord.model import Rejection


@dataclass(slots=True)
class FetchSettings:
    timeout: float = 15.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    max_feed_entries: int = 500
    allow_private: bool = False


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched URL: where the redirects ended, the body (None: not modified since the
    validators given), and the validators to give next time."""

    url: str
    body: bytes | None
    etag: str | None = None
    last_modified: str | None = None


def check_address(url: str, allow_private: bool) -> None:
    """Refuse (FetchError) a URL that is not http(s), or whose host resolves to a private,
    local or multicast address, unless `allow_private`."""
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
        if not _is_public(address):
            raise FetchError(
                url,
                f"{host} resolves to {address}, a private or local address; "
                "pass --allow-private to fetch it",
            )


_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def _is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether `address`, and any IPv4 address embedded in it, is global unicast.

    An IPv6 address can carry an IPv4 one (mapped ::ffff:a.b.c.d, 6to4 2002::/16, Teredo,
    NAT64 64:ff9b::/96) that the network routes to: 64:ff9b::a01:203 reaches 10.1.2.3.
    """
    if not address.is_global or address.is_multicast:
        return False
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address.teredo is not None:
            embedded = address.teredo[1]
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return _is_public(embedded)
    return True


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
        """The final URL and body of `url`, following redirects one by one so each is checked.

        The timeout caps the whole fetch, redirects and body included: httpx's own timeouts are
        per read, which a server that drips a byte at a time never trips.
        """
        fetched = self.fetch(url)
        return fetched.url, fetched.body or b""

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """`url` as `get` fetches it, asked conditionally when validators from an earlier fetch
        are given: a server that answers 304 Not Modified sends no body (`Fetched.body` None)."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        deadline = time.monotonic() + self.settings.timeout
        for _ in range(self.settings.max_redirects + 1):
            try:
                check_address(url, self.settings.allow_private)
                with self.client.stream("GET", url, headers=headers) as response:
                    # Before the redirects: httpx counts 304 as one.
                    if response.status_code == 304 and headers:
                        return Fetched(url, None, etag, last_modified)
                    if response.is_redirect:
                        url = urljoin(url, response.headers.get("location", ""))
                        continue
                    if response.status_code >= 400:
                        raise FetchError(url, f"the server answered HTTP {response.status_code}")
                    body = self._read_capped(url, response, deadline)
                    return Fetched(
                        url,
                        body,
                        response.headers.get("etag"),
                        response.headers.get("last-modified"),
                    )
            except (ValueError, httpx.InvalidURL) as exc:  # a port past 65535, a control character
                raise FetchError(url, f"not a valid URL ({exc}); check the URL") from exc
            except httpx.HTTPError as exc:
                raise FetchError(
                    url, f"unreachable ({exc.__class__.__name__}: {exc}); check the URL"
                ) from exc
        raise FetchError(url, f"more than {self.settings.max_redirects} redirects")

    def _read_capped(self, url: str, response: httpx.Response, deadline: float) -> bytes:
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.settings.max_bytes:
                raise FetchError(url, f"larger than the cap of {self.settings.max_bytes:,} bytes")
            if time.monotonic() > deadline:
                raise FetchError(
                    url, f"took longer than {self.settings.timeout:g} s; raise the fetch timeout"
                )
            chunks.append(chunk)
        return b"".join(chunks)

    def documents(self, url: str, follow_feed: bool = True) -> Iterator[RawDocument | Rejection]:
        """The article at `url`, or every entry of the feed at `url` (feeds are not nested)."""
        try:
            final, body = self.get(url)
        except FetchError as exc:
            yield Rejection(printable(exc.source), exc.reason)
            return
        feed = is_feed(body)
        if feed and not follow_feed:
            yield Rejection(final, "a feed inside a feed is not followed")
            return
        if feed:
            yield from self._feed_entries(final, body)
            return
        yield from documents_from_bytes(body, final, final, url=final)

    def _feed_entries(self, url: str, body: bytes) -> Iterator[RawDocument | Rejection]:
        for link in self.feed_links(url, body):
            if isinstance(link, Rejection):
                yield link
            else:
                yield from self.documents(link, follow_feed=False)

    def feed_links(self, url: str, body: bytes) -> Iterator[str | Rejection]:
        """The entries' links of the feed at `url`, up to `max_feed_entries`."""
        import feedparser  # imported here: a twentieth of the start-up, for feeds alone

        # As a stream: feedparser opens bytes that happen to name an existing file.
        feed = feedparser.parse(io.BytesIO(body))
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
            yield urljoin(url, str(link))


def is_feed(body: bytes) -> bool:
    """Whether a fetched body is an RSS or Atom feed rather than a page."""
    head = body.lstrip()[:500].lower()
    return head.startswith((b"<?xml", b"<rss", b"<feed")) and (b"<rss" in head or b"<feed" in head)
