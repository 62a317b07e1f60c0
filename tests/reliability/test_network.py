"""Network safety: only public http(s) addresses are fetched, within caps on size, time,
redirects and feed entries. Never touches the network: httpx.MockTransport answers, and
`socket.getaddrinfo` is patched so each test host resolves to the address the test needs."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from accord.ingest.fetch import Fetcher, FetchSettings
from accord.ingest.sources import RawDocument
from accord.model import Rejection

PAGE = (
    b"<html><body><article><h1>Dam holds</h1><p>Engineers said the dam held overnight and that "
    b"twelve families had returned to their homes near the river on Sunday morning.</p>"
    b"</article></body></html>"
)
# Test host names and what they resolve to.
HOSTS = {
    "news.example": "93.184.216.34",
    "loopback.example": "127.0.0.1",
    "private.example": "10.1.2.3",
    "cgnat.example": "100.64.0.9",
    "linklocal.example": "169.254.169.254",
    "multicast.example": "224.0.0.251",
    "zero.example": "0.0.0.0",
    "v6loop.example": "::1",
    "v6ula.example": "fd00::1",
    "v6mapped.example": "::ffff:127.0.0.1",
    "v6nat64.example": "64:ff9b::a01:203",  # NAT64 of 10.1.2.3
    "v6to4.example": "2002:7f00:1::1",  # 6to4 of 127.0.0.1
}
PRIVATE = [h for h in HOSTS if h != "news.example"]


@pytest.fixture(autouse=True)
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    def getaddrinfo(host: str, port: Any, *args: Any, **kwargs: Any) -> list[Any]:
        if host not in HOSTS:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        address = HOSTS[host]
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


Handler = Callable[[httpx.Request], httpx.Response]


def fetcher(handler: Handler, **settings: Any) -> tuple[Fetcher, list[str]]:
    """A Fetcher over a mock transport, and the list of URLs the transport was asked for."""
    asked: list[str] = []

    def record(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        return handler(request)

    return Fetcher(FetchSettings(**settings), httpx.MockTransport(record)), asked


def page(_: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=PAGE, headers={"content-type": "text/html"})


def refusals(items: list[RawDocument | Rejection]) -> list[str]:
    return [i.reason for i in items if isinstance(i, Rejection)]


def test_public_page_is_fetched() -> None:
    fetch, asked = fetcher(page)
    (doc,) = fetch.documents("https://news.example/dam")
    assert isinstance(doc, RawDocument) and doc.kind == "html" and asked


@pytest.mark.parametrize("host", PRIVATE)
def test_private_addresses_are_refused_before_any_request(host: str) -> None:
    fetch, asked = fetcher(page)
    (refused,) = fetch.documents(f"http://{host}/latest")
    assert isinstance(refused, Rejection) and "private or local" in refused.reason
    assert "--allow-private" in refused.reason and asked == []


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1/", "http://[::1]:8080/", "http://2130706433/", "http://0x7f.1/"]
)
def test_literal_loopback_addresses_are_refused(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()  # the real resolver turns numeric hosts into addresses without the network
    fetch, asked = fetcher(page)
    assert "private or local" in refusals(list(fetch.documents(url)))[0] and asked == []


def test_allow_private_fetches_local_addresses() -> None:
    fetch, _ = fetcher(page, allow_private=True)
    (doc,) = fetch.documents("http://loopback.example/")
    assert isinstance(doc, RawDocument)


def test_redirect_to_a_private_address_is_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "news.example":
            return httpx.Response(302, headers={"location": "http://linklocal.example/meta"})
        return page(request)

    fetch, asked = fetcher(handler)
    reasons = refusals(list(fetch.documents("https://news.example/a")))
    assert "169.254.169.254" in reasons[0] and asked == ["https://news.example/a"]


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://news.example/a.txt", "gopher://news.example/"]
)
def test_only_http_and_https_are_fetched(url: str) -> None:
    fetch, asked = fetcher(page)
    assert "only http and https" in refusals(list(fetch.documents(url)))[0] and asked == []


def test_redirect_to_a_file_url_is_refused() -> None:
    fetch, _ = fetcher(lambda _: httpx.Response(301, headers={"location": "file:///etc/passwd"}))
    assert "only http and https" in refusals(list(fetch.documents("http://news.example/")))[0]


@pytest.mark.parametrize(
    "url", ["http://news.example:99999/", "http://[::1/", "http://news.example/a b\x00c"]
)
def test_malformed_urls_are_refused_not_raised(url: str) -> None:
    fetch, _ = fetcher(page)
    (refused,) = fetch.documents(url)
    assert isinstance(refused, Rejection) and refused.reason


def test_unresolvable_host_is_refused() -> None:
    fetch, _ = fetcher(page)
    assert "cannot be resolved" in refusals(list(fetch.documents("http://nowhere.example/")))[0]


def test_redirect_cap() -> None:
    fetch, asked = fetcher(
        lambda r: httpx.Response(302, headers={"location": f"{r.url}x"}), max_redirects=3
    )
    assert "more than 3 redirects" in refusals(list(fetch.documents("http://news.example/")))[0]
    assert len(asked) == 4


def test_size_cap_by_header_and_by_stream() -> None:
    def declared(_: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"x" * 2000)  # content-length: 2000

    def streamed(_: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=iter([b"x" * 600] * 1000))  # no content-length

    for handler in (declared, streamed):
        fetch, _ = fetcher(handler, max_bytes=1000)
        assert "cap of 1,000 bytes" in refusals(list(fetch.documents("http://news.example/")))[0]


def test_time_cap_covers_a_server_that_drips() -> None:
    def drip() -> Iterator[bytes]:
        while True:
            time.sleep(0.05)
            yield b"<p>more</p>"

    fetch, _ = fetcher(lambda _: httpx.Response(200, content=drip()), timeout=0.3)
    started = time.monotonic()
    reasons = refusals(list(fetch.documents("http://news.example/slow")))
    assert "longer than 0.3 s" in reasons[0] and time.monotonic() - started < 2


def test_http_errors_and_transport_errors_are_refusals() -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    fetch, _ = fetcher(lambda _: httpx.Response(404))
    assert "HTTP 404" in refusals(list(fetch.documents("http://news.example/")))[0]
    fetch, _ = fetcher(down)
    assert "unreachable" in refusals(list(fetch.documents("http://news.example/")))[0]


def feed(links: list[str]) -> bytes:
    items = "".join(
        f"<item><title>n{i}</title><link>{link}</link></item>" for i, link in enumerate(links)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'.encode()


def test_feed_entries_are_capped_and_private_entries_refused() -> None:
    links = [f"http://{'private.example' if i % 2 else 'news.example'}/{i}" for i in range(3000)]

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/feed":
            return httpx.Response(200, content=feed(links))
        return page(request)

    fetch, asked = fetcher(handler, max_feed_entries=40)
    items = list(fetch.documents("http://news.example/feed"))
    docs = [i for i in items if isinstance(i, RawDocument)]
    reasons = refusals(items)
    assert "3000 entries; read the first 40" in reasons[0]
    assert len(docs) == 20 and sum("private or local" in r for r in reasons) == 20
    assert len(asked) == 21 and all("private" not in url for url in asked)


def test_feed_entries_that_are_feeds_or_files_are_not_followed() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path in ("/feed", "/inner"):
            return httpx.Response(200, content=feed(["/inner", "file:///etc/passwd", ""]))
        return page(request)

    fetch, asked = fetcher(handler)
    reasons = refusals(list(fetch.documents("http://news.example/feed")))
    assert any("feed inside a feed" in r for r in reasons)
    assert any("only http and https" in r for r in reasons)
    assert any("without a link" in r for r in reasons)
    assert asked == ["http://news.example/feed", "http://news.example/inner"]


def test_feed_body_naming_a_local_file_is_not_opened(tmp_path: Any, monkeypatch: Any) -> None:
    """feedparser opens bytes that name an existing file; the body must be parsed as a body."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "<rss").write_bytes(feed(["http://news.example/secret"]))
    fetch, asked = fetcher(
        lambda r: httpx.Response(200, content=b"<rss") if r.url.path == "/f" else page(r)
    )
    items = list(fetch.documents("http://news.example/f"))
    assert asked == ["http://news.example/f"] and not any(isinstance(i, RawDocument) for i in items)
