"""Casualty counts written without a numeral, read as a reader takes them."""

from __future__ import annotations

import pytest

from accord.analyze.claims import find_claims
from accord.analyze.implicit import CASUALTY_POS, _casualty_measure, _denied_casualties
from accord.analyze.nlp import load_nlp

NLP = load_nlp()


def casualties(text: str) -> list[tuple[float, str]]:
    claims = find_claims(NLP(text), "k", [], "2030-03-16", None)
    return [(c.value, c.measure) for c in claims if c.measure in {"killed", "injured"}]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one person, by a determiner, a possessor or a name
        ("A man was shot and killed on Sunday night.", [(1, "killed")]),
        ("The victim died at the hospital.", [(1, "killed")]),
        ("Her son was wounded in the attack.", [(1, "injured")]),
        ("Ketron Nathan was shot and killed outside the bar.", [(1, "killed")]),
        ("The 17-year-old victim was pronounced dead at the hospital.", [(1, "killed")]),
        ("A woman is dead after a shooting in the park.", [(1, "killed")]),
        ("The shooting left a woman dead.", [(1, "killed")]),
        ("A man killed in the crash was identified by police.", [(1, "killed")]),
        ("Police named Armoni Sexton, who died of his wounds on Sunday.", [(1, "killed")]),
        ("A man was shot dead outside the bar.", [(1, "killed")]),
        ("A woman was stabbed to death in her home.", [(1, "killed")]),
        ("The teen was shot to death on Friday.", [(1, "killed")]),
        ("An eighth-grade student has shot himself dead.", [(1, "killed")]),
        # nouns of a death name the dead in their "of" phrase or possessor
        ("A man is accused in the shooting deaths of a mother and her daughter.", [(2, "killed")]),
        ("Police are investigating the killing of a 17-year-old.", [(1, "killed")]),
        ("He was charged in John Smith's murder.", [(1, "killed")]),
        ("A man was charged in the death of Armoni Sexton.", [(1, "killed")]),
        # nouns of a wounding name the one shot: hurt, unless the shooting was fatal
        ("Police are looking into the shooting of a 3-year-old by a 7-year-old.", [(1, "injured")]),
        ("Riots followed the fatal shooting of a 15-year-old boy by a policeman.", [(1, "killed")]),
        # a name with an age beside it is a person's, whatever the entity recogniser says
        ("Police said Smith, 22, was shot and killed outside his home.", [(1, "killed")]),
        # names listed with their ages, which the parser takes for appositives of the first
        (
            "He was charged in the deaths of Walter Barfield, 23, William Gonzalez, 32, "
            "and Brandon Ladson, 29.",
            [(3, "killed")],
        ),
        # names listed without ages, the parser's appositives of the first
        ("Ralph Lowe, Sam Ortiz, Dee Marsh, and Bo Tran all suffered injuries.", [(4, "injured")]),
        ("John Smith, Mary Jones and Bob Lee were shot.", [(3, "injured")]),
        # a name beside a relative is that relative's, one in quotes a nickname
        ("He shot and killed Dana Straun and her daughter, Kia Straun.", [(2, "killed")]),
        ('Javi "JoJo" Robles, 13, and his father, Joe Robles, 37, were found dead.', [(2, "killed")]),
        # two subjects the parser hangs on the verb apart, the "and" on the first
        ("A 21-year-old male, and a 23-year-old male were killed.", [(2, "killed")]),
        # an age before a relative leaves the name beside it the same person
        ("He badly wounded her 12-year-old sister, Christina.", [(1, "injured")]),
        # a name with an age before it is a person's too
        ("Police said 43-year-old Bianca Arter was found dead in her home.", [(1, "killed")]),
        ("13 year old Shaquez Brunner died after he was shot.", [(1, "killed")]),
        # a casualty adjective of a verb conjoined to the one with the subject
        ("The 19-year-old was shot in the head, and was later pronounced dead.", [(1, "killed")]),
        # a plural that names its people one by one counts them
        ("Her parents, Reyna Gonzalez, 42, and Julian Gonzalez, 45, were killed.", [(2, "killed")]),
        # a participle the tagger took for a past tense still describes its noun
        ("Police responded to a report of a boy shot in the head.", [(1, "injured")]),
        # one "also" shot beside the dead is one more, hurt
        (
            "Lavontay Allen was killed in the shooting, and his mother was also shot.",
            [(1, "killed"), (1, "injured")],
        ),
        # coordinations and "both"
        ("The man and woman were pronounced dead at the scene.", [(2, "killed")]),
        ("A woman and her son were wounded.", [(2, "injured")]),
        ("Both men were injured in the shooting.", [(2, "injured")]),
        ("He fired, killing Sarah Davidson and injuring Leanne Smith and Dustin Grey.",
         [(1, "killed"), (2, "injured")]),
        # an age standing for the person
        ("Police said a 7-year-old is dead after an accidental shooting.", [(1, "killed")]),
        ("The 4-year-old was wounded in the arm.", [(1, "injured")]),
        # the one hurt is the subject of a reflexive or of "suffered a wound"
        ("A 27-year-old man suffered a non-life-threatening gunshot wound.", [(1, "injured")]),
        ("The victim sustained serious injuries in the crash.", [(1, "injured")]),
        ("A man suffered fatal gunshot wounds.", [(1, "killed")]),
        # "fatally" makes any verb a death
        ("A gunman fatally wounded a 17-year-old boy and injured five others.",
         [(1, "killed"), (5, "injured")]),
        ("Two more people have been fatally shot in the city.", [(2, "killed")]),
        # a wound after "with" or "from" names the one hurt
        ("The girl was taken to a hospital with a gunshot wound.", [(1, "injured")]),
        ("A boy was found suffering from stab wounds on Main Street.", [(1, "injured")]),
        ("The victim was driven to a clinic with minor injuries.", [(1, "injured")]),
        ("A man with fatal wounds was found in the alley.", [(1, "killed")]),
        # the described object, however the parser hangs it
        ("The robbery left a 15-year-old boy wounded.", [(1, "injured")]),
        ("Deputies found a man dead in the truck.", [(1, "killed")]),
        ("The wounded officer was taken to a hospital downtown.", [(1, "injured")]),
        ("A fourth victim was critically injured.", [(1, "injured")]),
        ("A third person has died after the shooting.", [(3, "killed")]),
        # with "the", an ordinal orders people or events: no toll
        ("The third victim, a woman, died at the hospital.", [(1, "killed")]),
        ("She was the fourth person killed in the city this month.", [(1, "killed")]),
        ("Her second son was killed in the crash.", [(1, "killed")]),
        ("The woman was rushed to a hospital but died a short time later.", [(1, "killed")]),
        ("The shooting killed a 17 year-old boy on Tuesday.", [(1, "killed")]),
        ("A woman was in critical condition after being shot in the face.", [(1, "injured")]),
        ("Parents of a boy who accidentally shot himself will stand trial.", [(1, "injured")]),
        ("A teen was taken to hospital after accidentally shooting himself.", [(1, "injured")]),
        ("A boy grabbed a gun and accidentally shot himself.", [(1, "injured")]),
        ("A child is in serious condition after an accidental shooting.", [(1, "injured")]),
        ("A man who was shot at his home died at the scene.", [(1, "killed")]),
        ("The teenager who was shot and killed on Elm Street was named.", [(1, "killed")]),
        ("He died of his injuries on Sunday.", [(1, "killed")]),
        # a death of illness or age, as an obituary tells it, is no casualty
        ("The former aide has died of natural causes.", []),
        ("Former senator dies at 75", []),
        ("He died at the age of 95.", []),
        ("She died at her home in the valley.", []),
        ("The victim was taken to a hospital in stable condition after the crash.", [(1, "injured")]),
        # a condition where nothing harmed anyone is no one's injury
        ("The bridge is in fair condition, the inspector said.", []),
        ("Mark Olsen was found fatally wounded on the porch.", [(1, "killed")]),
        ("The victim was taken to a hospital, where he succumbed to his injuries.", [(1, "killed")]),
        ("A man received non-life-threatening injuries.", [(1, "injured")]),
        ("Officers found a woman with a gunshot wound to the head.", [(1, "injured")]),
        ("He was shot to death by intruders on Sunday.", [(1, "killed")]),
        ("The crash left a woman injured and her son dead.", [(1, "injured"), (1, "killed")]),
        ("A 30-year-old male suffered a gunshot wound to the leg.", [(1, "injured")]),
        # a headline's age stands for its missing article
        ("13-year-old Oakdale boy injured in accidental shooting", [(1, "injured")]),
        # those recovering were hurt
        ("An 8-year-old boy is recovering in the hospital after the shooting.", [(1, "injured")]),
        ("Three teens are recovering after being hit by buckshot.", [(3, "injured")]),
    ],
)  # fmt: skip
def test_counts_without_a_numeral(text: str, expected: list[tuple[float, str]]) -> None:
    assert casualties(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Maria Davis and her brother were not injured.",
        "He could have been killed in the crash.",
        "The gunman tried to kill his wife.",
        "Police said the suspect shot a man and a dog.",  # not all people
        "Men were injured in the fight.",  # a plural without a number counts no one
        "The family was hurt by the news.",
        "He will not reveal the name until after Deep Throat dies.",
        "Jeffs became leader of the church upon the death of his father in 2002.",
        "A man was found with a gun in his hand.",
        "They were shot at but not hit.",
        "A man was struck by a car on the bridge.",
        "Injured workers were taken to hospital.",  # a plural without a number
        "Police said he was not hurt.",
        "The coach spoke of a player with a knee injury.",  # no one of the story's event
        "Divers recovered the body of a man from the river.",  # what is recovered was not hurt
        "Police recovered 20 shell casings at the scene.",
        "The man's body was recovered later in the day.",
        "The director began the shooting of the film in Prague.",  # no one shot
    ],
)
def test_no_count_where_none_is_stated(text: str) -> None:
    assert casualties(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Seven people were shot outside a nightclub early Sunday.", [(7, "injured")]),
        ("A man was shot in the leg on Tuesday.", [(1, "injured")]),
        ("A child shot himself in the hand on Monday.", [(1, "injured")]),
        ("An 8-year-old boy accidentally shot himself.", [(1, "injured")]),
        ("A woman and her son were shot Sunday night.", [(2, "injured")]),
        # beside a death, "shot" counts hurt and killed alike
        ("Three people were shot and a man died.", [(1, "killed")]),
        ("A man was shot and killed.", [(1, "killed")]),
        ("Five people were shot dead on Sunday.", [(5, "killed")]),
        # a wound may have been the fatal one: beside a death it is no count
        ("A man was taken to the hospital with a gunshot wound, where he died.", [(1, "killed")]),
        # others than the dead, shot, are the ones who lived
        ("A man was killed and two others were shot on Sunday.", [(1, "killed"), (2, "injured")]),
        (
            "A woman died. Three other people were shot and survived.",
            [(1, "killed"), (3, "injured")],
        ),
        # a wound that says it was not fatal is a hurt one, beside a death too
        (
            "Police said the shooting could have been fatal. A boy was taken to a hospital "
            "with non-life threatening injuries.",
            [(1, "injured")],
        ),
        (
            "A man was shot and killed. A woman was taken to a hospital with minor injuries.",
            [(1, "killed"), (1, "injured")],
        ),
        ("A man was taken to a hospital with non-fatal injuries.", [(1, "injured")]),
        ("He was listed with non-life-threatening injuries but later died.", [(1, "killed")]),
        ("Police are looking into the non-fatal shooting of a man.", [(1, "injured")]),
        # struck by what a gun fires
        ("A girl was struck by a stray bullet on Sunday.", [(1, "injured")]),
        ("Two men were hit by gunfire outside the bar.", [(2, "injured")]),
    ],
)
def test_people_shot_are_injured_only_when_no_one_died(
    text: str, expected: list[tuple[float, str]]
) -> None:
    assert casualties(text) == expected


def test_people_shot_one_by_one_are_the_victims_of_the_reports_figure() -> None:
    text = (
        "Police said five people were wounded. A 52-year-old woman was shot in the foot, "
        "and a 23-year-old man was shot in the ankle."
    )
    assert casualties(text) == [(5, "injured")]


def test_a_figure_of_an_earlier_year_counts_other_people_than_the_ones_named() -> None:
    text = (
        "Kadin Mann, age 5, died Sunday after he was accidentally shot on Saturday. "
        "Three children in the state were killed last year by accidental shootings."
    )
    assert casualties(text) == [(1, "killed"), (3, "killed")]


def test_a_trial_of_an_earlier_year_counts_the_people_its_report_names() -> None:
    text = (
        "Two men are on trial accused of killing a mother and wounding two others in 2011. "
        "Cheanne McKnight, 11, is recovering from a graze wound to her cheek."
    )
    assert casualties(text) == [(1, "killed"), (2, "injured")]


def test_a_fatal_shooting_elsewhere_in_the_report_keeps_shot_from_injured() -> None:
    text = "Two people were shot on Main Street. Police are investigating the fatal shooting."
    assert casualties(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an attempted killing is no death: those shot are the injured
        ("Two people were shot. He was charged with attempted murder.", [(2, "injured")]),
        ("A boy was shot. The charges include criminal attempt homicide.", [(1, "injured")]),
        ("Police arrested him for the attempted murder of a woman.", []),
        # a killing done is a death, and keeps "shot" from the injured
        ("Two people were shot. He was charged with murder.", []),
        ("Police arrested him for the murder of a woman.", [(1, "killed")]),
    ],
)
def test_an_attempted_killing_tells_of_no_death(
    text: str, expected: list[tuple[float, str]]
) -> None:
    assert casualties(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A man was shot. Police said the wound would not be fatal.", [(1, "injured")]),
        ("A man was shot. Police said the wound was fatal.", []),
    ],
)
def test_a_denied_word_of_death_keeps_shot_for_the_injured(
    text: str, expected: list[tuple[float, str]]
) -> None:
    assert casualties(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the place of a wound, or a kind of thing: no dead body
        ("Two men were shot. One was struck in the upper body.", [(2, "injured")]),
        ("A man was shot in the leg. The bullet went through his body.", [(1, "injured")]),
        ("A man was shot. Officers turned on their body cameras.", [(1, "injured")]),
        # a body found is a death: "shot" may count the dead
        ("Two men were shot. Police found a body near the car.", []),
        ("Two men were shot. The body of a man was found nearby.", []),
    ],
)
def test_a_body_tells_of_a_death_only_as_a_dead_one(
    text: str, expected: list[tuple[float, str]]
) -> None:
    assert casualties(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Four people were shot, one fatally.", [(3, "injured"), (1, "killed")]),
        ("Police said 14 people were shot, one fatally, since 8 p.m.", [(13, "injured"), (1, "killed")]),
        ("Five people were shot and two of them died.", [(3, "injured"), (2, "killed")]),
    ],
)  # fmt: skip
def test_the_injured_are_those_shot_less_the_dead_of_the_same_sentence(
    text: str, expected: list[tuple[float, str]]
) -> None:
    assert casualties(text) == expected


def test_no_survivors_are_worked_out_across_sentences() -> None:
    text = "Four people were shot on Sunday. In another shooting, a man was killed."
    assert casualties(text) == [(1, "killed")]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Man, woman killed in Eldmoor shooting identified", [(2, "killed")]),
        ("Woman injured in shooting at Eldmoor park", [(1, "injured")]),
        ("Teen Killed, Another Wounded In Eldmoor Shooting", [(1, "killed"), (1, "injured")]),
    ],
)
def test_a_headline_drops_its_articles(title: str, expected: list[tuple[float, str]]) -> None:
    text = f"{title}\n\nPolice are investigating."
    claims = find_claims(NLP(text), "k", [], "2030-03-16", title)
    assert [(c.value, c.measure) for c in claims if c.measure in {"killed", "injured"}] == expected


def test_a_sentence_of_the_report_keeps_its_articles() -> None:
    text = "Shooting in Eldmoor\n\nPolice said woman injured in the shooting was released."
    claims = find_claims(NLP(text), "k", [], "2030-03-16", "Shooting in Eldmoor")
    assert [c for c in claims if c.measure == "injured"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("No one was hurt in the warehouse fire.", [(0, "injured")]),
        ("Nobody was injured, but the roof fell in.", [(0, "injured")]),
        ("No-one was injured when the van overturned.", [(0, "injured")]),
        ("None were hurt.", [(0, "injured")]),
        ("Aid workers said no one was killed or injured.", [(0, "killed"), (0, "injured")]),
        # a casualty is anyone killed or hurt
        ("The shelling caused no casualties, the mayor said.", [(0, "killed"), (0, "injured")]),
        ("There were no deaths at the depot.", [(0, "killed")]),
        # a denial of deaths keeps people shot injured
        ("Two people were shot. No one was killed.", [(2, "injured"), (0, "killed")]),
    ],
)  # fmt: skip
def test_a_denial_counts_none(text: str, expected: list[tuple[float, str]]) -> None:
    assert casualties(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "No injuries were reported.",  # nothing known yet
        "There were no immediate reports of casualties.",
        "There were no known casualties.",
        "No deaths have been confirmed so far.",
        "A man was shot. No one else was hurt.",  # others than the man: no count of everyone
        "None of the children were injured.",
        "No one on the ground was hurt.",  # some of the people only
        "Nobody inside the building was injured.",
        "There were no casualties among the passengers.",
        "No one was seriously hurt.",  # the lightly hurt are not counted
        "It is not clear whether anyone was hurt.",
    ],
)
def test_no_denial_where_only_nothing_is_known(text: str) -> None:
    assert all(value for value, _ in casualties(text))


def test_a_denial_beside_someone_hurt_in_its_report_counts_no_one() -> None:
    text = "Police say no one was shot by the rounds fired. The clerk suffered minor injuries."
    assert casualties(text) == [(1, "injured")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a death the report's opening puts down to harm is a casualty of it
        ("Two men were shot on Main Street. Police said one of them died on Sunday.", 1),
        # a death in a report that tells of no harm is news of a death, no casualty
        ("The former mob boss dies in prison. He died at the federal prison on Monday.", 0),
    ],
)
def test_a_bare_death_counts_in_a_report_of_harm(text: str, expected: int) -> None:
    assert sum(value for value, measure in casualties(text) if measure == "killed") == expected


def prosecuted(text: str) -> list[tuple[float, str]]:
    claims = find_claims(NLP(text), "k", [], "2030-03-16", None)
    return [
        (c.value, c.measure) for c in claims if c.measure in {"arrested", "charged", "convicted"}
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police arrested a man outside the station.", [(1, "arrested")]),
        ("Dana Whitlow was found guilty of murder on Tuesday.", [(1, "convicted")]),
        ("A 19-year-old was charged with assault.", [(1, "charged")]),
        ("Both brothers were arrested at the airport.", [(2, "arrested")]),
        # "so far" is no count: a later arrest is no rival to it
        ("No one has been arrested.", []),
        ("Police want to arrest a man seen near the scene.", []),
        # a clause of time in the present speaks of what is to come
        ("He faces life in prison when he is sentenced in May.", []),
        ("He was arrested after he fled the scene.", [(1, "arrested")]),
        ("He was held without bail on Monday.", [(1, "arrested")]),
        # "held" of a score, a delay or a robbery is no custody
        ("Jackson was held to just two catches.", []),
        ("He was held without a catch last week.", []),
        ("The teller was held up at gunpoint.", []),
    ],
)  # fmt: skip
def test_people_a_prosecution_names_are_counted(
    text: str, expected: list[tuple[float, str]]
) -> None:
    assert prosecuted(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The shooting killed one teen and left four other teens — ages 14, 16, 17 and 18 — "
            "injured.",
            [(1, "killed"), (4, "injured")],
        ),
        ("Three children, ages 4, 6 and 9, were hurt in the crash.", [(3, "injured")]),
    ],
)
def test_ages_listed_after_a_count_count_no_one(
    text: str, expected: list[tuple[float, str]]
) -> None:
    assert casualties(text) == expected


@pytest.mark.parametrize(
    "text",
    ["Police said Smith, ², was shot and killed outside his home.", "Smith, ², was charged."],
)
def test_a_digit_int_cannot_read_beside_a_name_is_no_age(text: str) -> None:
    """A superscript is a digit to `str.isdigit` but no number to `int`: read as an age, it
    failed the report's analysis."""
    assert casualties(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Teen Killed, Another Wounded In Shooting Near School",
        "TWO DEAD, THREE HURT AS GUNMAN OPENS FIRE",
        "Man In Critical Condition After Stabbing; No Injuries Among Officers",
        "A woman was shot dead and her son, who was also shot, is in serious condition.",
        "No one was hurt, but the blast caused no injuries and left the victims' homes in ruins.",
        "Police arrested a man who had been charged with the killing of a 17-year-old.",
    ],
)
def test_the_words_find_implicit_counts_skips_name_no_casualty(text: str) -> None:
    """`find_implicit_counts` reads only CASUALTY_POS words and "condition": every other word
    must be one that `_casualty_measure` and `_denied_casualties` find nothing in."""
    for tok in NLP(text):
        if tok.pos_ not in CASUALTY_POS and tok.lemma_.lower() != "condition":
            assert not _denied_casualties(tok, "en"), tok.text
            assert _casualty_measure(tok, "en") is None, tok.text
