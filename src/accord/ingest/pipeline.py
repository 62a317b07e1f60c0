"""Store new articles: read inputs, build articles, link near-duplicates, write each batch at once."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from itertools import islice

from accord.errors import InputError
from accord.ingest.build import build_article, content_hash
from accord.ingest.dedup import Link, band_hashes, jaccard, relation_for, shingles
from accord.ingest.fetch import Fetcher, FetchSettings
from accord.ingest.sources import RawDocument, read_file, read_jsonl, walk
from accord.ingest.warc import is_warc, read_warc
from accord.lru import Lru
from accord.model import Article, Rejection
from accord.settings import Settings
from accord.store import Store
from accord.store.articles import ranked_candidates

# Reports stored per transaction. An ingest's analysis workers wait for the first batch (and for
# the model, loaded after it): a batch of one analysis chunk (`accord.analyze.pipeline.CHUNK`)
# starts them some 0.1 s sooner than two did, for 15 more commits over ECB+'s 982 reports.
BATCH = 32
# The shingles of stored reports' versions, by key, content hash and shingle size: the near-copy
# candidates (up to `accord.store.articles.CANDIDATES` a report) of a few stories' adds.
SHINGLED_REPORTS = 512
_SHINGLED: Lru[tuple[str, str, int], frozenset[str]] = Lru(SHINGLED_REPORTS)


@dataclass(slots=True)
class IngestSummary:
    ingested: list[str] = field(default_factory=list)
    present: int = 0
    linked: int = 0
    rejected: list[Rejection] = field(default_factory=list)


def fetch_settings(settings: Settings) -> FetchSettings:
    return FetchSettings(
        timeout=settings.fetch_timeout,
        max_bytes=settings.fetch_max_bytes,
        max_redirects=settings.fetch_max_redirects,
        max_feed_entries=settings.feed_max_entries,
        allow_private=settings.allow_private,
    )


def raw_documents(
    inputs: Sequence[str], settings: Settings, fetcher: Fetcher | None = None
) -> Iterator[RawDocument | Rejection]:
    """Every raw document of the inputs: paths (WARC files too), folders, http(s) URLs (pages or
    feeds), `-`."""
    cap = settings.max_article_bytes
    for item in inputs:
        if item == "-":
            yield from read_jsonl(sys.stdin.buffer, "stdin", cap)
        elif item.startswith(("http://", "https://")):
            fetcher = fetcher or Fetcher(fetch_settings(settings))
            yield from fetcher.documents(item)
        else:
            for found in walk([item]):
                if isinstance(found, Rejection):
                    yield found
                elif is_warc(found):  # its records are capped one by one: a crawl is large
                    yield from read_warc(found, cap)
                else:
                    yield from read_file(found, cap)


class Ingester:
    """Turns raw documents into stored articles, batch by batch."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings

    def run(
        self,
        documents: Iterable[RawDocument | Rejection],
        on_item: Callable[[], None] | None = None,
    ) -> IngestSummary:
        summary = IngestSummary()
        for _ in self.stored_batches(documents, summary, on_item):
            pass
        return summary

    def stored_batches(
        self,
        documents: Iterable[RawDocument | Rejection],
        summary: IngestSummary,
        on_item: Callable[[], None] | None = None,
    ) -> Iterator[list[str]]:
        """Store the documents batch by batch as `run` does, counting into `summary`; yield the
        keys each batch stored, so that a caller can analyse them while the next are read."""
        stream = iter(documents)
        while batch := list(islice(stream, BATCH)):
            before = len(summary.ingested)
            self._store_batch(batch, summary)
            if on_item:
                for _ in batch:
                    on_item()
            yield summary.ingested[before:]

    def run_built(self, items: Iterable[BuiltArticle | Rejection]) -> IngestSummary:
        """Store articles built elsewhere (`accord batch`), in the order given, batch by batch
        as `run` does, so that the same inputs end in the same store."""
        summary = IngestSummary()
        stream = iter(items)
        while batch := list(islice(stream, BATCH)):
            fresh: list[Article] = []
            rejected: list[Rejection] = []
            self._known_bands = {}
            self._stored = self.store.articles.content_hashes(
                [i.article.key for i in batch if not isinstance(i, Rejection)]
            )
            for item in batch:
                if isinstance(item, Rejection):
                    rejected.append(item)
                elif not self._taken(item.article.key, item.article, fresh, summary, rejected):
                    fresh.append(item.article)
                    self._known_bands[item.article.key] = item.bands
            self._save(fresh, rejected, summary)
        return summary

    def _store_batch(self, batch: list[RawDocument | Rejection], summary: IngestSummary) -> None:
        fresh: list[Article] = []
        rejected: list[Rejection] = []
        self._known_bands = {}
        self._stored = self.store.articles.content_hashes(
            [i.key for i in batch if not isinstance(i, Rejection)]
        )
        for item in batch:
            if isinstance(item, Rejection):
                rejected.append(item)
                continue
            article = self._article(item, fresh, summary, rejected)
            if article is not None:
                fresh.append(article)
        self._save(fresh, rejected, summary)

    def _save(
        self, fresh: list[Article], rejected: list[Rejection], summary: IngestSummary
    ) -> None:
        links, updated = self._links(fresh)
        with self.store.transaction() as conn:
            # Checked again under the write lock: another ingest of the same inputs may have
            # stored some of these since they were read.
            stored = self.store.articles.content_hashes([a.key for a in fresh], conn)
            fresh = [
                a
                for a in fresh
                if not _known(a.key, a.origin, a.content_hash, stored.get(a.key), summary, rejected)
            ]
            self.store.articles.insert(conn, fresh)
            self.store.articles.save_bands(conn, {a.key: self._bands[a.key] for a in fresh})
            self.store.articles.update_many(conn, updated)
            self.store.articles.reject(conn, rejected)
        summary.ingested += [a.key for a in fresh]
        summary.linked += len(links)
        summary.rejected += rejected

    def _article(
        self,
        doc: RawDocument,
        fresh: list[Article],
        summary: IngestSummary,
        rejected: list[Rejection],
    ) -> Article | None:
        if self._taken(doc.key, doc, fresh, summary, rejected):
            return None
        built = build_capped(doc, self.settings.max_article_bytes)
        if isinstance(built, Rejection):
            rejected.append(built)
            return None
        return built

    def _taken(
        self,
        key: str,
        item: RawDocument | Article,
        fresh: list[Article],
        summary: IngestSummary,
        rejected: list[Rejection],
    ) -> bool:
        """Whether `key` is already stored or earlier in this batch (counted or refused)."""
        stored_hash = self._stored.get(key)
        batch_hash = next((a.content_hash for a in fresh if a.key == key), None)
        known = stored_hash or batch_hash
        text_hash = item.content_hash if isinstance(item, Article) else content_hash(item)
        return known is not None and _known(key, item.origin, text_hash, known, summary, rejected)

    # ------------------------------------------------------------------ near-duplicates

    _bands: dict[str, list[int]]
    # Band hashes computed with the article elsewhere (`accord batch`), used instead of new ones.
    _known_bands: dict[str, list[int]]
    # The content hash of each key of the batch that was stored when the batch was read.
    _stored: dict[str, str]

    def _links(self, fresh: list[Article]) -> tuple[list[Link], list[Article]]:
        """Link each new article to an earlier near-copy; return the links and changed stored articles."""
        sets = {a.key: shingles(a.text, self.settings.dedup_shingle) for a in fresh}
        self._bands = {
            a.key: self._known_bands.get(a.key) or band_hashes(sets[a.key]) for a in fresh
        }
        # The stored reports under the batch's bands, in one read for the batch: the batch's
        # own reports are not stored yet, so each report's candidates are the same as when read
        # one report at a time.
        holders = self.store.articles.band_holders(b for a in fresh for b in self._bands[a.key])
        by_key = {a.key: a for a in fresh}
        links, updated = [], []
        for position, article in enumerate(fresh):
            bands = self._bands[article.key]
            best = self._best_match(article, sets, fresh[:position], bands, holders)
            if best is None:
                continue
            other, similarity = best
            relation = relation_for(
                similarity,
                self.settings.dedup_threshold,
                self.settings.duplicate_threshold,
            )
            if relation is None:
                continue
            later, earlier = order_pair(article, other)
            root = by_key.get(earlier.duplicate_of or "") or (
                earlier
                if not earlier.duplicate_of
                else self.store.articles.get(earlier.duplicate_of)
            )
            later.duplicate_of, later.relation = root.key, relation
            if later is other:
                updated.append(other)
            links.append(Link(later.key, root.key, relation, similarity))
        return links, [a for a in updated if a.key not in by_key]

    def _best_match(
        self,
        article: Article,
        sets: dict[str, set[str]],
        earlier: list[Article],
        bands: list[int],
        holders: dict[int, list[str]],
    ) -> tuple[Article, float] | None:
        """The candidate most like `article` and their similarity, the first of equals: the
        batch's earlier reports under its bands, then the stored ones in arrival order."""
        band_set = set(bands)
        mine = sets[article.key]
        best: tuple[Article | str, float] | None = None
        for other in earlier:
            if band_set & set(self._bands[other.key]):
                similarity = jaccard(mine, sets[other.key])
                if best is None or similarity > best[1]:
                    best = (other, similarity)
        stored = ranked_candidates(bands, holders)
        for key, shingled in stored_shingles(self.store, stored, self.settings.dedup_shingle):
            similarity = jaccard(mine, sets.get(key) or shingled)
            if best is None or similarity > best[1]:
                best = (key, similarity)
        if best is None:
            return None
        found, similarity = best
        return self.store.articles.get(found) if isinstance(found, str) else found, similarity


def stored_shingles(store: Store, keys: list[str], size: int) -> list[tuple[str, AbstractSet[str]]]:
    """The shingles of the stored reports `keys`, in arrival order. Those of a report's version
    (its content hash) are kept: a developing story's adds meet the same candidates again and
    again, whose texts were read and shingled anew for each."""
    if not keys:
        return []
    versions = store.articles.versions(keys)
    kept = {key: _SHINGLED.get((key, version, size)) for key, version in versions}
    for read in store.articles.all([key for key, found in kept.items() if found is None]):
        shingled = frozenset(shingles(read.text, size))
        _SHINGLED.put((read.key, read.content_hash, size), shingled)
        kept[read.key] = shingled
    return [(key, found) for key, _ in versions if (found := kept[key]) is not None]


@dataclass(slots=True)
class BuiltArticle:
    """An article built and signed away from the store: its LSH band hashes come with it."""

    article: Article
    bands: list[int]


def build_capped(doc: RawDocument, cap: int) -> Article | Rejection:
    """The article of `doc`, or the refusal of it (no text, too short, text over `cap` bytes)."""
    try:
        article = build_article(doc)
    except InputError as exc:
        return Rejection(exc.source, exc.reason)
    if len(article.text.encode("utf-8")) > cap:
        return Rejection(
            doc.origin, f"text larger than the cap of {cap:,} bytes; raise max_article_bytes"
        )
    return article


def _known(
    key: str,
    origin: str,
    text_hash: str,
    known_hash: str | None,
    summary: IngestSummary,
    rejected: list[Rejection],
) -> bool:
    """Whether `key` is already taken (known_hash): the same text is counted as present, another
    text is refused."""
    if known_hash is None:
        return False
    if known_hash == text_hash:
        summary.present += 1
    else:
        rejected.append(
            Rejection(
                origin,
                f"key {key!r} is already stored with other text; give this article another id",
            )
        )
    return True


def order_pair(a: Article, b: Article) -> tuple[Article, Article]:
    """(later, earlier): by publication date when both are dated, else by ingestion order."""
    if a.published and b.published and a.published[:10] != b.published[:10]:
        return (a, b) if a.published[:10] > b.published[:10] else (b, a)
    # `a` is the one being ingested now: a stored (or earlier in the batch) report came first.
    return a, b
