"""WARC input: a crawl of HTML pages reads into the same reports as the pages saved as files."""

from __future__ import annotations

import gzip
import uuid
from dataclasses import replace
from pathlib import Path

import pytest

from accord.ingest.pipeline import Ingester, raw_documents
from accord.model import Article
from accord.settings import load_settings
from accord.store import Store

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}">
<title>{title} | Northgate Wire</title>
<meta property="og:site_name" content="Northgate Wire">
<meta property="article:published_time" content="2026-03-{day:02d}T08:30:00+00:00">
<link rel="canonical" href="{url}">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1>
<p>{lead}</p>
<p>Officials opened three shelters in schools on the hill and asked residents to boil water
until further notice, the regional emergency office said in a statement on its website.</p>
<p>Volunteers from neighbouring towns brought blankets, food and drinking water, and the army
sent two helicopters to search the flooded fields along the river for people still missing.</p>
</article>
<footer>Copyright Northgate Wire. All rights reserved.</footer>
</body></html>
"""

PAGES = [
    (
        "levee",
        "Levee breach floods river town",
        "KELDMOOR (Northgate Wire) - Rescue teams worked through the night after the levee gave "
        "way, and the regional emergency office said twelve people had died.",
        "utf-8",
    ),
    (
        "toll",
        "Flood toll rises to fifteen in Keldmoor",
        "KELDMOOR (Northgate Wire) - The number of people killed in the floods rose to 15 on "
        "Tuesday, the mayor said, and about 2,000 residents remain in shelters.",
        "utf-8",
    ),
    (
        "cafe",
        "Café owners count the cost of the Keldmoor floods",
        "KELDMOOR (Northgate Wire) - The owners of the riverside café said the water reached "
        "1.5 metres inside, and that repairs would cost at least 40,000 euros.",
        "iso-8859-1",  # served as Latin-1, as older news sites still do
    ),
]


def _html(name: str, title: str, lead: str, charset: str, day: int) -> bytes:
    url = f"https://news.example.org/world/{name}"
    page = PAGE.format(charset=charset, title=title, lead=lead, url=url, day=day)
    return page.encode(charset)


def _record(kind: str, headers: dict[str, str], block: bytes) -> bytes:
    head = {
        "WARC-Type": kind,
        "WARC-Record-ID": f"<urn:uuid:{uuid.uuid4()}>",
        "WARC-Date": "2026-03-05T09:00:00Z",
        **headers,
        "Content-Length": str(len(block)),
    }
    lines = "".join(f"{k}: {v}\r\n" for k, v in head.items())
    return f"WARC/1.1\r\n{lines}\r\n".encode() + block + b"\r\n\r\n"


def _response(url: str, content_type: str, body: bytes, status: str = "200 OK") -> bytes:
    http = (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    return _record(
        "response",
        {"WARC-Target-URI": url, "Content-Type": "application/http; msgtype=response"},
        http,
    )


def write_crawl(folder: Path) -> tuple[Path, list[bytes]]:
    """The pages as .html files in `folder/pages`, and the records of a crawl of them (with a
    warcinfo, a request, an image and a missing page among them, which are no reports)."""
    pages = folder / "pages"
    pages.mkdir()
    records = [_record("warcinfo", {"Content-Type": "application/warc-fields"}, b"software: t\r\n")]
    for day, (name, title, lead, charset) in enumerate(PAGES, 3):
        body = _html(name, title, lead, charset, day)
        (pages / f"{name}.html").write_bytes(body)
        url = f"https://news.example.org/world/{name}"
        request = f"GET /world/{name} HTTP/1.1\r\nHost: news.example.org\r\n\r\n".encode()
        records.append(_record("request", {"WARC-Target-URI": url}, request))
        records.append(_response(url, f"text/html; charset={charset}", body))
        if name == "levee":
            records.append(_response(f"{url}.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)))
            records.append(
                _response(f"{url}-old", "text/html", b"<html>gone</html>", "404 Not Found")
            )
    return pages, records


def _stored(store: Store, *inputs: str) -> list[Article]:
    settings = load_settings()
    summary = Ingester(store, settings).run(raw_documents(list(inputs), settings))
    assert summary.rejected == []
    return store.articles.all()


def _as_page(article: Article, urls: dict[str, str | None]) -> Article:
    """The article less what names where it was read from; the report it copies by its URL."""
    copied = urls[article.duplicate_of] if article.duplicate_of else None
    return replace(article, key="", origin="", seq=0, duplicate_of=copied)


@pytest.mark.parametrize("compressed", [False, True], ids=["warc", "warc.gz"])
def test_a_crawl_reads_into_the_reports_of_its_pages(tmp_path: Path, compressed: bool) -> None:
    pages, records = write_crawl(tmp_path)
    if compressed:  # one gzip member per record, as crawlers write them
        crawl = tmp_path / "crawl.warc.gz"
        crawl.write_bytes(b"".join(gzip.compress(r) for r in records))
    else:
        crawl = tmp_path / "crawl.warc"
        crawl.write_bytes(b"".join(records))
    with Store.memory() as a, Store.memory() as b:
        from_pages = _stored(a, str(pages))
        from_crawl = _stored(b, str(crawl))
    by_url = {p.url: p for p in from_pages}
    page_urls = {p.key: p.url for p in from_pages}
    assert len(from_crawl) == len(PAGES) == len(by_url)
    assert any(p.duplicate_of for p in from_pages)  # the pages share paragraphs: links compared
    for article in from_crawl:
        assert article.key == article.url  # a crawled page is keyed by its address
        assert _as_page(article, {a.key: a.url for a in from_crawl}) == _as_page(
            by_url[article.url], page_urls
        )
    assert "Café" in by_url["https://news.example.org/world/cafe"].text


def test_a_cut_crawl_keeps_the_pages_before_the_cut(tmp_path: Path) -> None:
    _, records = write_crawl(tmp_path)
    crawl = tmp_path / "cut.warc"
    whole = b"".join(records)
    crawl.write_bytes(whole[: len(whole) - 600])  # the last page's record loses its end
    settings = load_settings()
    items = list(raw_documents([str(crawl)], settings))
    kept = [i.key for i in items if not hasattr(i, "reason")]
    assert kept[:2] == [
        "https://news.example.org/world/levee",
        "https://news.example.org/world/toll",
    ]
