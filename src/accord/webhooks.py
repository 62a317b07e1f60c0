"""Webhooks: each change set of a story posted as JSON to the URLs configured for it, signed with
a shared secret, retried with backoff.

A change set is put in the store's outbox in the transaction that keeps the snapshot it describes
(`enqueue`, called by `accord.workflow.reconcile_stale`), so none is lost or posted for a rebuild
that did not happen. `Deliverer` posts the outbox from its own thread (`accord watch`, `accord
serve --watch`): a slow or failing receiver never holds up ingestion. The receiver checks
`X-Accord-Signature: sha256=<HMAC-SHA256 of the body with the secret>`; `X-Accord-Delivery`
names the delivery, so a receiver that sees one twice (an answer lost on the way back) can tell.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import threading
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import Connection

from accord.changes import ChangeSet
from accord.errors import FetchError
from accord.ingest.fetch import check_address
from accord.settings import Settings
from accord.store import Store
from accord.store.watch import Delivery

log = logging.getLogger("accord.watch")


def targets(settings: Settings, story: str) -> list[str]:
    """The URLs that receive `story`'s change sets: those for every story, and its own."""
    found = []
    for entry in settings.webhooks:
        name, sep, url = entry.partition("=")
        if not sep:
            found.append(entry)
        elif name == story:
            found.append(url)
    return found


def enqueue(
    store: Store, conn: Connection, settings: Settings, changes: ChangeSet, title: str
) -> None:
    """Put the change set in the outbox for each of the story's webhooks."""
    if not changes.changes:
        return
    body = json.dumps({"title": title, **changes.to_dict()}, ensure_ascii=False, sort_keys=True)
    for url in targets(settings, changes.story):
        store.watch.enqueue(
            conn, url, changes.story, body, _now().isoformat(timespec="microseconds")
        )


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def _now() -> datetime:
    # Stamps are compared as text: all of them to the microsecond, so that they sort as times.
    return datetime.now(UTC)


class Deliverer:
    """Posts the outbox's due deliveries; `run` does so until `stop` is set."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        transport: httpx.BaseTransport | None = None,
        stop: threading.Event | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.stop = stop or threading.Event()
        self.client = httpx.Client(
            transport=transport, timeout=settings.fetch_timeout, follow_redirects=False
        )

    def run(self, every: float = 1.0) -> None:
        while not self.stop.is_set():
            self.deliver_due()
            self.stop.wait(every)

    def due(self) -> list[Delivery]:
        return self.store.watch.due_deliveries(
            self.settings.webhook_attempts, _now().isoformat(timespec="microseconds")
        )

    def deliver_due(self) -> int:
        """Try every due delivery once; return how many were delivered."""
        delivered = 0
        for row in self.due():
            if self.stop.is_set():
                break
            delivered += self._deliver(row)
        return delivered

    def _deliver(self, row: Delivery) -> bool:
        body = row.body.encode("utf-8")
        headers = {"Content-Type": "application/json", "X-Accord-Delivery": str(row.id)}
        if self.settings.webhook_secret:
            headers["X-Accord-Signature"] = sign(self.settings.webhook_secret, body)
        try:
            check_address(row.url, self.settings.allow_private)
            answer = self.client.post(row.url, content=body, headers=headers)
            ok, status = answer.is_success, f"HTTP {answer.status_code}"
        except FetchError as exc:
            ok, status = False, exc.reason
        except httpx.HTTPError as exc:
            ok, status = False, f"{exc.__class__.__name__}: {exc}"
        attempts = row.attempts + 1
        wait = self.settings.webhook_backoff * 2 ** (attempts - 1)
        now = _now()
        if not ok:
            given_up = attempts >= self.settings.webhook_attempts
            again = "; given up" if given_up else f"; again in {wait:g} s"
            log.warning("webhook %s for %s: %s%s", row.url, row.story, status, again)
        with self.store.transaction() as conn:
            self.store.watch.attempted(
                conn,
                row.id,
                attempts,
                status,
                delivered=now.isoformat(timespec="microseconds") if ok else None,
                next_attempt=(now + timedelta(seconds=wait)).isoformat(timespec="microseconds"),
            )
        return ok
