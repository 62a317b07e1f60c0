from __future__ import annotations

from story_texts import CHESS, CHESS_2, FLOOD, FLOOD_2, FLOOD_3, add, report

from accord.store import Store
from accord.stories import merge, move, refresh_stories, rename, similar_stories, split


def _stories(store: Store) -> dict[str, str]:
    return {m.doc: m.story for m in store.stories.memberships()}


def test_a_moved_report_stays_after_later_assigns(store: Store) -> None:
    add(store, report("f1", FLOOD), report("f2", FLOOD_2), report("c1", CHESS))
    move(store, "f2", "s2", who="ana")
    add(store, report("f2", FLOOD_2), report("f3", FLOOD_3))
    found = _stories(store)
    assert found["f2"] == "s2" and found["f3"] == "s1"
    pinned = {m.doc for m in store.stories.memberships() if m.pinned}
    assert pinned == {"f2"}
    assert store.corrections.all()[-1] | {"at": ""} == {
        "at": "",
        "who": "ana",
        "action": "move",
        "doc": "f2",
        "from": "s1",
        "to": "s2",
        "event": "e2",
    }


def test_merged_stories_stay_merged(store: Store) -> None:
    add(store, report("f1", FLOOD), report("c1", CHESS))
    merge(store, "s1", "s2", who="ana")
    add(store, report("c2", CHESS_2), report("f2", FLOOD_2))
    found = _stories(store)
    assert found["f1"] == found["c1"] == "s1"
    assert "s2" not in found.values()  # a merged-away id is never given out again
    assert "s2" not in [s.id for s in store.stories.all()]
    assert store.corrections.all()[0]["action"] == "merge"


def test_split_gives_a_new_story_that_later_reports_join(store: Store) -> None:
    add(store, report("f1", FLOOD), report("f2", FLOOD_2))
    new = split(store, "s1", ["f2"], who="ana")
    add(store, report("f3", FLOOD_3))
    found = _stories(store)
    assert found["f1"] == "s1" and found["f2"] == new
    assert found["f3"] in {"s1", new}
    assert store.corrections.all()[0] == store.corrections.all()[0] | {"from": "s1", "to": new}


def test_rename_is_kept_by_later_refreshes(store: Store) -> None:
    add(store, report("f1", FLOOD))
    rename(store, "s1", "Varnholm floods", who="ana")
    add(store, report("f2", FLOOD_2))
    with store.transaction() as conn:
        refresh_stories(store, conn, ["s1"])
    story = store.stories.get("s1")
    assert story.title == "Varnholm floods" and story.renamed and story.reports == 2


def test_refresh_writes_story_records(store: Store) -> None:
    add(store, report("f1", FLOOD, "2031-03-04"), report("f2", FLOOD_2, "2031-03-05"))
    with store.transaction() as conn:
        refresh_stories(store, conn, ["s1"])
    story = store.stories.get("s1")
    assert story.title.startswith("Floods in Varnholm") or story.title.startswith("Varnholm")
    assert (story.first_published, story.last_published, story.reports) == (
        "2031-03-04",
        "2031-03-05",
        2,
    )


def test_the_nearest_stories_are_suggested_for_a_merge(store: Store) -> None:
    """The story page offers these, not every story of the store."""
    add(store, report("f1", FLOOD), report("f2", FLOOD_2), report("c1", CHESS))
    flood_too = split(store, "s1", ["f2"], who="ana")
    nearest = similar_stories(store, "s1")
    assert nearest[0] == flood_too and "s1" not in nearest
    assert similar_stories(store, "s404") == []
