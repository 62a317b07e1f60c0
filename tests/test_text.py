"""Shared text helpers."""

from accord.text import fold_accents


def test_fold_accents_drops_diacritics_and_keeps_the_rest() -> None:
    assert fold_accents("Nicolás Tocorón, Zürich") == "Nicolas Tocoron, Zurich"
    assert fold_accents("plain ASCII") == "plain ASCII"
    assert fold_accents("東京") == "東京"
