import math

import pytest

from accord.reconcile.intervals import Interval, claim_interval, describe_value


@pytest.mark.parametrize(
    ("qualifier", "low", "high"),
    [
        ("exact", 100, 100),
        ("about", 95, 105),
        ("nearly", 90, 100),
        ("at_least", 100, math.inf),
        ("more_than", 100, math.inf),
        ("up_to", 0, 100),
        ("fewer_than", 0, 100),
    ],
)
def test_default_intervals(claim, qualifier, low, high):
    got = claim_interval(claim("a", 100, qualifier=qualifier))
    assert got.low == pytest.approx(low) and got.high == pytest.approx(high)


def test_widths_are_settings(claim):
    got = claim_interval(claim("a", 100, qualifier="about"), about_width=0.2)
    assert (got.low, got.high) == pytest.approx((80, 120))


def test_range_and_vague_use_their_bounds(claim):
    got = claim_interval(claim("a", 350, qualifier="range", value_low=300, value_high=400))
    assert (got.low, got.high) == (300, 400)


def test_open_ends_do_not_meet_at_the_bound():
    more_than_100 = Interval(100, math.inf, low_open=True)
    assert not more_than_100.meets(Interval(100, 100))
    assert Interval(100, math.inf).meets(Interval(100, 100))
    nearly = Interval(90, 100, high_open=True)
    assert not nearly.meets(Interval(100, 100))
    assert Interval(10, 20).below(Interval(30, 40))


def test_describe_value():
    assert describe_value(1800, "at_least") == "at least 1,800"
    assert describe_value(350, "range", 300, 400) == "between 300 and 400"
