"""What `accord watch` remembers of each URL it polls (validators for conditional requests, when
to poll it next, how many polls in a row failed), and the outbox of webhook deliveries."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import Connection, delete, select, update

from accord.store import schema
from accord.store._rows import Aggregate


@dataclass(slots=True)
class UrlState:
    url: str
    etag: str | None = None
    last_modified: str | None = None
    polled: str | None = None
    next_poll: str | None = None
    failures: int = 0
    status: str | None = None


@dataclass(frozen=True, slots=True)
class Delivery:
    """A change set to post to one webhook."""

    id: int
    url: str
    story: str
    body: str
    attempts: int


class WatchState(Aggregate):
    def get(self, url: str) -> UrlState | None:
        t = schema.watch_urls
        with self._read() as conn:
            row = conn.execute(select(t).where(t.c.url == url)).first()
        return None if row is None else UrlState(**row._asdict())

    def save(self, conn: Connection, state: UrlState) -> None:
        t = schema.watch_urls
        conn.execute(delete(t).where(t.c.url == state.url))
        conn.execute(t.insert().values(**asdict(state)))  # its fields are the table's columns

    # ------------------------------------------------------------------ webhook outbox

    def enqueue(self, conn: Connection, url: str, story: str, body: str, at: str) -> None:
        conn.execute(
            schema.webhook_outbox.insert().values(
                url=url, story=story, body=body, created=at, attempts=0, next_attempt=at
            )
        )

    def due_deliveries(self, attempts: int, now: str) -> list[Delivery]:
        """Undelivered change sets tried fewer than `attempts` times and due by `now`."""
        t = schema.webhook_outbox
        query = (
            select(t.c.id, t.c.url, t.c.story, t.c.body, t.c.attempts)
            .where(t.c.delivered.is_(None), t.c.attempts < attempts, t.c.next_attempt <= now)
            .order_by(t.c.id)
        )
        with self._read() as conn:
            return [Delivery(*row) for row in conn.execute(query)]

    def attempted(
        self,
        conn: Connection,
        delivery: int,
        attempts: int,
        status: str,
        delivered: str | None,
        next_attempt: str,
    ) -> None:
        t = schema.webhook_outbox
        values = {"attempts": attempts, "status": status, "next_attempt": next_attempt}
        if delivered is not None:
            values["delivered"] = delivered
        conn.execute(update(t).where(t.c.id == delivery).values(**values))

    def deliveries(self) -> list[dict[str, object]]:
        """Every delivery with its state, oldest first."""
        t = schema.webhook_outbox
        with self._read() as conn:
            return [row._asdict() for row in conn.execute(select(t).order_by(t.c.id))]
