"""Numeric claims from short fictional reports."""

from __future__ import annotations

import pytest

from accord.analyze.claims import _suspended_age, find_claims
from accord.analyze.nlp import load_nlp
from accord.model import Claim, Statement

NLP = load_nlp()
PUBLISHED = "2030-03-16"  # a Saturday


def claims_of(
    text: str, statements: list[Statement] | None = None, **kw: str | None
) -> list[Claim]:
    published = kw.get("published", PUBLISHED)
    return find_claims(NLP(text), "k", statements or [], published, kw.get("title"))


def test_full_claim_with_source_and_time() -> None:
    text = ("At least 40 miners trapped by the flood have been rescued from the pit, "
            "the regional union Mina Libre said on Friday.")  # fmt: skip
    start = text.index("At least")
    source = Statement(
        doc="k", content=text[start : text.index(", the")], content_start=start,
        content_end=text.index(", the"), sentence_start=0, sentence_end=len(text),
        source_span="the regional union Mina Libre", source="Mina Libre", source_type="ngo",
    )  # fmt: skip
    [claim] = claims_of(text, [source])
    assert (claim.value, claim.qualifier, claim.measure, claim.unit) == (
        40,
        "at_least",
        "rescued",
        "people",
    )
    assert (claim.value_low, claim.value_high) == (40, None)
    assert claim.source == "Mina Libre" and claim.source_type == "ngo"
    assert (claim.when, claim.when_text) == ("2030-03-15", "Friday")
    assert text[claim.start : claim.end] == "40"


def _statement(text: str, source: str, cue: str, content: str) -> Statement:
    start = text.index(content)
    cue_start = text.index(cue)
    return Statement(
        doc="k", content=content, content_start=start, content_end=start + len(content),
        sentence_start=0, sentence_end=len(text), source_span=source, source=source,
        cue=cue, cue_start=cue_start, cue_end=cue_start + len(cue),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "source", "cue", "content", "expected"),
    [
        ("The ministry reported 300 deaths.", "The ministry", "reported", "300 deaths", "The ministry"),
        ("Mayor Eldon said 30 were hurt.", "Mayor Eldon", "said", "30 were hurt", "Mayor Eldon"),
        ("The startup raised $20 million.", "The startup", "raised", "$20 million", None),
        ("The laptop weighs 2.1 pounds.", "The laptop", "weighs", "2.1 pounds", None),
        ("The council raised its count of displaced people to 1,400.", "The council", "raised",
         "its count of displaced people to 1,400", "The council"),
        ("The reform would raise the number of seats from 65 to 125.", "The reform", "raise",
         "the number of seats from 65 to 125", None),
    ],
)  # fmt: skip
def test_a_figure_is_sourced_only_when_the_statement_reports_it(
    text: str, source: str, cue: str, content: str, expected: str | None
) -> None:
    [claim] = claims_of(text, [_statement(text, source, cue, content)])
    assert claim.source == expected


def test_report_voice_has_no_source_and_stands_as_of_the_report() -> None:
    [claim] = claims_of("Nearly 300 homes were damaged by the storm.")
    assert claim.source is None and claim.qualifier == "nearly"
    assert claim.when == PUBLISHED and claim.when_text is None


def test_undated_report_keeps_the_time_words() -> None:
    [claim] = claims_of("Police arrested 35 people on Tuesday.", published=None)
    assert claim.when is None and claim.when_text == "Tuesday"


def test_time_inside_the_counted_phrase_is_not_the_claims_time() -> None:
    [claim] = claims_of(
        "On Thursday, officials freed some 90 people detained during the march in May."
    )
    assert (claim.qualifier, claim.measure, claim.when) == ("about", "released", "2030-03-14")


def test_a_relative_clause_keeps_its_own_time() -> None:
    [claim] = claims_of(
        "Volunteers handed out blankets on Thursday to survivors of a storm that killed 12 people."
    )
    assert (claim.measure, claim.when, claim.when_text) == ("killed", PUBLISHED, None)


def test_a_relative_clause_of_a_time_takes_that_time() -> None:
    [claim] = claims_of("The truce broke on 4 November 2029, when troops killed six gunmen.")
    assert (claim.measure, claim.when) == ("killed", "2029-11-04")


def test_after_a_date_makes_a_running_total() -> None:
    [claim] = claims_of("More than 500 people have been arrested since March 2.")
    assert claim.when == "2030-03-02/2030-03-16"


def test_headline_claim() -> None:
    title = "Capital Frees Over 60 Students Held After Campus Protest"
    [claim] = claims_of(f"{title}\n\nThe students went home.", title=title)
    assert claim.in_title and claim.measure == "released" and claim.qualifier == "more_than"


def test_percentages_share_a_measure() -> None:
    claims = claims_of("Officials said Ana Ruiz won 55% of the vote to Jon Pik's 41%.")
    assert [(c.value, c.measure, c.unit) for c in claims] == [
        (55, "vote_share", "percent"), (41, "vote_share", "percent"),
    ]  # fmt: skip
    assert claims[0].subject == "Ana Ruiz"


def test_ranges_and_vague_amounts() -> None:
    claims = claims_of("Between 200 and 250 people were evacuated, and dozens were hurt.")
    assert [(c.value, c.qualifier, c.value_low, c.value_high) for c in claims] == [
        (225, "range", 200, 250), (61.5, "vague", 24, 99),
    ]  # fmt: skip
    assert [c.measure for c in claims] == ["evacuated", "injured"]


def test_not_claims() -> None:
    text = ("The mayor, 61, took office in 2019 for a six-year term. "
            "Call 555-0134. One man left at one point. "
            "Flight 370 vanished on March 8, 2014.")  # fmt: skip
    assert claims_of(text) == []


def test_an_age_beside_a_verb_of_the_vocabulary_is_not_a_claim() -> None:
    text = "Police arrested Dorin Valcu, 23, of Marsh End. Ilse Brandt, 37, was charged on Monday."
    # the people named are counted (one each), their ages are not
    assert [(c.value, c.measure) for c in claims_of(text)] == [(1, "arrested"), (1, "charged")]


def test_what_is_the_counted_phrase_as_written() -> None:
    [claim] = claims_of("Officials freed 40 people held since Marlow's July vote, the mayor said.")
    assert claim.what == "people held since Marlow's July vote freed"


def test_small_counts_in_words_are_counts() -> None:
    text = "Three masked men robbed the bank and fled with two bags. Six others waited outside."
    assert [(c.value, c.unit) for c in claims_of(text)] == [
        (3, "people"),
        (2, "bags"),
        (6, "people"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At least 12 of the stolen trucks were found.", [(12, "other")]),
        ("Officials said 15 of the 60 wounded were still in hospital.", [(15, "injured"), (60, "injured")]),
        ("The farm has 90 goats, 30 of them under a year old.", [(90, "other"), (30, "other")]),
        ("She caught 41 passes this season.", [(41, "other")]),
        ("The navy captured 14 pirates off the coast.", [(14, "arrested")]),
        ("About 200 people rioted downtown.", [(200, "protesters")]),
        ("Some 3,000 villagers took shelter in schools.", [(3000, "displaced")]),
        ("Six men accused of the fraud appeared in court.", [(6, "charged")]),
        ("Three more members face trial.", [(3, "charged")]),
        # freed by rescuers or from danger is a rescue; freed by a government, a release
        ("Firefighters freed four people from the lift.", [(4, "rescued")]),
        ("Six miners were freed from the flooded mine.", [(6, "rescued")]),
        ("Officers freed nine workers who had hidden in a storeroom.", [(9, "rescued")]),
        ("The junta freed 40 political prisoners.", [(40, "released")]),
        ("Nine inmates were freed on bail.", [(9, "released")]),
        # affected counts people: users hacked, not web sites infected
        ("The worm has infected the computers of 3,000 users.", [(3000, "affected")]),
        ("Officials said 40 people were infected.", [(40, "affected")]),
        ("By Monday 6,000 web sites had been infected.", [(6000, "other")]),
        # those still awaiting trial are some of the charged, fewer as trials end: no total
        ("Three more members are awaiting trial.", [(3, "other")]),
        ("The hikers took 30 fish and faced 12 storms.", [(30, "other"), (12, "other")]),
    ],
)  # fmt: skip
def test_parts_and_measures_of_people(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(c.value, c.measure) for c in claims_of(text)] == expected


def test_counts_of_things_are_kept_as_other() -> None:
    [claim] = claims_of("The fire destroyed 14 warehouses near the port.")
    assert (claim.measure, claim.unit) == ("other", "warehouses")


def test_hyphenated_descriptions_are_not_claims() -> None:
    text = "The 6-foot-9 forward, a 16-year old, bought the 13-inch model and a 15-inch Vellum Pro."
    assert claims_of(text) == []


def test_people_driven_from_or_losing_their_homes_are_displaced() -> None:
    text = (
        "The volunteers said more than 2,500 people had been driven from their homes by the "
        "landslide. Some 800 families fled their homes overnight. Officials said 60 people lost "
        "their homes in Harrowgate."
    )
    assert [(c.value, c.measure) for c in claims_of(text)] == [
        (2500, "displaced"),
        (800, "displaced"),
        (60, "displaced"),
    ]
    # without the homes, the same verbs name nothing: the figure stays another count
    [claim] = claims_of("The storm left 300 drivers stranded and the club lost 4 matches.")[:1]
    assert claim.measure != "displaced"


def test_a_participle_after_an_aside_describes_the_counted_people() -> None:
    text = (
        '"So far we have counted 64 detainees, because of the amnesty, freed in the north," '
        "said the monitor Rada Vell."
    )
    [claim] = claims_of(text)
    assert (claim.value, claim.measure) == (64, "released")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # model and product names
        ("A Cessna 208B Grand Caravan crashed, killing 9 people.", [9]),
        ("The Boeing 737 was carrying 120 passengers.", [120]),
        ("A Falcon 9 rocket exploded, injuring 4 workers.", [4]),
        ("The Airbus A320 and a Tupolev 154 collided and 30 people died.", [30]),
        # flight, route and other names
        ("Flight 3407 crashed, killing 50 people.", [50]),
        ("The crash on Route 66 injured 3 people.", [3]),
        ("Traffic on Interstate 95 stopped after 12 people were hurt.", [12]),
        # calibres
        ("He was shot with a 7.65 mm pistol and 2 people were killed.", [2]),
        ("Police found a 9 millimeter handgun after 3 men were wounded.", [3]),
        ("Officers recovered a 20 gauge shotgun; 2 people died.", [2]),
        ("The fault creeps about 7 mm a year.", [7]),  # a measurement, not a calibre
        # street and block numbers
        ("He was found dead in the 3200 block of E Rood Circle.", [1]),
        ("Officers went to 8509 Rixlew Ln after 4 people were shot.", [4]),
        ("The bar at 6740 N. Clark St. was closed after 2 men were hurt.", [2]),
        ("The shooting took place at 618 Henson road; 3 people died.", [3]),
        ("A 256 SSD drive is optional.", [256]),  # no street's name before "drive"
        # emergency numbers
        ("Her fiance called 911, but she died from her injuries.", [1]),  # she died
        ("A 911 caller said 3 people were wounded.", [3]),
        # page and gallery counters
        ("Hide Caption 3 of 25 people were killed in the crash.", []),
        ("See 25 photos of the scene where 4 people died.", [4]),
    ],
)  # fmt: skip
def test_names_measurements_addresses_and_counters_are_not_counts(
    text: str, kept: list[float]
) -> None:
    assert [c.value for c in claims_of(text)] == kept


@pytest.mark.parametrize(
    "text",
    [
        "Girl, 3, was accidentally shot dead.",
        "Dalton area boy, 8, dies from accidental gunshot wound",
        "Police said Trevor Williams (33) was killed.",
        "Tony Thomas, 19, was charged with murder.",
        "The victim, aged 45, died at the scene.",
        "The victim, age 45, died at the scene.",
        "Andrew Kole, 20 was found guilty of the murder.",  # the closing comma dropped
        "Boy, 16, dies after being accidentally shot by his brother",  # "Boy" an interjection
        "8 yo girl killed by gunfire off the Beltway.",
        "Police said a 19 y/o man was shot.",
        "Police said two 19 year olds were shot.",
        "Police said an 8 y.o boy and a 15 yr old were shot.",
    ],
)
def test_ages_set_off_after_a_person_are_not_counts(text: str) -> None:
    # the person named counts one (killed, charged, convicted); the age counts no one
    assert all(c.value == 1 for c in claims_of(text))


def test_a_plural_set_off_by_commas_is_still_counted() -> None:
    assert [(c.value, c.measure) for c in claims_of("The victims, 3, were killed.")] == [
        (3, "killed")
    ]


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        # a relation's "of" phrase counts no one of the verb
        ("Ketron Nathan, a father of three, was shot and killed.", [(1, "killed")]),
        ("A mother of two died in the crash.", [(1, "killed")]),
        ("The sister of the two boys died in the crash.", [(1, "killed")]),  # the sister
        # a part given as a number: the whole is not what the verb counts
        ("One of the six died from a head wound.", [(1, "killed")]),
        ("Two of the 20 passengers died.", [(2, "killed")]),
        # but a noun of the measure holds its count, and a part's whole keeps its own words
        ("The deaths of 12 people were confirmed.", [(12, "killed")]),
        # a part of the wounded is a count of the wounded too
        ("He said 30 of the 80 wounded remained in hospital.", [(30, "injured"), (80, "injured")]),
        ("It gave her one of its $500,000 grants.", [(500000, "money")]),
    ],
)  # fmt: skip
def test_relations_and_parts_do_not_lend_their_count(
    text: str, counts: list[tuple[float, str]]
) -> None:
    found = [(c.value, c.measure) for c in claims_of(text) if c.measure != "other"]
    assert found == counts


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("A shooting left three people hurt and one person dead.", [(3, "injured"), (1, "killed")]),
        ("The attack left 28 people dead.", [(28, "killed")]),
        ("Six members of a family were shot to death on Wednesday.", [(6, "killed")]),
        ("Two men were beaten to death in the riot.", [(2, "killed")]),
        ("Six people sustained injuries in the shootings.", [(6, "injured")]),
        ("Two men suffered fatal injuries.", [(2, "killed")]),
        ("The crash left 40 people injured and one person dead.", [(40, "injured"), (1, "killed")]),
    ],
)  # fmt: skip
def test_a_conjoined_count_keeps_its_own_word(text: str, counts: list[tuple[float, str]]) -> None:
    assert [(c.value, c.measure) for c in claims_of(text)] == counts


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("NOW, SIX PEOPLE SHOT TOTAL, ONE PERSON KILLED, THE OTHER FIVE SHOT.",
         [(5, "injured"), (1, "killed")]),
        ("POLICE SAY THREE PEOPLE WERE KILLED AND TWO WERE WOUNDED.", [(3, "killed"), (2, "injured")]),
    ],
)  # fmt: skip
def test_a_sentence_in_capitals_is_read_in_sentence_case(
    text: str, counts: list[tuple[float, str]]
) -> None:
    found = [(c.value, c.measure) for c in claims_of(text) if c.measure != "other"]
    assert found == counts


def test_one_number_of_two_conjoined_measures_is_a_claim_of_each() -> None:
    found = claims_of("Two leaders of the valley were arrested and charged with fraud on Monday.")
    assert sorted((c.value, c.measure, c.what) for c in found) == [
        (2, "arrested", "leaders of the valley arrested"),
        (2, "charged", "leaders of the valley charged"),
    ]


def test_a_conjoined_verb_with_a_count_or_a_subject_of_its_own_is_another_figure() -> None:
    found = claims_of("At least 9 people were killed and nearly 40 injured in the blast.")
    assert sorted((c.value, c.measure) for c in found) == [(9, "killed"), (40, "injured")]
    found = claims_of("Three people were arrested and police charged one with arson.")
    assert sorted((c.value, c.measure) for c in found) == [(1, "charged"), (3, "arrested")]
    found = claims_of("The blast killed at least 9 people and injured 30 others.")
    assert [(c.value, c.measure) for c in found] == [(9, "killed"), (30, "injured")]


@pytest.mark.parametrize(
    ("text", "measures"),
    [
        ("The gunman tried to kill three people in the square.", ["other"]),
        ("The blast could have killed 200 workers.", ["other"]),
        ("Police said 4 passengers were not injured.", ["other"]),
        ("There might have been two people killed, he said.", ["other"]),
        ("There were two people killed in the crash.", ["killed"]),
        ("Officials said 12 people were killed in the blast.", ["killed"]),
    ],
)
def test_a_casualty_count_on_a_verb_that_states_none_is_no_casualty(
    text: str, measures: list[str]
) -> None:
    assert [c.measure for c in claims_of(text)] == measures


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The museum lost $3.5 million.", ("money", None)),
        ("Turnout fell to 41 percent.", ("percent", None)),
        ("Harlow beat Stanmore 71-64.", ("score", None)),
        ("She served 212 days in jail.", ("duration", "day")),
        ("A 5.2-magnitude quake struck.", ("magnitude", "magnitude")),
        ("The epicentre was 14 miles south of the town.", ("quantity", "mile")),
        ("Rebels seized 12 armoured trucks.", ("count", "armoured truck")),
        ("At least 9 of the hijacked barges were freed.", ("count", "hijacked barge")),
    ],
)  # fmt: skip
def test_a_claim_has_a_value_kind_and_a_normalised_counted_noun(
    text: str, expected: tuple[str, str | None]
) -> None:
    claim = claims_of(text)[0]
    assert (claim.kind, claim.counted) == expected


def test_a_count_that_refers_back_takes_the_measure_of_the_people_counted() -> None:
    text = "The coastguard detained 14 smugglers on Monday. All 14 smugglers were flown to Brest."
    assert [(c.value, c.measure) for c in claims_of(text)] == [(14, "arrested"), (14, "arrested")]
    # without a word pointing back, the same number of the same people is a count of its own
    text = "The coastguard detained 14 smugglers on Monday. 14 smugglers escaped in May."
    assert [(c.value, c.measure) for c in claims_of(text)] == [(14, "arrested"), (14, "other")]


def test_ages_of_several_people_set_off_after_them_are_not_counts() -> None:
    text = "Police said two men, 17 and 22, were also arrested."
    assert [(c.value, c.measure) for c in claims_of(text)] == [(2, "arrested")]


def test_the_first_of_two_ages_sharing_one_year_old_is_an_age() -> None:
    assert claims_of("Nine- and 13-year-old boys are too young to sign.") == []
    doc = NLP("The club has 40 - and soon 60 - members.")  # no age word after the pair
    assert not _suspended_age(doc[3:4])


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("Three adults and two children were killed in the fire.", 5),
        ("Two men and a woman were wounded on Sunday.", 3),
        ("One Australian and one English climber have fallen to their deaths.", 2),
        ("Police found the bodies of a woman and her three children.", 4),
        ("Two girls and their father were found dead in the car.", 3),
        ("The suspect and two others were arrested.", 3),
        ("Prosecutors charged Jeffs and 11 members of the sect.", 12),
        # a surname the tagger takes for a plural noun, after the full name
        ("Warren Jeffs led the sect for years. Jeffs and 11 other FLDS men were charged.", 12),
        ("He and two others were arrested on Friday.", 3),
        ("Two victims and two bystanders were injured.", 4),
        # members that say the same harm share it
        ("Two injured adults and three injured children were taken to hospital.", 5),
        (
            "Climbers killed\n\nONE Australian and one English climber have fallen to their deaths.",
            2,
        ),
    ],
)
def test_counts_joined_in_one_phrase_add_up(text: str, total: float) -> None:
    found = claims_of(text)
    assert total in [c.value for c in found]
    whole = next(c for c in found if c.value == total)
    assert all(whole.start <= c.start and c.end <= whole.end for c in found)
    assert whole.counted is None  # everyone its members name, no sub-group


def test_a_count_the_parser_hangs_on_anothers_subject_keeps_its_own_participle() -> None:
    # the parser takes "four men" for an appositive of the one killed
    text = (
        "Dana Smith killed, four men wounded in what alderman calls 'ambush' with rifle in Elm "
        "Park\n\nThe shooting happened on Monday."
    )
    assert [(c.value, c.measure) for c in claims_of(text) if c.value == 4] == [(4, "injured")]


def test_a_headlines_comma_joins_counts_into_a_total() -> None:
    title = "Four children, two adults injured in range accident in Elmford"
    found = claims_of(f"{title}\n\nThe shooting happened on Saturday.", title=title)
    assert sorted((c.value, c.measure) for c in found) == [
        (2, "injured"),
        (4, "injured"),
        (6, "injured"),
    ]


def test_a_count_of_people_told_apart_is_no_member_of_a_total() -> None:
    found = claims_of("Five people, two adults and three children, were hurt on Saturday.")
    assert sorted(c.value for c in found) == [2, 3, 5]


def test_a_relative_clauses_adverb_names_the_measure_of_its_people() -> None:
    found = claims_of("The two men who were fatally shot on Tuesday had been lured there.")
    assert [(c.value, c.measure, c.unit) for c in found] == [(2, "killed", "people")]


def test_members_that_say_their_own_harm_add_up_to_no_total() -> None:
    text = "They found a man and a woman dead, as well as two injured students, police said."
    assert [(c.value, c.measure) for c in claims_of(text)] == [(2, "injured")]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("His three companions were rescued by helicopter.", "people"),
        ("Two teammates were hurt in the crash.", "people"),
        ("Three trucks were destroyed in the blast.", "trucks"),
    ],
)
def test_companions_are_counted_as_people(text: str, unit: str) -> None:
    assert [c.unit for c in claims_of(text)] == [unit]


def test_a_plural_without_a_number_adds_nothing_up() -> None:
    found = claims_of("Officers and two firefighters were hurt.")
    assert [c.value for c in found] == [2]


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("The company has 350 employees.", "employees"),
        ("The walk to the camp was 14 miles.", "miles"),
        ("The storm destroyed 40 homes.", "homes destroyed"),
    ],
)
def test_a_description_keeps_no_light_verb(text: str, what: str) -> None:
    assert [c.what for c in claims_of(text)] == [what]


def test_counts_shared_among_measures_do_not_add_up() -> None:
    text = "Horton and two other victims were killed and injured in the crossfire."
    assert all(c.value == 2 for c in claims_of(text))


def test_counts_of_different_verbs_do_not_add_up() -> None:
    found = claims_of("Five soldiers were killed and 20 people were injured.")
    assert sorted(c.value for c in found) == [5, 20]


def test_a_headlines_counts_of_the_dead_and_the_hurt_add_up_to_no_total() -> None:
    title = "Two men dead, three women wounded at party"
    found = claims_of(f"{title}\n\nThe shooting happened on Saturday.", title=title)
    assert [(c.value, c.measure) for c in found] == [(2, "killed"), (3, "injured")]
