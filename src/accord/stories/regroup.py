"""Stories regrouped: once a batch of reports is placed, the reports of each story the batch
touched and of the stories nearest it are grouped again, all at once, by average link
(`accord.stories.linkage`), and a report whose group is another story's moves there.

Placing is greedy: a report joins the story it is most like when it arrives, before the reports
that came after it have shown which stories their events make, so the stories depend on the order
the reports came in. Grouped again all at once, a neighbourhood's reports make the same groups
whatever order they came in. ECB+ in file order and five random orders, placed one at a time:
BCubed F1 0.922-0.936 -> 0.939-0.945 against the events, the six clusterings agreeing 0.953 ->
0.979; in chunks of 32, 0.923-0.936 -> 0.939-0.945 and 0.953 -> 0.978 (against settling, which
moved each report of a touched story in turn to the neighbour it was then most like). A group
that `accord.stories.separate` would part is parted (`_parted`), or grouping again would join
what it parted.

A neighbourhood is a touched story and the stories the index finds nearest it (by its heaviest
NEIGHBOUR_TERMS terms) whose mean similarity with it (`accord.stories.heal.story_link`) reaches
NEIGHBOUR_SHARE of the story bar, the nearest first, up to MAX_GROUP reports. A story of more
than MAX_REPORTS reports, in two languages, or holding a report an analyst pinned is left as it
is, and is no one's neighbour. The groups keep the ids of the stories they share most reports
with (the largest share first); a group that shares none with a story left for it is a new
story. Every move is logged (`store.corrections`, by HEALER) with the report's mean similarity to
its new story's other reports.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence

from sqlalchemy import Connection

from accord.model import Membership
from accord.store import Store
from accord.stories.centroid import Centroid
from accord.stories.groups import (
    StoryState,
    attach,
    detach,
    load_stories,
    load_story,
    nearby_stories,
    new_story,
)
from accord.stories.heal import HEALER, Healing, story_link
from accord.stories.index import IndexedReport
from accord.stories.linkage import Matrix, agglomerate, similarities
from accord.stories.separate import MIN_GROUP, EventChooser, story_parting, word_pairs
from accord.stories.summary import refresh_stories

# The largest story whose reports are grouped again: its reports are read each time it is touched.
MAX_REPORTS = 100
# The most reports grouped at once: every two of them are compared.
MAX_GROUP = 400
# The heaviest terms of a story that find its neighbours in the index.
NEIGHBOUR_TERMS = 50
# A neighbour whose mean similarity with the touched story is below this share of the story bar
# would not join it, nor lend it reports: it is left out of the grouping.
NEIGHBOUR_SHARE = 0.5


def regroup(
    store: Store,
    conn: Connection,
    touched: Collection[str],
    healing: Healing,
    event_of: EventChooser,
) -> list[Membership]:
    """Group again the reports around each of the `touched` stories (the module's doc); return
    the new memberships of the reports moved."""
    moved: dict[str, Membership] = {}
    for story in sorted(touched):
        for membership in _regroup_around(store, conn, story, healing, event_of):
            moved[membership.doc] = membership
    return list(moved.values())


def _regroup_around(
    store: Store, conn: Connection, story: str, healing: Healing, event_of: EventChooser
) -> list[Membership]:
    """Group again the reports of `story` and of its neighbours; return the moves."""
    state = load_story(store, conn, story)
    if state is None or not _open(state) or store.story_index.has_pinned(conn, story):
        return []
    stories = _neighbourhood(store, conn, state, healing)
    rows = store.story_index.stories_rows(conn, list(stories))
    reports = [IndexedReport.from_row(row) for s in stories for row in rows[s]]
    if len(reports) < 2:
        return []
    # In an order of their own, not of their arrival: the groups do not depend on it, but a tie
    # between two pairs of groups goes to the first.
    reports.sort(key=lambda r: (r.title or "", r.lead, len(r.counts), sum(r.counts.values())))
    similarity = similarities(reports, healing)
    dated = [r.published is not None for r in reports]
    labels = _parted(reports, agglomerate(similarity, dated, healing.story_bar))
    grouped = (reports, labels, similarity)
    return _apply(store, conn, grouped, stories, (event_of, healing.story_bar))


def _parted(reports: Sequence[IndexedReport], labels: list[int]) -> list[int]:
    """`labels`, a group whose reports tell of two events parted as `accord.stories.separate`
    parts a story (else grouping them again would join what it parted)."""
    members: dict[int, list[IndexedReport]] = {}
    for report, label in zip(reports, labels, strict=True):
        members.setdefault(label, []).append(report)
    parted = list(labels)
    for label, group in members.items():
        heads = Counter(w for report in group for w in set(report.head))
        pairs = word_pairs(Centroid(size=len(group), heads=heads))  # its heads and size read
        # Its casts whatever its size when it joins two stories of MIN_GROUP reports or more
        # (a story `separate` parted at one of the sizes it reads casts at would be joined again
        # at the next); a group that joins no two such stories was read as they were.
        sizes = sorted(Counter(report.story for report in group).values(), reverse=True)
        joins_two = len(sizes) > 1 and sizes[1] >= MIN_GROUP
        casts = joins_two and len(group) <= MAX_REPORTS
        if not (pairs or casts):
            continue
        parting = story_parting(group, pairs, casts)
        if parting is None:
            continue
        leaving = {report.doc for report in parting.leaving()}
        new_label = len(reports) + label  # no report's index: a label of no other group
        parted = [
            new_label if report.doc in leaving else old
            for report, old in zip(reports, parted, strict=True)
        ]
    return parted


def _open(state: StoryState) -> bool:
    """Whether a story's reports may be grouped again as far as its centroid tells: not too
    large, in one language (none of them pinned by an analyst is read from the index)."""
    centroid = state.centroid
    return 0 < centroid.size <= MAX_REPORTS and len(centroid.languages) <= 1


def _neighbourhood(
    store: Store, conn: Connection, state: StoryState, healing: Healing
) -> dict[str, StoryState]:
    """The story and its neighbours (the module's doc), by story id."""
    found = nearby_stories(store, conn, state, NEIGHBOUR_TERMS)
    linked: list[tuple[float, int, StoryState]] = []
    for other in load_stories(store, conn, found).values():
        link = story_link(state.centroid, other.centroid, healing)
        if link is None or link < NEIGHBOUR_SHARE * healing.story_bar:
            continue
        if set(other.centroid.languages) - set(state.centroid.languages):
            continue
        if _open(other):
            linked.append((-link, other.num, other))
    pinned = store.story_index.pinned_stories(conn, [other.story for _, _, other in linked])
    nearby = [n for n in linked if n[2].story not in pinned]
    stories = {state.story: state}
    reports = state.centroid.size
    for _, _, other in sorted(nearby, key=lambda n: n[:2]):
        if reports + other.centroid.size <= MAX_GROUP:
            stories[other.story] = other
            reports += other.centroid.size
    return stories


def _apply(
    store: Store,
    conn: Connection,
    grouped: tuple[Sequence[IndexedReport], list[int], Matrix],
    stories: dict[str, StoryState],
    placing: tuple[EventChooser, float],
) -> list[Membership]:
    """Move each report whose group is another story's there, logged; return the moves.
    `placing`: the event chooser and the story bar."""
    reports, labels, similarity = grouped
    event_of, bar = placing
    homes = _homes(reports, labels, stories)
    moved: list[Membership] = []
    left: set[str] = set()
    for index, (report, label) in enumerate(zip(reports, labels, strict=True)):
        into = homes.get(label)
        if into is None:
            into = homes[label] = new_story(store, conn)
        if into.story == report.story:
            continue
        peers = [k for k, other in enumerate(labels) if other == label and k != index]
        source = stories[report.story]
        detach(store, conn, report)
        source.centroid.add(report, -1)  # as `detach` stored it
        left.add(source.story)
        grouped_again = (
            f"grouped again with the {len(reports)} reports of {len(stories)} nearby stories by "
            f"average link (story bar {bar:.3f})"
        )
        if peers:
            mean = float(similarity[index, peers].mean())
            reason = f"mean similarity {mean:.3f} to the {len(peers)} other reports of "
            reason += f"{into.story}, {grouped_again}"
        else:
            reason = f"a story of its own: like no group enough to join it, {grouped_again}"
        data = {"from": source.story, "into": into.story, "docs": [report.doc], "reason": reason}
        report.story = into.story
        report.event = event_of(report, into)
        attach(store, conn, report, into)
        store.corrections.log(conn, HEALER, "heal move", data)
        moved.append(Membership(doc=report.doc, story=into.story, event=report.event))
    refresh_stories(store, conn, sorted(left))
    return moved


def _homes(
    reports: Sequence[IndexedReport], labels: list[int], stories: dict[str, StoryState]
) -> dict[int, StoryState]:
    """The story each group keeps the id of: the one it shares most reports with, the largest
    share first (ties to the older story), each story to one group at most."""
    shared: dict[tuple[int, str], int] = {}
    for report, label in zip(reports, labels, strict=True):
        shared[label, report.story] = shared.get((label, report.story), 0) + 1
    ranked = sorted(shared.items(), key=lambda item: (-item[1], stories[item[0][1]].num))
    homes: dict[int, StoryState] = {}
    taken: set[str] = set()
    for (label, story), _ in ranked:
        if label not in homes and story not in taken:
            homes[label] = stories[story]
            taken.add(story)
    return homes
