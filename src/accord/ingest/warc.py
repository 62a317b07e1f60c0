"""WARC files (web crawls such as CC-NEWS): each HTTP response record of an HTML page is one page,
read as if it had been saved as an .html file, with the record's target URL as its key and URL.

Other records (requests, metadata, revisits, warcinfo) and responses that are no HTML page (images,
feeds, redirects) are passed over in silence: a crawl holds many of them and none is a report.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from accord.ingest.sources import RawDocument, documents_from_bytes, printable
from accord.model import Rejection

# Compressed WARC files are told by their names (fastwarc detects the compression itself).
COMPRESSED_SUFFIXES = (".warc.gz", ".warc.zst", ".warc.lz4")
# A response whose HTTP content type is one of these is read as a page; other types are skipped.
PAGE_TYPES = ("text/html", "application/xhtml+xml")


def is_warc(path: Path) -> bool:
    """A WARC file: plain (it opens with its version line), or compressed and so named."""
    if path.name.lower().endswith(COMPRESSED_SUFFIXES):
        return True
    try:
        with path.open("rb") as fh:
            return fh.read(5) == b"WARC/"
    except OSError:
        return False  # read_file refuses it with the reason


def read_warc(path: Path, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    """The HTML pages of a WARC file's response records; a malformed record ends the file
    with one refusal, the pages before it are kept."""
    source = printable(str(path))
    number = 0
    try:
        for record in ArchiveIterator(
            str(path), record_types=WarcRecordType.response, auto_decode="all"
        ):
            number += 1
            page = _page(record, f"{source}#{number}", max_bytes)
            if page is not None:
                yield from page
    except OSError as exc:
        yield Rejection(
            f"{source}#{number + 1}",
            f"not a readable WARC record ({exc}); the records before it were read",
        )


def _page(
    record: WarcRecord, where: str, max_bytes: int
) -> Iterator[RawDocument | Rejection] | None:
    content_type = (record.http_content_type or "").lower()
    status = record.http_headers.status_code if record.http_headers is not None else None
    if status != 200 or not content_type.startswith(PAGE_TYPES):
        return None
    url = record.headers.get("WARC-Target-URI") or None
    if record.content_length > max_bytes:
        return iter(
            [
                Rejection(
                    where,
                    f"a page larger than the cap of {max_bytes:,} bytes; raise max_article_bytes",
                )
            ]
        )
    body = record.reader.read()
    charset = record.http_charset
    if charset and charset.replace("_", "-").lower() not in ("utf-8", "utf8"):
        # The server's charset decides where it is given; the guess of `decode` is for files.
        # A wrong label leaves the bytes to the guess of `decode`, as for a saved page.
        with suppress(UnicodeDecodeError, LookupError):
            body = body.decode(charset).encode("utf-8")
    key = printable(url) if url else where
    return documents_from_bytes(body, where, key, url=url)
