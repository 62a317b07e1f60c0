"""The rows of the stories index one transaction has read or written, kept by `StoryIndex` so that
placing a report does not read again what placing the report before it read or wrote: a batch of
reports keeps meeting the same candidate stories, their events and the postings of their terms.

The rows kept are those the store holds. Every write to these tables goes through `StoryIndex`,
which writes each row here as it writes it to the store, and no one else writes while a write
transaction runs (it holds the store's write lock: SQLite's, or PostgreSQL's advisory lock). Rows
read outside a write transaction are kept for that transaction alone, as its own view.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class IndexRow:
    """A story's row (`schema.story_index`)."""

    story: str
    num: int
    title: str | None
    next_event: int
    centroid: str


@dataclass(frozen=True, slots=True)
class EventRow:
    """An event's row (`schema.story_events`)."""

    story: str
    event: str
    centroid: str


Posting = tuple[int, str]  # (-seq, story): a term's postings sort latest first, then by story


@dataclass(slots=True)
class SeenRows:
    """What one transaction (`transaction`, compared by identity) knows of the stories index."""

    transaction: object
    stories: dict[str, IndexRow | None] = field(default_factory=dict)  # None: the story has none
    events: dict[str, dict[str, EventRow]] = field(default_factory=dict)  # all of each story's
    # Each term's latest `limit` postings, or all of them when it has fewer.
    postings: dict[str, list[Posting]] = field(default_factory=dict)
    limit: int = 0
    last_seq: int | None = None  # the highest seq of an indexed report, when known

    def post(self, story: str, terms: Iterable[str], seq: int) -> None:
        """Record the postings of `terms` to `story` at `seq`. A posting later than all a term's
        others goes first, in place of the story's older one; any other (a merge moving a story's
        postings with their seqs) makes the term's latest ones unknown."""
        for term in terms:
            kept = self.postings.get(term)
            if kept is None:
                continue
            if kept and -kept[0][0] >= seq:
                del self.postings[term]
                continue
            latest = [(-seq, story), *(p for p in kept if p[1] != story)]
            if len(latest) > self.limit and latest[self.limit][0] == latest[self.limit - 1][0]:
                del self.postings[term]  # a tie at the cut: which one the store keeps is its own
                continue
            self.postings[term] = latest[: self.limit]

    def forget_story(self, story: str) -> None:
        """A story's events and postings were deleted."""
        self.events[story] = {}
        self.postings.clear()  # the terms it was posted under are not known here
