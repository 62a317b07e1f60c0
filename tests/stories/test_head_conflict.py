"""Two events of one kind in different places: what a report's head (headline and lead) names
tells them apart, while a follow-up that names the event's people stays with it."""

from __future__ import annotations

from collections import Counter

from story_texts import report

from accord.model import Article
from accord.stories import head_names, report_features
from accord.stories.centroid import HEAD_WORDS, Centroid
from accord.stories.cluster import named_words
from accord.stories.index import IndexedReport

QUAKE_NORTH = (
    "Strong quake shakes Velmora province\n\n"
    "A magnitude 6.1 earthquake struck Velmora province in northern Astrania on Monday, damaging "
    "houses in the port of Kesh, the national seismic agency said.\n\n"
    "The region was devastated by a tsunami in Ostrel province twenty years ago."
)
QUAKE_NORTH_2 = (
    "Velmora quake leaves hundreds homeless\n\n"
    "Hundreds of families in Velmora province slept outdoors after the magnitude 6.1 earthquake "
    "that damaged the port of Kesh, officials in northern Astrania said on Tuesday."
)
QUAKE_SOUTH = (
    "Deadly quake hits Ostrel province\n\n"
    "A magnitude 6.1 earthquake struck Ostrel province in southern Astrania on Friday, killing "
    "five people in the mountain town of Darrow, the national seismic agency said."
)
TRIAL = (
    "Velmora quake builder goes on trial\n\n"
    "Builder Tomas Reyl went on trial in Kesh on charges that his flats in Velmora province "
    "collapsed in the magnitude 6.1 earthquake, prosecutors in northern Astrania said."
)


def _head(key: str, text: str) -> tuple[str, ...]:
    return report(key, text).head


def _group(*texts: str) -> Centroid:
    centroid = Centroid()
    for n, text in enumerate(texts):
        features = report(f"r{n}", text)
        centroid.add(IndexedReport.new(features, ({}, {}), "s1", "e1", n))
    return centroid


def test_the_head_names_are_those_of_the_headline_and_lead() -> None:
    names = [("Velmora", 62), ("Kesh", 120), ("Ostrel", QUAKE_NORTH.index("Ostrel"))]
    assert head_names(QUAKE_NORTH, None, names) == ["Velmora", "Kesh"]
    # A headline kept apart from the text still names the report's event.
    assert head_names("A quake struck on Monday.", "Quake in Velmora", [("Velmora", 90)]) == [
        "Velmora"
    ]


def test_a_quote_ending_below_the_first_paragraph_is_no_headline() -> None:
    text = (
        "The coast guard rescued 12 sailors off Kesh on Monday, officials said.\n\n"
        '"On sighting the cutter, the crew signalled for help.\n\n'
        'The cutter closed in and took them aboard."\n\n'
        "The sailors were taken to hospital in Velmora."
    )
    features = report_features(Article(key="q", text=text))
    assert features.title is None
    assert features.lead.startswith("The coast guard rescued")
    headed = report_features(Article(key="h", text=f"Coast guard saves 12 sailors\n\n{text}"))
    assert headed.title == "Coast guard saves 12 sailors"


def test_without_the_analysis_the_head_names_are_its_capitalised_phrases() -> None:
    head = _head("n1", QUAKE_NORTH)
    assert "velmora" in head and "kesh" in head
    assert "ostrel" not in head  # background, below the lead


def test_a_report_heading_another_place_conflicts_with_the_story() -> None:
    story = _group(QUAKE_NORTH, QUAKE_NORTH_2)
    south = report("s1", QUAKE_SOUTH)
    assert story.head_conflict(south.head, named_words(south))


def test_a_follow_up_naming_the_story_place_does_not_conflict() -> None:
    story = _group(QUAKE_NORTH, QUAKE_NORTH_2)
    trial = report("t1", TRIAL)
    assert not story.head_conflict(trial.head, named_words(trial))
    assert not story.head_conflict(
        _head("n3", QUAKE_NORTH_2), named_words(report("n3", QUAKE_NORTH))
    )


def test_one_report_head_is_no_agreement() -> None:
    south = report("s1", QUAKE_SOUTH)
    assert not _group(QUAKE_NORTH).head_conflict(south.head, named_words(south))


def test_a_name_given_below_the_lead_is_no_conflict() -> None:
    """The story's place recalled in the body: the report does not tell of another place."""
    story = _group(QUAKE_NORTH, QUAKE_NORTH_2)
    recalled = report(
        "s2", QUAKE_SOUTH + "\n\nA month ago a quake of that size hit Kesh in Velmora."
    )
    assert not story.head_conflict(recalled.head, named_words(recalled))


def test_heads_survive_storage_and_removal() -> None:
    story = _group(QUAKE_NORTH, QUAKE_NORTH_2)
    stored = Centroid.from_json(story.to_json())
    assert stored.heads == story.heads and stored.heads["velmora"] == 2
    stored.add(IndexedReport.new(report("r1", QUAKE_NORTH_2), ({}, {}), "s1", "e1", 1), -1)
    assert stored.heads["velmora"] == 1 and "hundred" not in stored.heads
    assert (
        Centroid.from_json(
            '{"size": 1, "sparse": {}, "days": {}, "dense": null, "dense_size": 0}'
        ).heads
        == {}
    )


def test_an_article_title_is_part_of_the_head() -> None:
    article = Article(key="a1", text=QUAKE_SOUTH.split("\n\n", 1)[1], title="Quake in Ostrel")
    assert "ostrel" in report_features(article).head


def test_a_stored_centroid_keeps_its_most_given_head_words() -> None:
    centroid = Centroid(size=3, heads=Counter({"velmora": 3}))
    centroid.heads.update({f"w{n}": 1 for n in range(HEAD_WORDS)})
    stored = Centroid.from_json(centroid.to_json())
    assert len(stored.heads) == HEAD_WORDS and stored.heads["velmora"] == 3
