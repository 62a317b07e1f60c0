"""What a figure is about: the story's own count, a part of it, or another event's figure."""

from __future__ import annotations

import pytest
from tests.reconcile.conftest import ArticleFactory, ClaimFactory

from accord.model import Claim, Story, TimeMention
from accord.reconcile import build_ledger
from accord.reconcile.groups import group_claims
from accord.reconcile.roles import Role, assign_roles
from accord.settings import DEFAULTS


def _said(
    claim: ClaimFactory, doc: str, sentence: str, number: str, value: float, **kw: object
) -> Claim:
    """A claim whose number is the first `number` in `sentence` (offsets as the analysis sets)."""
    start = sentence.index(number)
    return claim(
        doc, value, sentence=sentence, start=start, end=start + len(number), **kw
    )  # fmt: skip


def _roles(claims: list[Claim], article: ArticleFactory) -> list[str]:
    docs = sorted({c.doc for c in claims})
    assign_roles(claims, [article(d, published="2031-03-02") for d in docs])
    return [c.role for c in claims]


@pytest.mark.parametrize(
    ("sentence", "number"),
    [
        ("In 2004, a huge quake off the coast triggered a tsunami that killed 230,000 people.", "230,000"),
        ("Last year, a 6.4-magnitude quake rocked the coast, killing at least one person.", "one"),
        ("It was the deadliest flood since 2019, when 32 were killed in the valley.", "32"),
        ("Hours earlier, three men died when a shell hit another school in the town.", "three"),
        ("In a separate incident, seven workers were killed at the mill.", "seven"),
        ("The storm of 1998 killed 61 people in the same valley.", "61"),
        ("In November, a gunman at the college killed three people.", "three"),
        ("The attack came just weeks after a driver, in Eldmoor, shot eight people.", "eight"),
        ("Earlier in the day, two other shootings left three people injured.", "three"),
        ("Police are also looking into other shootings that wounded four men.", "four"),
        ("The hospital treats an average of 70 young gunshot victims a year.", "70"),
        ("There have been 13 shooting deaths of toddlers this year.", "13"),
        ("Dorn was the fourth teenager killed in 2031 in the city.", "fourth"),
        ("Some 2 million people died in the long civil war.", "2 million"),
        ("More than 600 people have been killed in the 12 days of the offensive.", "600"),
        ("The toll rose to 680 since the conflict began.", "680"),
        ("That temblor killed at least six people in the villages.", "six"),
        ("Five people were hurt in that attack, police said.", "Five"),
        ("He was previously convicted in a 2009 shooting that killed two.", "two"),
    ],
)  # fmt: skip
def test_a_figure_of_another_event_is_background(claim, article, sentence, number):
    said = _said(claim, "a", sentence, number, 1.0)
    assert _roles([said], article) == [Role.BACKGROUND]


def test_a_conviction_of_an_earlier_case_is_background_for_its_measure_only(claim, article):
    sentence = "Dario Venn, one of 40 arrested, had previously been convicted of fraud."
    convicted = _said(claim, "a", sentence, "Dario Venn", 1.0, measure="convicted")
    arrested = _said(claim, "a", sentence, "40", 40.0, measure="arrested")
    assert _roles([convicted, arrested], article) == [Role.BACKGROUND, Role.FIGURE]


def test_in_a_story_of_undated_reports_a_year_tells_of_another_time(claim, article):
    tsunami = "Some 168,000 people were killed in Aceh by the 2004 tsunami, the worst hit region."
    old = _said(claim, "a", tsunami, "168,000", 168000.0)
    own = _said(claim, "a", "The quake on Sunday killed one person.", "one", 1.0)
    cold_case = "Police arrested a woman in the 1967 killings of two young women."
    solved = _said(claim, "b", cold_case, "two", 2.0)
    claims = [old, own, solved]
    assign_roles(claims, [article("a", published=None), article("b", published=None)])
    assert [c.role for c in claims] == [Role.BACKGROUND, Role.FIGURE, Role.FIGURE]


def test_some_of_another_events_toll_is_of_that_event(claim, article):
    sentence = "In 2004 a tsunami killed more than 230,000 people, over 170,000 of them in Aceh."
    whole = _said(claim, "a", sentence, "230,000", 230000.0)
    part = _said(claim, "a", sentence, "170,000", 170000.0)
    own = _said(claim, "b", "The quake killed 12 people on Sunday.", "12", 12.0)
    assert _roles([whole, part, own], article) == [Role.BACKGROUND] * 2 + [Role.FIGURE]


def test_a_figure_whose_time_is_long_before_its_report_is_background(claim, article):
    old = claim("a", 600, when="2030-02", when_text="in February")
    recent = claim("a", 12, when="2031-03-01", when_text="on Sunday")
    assert _roles([old, recent], article) == [Role.BACKGROUND, Role.FIGURE]


def test_a_later_report_of_the_storys_own_event_keeps_its_figure(claim, article):
    arts = [article("a", published="2031-03-02"), article("b", published="2031-06-10")]
    opening = claim("b", 3, when="2031-03-01", when_text="on March 1")
    earlier = claim("b", 5, when="2031-01-15", when_text="on January 15")
    claims = [claim("a", 3), opening, earlier]
    assign_roles(claims, arts)
    assert [c.role for c in claims] == [Role.FIGURE, Role.FIGURE, Role.BACKGROUND]


@pytest.mark.parametrize(
    ("sentence", "number"),
    [
        ("The flood killed 24 people, the deadliest since 2004.", "24"),
        ("At least 19 people have died since the river burst its banks on Sunday.", "19"),
        ("Rescuers said 12 people were killed in Eldmoor on Sunday.", "12"),
        ("Three other people were wounded in the shooting.", "Three"),
        ("All seven of those who were tried were convicted.", "seven"),
        ("The strike killed 40 people sheltering from the war.", "40"),
        ("It was the quake that killed 10 people on the island.", "10"),
        ("The gunman killed four people in three separate locations.", "four"),
        ("Four people were killed Sunday in the deadliest shooting in 2031 so far.", "Four"),
        # a report of charges or a trial speaks of its story's event, whenever it was
        ("Three men were charged in the July 2014 shooting that left six people wounded.", "six"),
        ("At the trial, jurors heard how he killed two people in 2011.", "two"),
    ],
)
def test_the_storys_own_figure_stays_a_figure(claim, article, sentence, number):
    said = _said(claim, "a", sentence, number, 1.0)
    assert _roles([said], article) == [Role.FIGURE]


def test_a_count_over_separate_events_is_background_unless_of_one_person(claim, article):
    roundup = "At least 17 others were wounded in separate shootings across the city."
    own = "A man died and a boy was hurt after both were shot in separate incidents."
    counts = [_said(claim, "a", roundup, "17", 17.0), _said(claim, "b", own, "a boy", 1.0)]
    assert _roles(counts, article) == [Role.BACKGROUND, Role.FIGURE]


def test_a_charge_over_separate_shootings_tells_of_its_storys_own(claim, article):
    charged = "He is charged in two separate shootings that killed three people."
    assert _roles([_said(claim, "a", charged, "three", 3.0)], article) == [Role.FIGURE]


@pytest.mark.parametrize(
    ("sentence", "number"),
    [
        ("Twelve people were injured and two seriously.", "Twelve"),
        ("Police said 12 people were hurt, though not seriously.", "12"),
        ("Police said 12 people were hurt but not seriously.", "12"),
    ],
)
def test_an_injury_count_whose_severity_is_not_its_own_stays_a_figure(
    claim, article, sentence, number
):
    said = _said(claim, "a", sentence, number, 12.0, measure="injured")
    whole = _said(claim, "b", "Officials said 80 people were injured.", "80", 80, measure="injured")
    assert _roles([said, whole], article) == [Role.FIGURE, Role.FIGURE]


@pytest.mark.parametrize(
    ("sentence", "number"),
    [
        ("He said 30 of the 80 wounded remained in hospital.", "30"),
        ("Five of them were in a critical condition.", "Five"),
        ("The dead included 12 people, including seven children.", "seven"),
        ("The bodies of two more victims were found on Monday.", "two"),
        ("There are around 30 people seriously injured, the doctor said.", "30"),
        ("He said eight people had suffered from serious injury and 261 others minor.", "eight"),
        ("El hospital atendió a 40 heridos, seis de ellos en estado grave.", "seis"),
        ("Los equipos hallaron los cuerpos de dos víctimas más.", "dos"),
    ],
)
def test_some_of_a_count_is_a_part(claim, article, sentence, number):
    said = _said(claim, "a", sentence, number, 1.0, measure="injured")
    whole = _said(claim, "b", "Officials said 80 people were injured.", "80", 80, measure="injured")
    assert _roles([said, whole], article) == [Role.PART, Role.FIGURE]


@pytest.mark.parametrize(
    ("sentence", "number"),
    [
        ("Another four people died in hospital from their injuries.", "four"),
        ("Otras cuatro personas murieron en el hospital.", "cuatro"),
        ("An additional 3 people were hurt later.", "3"),
    ],
)
def test_an_increment_after_a_count_of_its_measure_is_a_part(claim, article, sentence, number):
    first = _said(claim, "a", "Officials said 12 people were injured.", "12", 12, measure="injured")
    more = _said(claim, "a", sentence, number, 1.0, measure="injured")
    more.start, more.end, more.sentence_start = more.start + 100, more.end + 100, 100  # later
    whole = _said(claim, "b", "Officials said 80 people were injured.", "80", 80, measure="injured")
    assert _roles([first, more, whole], article) == [Role.FIGURE, Role.PART, Role.FIGURE]


def test_an_increment_over_a_count_of_another_measure_is_a_figure(claim, article):
    died = _said(claim, "a", "Three people died in the blaze.", "Three", 3, measure="killed")
    saved = _said(
        claim, "a", "Firefighters rescued another five people.", "five", 5, measure="rescued"
    )
    saved.start, saved.end, saved.sentence_start = saved.start + 100, saved.end + 100, 100
    other = _said(claim, "b", "Officials said 5 people were rescued.", "5", 5, measure="rescued")
    assert _roles([died, saved, other], article) == [Role.FIGURE] * 3


def test_a_part_with_no_whole_in_the_story_is_its_figure(claim, article):
    more = _said(claim, "a", "Two more people have been fatally shot in Eldmoor.", "Two", 2)
    other = _said(claim, "a", "Five of them were hurt.", "Five", 5, measure="injured")
    whole = _said(claim, "b", "Officials said 9 people were injured.", "9", 9, measure="injured")
    assert _roles([more, other, whole], article) == [Role.FIGURE, Role.PART, Role.FIGURE]


def test_a_sub_group_is_a_part_only_beside_a_larger_count_of_everyone(claim, article):
    whole = _said(claim, "a", "The flood killed 24 people in all.", "24", 24)
    children = _said(claim, "a", "Six children were killed at the school.", "Six", 6)
    again = _said(claim, "c", "Officials said 24 people were killed.", "24", 24)
    alone = _said(claim, "b", "Two women were killed in the flat.", "Two", 2)
    roles = _roles([whole, children, again, alone], article)
    assert roles == [Role.FIGURE, Role.PART, Role.FIGURE, Role.FIGURE]


def test_a_count_of_one_nationality_is_a_part_of_the_larger_count(claim, article):
    whole = _said(claim, "a", "The navy arrested 20 smugglers.", "20", 20, measure="arrested")
    somali = _said(
        claim, "a", "Commandos held 12 Somali and 8 Yemeni smugglers.", "12", 12,
        measure="arrested",
    )  # fmt: skip
    assert _roles([whole, somali], article) == [Role.FIGURE, Role.PART]


def test_a_sub_group_counted_beside_another_is_a_part_of_their_unstated_whole(claim, article):
    somali = _said(
        claim, "a", "Commandos held 12 Somali and 11 Yemeni pirates.", "12", 12,
        measure="arrested",
    )  # fmt: skip
    yemeni = _said(
        claim, "a", "Commandos held 12 Somali and 11 Yemeni pirates.", "11", 11,
        measure="arrested",
    )  # fmt: skip
    held = _said(claim, "b", "The navy held 23 pirates.", "23", 23, measure="arrested")
    alone = _said(claim, "c", "Commandos held 12 Somali pirates.", "12", 12, measure="arrested")
    roles = _roles([somali, yemeni, held, alone], article)
    assert roles == [Role.PART, Role.PART, Role.FIGURE, Role.FIGURE]


def test_a_count_of_one_named_place_is_a_part_of_the_larger_count(claim, article):
    whole = _said(claim, "a", "Officials said 24 people were killed.", "24", 24)
    place = _said(
        claim, "a", "In neighbouring Central Vale district, 10 people were killed.", "10", 10
    )
    wider = _said(
        claim, "b", "The war's toll rose to 660, after 43 were killed at the school.", "43", 43
    )
    war = _said(claim, "b", "The war's toll rose to 660 people.", "660", 660)
    again = _said(claim, "c", "The quake killed 24 people.", "24", 24)
    roles = _roles([whole, place, wider, war, again], article)
    # 43 beside 660 is another scope, not a part: both stay figures.
    assert roles == [Role.FIGURE, Role.PART, Role.FIGURE, Role.FIGURE, Role.FIGURE]


def test_background_and_parts_stay_out_of_the_storys_count(claim, article):
    arts = [article("a"), article("b")]
    claims = [
        _said(claim, "a", "The quake killed 24 people, officials said.", "24", 24),
        _said(claim, "b", "Officials said 24 people were killed.", "24", 24),
        _said(claim, "b", "In 2004, a tsunami killed 230,000 people.", "230,000", 230_000),
        _said(claim, "a", "Six children were killed at the school.", "Six", 6),
    ]
    assign_roles(claims, arts)
    groups = group_claims("s", claims, arts)
    toll = next(g for g in groups if 24 in g.values)
    assert toll.values == (24,) and toll.verdict == "agree"
    assert claims[2].group is None
    assert all(230_000 not in g.values for g in groups)


def test_a_group_of_parts_names_its_whole(claim, article):
    arts = [article("a"), article("b")]
    claims = [
        _said(claim, "a", "The quake killed 24 people, officials said.", "24", 24),
        _said(claim, "b", "Officials said 24 people were killed.", "24", 24),
        _said(claim, "a", "Six children were killed at the school.", "Six", 6),
    ]
    ledger = build_ledger(Story("s", "Quake"), arts, claims, [], [], DEFAULTS)
    whole = next(g for g in ledger.groups if g.role == Role.FIGURE)
    part = next(g for g in ledger.groups if g.role == Role.PART)
    assert part.part_of == whole.id and whole.part_of is None


def test_the_members_of_a_total_are_its_parts(claim, article):
    sentence = "Three adults and two children were killed in the fire."
    adults = _said(claim, "a", sentence, "Three", 3)
    children = _said(claim, "a", sentence, "two", 2)
    total = claim("a", 5, sentence=sentence, start=0, end=sentence.index(" were"))
    assert _roles([adults, children, total], article) == [Role.PART, Role.PART, Role.FIGURE]


def test_an_undated_story_is_dated_by_its_reports_dates_not_one_background_figure(claim, article):
    arts = [article("a"), article("b")]
    old = claim("a", 6, when="2030-11-04", when_text="on 4 November 2030")
    toll = claim("b", 12)
    times = [
        TimeMention(doc, text, 0, 1, 0, 1, when)
        for doc, text, when in [("a", "6 January 2031", "2031-01-06"), ("b", "Jan 7", "2031-01-07")]
    ]
    assign_roles([old, toll], arts, times)
    assert (old.role, toll.role) == (Role.BACKGROUND, Role.FIGURE)
