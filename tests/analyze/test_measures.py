"""Measures found through syntax, from the lexicon in data/measures.json."""

from __future__ import annotations

import pytest

from accord.analyze.measures import find_measure, load_lexicon
from accord.analyze.nlp import load_nlp
from accord.analyze.numbers import find_quantities

NLP = load_nlp()


def measure_of(sentence: str, figure: str) -> tuple[str, str | None]:
    doc = NLP(sentence)
    for q in find_quantities(doc):
        span = doc[q.start : q.end]
        if span.text == figure:
            hit = find_measure(span, q.unit)
            return hit.measure, hit.unit
    raise AssertionError(f"{figure!r} not found in {sentence!r}")


@pytest.mark.parametrize(
    ("sentence", "figure", "measure", "unit"),
    [
        ("The storm left 12 people dead in the valley.", "12", "killed", "people"),
        ("Police arrested 45 demonstrators on Main Street.", "45", "arrested", "people"),
        ("The court released 103 inmates last month.", "103", "released", "people"),
        ("The clashes left 9 dead and 30 injured.", "30", "injured", "people"),
        ("The ministry's arrest tally included about 900 people.", "900", "arrested", "people"),
        ("The mayor won 61% of the vote.", "61%", "vote_share", "percent"),
        ("The judge agreed to review 40 cases.", "40", "reviewed", "cases"),
        ("Floods displaced 3,000 families in the north.", "3,000", "displaced", "people"),
        ("About 5,000 protesters gathered in the square.", "5,000", "protesters", "people"),
        # who the counted people are gives way to what befell them
        ("Five protesters were shot near the rally.", "Five", "shot", "people"),
        ("Two demonstrators are in critical condition after the shooting.", "Two", "injured",
         "people"),
        ("The candidate received 12,000 votes.", "12,000", "votes", "votes"),
        ("The town spent $4 million on repairs.", "$4 million", "money", "USD"),
        ("Rescuers saved 14 miners from the shaft.", "14", "rescued", "people"),
        ("The band released 3 albums.", "3", "other", "albums"),
        ("He was one of 99 mafia members seized in the raid.", "99", "arrested", "people"),
        ("Two men are in critical condition after the crash.", "Two", "injured", "people"),
        ("Police made an arrest after the shooting of four people.", "four", "shot", "people"),
        ("Three people got minor injuries in the blast.", "Three", "injured", "people"),
        ("The quakes have left 14,000 people taking shelter.", "14,000", "displaced", "people"),
        ("The attack killed two more, raising the death toll to 30.", "30", "killed", "people"),
        ("The raids brought the number of detainees to 120.", "120", "arrested", "people"),
        ("The council raised the speed limit to 30.", "30", "other", None),
        ("The quakes have left 140 people taking photos.", "140", "other", "people"),
        ("The shooting of 20 deer was approved.", "20", "other", "deer"),
        ("Two roads are in poor condition after the storm.", "Two", "other", "roads"),
        ("Police seized 40 kilograms of cocaine.", "40", "other", "kilograms"),
        # an act someone is trying to do has counted no one yet
        ("Teams are struggling to evacuate 14 children still trapped.", "14", "other", "people"),
        ("Police evacuated 300 people from the area.", "300", "evacuated", "people"),
        # people named by their role in the story
        ("Helicopters rescued 3 climbers from the ridge.", "3", "rescued", "people"),
        ("Deputies detained 9 witnesses after the shooting.", "9", "arrested", "people"),
        ("About 300 families need shelter after the floods.", "300", "displaced", "people"),
        ("Three men were found guilty of the robbery.", "Three", "convicted", "people"),
        ("Four defendants pleaded guilty on Monday.", "Four", "convicted", "people"),
        ("Two men pleaded not guilty on Monday.", "Two", "other", "people"),
        ("He was held in a police bust of 100 suspects.", "100", "arrested", "people"),
        ("Sixty residents were moved from their homes.", "Sixty", "evacuated", "people"),
        # a container verb reaches its figure through "to" or "at"
        ("The death toll rose to 28 on Monday.", "28", "killed", "people"),
        ("The toll stood at 40 by nightfall.", "40", "killed", "people"),
        ("The number of people killed has risen to 23.", "23", "killed", "people"),
        ("The number of displaced rose to 3,000.", "3,000", "displaced", "people"),
        # a tally moved to its figure counts the people its "of" phrase describes
        ("Officials raised their count of displaced people to 1,400.", "1,400", "displaced", "people"),
        ("The number of injured people rose to 30.", "30", "injured", "people"),
        ("About 60 people slept in a school after being evacuated.", "60", "evacuated", "people"),
    ],
)  # fmt: skip
def test_measures(sentence: str, figure: str, measure: str, unit: str | None) -> None:
    assert measure_of(sentence, figure) == (measure, unit)


@pytest.mark.parametrize(
    ("sentence", "figure", "measure"),
    [
        # the people who do the harm are none of its casualties
        ("Two men shot a store clerk on Monday.", "Two", "other"),
        ("Two men killed a store clerk on Monday.", "Two", "other"),
        ("Witnesses said two males in the SUV were shooting at a business.", "two", "other"),
        # but the people harmed, and one who harmed himself, are
        ("Two men were shot on Monday.", "Two", "shot"),
        ("One boy accidentally shot himself, police said.", "One", "shot"),
        ("Two women and one man died at a branch of the bank.", "Two", "killed"),
        ("Four people shot outside bar in Buena Vista Township", "Four", "shot"),  # a headline
        ('He said: "Two men shot a store clerk."', "Two", "other"),  # a quote ends it
        ("Two men shot each other on Monday.", "Two", "shot"),
        ("Two teens shot multiple times in the Bronx.", "Two", "shot"),
    ],
)
def test_agents_of_a_harm_are_not_its_casualties(sentence: str, figure: str, measure: str) -> None:
    assert measure_of(sentence, figure)[0] == measure


def test_main_verb_wins_over_the_noun_modifier() -> None:
    sentence = "At least 70 people detained during the riots have been freed, the group said."
    assert measure_of(sentence, "70") == ("released", "people")


def test_holding_noun_names_the_measure() -> None:
    assert measure_of("The release of 25 hostages began at noon.", "25")[0] == "released"


def test_lexicon_is_keyed_by_language() -> None:
    lex = load_lexicon("en")
    assert lex.verbs["kill"] == ("killed",)
    assert lex.nouns["vote"] == ("vote_share", "votes")
    assert lex.allows("vote_share", "percent") and not lex.allows("vote_share", "people")
    with pytest.raises(KeyError):
        load_lexicon("xx")


@pytest.mark.parametrize(
    ("sentence", "figure", "measure"),
    [
        ("Nine protesters were being held at the station.", "Nine", "arrested"),
        ("The coalition holds a majority of 160 in the chamber.", "160", "other"),
        ("Smugglers still hold 30 fishermen for ransom.", "30", "other"),
        ("Two gang members are under arrest for the robbery.", "Two", "arrested"),
        ("Three men remain in custody after the raid.", "Three", "arrested"),
        ("Four people are in the square.", "Four", "other"),
    ],
)  # fmt: skip
def test_detention_reads_as_a_state_or_in_the_passive(
    sentence: str, figure: str, measure: str
) -> None:
    assert measure_of(sentence, figure)[0] == measure


@pytest.mark.parametrize(
    ("sentence", "figure", "measure"),
    [
        # the place of a wound is no state of the dead ("struck" alone names no wound)
        ("Two were struck in the upper body.", "Two", "other"),
        ("Three men were shot in the body.", "Three", "shot"),
        # a state after "in" still names its measure
        ("Two men remain in custody.", "Two", "arrested"),
    ],
)  # fmt: skip
def test_a_body_as_the_place_of_a_wound_is_no_death(
    sentence: str, figure: str, measure: str
) -> None:
    assert measure_of(sentence, figure)[0] == measure


def test_a_number_conjoined_to_a_verb_keeps_its_own_participle() -> None:
    sentence = "Police said 18 people had been hurt in the riot and 12 arrested for looting."
    assert measure_of(sentence, "12")[0] == "arrested"
    assert measure_of(sentence, "18")[0] == "injured"


def test_a_conjoined_verb_with_its_own_object_counts_its_own() -> None:
    sentence = "He is accused of shooting four people, killing one, at the depot."
    assert measure_of(sentence, "four")[0] == "shot"
