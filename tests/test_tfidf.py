"""The one TF-IDF: smoothed IDF, sublinear counts, unit rows, stop words left out."""

from __future__ import annotations

import math

import pytest

from accord.tfidf import STOP_WORDS, idf, unit_rows


def test_idf_is_smoothed_as_if_one_more_document_held_every_term() -> None:
    assert idf(3, 3) == 1.0
    assert idf(3, 1) == pytest.approx(math.log(2) + 1)


def test_rows_are_sublinear_counts_times_idf_of_unit_length() -> None:
    matrix = unit_rows(["Rain rain rain in Lyon.", "Rain in Paris", "the of and"])
    rows = matrix.toarray()
    rain, lyon = (1 + math.log(3)) * idf(3, 2), idf(3, 1)  # "in" is a stop word
    first = math.hypot(rain, lyon)
    assert sorted(x for x in rows[0] if x) == pytest.approx(sorted([rain / first, lyon / first]))
    assert not rows[2].any()  # stop words only: a row of zeros, not an error
    second = math.hypot(idf(3, 2), idf(3, 1))
    similarity = (matrix @ matrix.T).toarray()
    assert similarity[0, 1] == pytest.approx(rain / first * idf(3, 2) / second)
    assert similarity[0, 0] == pytest.approx(1.0)


def test_the_stop_words_are_the_english_list_the_features_were_measured_with() -> None:
    assert len(STOP_WORDS) == 318
    assert {"the", "fire", "found", "bill"} <= STOP_WORDS and "said" not in STOP_WORDS


def test_the_rows_of_distinct_texts_with_their_copies_are_those_of_every_document() -> None:
    documents = ["Rain in Lyon", "Snow in Paris", "Rain in Lyon", "Rain in Lyon", "Sun and rain"]
    every = unit_rows(documents)
    distinct = unit_rows(["Rain in Lyon", "Snow in Paris", "Sun and rain"], [3, 1, 1])
    assert (distinct.toarray() == every[[0, 1, 4]].toarray()).all()  # to the last bit


def test_terms_are_numbered_in_the_order_first_met_whichever_texts_were_read_before() -> None:
    # A text's words are kept once read; the numbering is each call's own.
    first = unit_rows(["storm storm hits coast", "coast guard"])
    assert first.indices.tolist() == [0, 1, 2, 2, 3]  # storm, hits, coast; coast, guard
    again = unit_rows(["coast guard", "storm storm hits coast"])
    assert again.indices.tolist() == [0, 1, 0, 2, 3]  # coast, guard; coast, storm, hits
    assert again[1].toarray()[0, [2, 3, 0]].tolist() == first[0].toarray()[0, :3].tolist()
