"""Stories that heal: after a report joins a story, the story is compared with the report's other
candidate stories, and a small one is folded into it when the two now score above the story bar.

A report is placed by what the store knows when it arrives: while the index is cold or a story
holds one or two reports, an event may start two stories that later reports show to be one. The
stories compared are those the placement already read (the report's candidates), and the story
moved is the smaller one and holds at most HEAL_MAX_REPORTS reports (FRAGMENT_MAX_REPORTS into an
established story), so the cost per add stays bounded. A fragment joins an established story
(ESTABLISHED_REPORTS reports or more) at a lower bar than a story of one or two, unless its heads
name someone the story never does. A story holding a report an analyst pinned is never merged
automatically, and every automatic merge is logged (`store.corrections`, by HEALER) with its
score and the bar it passed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection

from accord.model import Membership
from accord.store import Store
from accord.stories.centroid import DENSE_SHARE, HEAD_AGREEMENT, Centroid
from accord.stories.fading import days_apart, fade
from accord.stories.features import LOCAL_NAME_PREFIX, NAME_PREFIX
from accord.stories.groups import StoryState, load_events, repost, save_story
from accord.stories.index import IndexedReport
from accord.stories.summary import retire

# The largest story a merge may move, its reports rewritten one by one. Small, because a story's
# score with another is no surer than a report's: on ECB+ in random orders, moving stories of up
# to 10 reports merged as many stories of two events of one kind as fragments of one event
# (BCubed F1 0.862 -> 0.856); up to 2, F1 0.864 and the orders agree more (0.887 -> 0.906).
HEAL_MAX_REPORTS = 2
# A story of this many reports or more is established. A report's mean similarity to the reports
# of a story falls as the story grows, its reports telling the event in more words than any one
# of them, so a fragment joins an established story at ESTABLISHED_SHARE of the story bar. Only
# a person or a body its heads name and the story's reports never do keeps it out (`new_people`),
# not a place: a fragment's first reports name what their own day's news did (the rehab Lohan
# left, the day before the clinic the story's heads name), while a coach the story never names
# is another firing. ECB+ through `accord ingest`: BCubed F1 0.913 -> 0.931 (precision 0.944 ->
# 0.941, recall 0.884 -> 0.921); file order and five random orders placed one at a time:
# 0.904-0.918 -> 0.917-0.929, agreeing 0.933 -> 0.945. Ignoring the heads altogether gives 0.931
# too but 0.915-0.933 in the six orders; keeping out every person the heads never named, 0.925
# and 0.918-0.928 (the Betty Ford Center read as a person kept Lohan's rehab in two stories).
# A lower share lumps more of the events of one kind years apart.
ESTABLISHED_REPORTS = 5
ESTABLISHED_SHARE = 0.75
# A fragment of up to this many reports folds into an established story at least twice its size
# when both are dated or both undated: an event's reports that came in an order that let a few
# of them start their own story (Bettie Page's death, 11 reports and 3, none dated) are one story
# again. A story dated and one undated may be the same kind of event years apart, which a story's
# words cannot tell from one event: ECB+'s ECB and ECB+ twins of four topics lumped when they
# could fold. ECB+ in file order and five random orders placed one at a time: BCubed F1
# 0.917-0.929 -> 0.922-0.936, agreeing 0.945 -> 0.953; folding fragments of up to 4 whatever
# their dates, 0.916-0.934 and 0.946.
FRAGMENT_MAX_REPORTS = 4
HEALER = "accord"  # who the corrections log names for automatic merges


@dataclass(frozen=True, slots=True)
class Healing:
    """What healing needs of the placement: its bars and the fading of a story's pull."""

    story_bar: float
    event_threshold: float
    half_life_days: float
    event_half_life_days: float
    event_window_days: int
    # The event half-life of a report that names none of a story's people and bodies
    # (`accord.stories.cluster.story_fade`), for grouping reports again (`accord.stories.regroup`).
    unnamed_event_half_life_days: float


def heal(
    store: Store,
    conn: Connection,
    state: StoryState,
    neighbours: Sequence[StoryState],
    healing: Healing,
) -> list[Membership]:
    """Fold into each other the story `state` and each of `neighbours` that now scores at or above
    the story bar with it (the established story's bar, when the larger is established), the
    smaller into the larger; return the new memberships of the reports moved."""
    moved: dict[str, Membership] = {}
    for other in neighbours:
        if other.story == state.story or other.centroid.size <= 0:
            continue
        small, large = sorted((state, other), key=lambda s: (s.centroid.size, -s.num))
        if not movable(small.centroid, large.centroid):
            continue
        established = large.centroid.size >= ESTABLISHED_REPORTS
        unknown = new_people if established else new_heads
        if unknown(large.centroid, small.centroid):
            continue
        bar = healing.story_bar * (ESTABLISHED_SHARE if established else 1.0)
        score = story_link(large.centroid, small.centroid, healing)
        if score is None or score < bar:
            continue
        if store.story_index.has_pinned(conn, small.story) or store.story_index.has_pinned(
            conn, large.story
        ):
            continue
        folded = _fold(store, conn, large, small, healing)
        moved.update((m.doc, m) for m in folded)
        kind = "established story's bar" if established else "story bar"
        reason = f"mean similarity {score:.3f} >= {kind} {bar:.3f}"
        data = {"into": large.story, "from": small.story, "docs": sorted(m.doc for m in folded)}
        store.corrections.log(conn, HEALER, "heal merge", {**data, "reason": reason})
        state = large
    return list(moved.values())


def movable(small: Centroid, large: Centroid) -> bool:
    """Whether the smaller story may be folded into the larger: a story of up to HEAL_MAX_REPORTS
    reports into any, one of up to FRAGMENT_MAX_REPORTS into an established story at least twice
    its size when both are dated or both undated."""
    if small.size <= HEAL_MAX_REPORTS:
        return True
    return (
        small.size <= FRAGMENT_MAX_REPORTS
        and large.size >= max(ESTABLISHED_REPORTS, 2 * small.size)
        and bool(small.sent) == bool(large.sent)
    )


def story_link(a: Centroid, b: Centroid, healing: Healing) -> float | None:
    """The mean similarity of the reports of one story to those of another (average link), scored
    as a report is against a story (`Centroid.score`): in a language both have, the words fading
    with the time between them but not the names. None when they share no language: reports in
    two languages are linked by placement, through their neutral features, not here."""
    if a.size <= 0 or b.size <= 0:
        return None
    sums_a, size_a, sums_b, size_b = a.sparse, a.size, b.sparse, b.size
    if a.languages and b.languages:
        shared = set(a.languages) & set(b.languages)
        if not shared:
            return None
        language = max(sorted(shared), key=lambda k: min(a.languages[k], b.languages[k]))
        sums_a, size_a = a.per_language()[language], a.languages[language]
        sums_b, size_b = b.per_language()[language], b.languages[language]
    faded = min(
        fade(days_apart(a.sent_days(), b.sent_days()), healing.half_life_days),
        fade(days_apart(a.times(), b.times()), healing.event_half_life_days),
    )
    small, large = (sums_a, sums_b) if len(sums_a) < len(sums_b) else (sums_b, sums_a)
    shared_terms = {t: w * large.get(t, 0.0) for t, w in small.items()}
    names = sum(v for t, v in shared_terms.items() if t.startswith(NAME_PREFIX))
    sparse = (names + faded * (sum(shared_terms.values()) - names)) / (size_a * size_b)
    if a.dense is None or b.dense is None or a.dense_size <= 0 or b.dense_size <= 0:
        return sparse
    dense = sum(x * y for x, y in zip(a.dense, b.dense, strict=True))
    dense /= a.dense_size * b.dense_size
    return (1.0 - DENSE_SHARE) * sparse + DENSE_SHARE * faded * dense


def new_heads(large: Centroid, small: Centroid) -> list[str]:
    """The words most of the small story's heads give that no head of the large story gives: the
    heads of two events of one kind name their own places and people (an earthquake in Aceh, one
    in Papua), though each event's text may name the other's."""
    agreed = (w for w, n in small.heads.items() if n >= HEAD_AGREEMENT * small.size)
    return sorted(w for w in agreed if large.heads.get(w, 0) <= 0)


def new_people(large: Centroid, small: Centroid) -> list[str]:
    """`new_heads` but for the words of the small story's local names (places, governments,
    outlets: LOCAL_NAME_PREFIX) and the words the large story's reports give anywhere (its names
    and words, as its sums keep them): a place the story's heads never named is the day's news,
    a person none of its reports names is another event's cast."""
    heads = new_heads(large, small)
    if not heads:
        return []  # most merges: the large story's sums are not read
    local = {
        word
        for term in small.sparse
        if term.startswith(LOCAL_NAME_PREFIX)
        for word in term.removeprefix(LOCAL_NAME_PREFIX).split()
    }
    known = local | {word for term in large.sparse for word in term.partition(":")[2].split()}
    return [word for word in heads if word not in known]


def _fold(
    store: Store, conn: Connection, into: StoryState, gone: StoryState, healing: Healing
) -> list[Membership]:
    """Move the reports of `gone` into `into`, each of its events into the event of `into` most
    like it (by `story_link`, within the event window) or a new one; retire `gone`."""
    events = load_events(store, conn, into.story)
    renamed: dict[str, str] = {}
    for event, centroid in load_events(store, conn, gone.story).items():
        target = _best_event(events, centroid, healing)
        if target is None:
            target = into.new_event()
            events[target] = Centroid()
        events[target].merge(centroid)
        renamed[event] = target
        store.story_index.save_event_row(conn, into.story, target, events[target].to_json())
    into.centroid.merge(gone.centroid)
    save_story(store, conn, into)
    moved = []
    for row in store.story_index.doc_rows(conn, gone.story):
        report = IndexedReport.from_row(row)
        report.story, report.event = into.story, renamed[report.event]
        store.story_index.save_doc(conn, report.to_values())
        moved.append(Membership(doc=report.doc, story=into.story, event=report.event))
    repost(store, conn, gone.story, into.story)
    retire(store, conn, gone)
    gone.centroid = Centroid()
    return moved


def _best_event(events: dict[str, Centroid], centroid: Centroid, healing: Healing) -> str | None:
    best, best_score = None, healing.event_threshold
    for event, other in events.items():
        if other.size <= 0 or days_apart(other.times(), centroid.times()) > (
            healing.event_window_days
        ):
            continue
        score = story_link(other, centroid, healing)
        if score is not None and score >= best_score:
            best, best_score = event, score
    return best
