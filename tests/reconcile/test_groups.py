"""Which claims are one figure, and which must stay apart."""

from accord.reconcile.groups import group_claims


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
