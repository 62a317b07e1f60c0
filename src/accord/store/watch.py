"""What `accord watch` remembers of each URL it polls: validators for conditional requests, when
to poll it next, and how many polls in a row failed."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, delete, select

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


class WatchState(Aggregate):
    def get(self, url: str) -> UrlState | None:
        t = schema.watch_urls
        with self._read() as conn:
            row = conn.execute(select(t).where(t.c.url == url)).first()
        return None if row is None else UrlState(**row._asdict())

    def all(self) -> list[UrlState]:
        t = schema.watch_urls
        with self._read() as conn:
            return [UrlState(**row._asdict()) for row in conn.execute(select(t).order_by(t.c.url))]

    def save(self, conn: Connection, state: UrlState) -> None:
        t = schema.watch_urls
        conn.execute(delete(t).where(t.c.url == state.url))
        conn.execute(
            t.insert().values(
                url=state.url,
                etag=state.etag,
                last_modified=state.last_modified,
                polled=state.polled,
                next_poll=state.next_poll,
                failures=state.failures,
                status=state.status,
            )
        )
