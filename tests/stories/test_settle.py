"""Settling: a report that joined the wrong story when it arrived moves to the story it is now most
like once its own story is touched again, logged, and never out of or into an analyst's story."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from story_texts import place_one_by_one, stories

from accord.model import Article, Membership
from accord.store import Store
from accord.stories import ReportFeatures, move, refresh_stories
from accord.stories.centroid import Centroid
from accord.stories.groups import attach, detach, load_story
from accord.stories.heal import HEALER
from accord.stories.index import IndexedReport
from accord.stories.why import healing
from accord.web.app import create_app

FLOOD = {"w:flood": 3.0, "w:river": 2.0, "w:levee": 2.0, "e:marlow": 2.5}
FIRE = {"w:fire": 3.0, "w:forest": 2.0, "w:acres": 2.0, "e:redding": 2.5}


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
    place_one_by_one(store, *(report(f"f{n}", FLOOD, f"a{n}") for n in range(4)))
    place_one_by_one(store, *(report(f"b{n}", FIRE, f"c{n}") for n in range(4)))
    found = stories(store)
    assert found["f0"] != found["b0"]
    return found["f0"], found["b0"]


def test_a_misplaced_report_moves_when_its_story_is_touched_again(store: Store) -> None:
    floods, fires = floods_and_fires(store)
    misplace(store, "b3", floods)
    assert stories(store)["b3"] == floods
    # The flood story is touched: its reports settle.
    place_one_by_one(store, report("f9", FLOOD, "a9"))
    assert stories(store)["b3"] == fires
    [logged] = [c for c in store.corrections.all() if c["action"] == "heal move"]
    assert logged["who"] == HEALER and logged["docs"] == ["b3"]
    assert (logged["from"], logged["into"]) == (floods, fires)
    assert "story bar" in logged["reason"]


def test_the_why_page_shows_a_settled_report_as_moved(store: Store) -> None:
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


def test_a_members_score_is_its_score_against_the_other_members() -> None:
    reports = [
        IndexedReport(f"d{n}", "s1", "e1", n, {}, vector, language="en")
        for n, vector in enumerate(
            [
                {"w:flood": 0.6, "e:marlow": 0.8},
                {"w:flood": 0.8, "w:levee": 0.6},
                {"e:marlow": 0.6, "w:river": 0.8},
            ]
        )
    ]
    story, others = Centroid(), Centroid()
    for report in reports:
        story.add(report)
    for report in reports[1:]:
        others.add(report)
    fade = 0.5
    expected = others.score(reports[0].vector, None, fade, "en")
    assert story.member_score(reports[0], fade) == pytest.approx(expected)
