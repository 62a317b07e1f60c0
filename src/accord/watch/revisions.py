"""One document a watched source gave: stored as a new report, found already stored, or stored as
a new version of a report it replaces (a source that corrects a report publishes it again at the
same address, with other text)."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from typing import Literal

from accord.errors import InputError
from accord.ingest.build import build_article, content_hash
from accord.ingest.dedup import band_hashes, shingles
from accord.ingest.pipeline import Ingester
from accord.ingest.sources import RawDocument
from accord.model import Rejection
from accord.settings import Settings
from accord.store import Store

Outcome = Literal["new", "revised", "present", "rejected"]

# The note a corrected report opens its correction with; cleaning drops it from the stored text
# (it speaks of the earlier version), so it is read here from the page as fetched.
_NOTE = re.compile(
    r"^[ \t*]*(?:correction|clarification|editor['’]?s\s+note|update)s?\b\s*[:.\-–—].*$"
    r"|^[ \t]*an?\s+(?:earlier|previous)\s+version\s+of\s+this\s+(?:story|article|report)\b.*$",
    re.I | re.M,
)
_BLOCK = re.compile(
    r"</?(?:p|div|br|li|ul|ol|h[1-6]|section|article|aside|blockquote|tr|td|footer)\b[^>]*>", re.I
)
_TAG = re.compile(r"<[^>]+>")


def correction_note(text: str) -> str | None:
    """The first correction or editor's note of a page's text: an HTML page's blocks are its
    lines, its inline tags are taken off."""
    plain = html.unescape(_TAG.sub("", _BLOCK.sub("\n", text)))
    found = _NOTE.search(plain)
    return found.group(0).strip(" \t*") if found else None


def store_document(store: Store, settings: Settings, doc: RawDocument | Rejection) -> Outcome:
    """Store one document (a refusal among the rejections); return what became of it."""
    if isinstance(doc, Rejection):
        with store.transaction() as conn:
            store.articles.reject(conn, [doc])
        return "rejected"
    stored = store.articles.content_hash(doc.key)
    if stored is None:
        summary = Ingester(store, settings).run([doc])
        if summary.rejected:
            return "rejected"
        return "new" if summary.ingested else "present"
    if stored == content_hash(doc):
        return "present"
    return _revise(store, doc, settings.dedup_shingle)


def _revise(store: Store, doc: RawDocument, shingle: int) -> Outcome:
    """Put the new version in the old one's place (kept in the snapshots), to be analysed again,
    filed under the near-duplicate bands of its new text, and mark its story's ledger stale so the
    next update rebuilds it."""
    try:
        article = build_article(doc)
    except InputError as exc:
        with store.transaction() as conn:
            store.articles.reject(conn, [Rejection(exc.source, exc.reason)])
        return "rejected"
    old = store.articles.get(doc.key)
    article.duplicate_of, article.relation = old.duplicate_of, old.relation
    page = doc.content or str(doc.record.get("text") or doc.record.get("maintext") or "")
    note = correction_note(page)
    membership = store.stories.membership(doc.key)
    with store.transaction() as conn:
        store.snapshots.revise(conn, old, article, note)
        store.articles.replace_bands(conn, doc.key, band_hashes(shingles(article.text, shingle)))
        if membership is not None:
            story = store.stories.get(membership.story)
            store.stories.save(conn, replace(story, reconciled=""))
    return "revised"
