"""From a raw document to an Article: extract, clean, read metadata, detect the language."""

from __future__ import annotations

import hashlib
import json
import re
from itertools import islice
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from accord.errors import InputError
from accord.ingest.clean import clean_text
from accord.ingest.language import detect_language
from accord.ingest.metadata import parse_published, read_metadata
from accord.ingest.sources import RawDocument
from accord.model import Article

# Field names used by common news dumps, in order of preference (news-please, GDELT-style, ours).
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "maintext", "content", "body", "article", "description"),
    "title": ("title", "headline", "title_page", "title_rss"),
    "published": ("published", "date_publish", "date", "published_at", "pubDate", "datetime"),
    "url": ("url", "link", "source_url"),
    "outlet": ("outlet", "source_domain", "source", "site_name", "publisher"),
    "language": ("language", "lang"),
    "author": ("author", "authors", "byline"),
}


# Letters and digits below which a text is no report: "ok.", "Hi", a stray character. The
# shortest reports of the shared corpora hold 41 ("The parliament election is over in
# Turkmenistan."); a headline with a figure ("Floods kill 12 in Keldmoor") holds 21.
MIN_LETTERS = 20
_LETTER = re.compile(r"[^\W_]")  # what str.isalnum() accepts: \w without the underscore
# Elements nested deeper than this stop libxml2's HTML parser, which drops the rest of the page.
HTML_MAX_DEPTH = 256


def content_hash(doc: RawDocument) -> str:
    """A hash of what was read, so re-ingesting the same input is recognised before any work."""
    payload = (
        doc.content if doc.kind != "record" else json.dumps(doc.record, sort_keys=True, default=str)
    )
    return hashlib.sha256(payload.encode("utf-8", "replace")).hexdigest()


def build_article(doc: RawDocument) -> Article:
    """The article of a raw document; raises InputError when no article text is found."""
    if doc.kind == "html":
        article = _from_html(doc)
    elif doc.kind == "record":
        article = _from_record(doc)
    else:
        article = _from_text(doc.key, doc.origin, doc.content)
        article.url = doc.url
    if not article.text.strip():
        raise InputError(doc.origin, "no article text found after removing page furniture")
    # Counted up to MIN_LETTERS only: a report is long, and only a short count is reported.
    letters = sum(1 for _ in islice(_LETTER.finditer(article.text), MIN_LETTERS))
    if letters < MIN_LETTERS:
        raise InputError(
            doc.origin,
            f"too short to be a report ({letters} letters or digits; at least {MIN_LETTERS}); "
            "is the text cut, or only a placeholder?",
        )
    article.content_hash = content_hash(doc)
    article.language = article.language or detect_language(article.text)
    if article.url and not article.outlet:
        article.outlet = urlsplit(article.url).hostname
    return article


def _from_text(key: str, origin: str, raw: str) -> Article:
    cleaned = clean_text(raw)
    meta = read_metadata(raw, cleaned)
    return Article(
        key=key,
        origin=origin,
        text=cleaned.text,
        title=cleaned.title,
        published=meta.published,
        outlet=meta.outlet,
        place=meta.place,
        author=meta.author,
    )


def _from_html(doc: RawDocument) -> Article:
    import trafilatura  # imported here: a tenth of the start-up, and most inputs are not pages

    extracted = trafilatura.bare_extraction(
        doc.content,
        url=doc.url,
        with_metadata=True,
        include_comments=False,
        date_extraction_params={"original_date": True, "max_date": "2099-12-31"},
    )
    body = getattr(extracted, "text", None) or ""
    if not body.strip():
        if _too_deep(doc.content):
            raise InputError(
                doc.origin,
                f"an HTML page nested too deeply to read (elements more than {HTML_MAX_DEPTH} "
                "levels deep); save its article text as a .txt file",
            )
        raise InputError(
            doc.origin, "an HTML page with no article text (only navigation or scripts?)"
        )
    title = getattr(extracted, "title", None)
    text = body if not title or body.startswith(title) else f"{title}\n\n{body}"
    article = _from_text(doc.key, doc.origin, text)
    article.title = title or article.title
    article.url = doc.url or getattr(extracted, "url", None)
    article.outlet = getattr(extracted, "sitename", None) or article.outlet
    article.author = getattr(extracted, "author", None) or article.author
    date = getattr(extracted, "date", None)
    article.published = article.published or (parse_published(date) if date else None)
    return article


def _too_deep(html: str) -> bool:
    """Whether the HTML parser gave up on the page for its depth. Asked only once extraction
    found nothing, to tell that page from one of navigation and scripts."""
    parser = etree.HTMLParser(encoding="utf-8")
    try:
        etree.fromstring(html.encode("utf-8", "surrogatepass"), parser)
    except (etree.LxmlError, ValueError):
        return False
    return any("Excessive depth" in error.message for error in parser.error_log)


def _field(record: dict[str, Any], name: str) -> Any:
    for alias in FIELD_ALIASES[name]:
        value = record.get(alias)
        if value not in (None, "", []):
            return value
    return None


def _as_text(value: Any, origin: str, name: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return _without_surrogates(", ".join(value))
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return _without_surrogates(str(value))
    raise InputError(
        origin, f"field {name!r} is a {type(value).__name__}, not text; fix the record"
    )


_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(text: str) -> str:
    """JSON may escape lone surrogates ("\\ud800"), which no UTF-8 store or library accepts."""
    return _SURROGATE.sub("\ufffd", text)


def _from_record(doc: RawDocument) -> Article:
    record = doc.record
    raw_body = _field(record, "text")
    if isinstance(raw_body, int | float) and not isinstance(raw_body, bool):  # "text": 12345
        raise InputError(doc.origin, "field 'text' is a number, not text; fix the record")
    if isinstance(raw_body, list):
        # Refused, not joined: its items may be paragraphs, sentences or words, and a guess
        # would be stored as if it were the report; a refusal is kept in the store (`accord
        # rejects`) where a warning would scroll away.
        raise InputError(
            doc.origin,
            "field 'text' is a list, not text; join its parts into one string "
            "(paragraphs separated by blank lines) and ingest it again",
        )
    body = _as_text(raw_body, doc.origin, "text")
    if not body or not body.strip():
        raise InputError(
            doc.origin, "no article text: the record has no text/maintext/content/body field"
        )
    title = _as_text(_field(record, "title"), doc.origin, "title")
    raw = body if not title or body.lstrip().startswith(title) else f"{title}\n\n{body}"
    article = _from_text(doc.key, doc.origin, raw)
    published = _as_text(_field(record, "published"), doc.origin, "published")
    article.title = title or article.title
    article.published = (parse_published(published) if published else None) or article.published
    article.url = _as_text(_field(record, "url"), doc.origin, "url")
    article.outlet = _as_text(_field(record, "outlet"), doc.origin, "outlet") or article.outlet
    article.language = _as_text(_field(record, "language"), doc.origin, "language")
    article.author = _as_text(_field(record, "author"), doc.origin, "author") or article.author
    return article
