"""Figures with what they count, as story features: "26 pirates" tells two raids apart."""

from __future__ import annotations

from accord.model import Article, Claim
from accord.stories import counted_figures, report_features

RAID = (
    "Navy sailors stopped a pirate raid on a cargo ship off the coast on Thursday and held "
    "26 pirates, officials said."
)


def _claim(value: float, unit: str | None, kind: str | None) -> Claim:
    return Claim(
        doc="raid",
        value=value,
        start=0,
        end=2,
        sentence=RAID,
        sentence_start=0,
        sentence_end=len(RAID),
        unit=unit,
        kind=kind,
    )


def test_a_count_is_kept_with_its_unit() -> None:
    assert counted_figures([_claim(26, "Pirates", "count")]) == [(26.0, "pirates")]


def test_a_score_a_duration_or_a_bare_number_is_not_counted() -> None:
    claims = [_claim(3, "score", "score"), _claim(2, "hours", "duration"), _claim(7, None, "count")]
    assert counted_figures(claims) == []


def test_a_counted_figure_is_a_feature_beside_the_bare_number() -> None:
    features = report_features(
        Article(key="raid", text=RAID), figures=[26.0], counted=[(26.0, "pirates")]
    )
    assert "n:26 pirates" in features.counts
    assert "n:26" in features.counts


def test_the_same_count_twice_counts_once() -> None:
    once = report_features(Article(key="a", text=RAID), counted=[(26.0, "pirates")])
    twice = report_features(
        Article(key="b", text=RAID), counted=[(26.0, "pirates"), (26.0, "pirates")]
    )
    assert once.counts["n:26 pirates"] == twice.counts["n:26 pirates"]


def test_without_counted_figures_no_feature_names_a_unit() -> None:
    features = report_features(Article(key="raid", text=RAID), figures=[26.0])
    assert not [t for t in features.counts if t.startswith("n:") and " " in t]
