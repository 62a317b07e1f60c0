"""Polling watched sources: feeds, pages and folders, each on its own schedule.

A URL is asked for conditionally (If-None-Match, If-Modified-Since) with the validators its last
answer gave, so an unchanged feed or report costs a 304 and no body; a feed's entries are each
asked for the same way. Every document goes through `accord.watch.revisions.store_document` in a
transaction of its own, and the URL's validators are saved only after it, so a run killed at any
point loses nothing and stores nothing twice: the next run asks again and finds the report stored.
What the stages after storing left undone is picked up when a run starts (`Watcher.catch_up`).

Fetching goes through `accord.ingest.fetch.Fetcher`, with the caps and the refusal of private
addresses `accord ingest` has.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from accord import workflow
from accord.errors import FetchError
from accord.ingest.fetch import Fetcher, is_feed
from accord.ingest.pipeline import fetch_settings, raw_documents
from accord.ingest.sources import RawDocument, documents_from_bytes
from accord.model import Rejection
from accord.settings import Settings
from accord.store import Store
from accord.store.watch import UrlState
from accord.watch.revisions import store_document
from accord.webhooks import Deliverer

log = logging.getLogger("accord.watch")


@dataclass(slots=True)
class Poll:
    """What one poll of one source did."""

    source: str
    status: str = "ok"  # ok, not modified, failed, slow
    new: int = 0
    revised: int = 0
    present: int = 0
    not_modified: int = 0
    refused: int = 0
    more: bool = False  # the cap or a stop left entries for the next poll
    wait: float = 0.0  # seconds to the next poll of the source
    detail: str = ""
    slowest: float = 0.0  # seconds of the slowest fetch

    def line(self) -> str:
        counts = (
            f"{self.new} new, {self.revised} revised, {self.present} present, "
            f"{self.not_modified} not modified, {self.refused} refused"
        )
        more = "; more to read" if self.more else ""
        detail = f" ({self.detail})" if self.detail else ""
        return f"poll {self.source}: {self.status}{detail}; {counts}{more}; next in {self.wait:g} s"


@contextmanager
def stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """SIGINT and SIGTERM set `stop` for the block (the watcher stops between two reports); a
    handler can only be set from the main thread."""

    def handler(signum: int, frame: object) -> None:
        stop.set()

    kept = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, previous in kept.items():
            signal.signal(sig, previous)


def _now() -> datetime:
    # Stamps are compared as text: all of them to the microsecond, so that they sort as times.
    return datetime.now(UTC)


def _is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


class Watcher:
    """Polls `sources` into `store` until `stop` is set."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        sources: Sequence[str],
        fetcher: Fetcher | None = None,
        stop: threading.Event | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.sources = list(dict.fromkeys([*sources, *settings.watch_sources]))
        self.fetcher = fetcher or Fetcher(fetch_settings(settings))
        self.stop = stop or threading.Event()

    def run(self, once: bool = False) -> list[Poll]:
        """Poll each source when it is due until stopped; with `once`, poll each source once,
        then try the due webhooks once. Return the polls made."""
        polls: list[Poll] = []
        deliverer = Deliverer(self.store, self.settings) if self.settings.webhooks else None
        posting = None
        if deliverer is not None and not once:
            # Webhooks are posted from a thread of their own: a slow receiver holds up no poll.
            posting = threading.Thread(target=deliverer.run, name="accord-webhooks", daemon=True)
            posting.start()
        try:
            self.catch_up()
            while not self.stop.is_set():
                due = self.sources if once else self.due()
                for source in due:
                    if self.stop.is_set():
                        break
                    polls.append(self.poll(source))
                if once:
                    break
                self.stop.wait(self.seconds_to_next())
        finally:
            if deliverer is not None:
                deliverer.stop.set()
                if posting is not None:
                    posting.join()
        if deliverer is not None and once and not self.stop.is_set():
            deliverer.stop.clear()
            deliverer.deliver_due()
        return polls

    def catch_up(self) -> None:
        """Bring every stage up to date over what an interrupted run stored."""
        workflow.update(self.store, self.settings)

    def due(self) -> list[str]:
        now = _now().isoformat(timespec="microseconds")
        due = []
        for source in self.sources:
            state = self.store.watch.get(source)
            if state is None or not state.next_poll or state.next_poll <= now:
                due.append(source)
        return due

    def seconds_to_next(self) -> float:
        now = _now()
        waits = [self.settings.watch_interval]
        for source in self.sources:
            state = self.store.watch.get(source)
            if state is None or not state.next_poll:
                return 0.0
            waits.append((datetime.fromisoformat(state.next_poll) - now).total_seconds())
        return max(0.0, min(waits))

    # ------------------------------------------------------------------ one poll

    def poll(self, source: str) -> Poll:
        state = self.store.watch.get(source) or UrlState(source)
        poll = Poll(source)
        validators = (state.etag, state.last_modified)
        if _is_url(source):
            validators = self._poll_url(state, poll)
        else:
            self._take(raw_documents([source], self.settings), poll)
        if poll.new or poll.revised:
            workflow.update(self.store, self.settings)
        self._schedule(state, poll, validators)
        log.info(poll.line())
        return poll

    def _poll_url(self, state: UrlState, poll: Poll) -> tuple[str | None, str | None]:
        """Poll a feed or page; return the validators to keep for it (the old ones while part
        of the feed is still to read, so that the next poll reads it again)."""
        began = time.monotonic()
        try:
            fetched = self.fetcher.fetch(state.url, state.etag, state.last_modified)
        except FetchError as exc:
            poll.status, poll.detail = "failed", exc.reason
            return state.etag, state.last_modified
        finally:
            poll.slowest = max(poll.slowest, time.monotonic() - began)
        if fetched.body is None:
            poll.status = "not modified"
            return state.etag, state.last_modified
        if is_feed(fetched.body):
            links = list(self.fetcher.feed_links(fetched.url, fetched.body))
            # Feeds list their newest entry first; reports are stored oldest first, as they came.
            for link in reversed(links):
                if isinstance(link, Rejection):
                    poll.detail = link.reason
                elif not self._entry(link, poll):
                    break
        else:
            self._take(
                documents_from_bytes(fetched.body, fetched.url, fetched.url, fetched.url), poll
            )
        if poll.more:
            return state.etag, state.last_modified
        return fetched.etag, fetched.last_modified

    def _full(self, poll: Poll, stopping: bool = True) -> bool:
        """Whether the poll must end before another report: at its cap, or (with `stopping`)
        asked to stop."""
        capped = poll.new + poll.revised >= self.settings.watch_max_per_poll
        if capped or (stopping and self.stop.is_set()):
            poll.more = True
        return poll.more

    def _entry(self, url: str, poll: Poll) -> bool:
        """Read one feed entry; False when the poll must stop."""
        if self._full(poll):
            return False
        state = self.store.watch.get(url) or UrlState(url)
        began = time.monotonic()
        try:
            fetched = self.fetcher.fetch(url, state.etag, state.last_modified)
        except FetchError as exc:
            poll.refused += 1
            if state.status != exc.reason:  # a refusal is recorded once, not at every poll
                with self.store.transaction() as conn:
                    self.store.articles.reject(conn, [Rejection(url, exc.reason)])
            state.status = exc.reason
            self._save(state)
            return True
        finally:
            poll.slowest = max(poll.slowest, time.monotonic() - began)
        if fetched.body is None:
            poll.not_modified += 1
            return True
        self._take(documents_from_bytes(fetched.body, fetched.url, fetched.url, fetched.url), poll)
        state.etag, state.last_modified = fetched.etag, fetched.last_modified
        state.polled, state.status = _now().isoformat(timespec="microseconds"), "read"
        self._save(state)
        return True

    def _take(self, documents: Iterable[RawDocument | Rejection], poll: Poll) -> None:
        """Store documents up to the cap; a stop asked for meanwhile ends it after the report
        in hand, which was fetched already."""
        for n, doc in enumerate(documents):
            if self._full(poll, stopping=n > 0):
                return
            outcome = store_document(self.store, self.settings, doc)
            if outcome == "new":
                poll.new += 1
            elif outcome == "revised":
                poll.revised += 1
            elif outcome == "present":
                poll.present += 1
            else:
                poll.refused += 1

    def _schedule(
        self, state: UrlState, poll: Poll, validators: tuple[str | None, str | None]
    ) -> None:
        """When to poll the source next: after the interval, at once while it has more to
        read, and later and later (doubling up to watch_max_backoff) while its polls fail or
        its server is slow (a fetch took more than half the fetch timeout)."""
        if poll.status == "ok" and poll.slowest > self.settings.fetch_timeout / 2:
            poll.status = "slow"
        interval = self.settings.watch_interval
        if poll.status in ("failed", "slow"):
            state.failures += 1
            poll.wait = min(interval * 2**state.failures, self.settings.watch_max_backoff)
        else:
            state.failures = 0
            poll.wait = 0.0 if poll.more else interval
        now = _now()
        state.etag, state.last_modified = validators
        state.polled = now.isoformat(timespec="microseconds")
        state.next_poll = (now + timedelta(seconds=poll.wait)).isoformat(timespec="microseconds")
        state.status = poll.status if not poll.detail else f"{poll.status}: {poll.detail}"
        self._save(state)

    def _save(self, state: UrlState) -> None:
        with self.store.transaction() as conn:
            self.store.watch.save(conn, state)
