from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from story_texts import CHESS, CHESS_2, FLOOD, FLOOD_2, FLOOD_3, add, report

from accord.model import Article, SourceType, Statement
from accord.store import Store
from accord.stories import ReportFeatures, local_name, report_features, spokespeople
from accord.stories.centroid import Centroid
from accord.stories.cluster import (
    EVENT_HALF_LIFE_DAYS,
    UNNAMED_EVENT_HALF_LIFE_DAYS,
    decay,
    gap_days,
    story_fade,
)
from accord.stories.fading import days_apart, fade
from accord.stories.index import IndexedReport


def test_reports_join_their_story_or_start_one(store: Store) -> None:
    placed = add(store, report("f1", FLOOD), report("c1", CHESS), report("f2", FLOOD_2))
    placed += add(store, report("c2", CHESS_2), report("f3", FLOOD_3))
    story = {m.doc: m.story for m in placed}
    assert story["f1"] == story["f2"] == story["f3"]
    assert story["c1"] == story["c2"] != story["f1"]
    assert {m.doc for m in store.stories.memberships()} == set(story)


def test_story_ids_are_short_and_stable(store: Store) -> None:
    placed = add(store, report("f1", FLOOD), report("c1", CHESS))
    assert [m.story for m in placed] == ["s1", "s2"]
    assert [m.event for m in placed] == ["e1", "e1"]


def test_reports_days_apart_are_different_events(store: Store) -> None:
    placed = add(
        store,
        report("f1", FLOOD, "2031-03-04"),
        report("f2", FLOOD_2, "2031-03-05T09:00:00+01:00"),
        report("f3", FLOOD_3, "2031-03-20"),
        report("f4", FLOOD_2),  # undated: placed by its text alone
    )
    event = {m.doc: m.event for m in placed}
    assert len({m.story for m in placed}) == 1
    assert event["f1"] == event["f2"] == event["f4"] != event["f3"]


def test_a_story_quiet_for_months_is_not_reopened(store: Store) -> None:
    old = add(store, report("f1", FLOOD, "2031-03-04"), report("f2", FLOOD_2, "2031-03-05"))
    later = add(store, report("f3", FLOOD_3, "2031-11-20"))
    assert later[0].story != old[0].story


def test_decay_halves_per_half_life_and_spares_undated_reports() -> None:
    times = [date(2031, 3, 1), date(2031, 3, 10)]
    assert decay(date(2031, 4, 9), times, 30.0) == 0.5
    assert decay(date(2031, 3, 5), times, 30.0) == 1.0
    assert decay(None, times, 30.0) == 1.0
    assert gap_days(date(2031, 2, 20), times) == 9


def test_two_stories_are_as_far_apart_as_the_gap_between_their_spans() -> None:
    earlier = [date(2031, 3, 1), date(2031, 3, 10)]
    assert days_apart(earlier, [date(2031, 3, 20), date(2031, 4, 1)]) == 10
    assert days_apart([date(2031, 3, 20)], earlier) == 10
    assert days_apart(earlier, [date(2031, 3, 5)]) == 0  # inside the span
    assert days_apart(earlier, []) == 0  # no dated report: nothing says they are apart
    assert fade(10, 10.0) == 0.5 and fade(10, 0.0) == 1.0


def test_a_report_sent_again_is_placed_once(store: Store) -> None:
    add(store, report("f1", FLOOD), report("f2", FLOOD_2))
    again = add(store, report("f2", FLOOD_2))
    assert again[0].story == "s1"
    assert len(store.stories.memberships()) == 2


def test_time_fades_a_story_words_but_not_its_names() -> None:
    """A report months on keeps the pull of the names it shares with a story (the trial of the
    people in it); the words of its kind of event ("flood", "river") lose theirs."""
    member = {"e:ilse brandvik": 0.6, "w:flood": 0.8}
    centroid = Centroid()
    centroid.add(IndexedReport("f1", "s1", "e1", 1, counts={}, vector=member))
    assert centroid.score(member, None) == pytest.approx(1.0)
    assert centroid.score(member, None, fade=0.5) == pytest.approx(0.36 + 0.5 * 0.64)
    assert centroid.score({"w:flood": 1.0}, None, fade=0.5) == pytest.approx(0.4)


def test_time_fades_local_names_as_it_fades_words() -> None:
    """A city and its police are named in all its events over the years: their names, local
    names by the analysis, pull as the story's words do, where the name of a person keeps its
    pull."""
    article = Article(key="a", text="Varnholm police said Ilse Brandvik was hurt in Varnholm.")
    names = ["Varnholm police", "Ilse Brandvik", "Varnholm"]
    features = report_features(article, entities=names, local={"Varnholm", "Varnholm police"})
    assert {t for t in features.counts if t[:2] in {"e:", "l:"}} == {
        "l:varnholm police", "e:ilse brandvik", "l:varnholm"
    }  # fmt: skip
    centroid = Centroid()
    centroid.add(IndexedReport("p1", "s1", "e1", 1, counts={}, vector={"l:varnholm": 1.0}))
    assert centroid.score({"l:varnholm": 1.0}, None, fade=0.5) == pytest.approx(0.5)


def test_the_days_between_events_fade_faster_for_a_report_naming_none_of_the_story_people() -> None:
    """Another shooting on the same block a month on shares the place and the kind of news; a
    follow-up names the event's people, and the gap fades as slowly for it as for a trial."""
    story = Centroid()
    member = {"e:ilse brandvik": 0.6, "l:varnholm": 0.5, "w:shot": 0.6}
    story.add(IndexedReport("a", "s1", "e1", 1, {}, member, when=date(2031, 3, 4)))
    month_on = date(2031, 4, 3)  # 30 days apart, sent the same day as the story's report
    follow_up = ReportFeatures("b", {"e:ilse brandvik": 1.0, "w:shot": 1.0}, when=month_on)
    another = ReportFeatures("c", {"l:varnholm": 1.0, "w:shot": 1.0}, when=month_on)
    assert story_fade(follow_up, story, 90.0) == pytest.approx(fade(30, EVENT_HALF_LIFE_DAYS))
    assert story_fade(another, story, 90.0) == pytest.approx(fade(30, UNNAMED_EVENT_HALF_LIFE_DAYS))
    assert story_fade(another, story, 90.0) < story_fade(follow_up, story, 90.0)


def dated(key: str, text: str, when: str, published: str | None = None) -> ReportFeatures:
    return replace(report(key, text, published), when=date.fromisoformat(when))


def test_one_kind_of_event_years_apart_is_two_stories(store: Store) -> None:
    """Undated reports whose heads date their events two years apart: the words of a flood in
    Varnholm do not make the next flood there the same story."""
    old = add(store, dated("f1", FLOOD, "2031-03-04"), dated("f2", FLOOD_2, "2031-03-04"))
    later = add(store, dated("f3", FLOOD_3, "2033-04-02"))
    assert old[0].story == old[1].story != later[0].story


def test_a_report_long_after_its_event_still_joins_while_the_story_is_active(
    store: Store,
) -> None:
    """The event's day fades slower than a quiet story: a report sent with the story's others,
    dating its event months back, joins them."""
    old = add(
        store,
        dated("f1", FLOOD, "2031-03-04", "2031-09-01"),
        dated("f2", FLOOD_2, "2031-03-05", "2031-09-02"),
    )
    later = add(store, dated("f3", FLOOD_3, "2031-09-03", "2031-09-03"))
    assert later[0].story == old[0].story


def test_a_centroid_stored_without_publication_days_reads_as_having_none() -> None:
    stored = '{"size": 1, "sparse": {"w:flood": 1.0}, "days": {}, "dense": null, "dense_size": 0}'
    assert Centroid.from_json(stored).sent_days() == []


@pytest.mark.parametrize(
    ("name", "kind", "local"),
    [
        ("Varnholm", "place", True),
        ("Varnholm police", "government", True),
        ("Stroger Hospital", "organization", True),
        ("Advocate Christ Medical Center", "organization", True),
        ("Comer Children's Hospital", "person", True),  # whatever kind the model read
        ("Ilse Brandvik", "person", False),
        ("Hospital Workers Union Local 9", "organization", False),
    ],
)
def test_places_of_care_are_local_names(name: str, kind: str, local: bool) -> None:
    """A city's hospitals receive the wounded of all its shootings, as its police speak of all
    of them: their names pull as the story's words do."""
    assert local_name(name, kind) is local


def _said_by(source: str, source_span: str, kind: SourceType = SourceType.PERSON) -> Statement:
    return Statement(
        "a", "He was shot.", 0, 12, 0, 40, source_span=source_span, source=source, source_type=kind
    )


def test_a_spokesperson_speaks_for_a_place() -> None:
    """ "Officer Ilse Brandvik, a Varnholm police spokeswoman" speaks of every shooting of her
    city, and someone elsewhere may bear her name: her name, and her surname alone, are local
    in the report that calls her so; a person quoted for herself is not."""
    statements = [
        _said_by("Ilse Brandvik", "Officer Ilse Brandvik, a Varnholm police spokeswoman"),
        _said_by("Oskar Lind", "Lt. Oskar Lind, the department's public information officer"),
        _said_by("Mara Quist", "Mara Quist, who lives on the block"),
        _said_by("Varnholm Police", "a spokesman for Varnholm Police", SourceType.GOVERNMENT),
    ]
    voices = spokespeople(statements)
    assert voices == {"Ilse Brandvik", "Oskar Lind"}
    assert local_name("Ilse Brandvik", "person", voices)
    assert local_name("Brandvik", "person", voices)
    assert not local_name("Mara Quist", "person", voices)
    assert not local_name("Ilse Brandvik", "person")  # another report, no word of her role
