"""Each verdict of FORMATS.md on hand-built groups, and the best-value rule."""

import pytest

from accord.model import SourceType
from accord.reconcile.groups import group_claims


def _one_group(claims, articles):
    groups = group_claims("s", claims, articles)
    assert len(groups) == 1, [g.members for g in groups]
    return groups[0]


def test_single_when_only_a_report_and_its_rewrite(claim, article):
    arts = [article("a"), article("b", duplicate_of="a", relation="rewrite")]
    g = _one_group([claim("a", 12, source="Police"), claim("b", 14, source="Mayor")], arts)
    assert g.verdict == "single"


def test_agree_when_every_value_fits(claim, article):
    arts = [article("a"), article("b")]
    claims = [
        claim("a", 40, qualifier="about", source="Police"),
        claim("b", 41, source="Red Cross"),
    ]
    assert _one_group(claims, arts).verdict == "agree"


def test_dispute_between_sources(claim, article):
    arts = [article("a"), article("b")]
    claims = [
        claim("a", 40, source="Police", source_type=SourceType.GOVERNMENT),
        claim("b", 55, source="Red Cross", source_type=SourceType.NGO),
    ]
    g = _one_group(claims, arts)
    assert g.verdict == "dispute"
    assert g.explanation == (
        "Sources disagree: 40 (Police; 2 March 2031) against 55 (Red Cross; 2 March 2031)."
    )


def test_officials_counts_of_one_day_are_readings_of_a_rising_toll(claim, article):
    arts = [article("a"), article("b")]
    claims = [
        claim("a", 40, source="Police", source_type=SourceType.GOVERNMENT),
        claim("b", 55, source="Hospital director", source_type=SourceType.PERSON),
    ]
    g = _one_group(claims, arts)
    assert (g.verdict, g.value) == ("update", 55)


def test_a_rise_across_sources_is_explained_by_its_first_and_current_readings(claim, article):
    arts = [article("a", "2031-03-02"), article("b", "2031-03-03"), article("c", "2031-03-04")]
    claims = [claim("a", 1, qualifier="at_least"), claim("b", 5), claim("c", 24, source="Police")]
    g = _one_group(claims, arts)
    assert (g.verdict, g.value) == ("update", 24)
    assert g.explanation == (
        "The count rose as reports came in, from at least 1 (unattributed, 2 March 2031) "
        "to 24 (Police, 4 March 2031), in 3 reports."
    )


def test_update_same_source_later_value_even_when_intervals_overlap(claim, article):
    arts = [article("a", "2031-03-02"), article("b", "2031-03-04")]
    claims = [
        claim("a", 300, measure="affected", qualifier="at_least", source="Council"),
        claim("b", 320, measure="affected", source="Council"),
    ]
    g = _one_group(claims, arts)
    assert g.verdict == "update"
    assert "Council's count rose from at least 300 to 320" in g.explanation


def test_running_total_rising_across_sources_is_an_update(claim, article):
    arts = [article("a", "2031-03-02"), article("b", "2031-03-05")]
    claims = [claim("a", 10, source="Police"), claim("b", 16, source="Hospital")]
    assert _one_group(claims, arts).verdict == "update"


def test_running_total_falling_without_revision_is_a_dispute(claim, article):
    arts = [article("a", "2031-03-02"), article("b", "2031-03-09")]
    claims = [
        claim("a", 2400, measure="arrested", qualifier="about", source="Ministry"),
        claim("b", 2000, measure="arrested", qualifier="about", source="Ministry"),
    ]
    assert _one_group(claims, arts).verdict == "dispute"


def test_running_total_revised_down_is_an_update(claim, article):
    arts = [article("a", "2031-03-02"), article("b", "2031-03-09")]
    claims = [
        claim("a", 30, source="Ministry"),
        claim("b", 24, source="Ministry", sentence="The ministry revised the toll down to 24."),
    ]
    assert _one_group(claims, arts).verdict == "update"


def test_same_day_running_count_of_one_source_is_an_update(claim, article):
    arts = [article("a", "2031-03-02T09:00:00+00:00"), article("b", "2031-03-02")]
    claims = [
        claim("a", 60, measure="released", qualifier="at_least", source="Watch Group"),
        claim("b", 107, measure="released", source="Watch Group"),
    ]
    g = _one_group(claims, arts)
    assert g.verdict == "update"
    assert g.value == 107
    assert "during 2 March 2031" in g.explanation


def test_fixed_past_figure_with_different_precision_agrees(claim, article):
    arts = [article("a", "2031-03-02"), article("b", "2031-03-02")]
    claims = [
        claim(
            "a",
            225,
            measure="reviewed",
            unit="cases",
            qualifier="at_least",
            source="Prosecutor",
            when="2031-03-01",
        ),
        claim(
            "b",
            200,
            measure="reviewed",
            unit="cases",
            qualifier="more_than",
            source="Prosecutor",
            when="2031-03-01",
        ),
    ]
    g = _one_group(claims, arts)
    assert g.verdict == "agree"
    assert g.value == 225  # exact-or-bound tie: the larger bound of the latest day


def test_best_value_is_latest_of_most_cited_source(claim, article):
    arts = [article("a", "2031-03-02"), article("b", "2031-03-03"), article("c", "2031-03-04")]
    claims = [
        claim("a", 50, qualifier="at_least", source="Red Cross"),
        claim("b", 60, qualifier="at_least", source="Red Cross"),
        claim("c", 58, source="Police"),
    ]
    g = _one_group(claims, arts)
    assert g.value == 60
    assert "most independent reports" in g.best_rule
    assert (g.first_reported, g.last_reported) == ("2031-03-02", "2031-03-04")
    assert [v.doc for v in g.by_source] == ["a", "b", "c"]


def test_an_agreed_count_is_the_count_not_the_ceiling_it_is_under(claim, article):
    arts = [article("a", "2031-03-02"), article("b", "2031-03-02")]
    claims = [
        claim("a", 20, measure="injured", qualifier="up_to", source="County Sheriff"),
        claim("b", 14, measure="injured", source="Officials"),
    ]
    g = _one_group(claims, arts)
    assert (g.verdict, g.value) == ("agree", 14)
    assert "a count before a ceiling" in g.best_rule


@pytest.mark.parametrize(
    ("counts", "best"),
    [
        # "a man was shot, police said" beside "a man and a woman were shot": the count stands
        ([(1, "at_least", "Police"), (2, "at_least", None)], 2),
        ([(1, "at_least", "Police"), (3, "exact", None)], 3),
        # with nothing but "at least one", it is the value
        ([(1, "at_least", "Police"), (1, "at_least", None)], 1),
    ],
)
def test_at_least_one_yields_to_a_figure_that_counts(claim, article, counts, best):
    arts = [article("a", "2031-03-02")]
    claims = [
        claim("a", value, measure="injured", qualifier=qualifier, source=source, id=f"a#{i}")
        for i, (value, qualifier, source) in enumerate(counts)
    ]
    assert _one_group(claims, arts).value == best


def test_the_missing_fall_as_they_are_found_an_update_whoever_counts(claim, article):
    # Monday: "more than 25 missing, officials said"; Tuesday: "14 still missing, the coastguard
    # said"; Friday: "two remain missing", the coastguard. A level falls without any revision.
    arts = [article("a", "2031-03-02"), article("b", "2031-03-03"), article("c", "2031-03-06")]
    claims = [
        claim("a", 25, measure="missing", qualifier="more_than", source="officials",
              when="2031-03-02"),
        claim("b", 14, measure="missing", source="Coastguard", when="2031-03-03",
              when_text="Tuesday"),
        claim("c", 2, measure="missing", source="Coastguard", when="2031-03-06"),
    ]  # fmt: skip
    g = _one_group(claims, arts)
    assert g.verdict == "update" and g.value == 2
    assert g.explanation == (
        "The count changed from more than 25 (officials, 2 March 2031) to 2 (Coastguard,"
        " 6 March 2031)."
    )


def test_the_missing_disputed_on_one_day(claim, article):
    arts = [article("a", "2031-03-02"), article("b", "2031-03-02")]
    claims = [
        claim("a", 14, measure="missing", source="Coastguard"),
        claim("b", 30, measure="missing", source="Volunteers"),
    ]
    assert _one_group(claims, arts).verdict == "dispute"


def test_the_missing_of_a_report_dated_from_its_story_are_no_rival_reading(claim, article):
    # a radio page with no date of its own takes the story's day; its "nine still missing" is
    # the level read again, not a rival of that day's 17
    arts = [
        article("a", "2031-03-02"),
        article("b", "2031-03-02", published_inferred=True),
        article("c", "2031-03-04"),
    ]
    claims = [
        claim("a", 17, measure="missing", source="Coastguard"),
        claim("b", 9, measure="missing", source="Coastguard"),
        claim("c", 4, measure="missing", source="Coastguard"),
    ]
    assert _one_group(claims, arts).verdict == "update"


@pytest.mark.parametrize(
    ("measure", "what", "label"),
    [
        ("killed", "people left", "people killed"),  # the description does not name the measure
        ("rescued", "hikers rescued", "hikers rescued"),  # a short one that does is kept
        ("injured", "others injured", "people injured"),  # "others" says who else, not who
        ("other", "hotels damaged", "hotels damaged"),
        ("other", "-magnitude", "magnitude"),
        # a description with another figure or an aside in it is no label: the unit is
        ("other", "bridges, and 4 school buildings", "bridges"),
        ("other", "bridges (35 kilometers)", "bridges"),
        # a sentence's opening capital goes, as the label is read inside a sentence; a name's stays
        ("injured", "No one injured", "no one injured"),
        ("killed", "Palestinians killed", "Palestinians killed"),
        ("other", "Most Wanted list", "Most Wanted list"),
    ],
)
def test_label_names_the_measure(claim, article, measure, what, label):
    arts = [article("a"), article("b")]
    unit = "bridges" if "bridges" in what else "people"
    claims = [
        claim("a", 9, measure=measure, unit=unit, what=what, source="Police"),
        claim("b", 9, measure=measure, unit=unit, what=what, source="Mayor"),
    ]
    assert _one_group(claims, arts).what == label


def test_range_reaches_an_open_figure(claim, article):
    arts = [article("a", "2031-03-02"), article("b", "2031-03-03")]
    claims = [
        claim("a", 12, source="Police"),
        claim("b", 19, qualifier="at_least", source="Police"),
    ]
    g = _one_group(claims, arts)
    assert (g.low, g.high) == (12, 19)


def test_close_undated_counts_are_readings_of_one_rising_toll(claim, article):
    arts = [article("a", published=None), article("b", published=None)]
    close = [claim("a", 40, source="Police"), claim("b", 43, source="Hospital")]
    assert (_one_group(close, arts).verdict, _one_group(close, arts).value) == ("update", 43)
    far = [claim("a", 55, source="Police"), claim("b", 100, source="Hospital")]
    assert _one_group(far, arts).verdict == "dispute"


def test_a_bound_another_count_more_than_doubles_was_an_early_reading(claim, article):
    undated = [article("a", published=None), article("b", published=None)]
    outgrown = [
        claim("a", 40, qualifier="at_least", source="Governor"),
        claim("b", 250, source="United Nations"),
    ]
    assert (_one_group(outgrown, undated).verdict, _one_group(outgrown, undated).value) == (
        "update",
        250,
    )
    near = [claim("a", 70, qualifier="at_least", source="Police"), claim("b", 100, source="AP")]
    assert _one_group(near, undated).verdict == "agree"
    # a bound given after the larger count is a stale reading, not the start of a rise
    dated = [article("a", "2031-03-02"), article("b", "2031-03-04")]
    stale = [claim("a", 250, source="United Nations"), claim("b", 40, qualifier="at_least")]
    assert _one_group(stale, dated).verdict == "agree"


def test_undated_counts_given_by_no_one_are_no_rival_counts(claim, article):
    arts = [article("a", published=None), article("b", published=None)]
    unnamed = [claim("a", 2), claim("b", 4)]
    assert _one_group(unnamed, arts).verdict == "update"
    # one side named: a figure stands against a source's
    named = [claim("a", 55, source="UN agency"), claim("b", 100)]
    assert _one_group(named, arts).verdict == "dispute"


def test_many_voices_agreeing_are_summed_up_named_first(claim, article):
    arts = [article(d) for d in "abcde"]
    claims = [claim(d, 3) for d in "abcd"] + [claim("e", 3, source="The prime minister")]
    g = _one_group(claims, arts)
    assert g.explanation == "Sources agree: 3 (The prime minister, unattributed; 2 March 2031)."
    outlets = [article(d, outlet=f"The {d.upper()} Courier") for d in "abcde"]
    assert _one_group(claims, outlets).explanation == (
        "Sources agree: 3 (The prime minister, unattributed in The A Courier, unattributed in The"
        " B Courier and 2 more; 2 March 2031)."
    )


def test_a_source_is_named_once_however_its_reports_case_it(claim, article):
    """No report key stands for a report of unknown outlet: the reader knows no such name."""
    arts = [article(d, outlet="Eldmoor Gazette" if d == "c" else None) for d in "abc"]
    claims = [
        claim("a", 1e6, measure="money", unit="USD", source="Authorities"),
        claim("b", 1e6, measure="money", unit="USD", source="authorities"),
        claim("c", 1e6, measure="money", unit="USD"),
    ]
    explanation = _one_group(claims, arts).explanation
    assert explanation == (
        "Sources agree: Authorities: 1,000,000 (2 March 2031); "
        "unattributed in Eldmoor Gazette: 1,000,000 (2 March 2031)."
    )


def test_a_rise_starts_from_the_lowest_first_reading(claim, article):
    arts = [article("a"), article("b"), article("c")]
    claims = [
        claim("a", 80, qualifier="up_to", source="Agency"),
        claim("b", 50, source="Governor"),
        claim("c", 90, source="Ministry"),
    ]
    assert "from 50 (Governor" in _one_group(claims, arts).explanation


def test_an_update_explained_is_a_sentence(claim, article):
    arts = [article("a", "2031-03-02"), article("b", "2031-03-03")]
    claims = [
        claim("a", 12, source="the regional emergency office"),
        claim("b", 19, source="the regional emergency office"),
    ]
    assert _one_group(claims, arts).explanation.startswith("The regional emergency office's count")


def test_a_denial_against_a_count_of_one_day_is_a_dispute(claim, article):
    arts = [article("a"), article("b")]
    claims = [claim("a", 12, source="The county commissioner"), claim("b", 0, source="UNHCR")]
    g = _one_group(claims, arts)
    assert (g.verdict, g.values) == ("dispute", (0, 12))


def test_a_count_after_a_denial_is_an_update(claim, article):
    arts = [article("a", "2031-03-02"), article("b", "2031-03-03")]
    g = _one_group([claim("a", 0, measure="arrested"), claim("b", 2, measure="arrested")], arts)
    assert (g.verdict, g.value) == ("update", 2)


def test_a_sub_group_below_a_count_of_everyone_is_no_rival(claim, article):
    arts = [article("a", "2031-03-02"), article("b", "2031-03-03")]
    everyone = claim("a", 3, measure="injured", counted="people", source="Police")
    officers = claim("b", 2, measure="injured", counted="officer")
    g = _one_group([everyone, officers], arts)
    assert (g.verdict, g.value) == ("agree", 3)


def test_a_count_of_everyone_below_an_earlier_sub_group_disputes_it(claim, article):
    arts = [article("a", "2031-03-03"), article("b", "2031-03-02")]
    everyone = claim("a", 3, measure="injured", counted="people", source="Police")
    officers = claim("b", 5, measure="injured", counted="officer")
    assert _one_group([everyone, officers], arts).verdict == "dispute"


def test_the_range_of_a_count_given_as_its_top_starts_at_its_value(claim, article):
    arts = [article("a"), article("b")]
    claims = [
        claim("a", 50, measure="injured"),
        claim("b", 80, measure="injured", qualifier="up_to"),
    ]
    g = _one_group(claims, arts)
    assert (g.low, g.high) == (50, 80)


def test_as_many_as_counted_says_more_than_one_named_later(claim, article):
    """ "He was arrested" (at least one) says an arrest happened, not how many: beside a count
    of nine it neither corroborates that count nor stands for it."""
    arts = [article("a", "2031-03-02"), article("b", "2031-03-20")]
    many = claim("a", 9, measure="arrested", qualifier="up_to")
    one = claim("b", 1, measure="arrested", qualifier="at_least")
    g = _one_group([many, one], arts)
    assert (g.verdict, g.value) == ("single", 9)
    assert g.explanation.endswith(
        "1 more figure says only that it happened (at least one), not how many."
    )


def test_one_of_two_counted_bears_on_the_count(claim, article):
    """ "A British climber died", beside "two climbers died", is one of the two."""
    arts = [article("a", "2031-03-02"), article("b", "2031-03-02")]
    claims = [
        claim("a", 2, measure="killed"),
        claim("b", 1, measure="killed", qualifier="at_least"),
    ]
    assert _one_group(claims, arts).verdict == "agree"


@pytest.mark.parametrize(
    ("fewer", "more"),
    [
        ("A gunman killed three people on Monday.", "Four people died, including the gunman."),
        ("He shot dead three people before turning the gun on himself.", "Four people died."),
    ],
)
def test_tolls_that_differ_by_the_attacker_alone_agree(claim, article, fewer, more):
    arts = [article("a", "2031-03-02"), article("b", "2031-03-02")]
    claims = [
        claim("a", 3, measure="killed", sentence=fewer, **POLICE),
        claim("b", 4, measure="killed", sentence=more, **MONITOR),
    ]
    g = _one_group(claims, arts)
    assert (g.verdict, g.value) == ("agree", 4)
    assert g.explanation.endswith("4 counts the attacker too.")


@pytest.mark.parametrize(
    ("fewer", "more"),
    [
        # more than the attacker apart
        ((2, "Two people were killed."), (4, "Four died, including the gunman.")),
        # the attacker's kin is no attacker
        ((3, "Three people were killed."), (4, "Four people died, including the suspect's wife.")),
    ],
)
def test_other_tolls_of_rival_counters_are_disputed(claim, article, fewer, more):
    arts = [article("a", "2031-03-02"), article("b", "2031-03-02")]
    claims = [
        claim("a", fewer[0], measure="killed", sentence=fewer[1], **POLICE),
        claim("b", more[0], measure="killed", sentence=more[1], **MONITOR),
    ]
    assert _one_group(claims, arts).verdict == "dispute"


def test_a_toll_with_the_killer_agrees_with_the_toll_he_left(claim, article):
    """The analysis's toll with a killer who killed himself (`accord.analyze.own_death`) is
    the other report's toll and him: no rival count."""
    arts = [article("a", "2031-03-02"), article("b", "2031-03-03")]
    said = "The gunman killed two people at a bar on Monday before killing himself."
    claims = [
        claim("a", 3, measure="killed", sentence=said, what="people killed, and the killer himself",
              **POLICE),
        claim("b", 2, measure="killed", sentence="Two people were killed at a bar.", **MONITOR),
    ]  # fmt: skip
    g = _one_group(claims, arts)
    assert (g.verdict, g.value) == ("agree", 3)
    assert g.explanation.endswith("3 counts the attacker too.")


def test_a_lone_toll_with_the_killer_says_it_counts_him(claim, article):
    """ "Killing 2, then himself" alone in its story: its key figure, 3, says where the third is."""
    said = "Police: Man shoots 4 relatives, killing 2, then himself"
    claims = [
        claim(
            "a", 3, measure="killed", sentence=said, what="people killing, and the killer himself"
        )
    ]
    assert _one_group(claims, [article("a", "2031-03-02")]).explanation.endswith(
        "3 counts the attacker too."
    )


def test_a_toll_that_fits_without_the_attacker_says_nothing_of_him(claim, article):
    arts = [article("a", "2031-03-02"), article("b", "2031-03-02")]
    fewer = "A man shot his wife, then killed himself."
    claims = [
        claim("a", 1, measure="killed", qualifier="at_least", sentence=fewer, **POLICE),
        claim("b", 2, measure="killed", sentence="Two people died.", **MONITOR),
    ]
    assert "attacker" not in _one_group(claims, arts).explanation


# Rival counters: their tolls of one day are no readings of one rising count.
POLICE = {"source": "Police", "source_type": SourceType.GOVERNMENT}
MONITOR = {"source": "Red Cross", "source_type": SourceType.NGO}
