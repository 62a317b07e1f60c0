"""The whole job behind `accord ingest`: store → analyse → stories → ledger, each stage only for
what is new, so the store is complete and current after every ingest. The first three run as a
pipeline (`update`): the workers analyse while this process stores, saves and places.

Each stage is idempotent and picks up what an interrupted run left undone: reports without the
current analysis, analysed reports without a story, stories whose ledger is stale (a story's
`reconciled` stamp is cleared whenever its membership changes).
"""

from __future__ import annotations

import functools
import logging
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import BrokenExecutor, Future
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from itertools import chain

from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from accord import webhooks
from accord.analyze.pipeline import analyze_pending
from accord.analyze.workers import default_processes, store_file, worker_pool
from accord.changes import compare, ledger_data, stored_ledger_data
from accord.errors import AccordError
from accord.ingest.fetch import Fetcher
from accord.ingest.pipeline import Ingester, IngestSummary, raw_documents
from accord.model import (
    Article,
    Claim,
    Membership,
    Rejection,
    Statement,
    Story,
    TimeMention,
)
from accord.reconcile import Ledger, ReportLedger, build_ledger, report_ledger
from accord.settings import Settings
from accord.store import Store, search_index
from accord.store.analysis import Found
from accord.store.snapshots import stamp
from accord.stories import (
    ReportFeatures,
    assign,
    counted_figures,
    event_day,
    head_names,
    local_name,
    names_outlet,
    outlet_label,
    refresh_stories,
    report_features,
    site_name_span,
    spokespeople,
)

log = logging.getLogger(__name__)

# How many stale stories have their ledgers built in worker processes: fewer do not repay
# starting the workers (a ledger takes some 15 ms on average on ECB+).
PARALLEL_LEDGERS_FROM = 16

ProgressHook = Callable[[str, int, int | None], None]


@dataclass(slots=True)
class IngestResult:
    summary: IngestSummary
    analysed: list[str] = field(default_factory=list)
    stories: list[str] = field(default_factory=list)
    # Seconds of each stage. "analyse" is the wall time of the pipeline in which the workers
    # analyse while this process stores ("store"), resolves entities and saves ("entities") and
    # places reports ("stories"): those three are this process's own time, within it or after.
    seconds: dict[str, float] = field(default_factory=dict)


@contextmanager
def _timed(seconds: dict[str, float], stage: str, quiet: bool = False) -> Iterator[None]:
    """Add the block's wall time to `seconds[stage]`, and log the stage's total unless `quiet`
    (a stage timed piece by piece inside the pipeline is logged once, at its end)."""
    began = time.perf_counter()
    try:
        yield
    finally:
        seconds[stage] = seconds.get(stage, 0.0) + time.perf_counter() - began
        if not quiet:
            log.info("stage %s: %.2f s", stage, seconds[stage])


def ingest(
    store: Store,
    inputs: Sequence[str],
    settings: Settings,
    progress: ProgressHook | None = None,
    fetcher: Fetcher | None = None,
) -> IngestResult:
    """Store the inputs, then bring every later stage up to date. The inputs are stored batch
    by batch as the analysis workers need more reports, so that storing them runs while the
    workers analyse the batches before."""
    seen = 0

    def tick() -> None:
        nonlocal seen
        seen += 1
        if progress:
            progress("reading", seen, None)

    seconds: dict[str, float] = {}
    summary = IngestSummary()
    batches = Ingester(store, settings).stored_batches(
        raw_documents(inputs, settings, fetcher), summary, tick
    )

    def stored() -> Iterator[list[str]]:
        while True:
            with _timed(seconds, "store", quiet=True):
                keys = next(batches, None)
            if keys is None:
                with _timed(seconds, "store", quiet=True):
                    search_index.sync(store)
                log.info("stage store: %.2f s", seconds["store"])
                return
            yield keys

    result = IngestResult(summary, seconds=seconds)
    result.analysed, result.stories = update(
        store, settings, progress, seconds, stored(), summary.rejected
    )
    return result


def update(
    store: Store,
    settings: Settings,
    progress: ProgressHook | None = None,
    seconds: dict[str, float] | None = None,
    incoming: Iterable[list[str]] = (),
    failed: list[Rejection] | None = None,
) -> tuple[list[str], list[str]]:
    """Run every stage over what it has not seen yet, and over the reports `incoming` stores
    as the analysis reads it; return the reports analysed and the stories reconciled. Each
    stage's time is added to `seconds` (see IngestResult) and logged.

    Each chunk of reports is placed in its story as soon as its analysis is saved, in the order
    the reports arrived, as placing them all after the analysis would: a report's features are
    its own analysis, and the clusterer places reports one at a time."""
    seconds = {} if seconds is None else seconds

    def on_progress(done: int, total: int) -> None:
        if progress:
            progress("analysing", done, total)

    def place(saved: list[Found]) -> None:
        with _timed(seconds, "stories", quiet=True):
            place_new_reports(store, settings, [f[0] for f in saved], {f[0]: f for f in saved})

    processes = settings.processes or None
    with _timed(seconds, "analyse"):
        analysed = analyze_pending(store, on_progress, processes, seconds, incoming, place, failed)
    # What is left: reports analysed by an earlier run or by another ingest sharing the store.
    with _timed(seconds, "stories"):
        place_new_reports(store, settings)
    with _timed(seconds, "ledger"):
        reconciled = reconcile_stale(store, settings)
    return analysed, reconciled


def place_new_reports(
    store: Store,
    settings: Settings,
    keys: Sequence[str] | None = None,
    saved: Mapping[str, Found] | None = None,
) -> list[str]:
    """Put every analysed report that has no story yet (of `keys`, if given) into a story and
    an event; `saved` holds analyses just saved, used instead of reading them back."""
    pending = store.articles.unplaced(keys)
    if not pending:
        return []
    features = stored_features(store, pending, saved)
    with store.transaction() as conn:
        # Another ingest of the same store may have placed some of them meanwhile: only the
        # reports still unplaced under the write lock are placed.
        unplaced = set(store.articles.unplaced_keys([a.key for a in pending], conn))
        features = [f for f in features if f.key in unplaced]
        memberships = assign(store, conn, features, settings)
        touched = sorted({m.story for m in memberships})
        refresh_stories(store, conn, touched)
    return touched


def stored_features(
    store: Store, articles: Sequence[Article], saved: Mapping[str, Found] | None = None
) -> list[ReportFeatures]:
    """What the clusterer knows of each report, from its stored analysis: the names it mentions,
    its figures and the day its event happened on. The analyses in `saved` (by key) are those
    just stored: they are taken from there, in the order a read gives, instead of read back."""
    saved = saved or {}
    keys = [a.key for a in articles if a.key not in saved]
    held = [saved[a.key] for a in articles if a.key in saved]
    read = bool(keys)  # no read at all when every analysis is at hand
    names: dict[str, list[str]] = defaultdict(list)
    local: dict[str, set[str]] = defaultdict(set)
    spans: dict[str, list[tuple[str, int]]] = defaultdict(list)
    mentions = store.analysis.mentions(keys) if read else []
    statements = store.analysis.statements(keys) if read else []
    said: dict[str, list[Statement]] = defaultdict(list)
    for statement in chain(statements, (s for _, ss, _, _, _ in held for s in ss)):
        said[statement.doc].append(statement)
    voices = {doc: spokespeople(found) for doc, found in said.items()}
    site_names = {a.key: site_name_span(a.text, a.title, a.outlet) for a in articles}
    labels = {a.key: outlet_label(a.outlet) for a in articles}
    for mention in chain(mentions, (m for _, _, _, ms, _ in held for m in ms)):
        # Names only: a pronoun or a description ("he", "the company") names no one in
        # particular, and the outlet's own name (after a page's headline, in a credit or an app
        # prompt) names no one of the event.
        site = site_names.get(mention.doc)
        own = site and site[0] <= mention.start < site[1]
        if (
            mention.kind == "name"
            and not own
            and not names_outlet(mention.text, labels[mention.doc])
        ):
            names[mention.doc].append(mention.text)
            if local_name(mention.text, mention.type, voices.get(mention.doc, ())):
                local[mention.doc].add(mention.text)
            spans[mention.doc].append((mention.text, mention.start))
    claims: dict[str, list[Claim]] = defaultdict(list)
    stored_claims = store.analysis.claims(keys) if read else []
    # In the store's order: by claim id, which is text ("doc#10" before "doc#2").
    saved_claims = (c for _, _, cs, _, _ in held for c in sorted(cs, key=lambda c: c.id))
    for claim in chain(stored_claims, saved_claims):
        claims[claim.doc].append(claim)
    inferred = {a.key for a in articles if a.published_inferred}
    times: dict[str, list[TimeMention]] = defaultdict(list)
    stored_times = store.analysis.times(keys) if read else []
    for timex in chain(stored_times, (t for *_, ts in held for t in ts)):
        # A relative time read against a date inferred from the report's story says no more of
        # the report's event than the story already does.
        if not (timex.relative and timex.doc in inferred):
            times[timex.doc].append(timex)
    return [
        report_features(
            # A date the ledger inferred from the report's story says nothing of its event.
            _undated_if_inferred(a),
            names.get(a.key, []),
            [claim.value for claim in claims.get(a.key, [])],
            event_day(a.text, times.get(a.key, [])),
            counted=counted_figures(claims.get(a.key, [])),
            head=head_names(a.text, a.title, spans.get(a.key, []), a.outlet),
            local=local.get(a.key, set()),
        )
        for a in articles
    ]


def reconcile_stale(store: Store, settings: Settings) -> list[str]:
    """Rebuild the ledger of every story whose membership changed since its last ledger."""
    stale = store.stories.stale()
    reconciled = []
    for story_id, rebuilt in zip(stale, _ledgers(store, stale, settings), strict=True):
        if rebuilt is None:
            continue  # a fault of ours, logged: the story stays stale for the next run
        ledger = rebuilt.ledger
        with store.transaction() as conn:
            if _members_moved(store, story_id, ledger):
                continue  # another writer changed the story: it stays stale for its next rebuild
            _snapshot(store, conn, ledger, settings)
            store.ledger.save(conn, story_id, ledger.groups, ledger.timeline, ledger.briefing)
            store.analysis.update_claims(conn, rebuilt.changed_claims)
            store.articles.update_many(conn, rebuilt.redated_articles)
            stamp = datetime.now(UTC).isoformat(timespec="seconds")
            store.stories.save(conn, replace(ledger.story, reconciled=stamp))
        reconciled.append(story_id)
    return reconciled


def _snapshot(store: Store, conn: Connection, ledger: Ledger, settings: Settings) -> None:
    """Keep the new ledger beside the ones before it, so that the story can be read as it stood
    at any time (`accord changes`). A ledger built before snapshots were kept is kept first, as
    as of when snapshots began to be kept: its own build time is gone with its stamp."""
    story = ledger.story.id
    if not store.snapshots.has_any(conn, story) and store.ledger.groups(story):
        began = store.snapshots.began(conn)
        store.snapshots.save(conn, story, began, stored_ledger_data(store, story))
    data = ledger_data(
        ledger.groups, ledger.timeline, ledger.briefing, ledger.articles, ledger.claims
    )
    built = stamp()
    if settings.webhooks:
        # The change set is posted later, from the outbox this transaction writes it to.
        before = store.snapshots.at(story)
        since = before.built if before is not None else None
        revisions = store.snapshots.revisions(list(data["reports"]), since, built)
        found = compare(story, before.data if before else None, data, revisions, since, built)
        webhooks.enqueue(store, conn, settings, found, ledger.story.title)
    store.snapshots.save(conn, story, built, data)


def _members_moved(store: Store, story_id: str, ledger: Ledger) -> bool:
    now = {m.doc for m in store.stories.memberships(story_id)}
    return now != {a.key for a in ledger.articles}


def story_ledger(store: Store, story_id: str, settings: Settings) -> ReportLedger:
    """The ledger of one story from the store's records, with what its report shows beside it."""
    records = _records(store, story_id)
    return report_ledger(
        records.story,
        records.articles,
        records.claims,
        store.analysis.statements([m.doc for m in records.members]),
        records.times,
        records.members,
        settings,
    )


@dataclass(frozen=True, slots=True)
class _Records:
    """What the ledger of a story is built from, as the store holds it."""

    story: Story
    articles: list[Article]
    claims: list[Claim]
    times: list[TimeMention]
    members: list[Membership]
    inferred_dates: dict[str, str | None]  # the stored dates of the reports dated by inference

    def ledger(self, settings: Settings) -> Ledger:
        return build_ledger(
            self.story, self.articles, self.claims, self.times, self.members, settings
        )

    def rebuilt(self, settings: Settings) -> _Rebuilt:
        ledger = self.ledger(settings)
        stored = {c.id: c for c in self.claims}
        return _Rebuilt(
            ledger,
            [c for c in ledger.claims if stored.get(c.id) != c],
            [
                a
                for a in ledger.articles
                if a.published_inferred and self.inferred_dates.get(a.key, "") != a.published
            ],
        )


@dataclass(frozen=True, slots=True)
class _Rebuilt:
    """A story's new ledger, with those of its claims it changed from the store's (a group, a
    role, a date read again) and those of its reports whose inferred date it changed: the only
    rows to write. A large story's ledger, built again on every add to it, changes a few of its
    thousands of claims, and writing the others (each one's JSON made to be compared in SQL) was
    a tenth of saving it."""

    ledger: Ledger
    changed_claims: list[Claim]
    redated_articles: list[Article]


def _records(store: Store, story_id: str) -> _Records:
    story = store.stories.get(story_id)
    members = store.stories.memberships(story_id)
    docs = [m.doc for m in members]
    # the reports, claims and times are shared with the store's cache: a ledger copies what it
    # changes
    stored = store.articles.all(docs, shared=True)
    return _Records(
        story,
        [_undated_if_inferred(a) for a in stored],
        store.analysis.claims(docs, shared=True),
        store.analysis.times(docs, shared=True),
        members,
        {a.key: a.published for a in stored if a.published_inferred},
    )


def _ledgers(store: Store, stories: Sequence[str], settings: Settings) -> Iterator[_Rebuilt | None]:
    """The ledgers of `stories` with the rows each changed, in order; None for a story whose
    ledger failed. Many are built in worker processes, a few stories ahead of the caller, while
    the caller saves those before: at the end of an ingest, built one after another here, they
    kept one core busy and left the other idle. A worker reads a story's records itself, from
    the store opened anew, unless the store is this process's memory: reading them here was a
    third of this process's time on ledgers. A story's records are its reports' own, which no
    ledger of another story writes, so reading them ahead reads what reading them in turn
    would."""
    workers = settings.processes or default_processes()
    if workers <= 1 or len(stories) < PARALLEL_LEDGERS_FROM:
        for story_id in stories:
            records = _records(store, story_id)
            yield _unless_failed(story_id, functools.partial(records.rebuilt, settings))
        return
    with worker_pool(workers, store_file(store.url)) as pool:
        ahead: deque[tuple[str, Future[_Rebuilt]]] = deque()
        for story_id in stories:
            if store.in_memory:
                future = pool.submit(_Records.rebuilt, _records(store, story_id), settings)
            else:
                future = pool.submit(_worker_ledger, store.url, story_id, settings)
            ahead.append((story_id, future))
            if len(ahead) > 2 * workers:
                built, done = ahead.popleft()
                yield _unless_failed(built, done.result)
        for built, done in ahead:
            yield _unless_failed(built, done.result)


def _unless_failed(story_id: str, build: Callable[[], _Rebuilt]) -> _Rebuilt | None:
    """`build()`, or None when accord's rules fail on the story: one story's fault must not
    stop the others' ledgers, nor an ingest whose reports are stored and analysed. A fault of
    the store, of a worker process or of memory is no rule's and stops the run."""
    try:
        return build()
    except (AccordError, SQLAlchemyError, BrokenExecutor, MemoryError):
        raise
    except Exception:  # any fault of the rules: logged, and the story rebuilt at the next run
        log.exception("the ledger of story %s failed; it keeps its last ledger", story_id)
        return None


def _worker_ledger(url: str, story_id: str, settings: Settings) -> _Rebuilt:
    """The ledger of a story, built in a worker from the records it reads."""
    return _records(_opened(url), story_id).rebuilt(settings)


@functools.cache
def _opened(url: str) -> Store:
    """The store at `url`, opened once in a worker: the connections of the store it was forked
    with are its parent's, not to be used in another process."""
    return Store(url)


def _undated_if_inferred(article: Article) -> Article:
    # An inferred date is inferred again from the story as it is now, not taken as a given.
    if not article.published_inferred:
        return article
    undated = article.copy()  # a third of `dataclasses.replace`'s cost: a story's every report
    undated.published, undated.published_inferred = None, False
    return undated
