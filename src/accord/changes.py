"""What changed in a story's ledger between two times: new figures, figures whose current value
moved, verdicts that changed, values a corrected report retracted, new sources, outlets, reports and
timeline entries, and reports corrected, each with the passages that cite it.

Ledgers are compared through the snapshots every rebuild keeps (`accord.store.snapshots`). Group
ids are positional (`s1:g4` may name another figure after a rebuild), so a figure is followed
across ledgers by the values its sources gave: the same report giving the same value of the same
measure.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from accord.errors import ConfigError
from accord.model import Article, BriefingSentence, Claim, Group, SourceValue, TimelineEntry
from accord.reconcile.intervals import format_number
from accord.store import Store
from accord.store.snapshots import Revision, stamp

LAST = "LAST"
DEFAULT_READER = "default"

# The kinds of change, in the order a change set lists them.
KINDS = (
    "moved",
    "verdict",
    "retracted",
    "dropped",
    "new_figure",
    "corrected",
    "new_report",
    "new_source",
    "new_outlet",
    "timeline",
)


@dataclass(frozen=True, slots=True)
class Citation:
    """A passage that supports a change: the report, and the sentence's offsets in its text."""

    doc: str
    title: str | None
    outlet: str | None
    url: str | None
    quote: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Change:
    kind: str
    text: str
    measure: str | None = None
    what: str | None = None
    old: str | None = None  # the value or verdict before, as text
    new: str | None = None
    old_value: float | None = None
    new_value: float | None = None
    source: str | None = None  # who gave the value that moved it, or the new source's name
    citations: tuple[Citation, ...] = ()


@dataclass(slots=True)
class ChangeSet:
    """The changes of one story's ledger from `since` (its state then) to `until` (the ledger
    built last at or before it)."""

    story: str
    since: str | None
    until: str | None
    changes: list[Change] = field(default_factory=list)

    def of(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]

    def to_dict(self) -> dict[str, Any]:
        return {
            "story": self.story,
            "since": self.since,
            "until": self.until,
            "changes": [asdict(c) for c in self.changes],
        }


# ---------------------------------------------------------------------------- snapshot data


def ledger_data(
    groups: Sequence[Group],
    timeline: Sequence[TimelineEntry],
    briefing: Sequence[BriefingSentence],
    articles: Sequence[Article],
    claims: Sequence[Claim],
) -> dict[str, Any]:
    """What a snapshot keeps of a ledger: its records, and of the reports and claims it cites
    what a citation needs, so that a later revision of a report leaves the old citation whole."""
    members = {m for g in groups for m in g.members}
    return {
        "groups": [g.to_dict() for g in groups],
        "timeline": [e.to_dict() for e in timeline],
        "briefing": [b.to_dict() for b in briefing],
        "reports": {
            a.key: {"title": a.title, "outlet": a.outlet, "url": a.url, "published": a.published}
            for a in articles
        },
        "claims": {
            c.id: {
                "doc": c.doc,
                "sentence": c.sentence,
                "start": c.sentence_start,
                "end": c.sentence_end,
            }
            for c in claims
            if c.id in members
        },
    }


def stored_ledger_data(store: Store, story: str) -> dict[str, Any]:
    """The data of the ledger the store holds now for `story` (a store whose ledgers predate the
    snapshots has no snapshot of them)."""
    groups = store.ledger.groups(story)
    timeline = store.ledger.timeline(story)
    docs = [m.doc for m in store.stories.memberships(story)]
    members = {m for g in groups for m in g.members}
    claims = [c for c in store.analysis.claims(docs) if c.id in members]
    return ledger_data(
        groups, timeline, store.ledger.briefing(story), store.articles.all(docs), claims
    )


# ---------------------------------------------------------------------------- comparing


_EMPTY: dict[str, Any] = {"groups": [], "timeline": [], "reports": {}, "claims": {}}


def compare(
    story: str,
    old: dict[str, Any] | None,
    new: dict[str, Any],
    revisions: Sequence[Revision] = (),
    since: str | None = None,
    until: str | None = None,
) -> ChangeSet:
    """The changes from ledger data `old` (None: no ledger yet) to `new`."""
    old = old or _EMPTY
    cite = _Citer(old, new, {r.key for r in revisions})
    old_groups = [Group.from_dict(g) for g in old["groups"]]
    new_groups = [Group.from_dict(g) for g in new["groups"]]
    matched = _match(old_groups, new_groups)
    changes: list[Change] = []
    for g in new_groups:
        before = matched.get(g.id)
        if before is None:
            changes.append(_new_figure(g, cite))
        else:
            changes += _figure_changes(before, g, cite)
    kept = {id(g) for g in matched.values()}
    for g in old_groups:
        if id(g) not in kept:
            changes += _retractions(g, None, new, cite)
    changes += _corrections(revisions, new, cite)
    changes += _new_reports(old, new, cite)
    changes += _new_sources(old_groups, new_groups, cite)
    changes += _new_outlets(old, new, cite)
    changes += _new_timeline(old, new, cite)
    changes.sort(key=lambda c: KINDS.index(c.kind))
    return ChangeSet(story, since, until, changes)


def _signatures(g: Group) -> set[tuple[str, float]]:
    """The values a group's sources gave, by report: what stays when claims are renumbered."""
    return {(v.doc, v.value) for v in g.by_source}


def _match(old: Sequence[Group], new: Sequence[Group]) -> dict[str, Group]:
    """Each new group's group in the old ledger: of the same measure, sharing the most values
    of the same reports; a group no value links is matched by its measure, words and value."""
    # Only the pairs that share a value can match by it: found through the old groups holding
    # each value, not by comparing every two groups (a 448-report story's two ledgers of some
    # 550 groups each were 300,000 pairs, 0.3 s of its page).
    holders: dict[tuple[str, float], list[int]] = defaultdict(list)
    for j, o in enumerate(old):
        for signature in _signatures(o):
            holders[signature].append(j)
    pairs: list[tuple[int, int, int]] = []
    for i, n in enumerate(new):
        shared = Counter(j for signature in _signatures(n) for j in holders.get(signature, ()))
        pairs += [
            (count, i, j)
            for j, count in shared.items()
            if n.measure == old[j].measure and n.role == old[j].role
        ]
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    found: dict[str, Group] = {}
    used: set[int] = set()
    for _, i, j in pairs:
        if new[i].id not in found and j not in used:
            found[new[i].id] = old[j]
            used.add(j)
    for n in new:
        if n.id in found:
            continue
        for j, o in enumerate(old):
            same = (o.measure, o.role, o.what, o.unit, o.value) == (
                n.measure,
                n.role,
                n.what,
                n.unit,
                n.value,
            )
            if j not in used and same:
                found[n.id] = o
                used.add(j)
                break
    return found


def _label(g: Group) -> str:
    return g.what or g.measure


def _value(g: Group) -> str:
    return "unknown" if g.value is None else format_number(g.value)


def _new_figure(g: Group, cite: _Citer) -> Change:
    sources = sorted({v.source for v in g.by_source if v.source})
    by = f" ({', '.join(sources)})" if sources else ""
    return Change(
        "new_figure",
        f"New figure: {_value(g)} {_label(g)}{by}, {g.verdict}",
        g.measure,
        g.what,
        new=_value(g),
        new_value=g.value,
        source=sources[0] if sources else None,
        citations=tuple(cite.claims([v.claim for v in g.by_source])),
    )


def _figure_changes(before: Group, after: Group, cite: _Citer) -> list[Change]:
    changes: list[Change] = []
    came = [v for v in after.by_source if (v.doc, v.value) not in _signatures(before)]
    if before.value != after.value:
        exact = [v for v in came if v.value == after.value]
        gone = [v for v in before.by_source if (v.doc, v.value) not in _signatures(after)]
        # Who moved it: the sources that gave the new value; else those whose values came (the
        # best value is read from all of them) or, failing that, left.
        movers = exact or came or gone
        by = ""
        if exact:
            by = ", moved by " + ", ".join(dict.fromkeys(_who(v, cite) for v in exact))
        elif movers:
            given = ", ".join(f"{_who(v, cite)}'s {format_number(v.value)}" for v in movers)
            by = f", after {given} " + ("came in" if came else "left")
        changes.append(
            Change(
                "moved",
                f"{_label(after)}: {_value(before)} -> {_value(after)}{by}",
                after.measure,
                after.what,
                _value(before),
                _value(after),
                before.value,
                after.value,
                movers[0].source if movers else None,
                tuple(cite.claims([v.claim for v in movers])),
            )
        )
    if before.verdict != after.verdict:
        changes.append(
            Change(
                "verdict",
                f"{_label(after)}: {before.verdict} -> {after.verdict}",
                after.measure,
                after.what,
                str(before.verdict),
                str(after.verdict),
                before.value,
                after.value,
                came[0].source if came else None,
                tuple(cite.claims([v.claim for v in came])),
            )
        )
    return changes + _retractions(before, after, cite.new, cite)


def _who(v: SourceValue, cite: _Citer) -> str:
    return v.source or cite.name(v.doc)


def _retractions(
    before: Group, after: Group | None, new: dict[str, Any], cite: _Citer
) -> list[Change]:
    """Values a report still in the story no longer gives to the figure: retracted when a new
    version of the report took them back, else dropped (the rebuild read them as another
    figure, or as background)."""
    kept = _signatures(after) if after is not None else set()
    changes = []
    for v in before.by_source:
        if (v.doc, v.value) in kept or v.doc not in new["reports"]:
            continue
        where = cite.name(v.doc)
        who = f"{v.source}'s " if v.source else ""
        number = format_number(v.value)
        retracted = v.doc in cite.revised
        changes.append(
            Change(
                "retracted" if retracted else "dropped",
                f"{_label(before)}: {who}{number} withdrawn by {where}"
                if retracted
                else f"{_label(before)}: {who}{number} ({where}) no longer counts toward it",
                before.measure,
                before.what,
                old=format_number(v.value),
                old_value=v.value,
                source=v.source,
                citations=tuple(cite.claims([v.claim], old=True)),
            )
        )
    return changes


def _corrections(revisions: Sequence[Revision], new: dict[str, Any], cite: _Citer) -> list[Change]:
    changes = []
    for r in revisions:
        if r.key not in new["reports"]:
            continue
        name = cite.name(r.key)
        note = f": {r.note}" if r.note else ""
        changes.append(
            Change(
                "corrected",
                f"{name} published a new version{note}",
                citations=(cite.report(r.key, r.note or ""),),
            )
        )
    return changes


def _new_reports(old: dict[str, Any], new: dict[str, Any], cite: _Citer) -> list[Change]:
    return [
        Change(
            "new_report",
            f"New report: {info.get('title') or key}"
            + (f" ({info['outlet']})" if info.get("outlet") else ""),
            citations=(cite.report(key, info.get("title") or ""),),
        )
        for key, info in new["reports"].items()
        if key not in old["reports"]
    ]


def _new_sources(old: Sequence[Group], new: Sequence[Group], cite: _Citer) -> list[Change]:
    known = {v.source for g in old for v in g.by_source if v.source}
    first: dict[str, str] = {}
    for g in new:
        for v in g.by_source:
            if v.source and v.source not in known:
                first.setdefault(v.source, v.claim)
    return [
        Change(
            "new_source", f"New source: {name}", source=name, citations=tuple(cite.claims([claim]))
        )
        for name, claim in first.items()
    ]


def _new_outlets(old: dict[str, Any], new: dict[str, Any], cite: _Citer) -> list[Change]:
    known = {r.get("outlet") for r in old["reports"].values()}
    first: dict[str, str] = {}
    for key, r in new["reports"].items():
        if r.get("outlet") and r["outlet"] not in known:
            first.setdefault(r["outlet"], key)
    return [
        Change(
            "new_outlet",
            f"New outlet: {name}",
            source=name,
            citations=(cite.report(key, new["reports"][key].get("title") or ""),),
        )
        for name, key in first.items()
    ]


def _new_timeline(old: dict[str, Any], new: dict[str, Any], cite: _Citer) -> list[Change]:
    known = {e["date"] for e in old["timeline"]}
    changes = []
    for data in new["timeline"]:
        entry = TimelineEntry.from_dict(data)
        if entry.date in known:
            continue
        spans = [s for s in entry.spans if s[0] in new["reports"]]
        cites = [cite.report(doc, entry.text, start, end) for doc, start, end in spans[:1]] or [
            cite.report(d, entry.text) for d in entry.docs[:1]
        ]
        changes.append(Change("timeline", f"{entry.date}: {entry.text}", citations=tuple(cites)))
    return changes


class _Citer:
    """Citations from the reports and claims the snapshots kept."""

    def __init__(self, old: dict[str, Any], new: dict[str, Any], revised: set[str]) -> None:
        self.old = old
        self.new = new
        self.revised = revised  # the reports a new version replaced meanwhile

    def report(
        self, doc: str, quote: str, start: int | None = None, end: int | None = None
    ) -> Citation:
        info = self.new["reports"].get(doc) or self.old["reports"].get(doc) or {}
        return Citation(
            doc, info.get("title"), info.get("outlet"), info.get("url"), quote, start, end
        )

    def name(self, doc: str) -> str:
        """A report as a reader knows it: its outlet, else its title, else its key."""
        info = self.new["reports"].get(doc) or self.old["reports"].get(doc) or {}
        return str(info.get("outlet") or info.get("title") or doc)

    def claims(self, ids: Sequence[str], old: bool = False) -> list[Citation]:
        first, second = (self.old, self.new) if old else (self.new, self.old)
        found = []
        for claim in dict.fromkeys(ids):
            c = first["claims"].get(claim) or second["claims"].get(claim)
            if c is not None:
                found.append(self.report(c["doc"], c["sentence"], c["start"], c["end"]))
        return found


# ---------------------------------------------------------------------------- the store


def parse_since(since: str) -> str:
    """A time as the snapshots' stamps compare: ISO 8601 in UTC to the microsecond (a time
    without an offset is UTC; a bare date is its midnight)."""
    try:
        when = datetime.fromisoformat(since)
    except ValueError as exc:
        raise ConfigError(
            f"since {since!r} is neither LAST nor a time; write e.g. 2024-11-16 or "
            "2024-11-16T12:00:00+00:00"
        ) from exc
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat(timespec="microseconds")


def story_changes(
    store: Store, story: str, since: str | None, reader: str = DEFAULT_READER
) -> ChangeSet:
    """The changes of `story`'s ledger since `since`: a time, LAST (the reader's last look; the
    first look sees everything) or None (since the start). Asked since LAST, this is the
    reader's look: their next LAST starts from the ledger it showed. A look at another time
    leaves their mark where it was."""
    store.stories.get(story)  # NotFoundError names the story
    look = since == LAST
    if since == LAST:
        since = store.snapshots.last_look(reader, story)
    elif since is not None:
        since = parse_since(since)
    latest = store.snapshots.at(story)
    new = latest.data if latest is not None else stored_ledger_data(store, story)
    until = latest.built if latest is not None else None
    before = store.snapshots.at(story, since) if since is not None else None
    old = before.data if before is not None else None
    revisions = store.snapshots.revisions(list(new["reports"]), since, until)
    found = compare(story, old, new, revisions, since, until)
    if look:
        with store.transaction() as conn:
            store.snapshots.look(conn, reader, story, until or stamp())
    return found


def feed_entries(store: Store, story: str, limit: int = 20) -> list[ChangeSet]:
    """The change sets of the story's last `limit` rebuilds, newest first; a rebuild that
    changed nothing is left out."""
    store.stories.get(story)
    history = store.snapshots.history(story, limit + 1)
    sets = []
    for i, snap in enumerate(history[:limit]):
        before = history[i + 1] if i + 1 < len(history) else None
        since = before.built if before is not None else None
        revisions = store.snapshots.revisions(list(snap.data["reports"]), since, snap.built)
        found = compare(
            story, before.data if before else None, snap.data, revisions, since, snap.built
        )
        if found.changes:
            sets.append(found)
    return sets


__all__ = [
    "DEFAULT_READER",
    "LAST",
    "Change",
    "ChangeSet",
    "Citation",
    "compare",
    "feed_entries",
    "ledger_data",
    "parse_since",
    "story_changes",
]
