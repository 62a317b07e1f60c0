"""Grouping again: the reports around a touched story are grouped by average link all at once, so
a report that joined the wrong story moves, whatever order the reports came in; every move is
logged, and no report moves out of or into an analyst's story."""

from __future__ import annotations

import random
from datetime import date

import numpy as np
import pytest
from fastapi.testclient import TestClient
from story_texts import add, place_one_by_one, stories

from accord.model import Article, Membership
from accord.store import Store
from accord.stories import ReportFeatures, move, refresh_stories
from accord.stories.cluster import COLD_START_DOCS
from accord.stories.groups import attach, detach, load_story
from accord.stories.heal import (
    ESTABLISHED_REPORTS,
    ESTABLISHED_SHARE,
    FRAGMENT_MAX_REPORTS,
    HEALER,
    Healing,
)
from accord.stories.index import IndexedReport
from accord.stories.linkage import (
    ESTABLISHED_PAIR_SHARE,
    agglomerate,
    join_bars,
    similarities,
)
from accord.stories.why import healing
from accord.web.app import create_app

FLOOD = {"w:flood": 3.0, "w:river": 2.0, "w:levee": 2.0, "e:marlow": 2.5}
FIRE = {"w:fire": 3.0, "w:forest": 2.0, "w:acres": 2.0, "e:redding": 2.5}
HEALING = Healing(0.2, 0.3, 90.0, 365.0, 3, 45.0)


def report(key: str, words: dict[str, float], extra: str) -> ReportFeatures:
    return ReportFeatures(key=key, counts={**words, f"w:{extra}": 1.0}, language="en")


def misplace(store: Store, doc: str, story: str) -> None:
    """Put a report in another story as placing would have, unpinned (a greedy mistake)."""
    with store.transaction() as conn:
        row = store.story_index.doc(conn, doc)
        assert row is not None
        moved = IndexedReport.from_row(row)
        detach(store, conn, moved)
        target = load_story(store, conn, story)
        assert target is not None
        moved.story, moved.event = story, target.new_event()
        attach(store, conn, moved, target)
        store.stories.set_memberships(conn, [Membership(doc, story, moved.event)])
        refresh_stories(store, conn, [story])


def floods_and_fires(store: Store) -> tuple[str, str]:
    # Reports of their own first: the stories are grouped again once the index is warm.
    add(store, *(report(f"z{n}", {f"w:other{n}": 1.0}, f"z{n}") for n in range(COLD_START_DOCS)))
    place_one_by_one(store, *(report(f"f{n}", FLOOD, f"a{n}") for n in range(4)))
    place_one_by_one(store, *(report(f"b{n}", FIRE, f"c{n}") for n in range(4)))
    found = stories(store)
    assert found["f0"] != found["b0"]
    return found["f0"], found["b0"]


def test_a_misplaced_report_moves_when_its_story_is_touched_again(store: Store) -> None:
    floods, fires = floods_and_fires(store)
    misplace(store, "b3", floods)
    assert stories(store)["b3"] == floods
    # The flood story is touched: its reports and its neighbours' are grouped again.
    place_one_by_one(store, report("f9", FLOOD, "a9"))
    assert stories(store)["b3"] == fires
    [logged] = [c for c in store.corrections.all() if c["action"] == "heal move"]
    assert logged["who"] == HEALER and logged["docs"] == ["b3"]
    assert (logged["from"], logged["into"]) == (floods, fires)
    assert "average link" in logged["reason"] and "story bar" in logged["reason"]


def test_the_why_page_shows_a_regrouped_report_as_moved(store: Store) -> None:
    floods, fires = floods_and_fires(store)
    with store.transaction() as conn:
        store.articles.insert(conn, [Article(key="b3", text="<i>Fire</i> in the forest.")])
    misplace(store, "b3", floods)
    place_one_by_one(store, report("f9", FLOOD, "a9"))
    assert [c["action"] for c in healing(store, fires)] == ["heal move"]
    html = TestClient(create_app(store, None)).get(f"/stories/{fires}/why").text
    assert "moved: <code>" in html


def test_no_report_moves_out_of_a_story_an_analyst_corrected(store: Store) -> None:
    floods, fires = floods_and_fires(store)
    misplace(store, "b3", floods)
    move(store, "f1", floods, who="ana")  # pins f1 where it is: the analyst saw this story
    place_one_by_one(store, report("f9", FLOOD, "a9"))
    assert stories(store)["b3"] == floods
    assert not [c for c in store.corrections.all() if c["action"] == "heal move"]


def partition(labels: list[int], names: list[int]) -> set[frozenset[int]]:
    groups: dict[int, set[int]] = {}
    for name, label in zip(names, labels, strict=True):
        groups.setdefault(label, set()).add(name)
    return {frozenset(g) for g in groups.values()}


@pytest.mark.parametrize("seed", range(12))
def test_the_groups_do_not_depend_on_the_order_of_the_reports(seed: int) -> None:
    rng = np.random.default_rng(seed)
    # Three events of 2 to 9 reports, alike within, a little alike across.
    events = rng.integers(0, 3, size=24)
    base = np.where(events[:, None] == events[None, :], 0.45, 0.05)
    noise = rng.uniform(-0.15, 0.15, size=base.shape)
    similarity = np.clip(base + (noise + noise.T) / 2, 0.0, 1.0)
    order = list(range(24))
    dated = [bool(e) for e in events]
    expected = partition(agglomerate(similarity, dated, 0.3), order)
    assert len(expected) >= 3
    shuffled = order[:]
    random.Random(seed).shuffle(shuffled)
    permuted = similarity[np.ix_(shuffled, shuffled)]
    permuted_dated = [dated[k] for k in shuffled]
    assert partition(agglomerate(permuted, permuted_dated, 0.3), shuffled) == expected


def test_a_fragment_joins_an_established_group_of_like_dating_below_the_story_bar() -> None:
    fragment = (float(FRAGMENT_MAX_REPORTS), True)
    sizes = np.array([1.0, 2.0 * FRAGMENT_MAX_REPORTS, 2.0 * FRAGMENT_MAX_REPORTS])
    dated = np.array([True, True, False])
    bars = join_bars(fragment, (sizes, dated), 0.3)
    assert list(bars) == pytest.approx([0.3, 0.3 * ESTABLISHED_SHARE, 0.3])


def test_two_established_groups_one_undated_join_only_above_the_story_bar() -> None:
    # Two events of one kind years apart, the older undated: five reports each, alike within
    # (0.6), 0.35 across: above the story bar (0.3), under the bar of such a pair.
    size = ESTABLISHED_REPORTS
    events = np.repeat([0, 1], size)
    similarity = np.where(events[:, None] == events[None, :], 0.6, 0.35)
    assert 0.3 * ESTABLISHED_PAIR_SHARE > 0.35
    dated = [e == 1 for e in events]
    assert len(set(agglomerate(similarity, dated, 0.3))) == 2
    assert len(set(agglomerate(similarity, [True] * 2 * size, 0.3))) == 1


def indexed(
    doc: str,
    vector: dict[str, float],
    published: date | None = None,
    head: tuple[str, ...] = (),
) -> IndexedReport:
    counts = dict(vector)
    return IndexedReport(doc, "s1", "e1", 0, counts, vector, published, language="en", head=head)


def test_shared_names_keep_their_pull_across_time_and_words_fade() -> None:
    a = indexed("a", {"w:quake": 0.6, "e:aceh": 0.8}, published=date(2013, 1, 1))
    b = indexed("b", {"w:quake": 0.6, "e:aceh": 0.8}, published=date(2013, 1, 1))
    later = indexed("c", {"w:quake": 0.6, "e:aceh": 0.8}, published=date(2013, 4, 1))
    sim = similarities([a, b, later], HEALING)
    assert sim[0, 1] == pytest.approx(1.0)
    words = 0.36 * 0.5 ** (90 / HEALING.half_life_days)  # 90 days apart: a half-life
    assert sim[0, 2] == pytest.approx(0.64 + words)
