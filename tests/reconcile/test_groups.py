"""Which claims are one figure, and which must stay apart."""

import pytest

from accord.reconcile import groups
from accord.reconcile.groups import (
    _CLUSTERINGS,
    _SUMMARIES,
    _compatible_pairs,
    _item,
    _kinds,
    compatible,
    group_claims,
)
from accord.reconcile.keyfigures import key_groups


def _members(groups):
    return sorted(sorted(g.members) for g in groups)


def test_same_figure_across_reports_is_one_group_and_claims_get_it(claim, article):
    claims = [claim("a", 12, source="Police"), claim("b", 12, source="Police")]
    groups = group_claims("s", claims, [article("a"), article("b")])
    assert len(groups) == 1
    assert {c.group for c in claims} == {groups[0].id}


def test_same_number_different_measure_or_unit_stays_apart(claim, article):
    claims = [
        claim("a", 225, measure="reviewed", unit="cases"),
        claim("b", 225, measure="released", unit="prisoners"),
        claim("c", 225, measure="released", unit="cases"),
    ]
    assert len(group_claims("s", claims, [article("a"), article("b"), article("c")])) == 3


def test_part_and_whole_in_one_report_stay_apart(claim, article):
    # "four visitors among the 14 dead", and another report with the whole toll
    claims = [claim("a", 14), claim("a", 4, what="visitors among the dead"), claim("b", 15)]
    groups = group_claims("s", claims, [article("a"), article("b")])
    assert _members(groups) == [["a#14", "b#15"], ["a#4"]]


def test_earlier_attack_toll_in_a_new_report_is_not_merged(claim, article):
    claims = [
        claim("a", 9, when="2031-03-01"),
        claim("a", 31, when="2027-06"),  # an earlier, different attack
        claim("b", 9),
    ]
    groups = group_claims("s", claims, [article("a"), article("b")])
    assert _members(groups) == [["a#31"], ["a#9", "b#9"]]


def test_place_specific_figure_is_not_a_rival_of_the_total(claim, article):
    claims = [
        claim("a", 107, measure="released"),
        claim("b", 50, measure="released", where="North Camp"),
        claim("c", 50, measure="released", where="North Camp"),
    ]
    groups = group_claims("s", claims, [article("a"), article("b"), article("c")])
    assert _members(groups) == [["a#107"], ["b#50", "c#50"]]


def test_different_times_stay_apart(claim, article):
    claims = [
        claim("a", 80, measure="released", when="2031-01"),
        claim("b", 107, measure="released", when="2031-03-02"),
    ]
    assert len(group_claims("s", claims, [article("a"), article("b")])) == 2


def test_two_shares_of_one_vote_in_a_rewrite_pair(claim, article):
    arts = [article("a"), article("b", duplicate_of="a", relation="rewrite")]
    claims = [
        claim("a", 52, measure="vote_share", unit="percent"),
        claim("a", 43, measure="vote_share", unit="percent"),
        claim("b", 52, measure="vote_share", unit="percent"),
        claim("b", 43, measure="vote_share", unit="percent"),
    ]
    groups = group_claims("s", claims, arts)
    assert _members(groups) == [["a#43", "b#43"], ["a#52", "b#52"]]
    assert {g.verdict for g in groups} == {"single"}


def test_vague_claims_are_not_grouped(claim, article):
    claims = [claim("a", 500, qualifier="vague", value_low=200, value_high=999)]
    assert group_claims("s", claims, [article("a")]) == []
    assert claims[0].group is None


def test_running_totals_as_of_their_reports_meet_across_days(claim, article):
    # two reports a month apart give the toll with no time words: one figure, read twice
    claims = [claim("a", 28, when="2031-03-02"), claim("b", 24, when="2031-04-01")]
    groups = group_claims("s", claims, [article("a"), article("b", "2031-04-01")])
    assert _members(groups) == [["a#28", "b#24"]]


def test_figure_as_of_a_date_does_not_fit_a_later_batch(claim, article):
    # "freed more than 100" (as of 2 March) and "103 freed from Tuesday to Thursday" in April
    claims = [
        claim("a", 100, measure="released", qualifier="more_than", when="2031-03-02"),
        claim("b", 103, measure="released", when="2031-04-01"),
        claim("b", 103, measure="released", when="2031-03-28/2031-03-30", when_text="from Tuesday",
              id="b#103t"),
    ]  # fmt: skip
    groups = group_claims("s", claims, [article("a"), article("b", "2031-04-01")])
    assert _members(groups) == [["a#100more_than"], ["b#103", "b#103t"]]


def test_claims_of_one_report_need_compatible_times(claim, article):
    claims = [
        claim("a", 60, measure="released", qualifier="at_least", when="2031-03-02"),
        claim("a", 80, measure="released", qualifier="more_than", when="2031-01",
              when_text="in January"),
        claim("b", 100, measure="released", qualifier="more_than"),
    ]  # fmt: skip
    groups = group_claims("s", claims, [article("a"), article("b", None)])
    assert ["a#60at_least", "a#80more_than"] not in _members(groups)


def test_who_released_does_not_tell_counts_of_people_apart(claim, article):
    claims = [
        claim("a", 50, measure="released", subject="the authorities"),
        claim("b", 50, measure="released", subject="the government"),
        claim("a", 52, measure="vote_share", unit="percent", subject="Ortiz", when_text="in May"),
        claim("b", 52, measure="vote_share", unit="percent", subject="Brandt"),
    ]
    groups = group_claims("s", claims, [article("a"), article("b")])
    assert _members(groups) == [["a#50", "b#50"], ["a#52"], ["b#52"]]


def test_vote_share_without_time_words_fits_the_dated_one(claim, article):
    # "won 52% in May's election" and, in a later report, "won 52%": the report's date is no time
    claims = [
        claim("a", 52, measure="vote_share", unit="percent", when="2031-05", when_text="May's"),
        claim("b", 52, measure="vote_share", unit="percent", when="2031-07-01"),
    ]
    groups = group_claims("s", claims, [article("a"), article("b", "2031-07-01")])
    assert len(groups) == 1


def test_reviewed_cases_of_people_are_cases(claim, article):
    claims = [
        claim("a", 225, measure="reviewed", unit="cases", qualifier="at_least"),
        claim("b", 200, measure="reviewed", unit="people", qualifier="more_than"),
    ]
    assert len(group_claims("s", claims, [article("a"), article("b")])) == 1


def test_shares_of_different_things_stay_apart(claim, article):
    # "The lake stood at 93 percent of its capacity" / "power is back in 81 percent of homes":
    # sharing the word "percent" says nothing of what the shares are of.
    claims = [
        claim("a", 93, measure="other", unit="percent", what="percent was"),
        claim("b", 81, measure="other", unit="percent", what="percent"),
    ]
    assert len(group_claims("s", claims, [article("a"), article("b")])) == 2


def test_a_bare_count_of_a_named_thing_meets_a_described_one(claim, article):
    # "between 150 and 250 barns" and, later, "212 barns damaged, a survey found"
    claims = [
        claim("a", 200, measure="other", unit="barns", what="barns", qualifier="range",
              value_low=150, value_high=250),
        claim("b", 212, measure="other", unit="barns", what="barns damaged, survey found"),
    ]  # fmt: skip
    groups = group_claims("s", claims, [article("a"), article("b", "2031-03-05")])
    assert len(groups) == 1


def test_accents_do_not_split_a_place(claim, article):
    claims = [
        claim("a", 30, measure="released", where="Pañol Camp"),
        claim("b", 30, measure="released", where="Panol Camp"),
    ]
    assert len(group_claims("s", claims, [article("a"), article("b")])) == 1


def test_a_larger_figure_for_a_place_is_the_toll_risen(claim, article):
    # "nine dead" on day one; "at least 15 dead in the Ordel valley" on day two
    claims = [
        claim("a", 9),
        claim("b", 15, qualifier="at_least", where="the Ordel valley"),
    ]
    assert len(group_claims("s", claims, [article("a"), article("b", "2031-03-03")])) == 1


def test_other_figures_of_different_events_stay_apart(claim, article):
    # "the shelter served 900 meals a day" in the flood; "400 meals at the reopening" a week on.
    # The death toll, a running total, carries on from one event's reports to the next.
    claims = [
        claim("a", 900, measure="other", unit="meals", what="meals served"),
        claim("b", 400, measure="other", unit="meals", what="meals served"),
        claim("a", 11),
        claim("b", 12),
    ]
    arts = [article("a"), article("b", "2031-03-09")]
    groups = group_claims("s", claims, arts, events={"a": "e1", "b": "e2"})
    assert _members(groups) == [["a#11", "b#12"], ["a#900"], ["b#400"]]


def test_the_totals_of_two_events_of_a_kind_years_apart_stay_apart(claim, article):
    # two raids on pirates in one story: 23 arrested in 2028, 26 in 2031
    claims = [claim("a", 23, measure="arrested"), claim("b", 26, measure="arrested")]
    arts = [article("a", "2028-12-13"), article("b", "2031-03-09")]
    groups = group_claims("s", claims, arts, events={"a": "e1", "b": "e2"})
    assert _members(groups) == [["a#23"], ["b#26"]]


def test_a_toll_named_for_its_own_report_day_follows_an_earlier_reading(claim, article):
    # Thursday: "eight people died"; Friday's report: "the toll rose to 13 on Friday"
    claims = [
        claim("a", 8, when="2031-03-02"),
        claim("b", 13, when="2031-03-03", when_text="Friday"),
    ]
    groups = group_claims("s", claims, [article("a"), article("b", "2031-03-03")])
    assert len(groups) == 1


def test_a_toll_that_grew_over_days_is_one_figure_updated(claim, article):
    arts = [article("a", published="2031-03-02"), article("b", published="2031-03-04")]
    claims = [claim("a", 1, measure="arrested"), claim("b", 46, measure="arrested")]
    groups = group_claims("s", claims, arts)
    assert len(groups) == 1 and groups[0].verdict == "update" and groups[0].value == 46


def test_figures_without_a_named_measure_join_only_when_they_fit(claim, article):
    arts = [article("a"), article("b"), article("c")]
    claims = [
        claim("a", 4_000_000, measure="money", unit="USD", what="damages"),
        claim("b", 8_000_000, measure="money", unit="USD", what="damages"),
        claim("c", 8_000_000, measure="money", unit="USD", what="damages"),
    ]
    groups = group_claims("s", claims, arts)
    assert sorted(g.values for g in groups) == [(4_000_000,), (8_000_000,)]
    assert all(g.verdict != "dispute" for g in groups)


def test_a_place_named_in_full_fits_its_short_name(claim, article):
    claims = [claim("a", 3, where="the Marfin Egnatia Bank"), claim("b", 3, where="Marfin")]
    assert len(group_claims("s", claims, [article("a"), article("b")])) == 1
    apart = [claim("a", 3, where="Eldmoor"), claim("b", 3, where="Ordel")]
    assert len(group_claims("s", apart, [article("a"), article("b")])) == 2


def test_those_treated_in_hospital_are_no_rival_of_everyone_hurt(claim, article):
    arts = [article("a"), article("b")]
    treated = claim("a", 4, measure="injured", what="people treated in nearby hospitals")
    hurt = claim("b", 18, measure="injured", what="people injured")
    assert len(group_claims("s", [treated, hurt], arts)) == 2
    # more treated than the hurt counted earlier: the same toll, risen
    later = claim("a", 25, measure="injured", what="people treated in hospital")
    assert len(group_claims("s", [later, hurt], arts)) == 1


def test_the_dead_lead_the_key_figures_then_the_hurt(claim, article):
    arts = [article(k) for k in "abc"]
    claims = [claim(k, 20, measure="injured") for k in "abc"]
    claims += [claim(k, 40, measure="arrested") for k in "abc"]
    claims += [claim("a", 3), claim("b", 3)]
    keys = key_groups(group_claims("s", claims, arts))
    assert [g.measure for g in keys] == ["killed", "injured", "arrested"]


def test_claims_of_one_kind_are_compared_once_and_pair_as_each_pair_would(claim):
    """Copies repeat their figures: the pairs found kind by kind are those of every two claims,
    in the order the claims come in."""
    said = [
        claim("a", 12, id="a1", source="Police"),
        claim("b", 12, id="b1", source="Police"),
        claim("c", 12, id="c1", source="Police"),
        claim("a", 40, id="a2", source="Officials"),
        claim("d", 12, id="d1", source="Police"),
        claim("b", 40, id="b2", source="Officials"),
        claim("c", 3, id="c2", measure="injured"),
        claim("d", 300, id="d2", source="Officials"),
    ]
    items = [_item(c, 0.1, 0.05, None) for c in said]
    kinds = _kinds(items)
    assert len(set(kinds)) < len(items)
    every_two = {
        (i, j)
        for i in range(len(items))
        for j in range(i + 1, len(items))
        if said[i].measure == said[j].measure and compatible(items[i], items[j])
    }
    assert _compatible_pairs(items, kinds) == every_two
    assert (0, 1) in every_two and (3, 5) in every_two
    assert not any(6 in pair for pair in every_two)


def _eldmoor_toll(claim, docs):
    """Each report's dead, hurt and evacuated, the dead rising over the days."""
    return [
        made
        for n, doc in enumerate(docs)
        for made in (
            claim(doc, 12 + n, when=f"2031-03-0{n + 1}"),
            claim(doc, 40, measure="injured", source="Hospital"),
            claim(doc, 300, measure="evacuated", unit="residents"),
        )
    ]


@pytest.fixture
def kept(monkeypatch):
    """Groups kept for a story of any size (this small one stands for a story of many claims),
    from empty caches, left empty."""
    monkeypatch.setattr(groups, "REUSED_FROM", 1)
    _CLUSTERINGS.clear()
    _SUMMARIES.clear()
    yield
    _CLUSTERINGS.clear()
    _SUMMARIES.clear()


def test_an_added_report_groups_again_only_the_blocks_its_claims_join(claim, article, kept):
    """A story's ledger is built again on every add: the groups of a measure the new report
    gives no figure of, and the verdicts of groups it does not join, are taken as made."""
    docs = ["a", "b", "c"]
    articles = [article(d, published=f"2031-03-0{n + 1}") for n, d in enumerate(docs)]
    group_claims("s", _eldmoor_toll(claim, docs), articles)
    late = article("d", published="2031-03-04")
    added = [*_eldmoor_toll(claim, docs), claim("d", 15, when="2031-03-04")]
    clusterings, summaries = _CLUSTERINGS.misses, _SUMMARIES.misses
    warm = group_claims("s", added, [*articles, late])
    assert _CLUSTERINGS.misses - clusterings == 1  # the dead's block alone
    assert _SUMMARIES.misses - summaries == 1  # the dead's group alone
    _CLUSTERINGS.clear()
    _SUMMARIES.clear()
    fresh = [*_eldmoor_toll(claim, docs), claim("d", 15, when="2031-03-04")]
    cold = group_claims("s", fresh, [*articles, late])
    assert [g.to_dict() for g in warm] == [g.to_dict() for g in cold]
    assert [g.measure for g in cold][:1] == ["killed"] and cold[0].docs == ("a", "b", "c", "d")


def test_a_group_taken_as_made_is_a_copy_the_ledger_may_change(claim, article, kept):
    claims = [claim("a", 12), claim("b", 12)]
    first = group_claims("s", claims, [article("a"), article("b")])
    first[0].part_of = "s:g9"
    again = group_claims("s", [claim("a", 12), claim("b", 12)], [article("a"), article("b")])
    assert again[0].part_of is None and again[0].members == first[0].members
