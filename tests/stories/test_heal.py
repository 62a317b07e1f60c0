"""Healing: a small story folded into a neighbour the evidence now joins it to, logged, and never
against an analyst's correction."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from story_texts import CHESS, FLOOD, FLOOD_3, report

from accord.model import Membership
from accord.settings import DEFAULTS
from accord.store import Store
from accord.stories import ReportFeatures, assign, split
from accord.stories.centroid import Centroid
from accord.stories.cluster import COLD_START_DOCS, Params, mend_cold_start
from accord.stories.features import LOCAL_NAME_PREFIX, NAME_PREFIX
from accord.stories.groups import StoryState, load_stories
from accord.stories.heal import (
    ESTABLISHED_REPORTS,
    ESTABLISHED_SHARE,
    FRAGMENT_MAX_REPORTS,
    HEAL_MAX_REPORTS,
    HEALER,
    Healing,
    heal,
    movable,
    new_heads,
    story_link,
)
from accord.stories.index import IndexedReport

# A bar at which the two flood reports start two stories (cold start) and a report telling what
# both tell joins the first and scores with the second above the bar too.
STRICT = replace(DEFAULTS, story_threshold=0.45)
_F, _G = FLOOD.split("\n\n"), FLOOD_3.split("\n\n")
BRIDGE = "\n\n".join([_F[0], f"{_G[1]} {_F[1]}", _F[2], _G[2]])
HEALING = Healing(0.2, 0.3, 90.0, 365.0, 3, 45.0)


def place(store: Store, *reports: ReportFeatures) -> list[Membership]:
    placed = []
    for r in reports:
        with store.transaction() as conn:
            placed += assign(store, conn, [r], STRICT)
    return placed


def test_a_small_story_the_evidence_now_joins_is_folded_in(store: Store) -> None:
    before = place(store, report("f1", FLOOD), report("f3", FLOOD_3), report("c1", CHESS))
    assert len({m.story for m in before}) == 3
    after = place(store, report("b", BRIDGE))
    story = {m.doc: m.story for m in store.stories.memberships()}
    assert story["f3"] == story["f1"] == story["b"] != story["c1"]
    assert {m.doc for m in after} == {"b", "f3"}  # the moved report's membership is returned
    [logged] = store.corrections.all()
    assert (logged["who"], logged["action"], logged["docs"]) == (HEALER, "heal merge", ["f3"])
    assert logged["into"] == story["f1"] and "story bar" in logged["reason"]


def test_a_story_holding_a_pinned_report_is_never_merged(store: Store) -> None:
    place(store, report("f1", FLOOD), report("f3", FLOOD_3), report("c1", CHESS))
    f3 = store.stories.membership("f3")
    assert f3 is not None
    pinned = split(store, f3.story, ["f3"], "analyst")
    place(store, report("b", BRIDGE))
    assert store.stories.membership("f3") == Membership("f3", pinned, "e1", pinned=True)
    assert [c["action"] for c in store.corrections.all()] == ["split"]


def centroid(*reports: tuple[dict[str, float], tuple[str, ...], str | None]) -> Centroid:
    c = Centroid()
    for n, (vector, head, language) in enumerate(reports):
        c.add(IndexedReport(f"d{n}", "s", "e", n, {}, vector, head=head, language=language))
    return c


def test_a_story_whose_heads_name_what_the_others_never_do_is_kept_apart() -> None:
    papua = centroid(({"w:quake": 1.0}, ("papua",), "en"), ({"w:quake": 1.0}, ("papua",), "en"))
    aceh = centroid(({"w:quake": 1.0}, ("aceh", "indonesia"), "en"))
    assert story_link(papua, aceh, HEALING) == 1.0  # their words alone would merge them
    assert new_heads(papua, aceh) == ["aceh", "indonesia"]
    again = centroid(({"w:quake": 1.0}, ("papua",), "en"))
    assert new_heads(papua, again) == []


def test_stories_in_no_common_language_are_not_linked() -> None:
    english = centroid(({"w:quake": 1.0}, (), "en"))
    spanish = centroid(({"w:quake": 1.0}, (), "es"))
    assert story_link(english, spanish, HEALING) is None


def test_the_small_stories_of_the_cold_index_are_mended_once_it_is_warm(store: Store) -> None:
    flood = {"w:flood": 2.0, "w:river": 1.0, "e:varnholm": 2.5}
    place(
        store,
        ReportFeatures("f1", {**flood, "w:evacuated": 2.0}, head=("varnholm",)),
        ReportFeatures("f3", {**flood, "w:bridge": 2.0, "w:mayor": 2.0}, head=("varnholm",)),
        ReportFeatures("c1", {"w:chess": 2.0, "e:olmar": 2.5}, head=("olmar",)),
    )
    assert len({m.story for m in store.stories.memberships()}) == 3  # the cold bar kept f3 apart
    with store.transaction() as conn:
        moved = mend_cold_start(store, conn, Params.from_settings(DEFAULTS), COLD_START_DOCS)
        store.stories.set_memberships(conn, moved)
    story = {m.doc: m.story for m in store.stories.memberships()}
    assert story["f1"] == story["f3"] != story["c1"]
    assert [m.doc for m in moved] == ["f3"]
    assert [c["action"] for c in store.corrections.all()] == ["heal merge"]


def _quake_stories(
    store: Store, size: int, fragment_names: str, story_names_it: bool
) -> tuple[StoryState, StoryState]:
    """A story of `size` reports of one quake and a story of one report of it whose head names
    "tolvern" (of the kind of name `fragment_names`: `l:`, a place, or `e:`, a person), which no
    head of the story names, nor its text unless `story_names_it`; placed apart, at a cold bar."""
    quake = {"w:quake": 1.0, "w:rubble": 1.0, "e:marrow valley": 1.0}
    told = {"e:tolvern": 0.5} if story_names_it else {}
    reports = [
        ReportFeatures(f"s{n}", {**quake, **told, f"w:detail{n}": 1.0}, head=("marrow",))
        for n in range(size)
    ]
    counts = {**quake, "w:aftershock": 4.0, f"{fragment_names}tolvern": 1.0}
    fragment = ReportFeatures("f", counts, head=("tolvern",))
    place(store, *reports)
    apart = replace(STRICT, story_threshold=0.9)
    with store.transaction() as conn:
        assign(store, conn, [fragment], apart)
    ids = {m.doc: m.story for m in store.stories.memberships()}
    assert len({ids[r.key] for r in reports}) == 1 and ids["f"] != ids["s0"]
    with store.transaction() as conn:
        states = load_stories(store, conn, [ids["s0"], ids["f"]])
    return states[ids["s0"]], states[ids["f"]]


@pytest.mark.parametrize(
    ("size", "fragment_names", "story_names_it", "joins"),
    [
        # a story of four is not established
        (ESTABLISHED_REPORTS - 1, LOCAL_NAME_PREFIX, False, False),
        (ESTABLISHED_REPORTS, LOCAL_NAME_PREFIX, False, True),  # a new place is the day's news
        (ESTABLISHED_REPORTS, NAME_PREFIX, False, False),  # a new person, another event's cast
        (ESTABLISHED_REPORTS, NAME_PREFIX, True, True),  # one the story's reports name
    ],
)
def test_a_fragment_joins_an_established_story_unless_it_names_someone_the_story_never_does(
    store: Store, size: int, fragment_names: str, story_names_it: bool, joins: bool
) -> None:
    story, fragment = _quake_stories(store, size, fragment_names, story_names_it)
    assert new_heads(story.centroid, fragment.centroid) == ["tolvern"]
    link = story_link(story.centroid, fragment.centroid, HEALING)
    assert link is not None
    # A bar the two miss, but whose established share they pass.
    healing = replace(HEALING, story_bar=link / ((1.0 + ESTABLISHED_SHARE) / 2))
    with store.transaction() as conn:
        moved = heal(store, conn, story, [fragment], healing)
    assert [m.doc for m in moved] == (["f"] if joins else [])
    if joins:
        [logged] = store.corrections.all()
        assert "established story's bar" in logged["reason"]


def _sized(size: int, dated: bool) -> Centroid:
    centroid = Centroid()
    for n in range(size):
        vector = {"w:quake": 0.8, f"w:detail{n}": 0.6}
        published = date(2013, 5, 2) if dated else None
        centroid.add(IndexedReport(f"r{n}", "s", "e", n, vector, vector, published), 1)
    return centroid


@pytest.mark.parametrize(
    ("small", "large", "moves"),
    [
        ((HEAL_MAX_REPORTS, True), (1 + HEAL_MAX_REPORTS, False), True),  # any story of two
        ((FRAGMENT_MAX_REPORTS, False), (2 * FRAGMENT_MAX_REPORTS, False), True),
        ((FRAGMENT_MAX_REPORTS, True), (2 * FRAGMENT_MAX_REPORTS, True), True),
        # a story dated and one undated may be one kind of event years apart
        ((FRAGMENT_MAX_REPORTS, False), (2 * FRAGMENT_MAX_REPORTS, True), False),
        ((FRAGMENT_MAX_REPORTS, True), (2 * FRAGMENT_MAX_REPORTS, False), False),
        ((FRAGMENT_MAX_REPORTS, False), (2 * FRAGMENT_MAX_REPORTS - 1, False), False),
        ((3, False), (ESTABLISHED_REPORTS, False), False),  # not twice its size
        ((FRAGMENT_MAX_REPORTS + 1, False), (100, False), False),
    ],
)
def test_a_fragment_of_a_few_reports_folds_only_into_a_story_twice_its_size_of_like_dating(
    small: tuple[int, bool], large: tuple[int, bool], moves: bool
) -> None:
    assert movable(_sized(*small), _sized(*large)) is moves
