"""The background word frequencies behind the stories' IDF prior."""

from __future__ import annotations

import re

from story_texts import CHESS, CHESS_2, FLOOD, FLOOD_2, FLOOD_3
from wordfreq import get_frequency_dict, word_frequency

from accord.stories.prior import (
    _frequencies,
    _plain_word_frequency,
    _word_frequency,
    background_share,
)


def test_plain_words_read_from_the_list_as_wordfreq_reads_them() -> None:
    words = {
        w
        for text in (CHESS, CHESS_2, FLOOD, FLOOD_2, FLOOD_3)
        for w in re.findall(r"[a-z]+", text.lower())
    }
    words |= {"the", "earthquake", "zzzqx", "a", "said"}
    assert {w: _plain_word_frequency(w) for w in words} == {
        w: word_frequency(w, "en") for w in words
    }


def test_a_common_word_is_in_more_reports_than_a_rare_one() -> None:
    assert background_share("w:said") > background_share("w:earthquake") > 0.0
    assert background_share("w:zzzqx") == 0.0


def test_the_word_list_is_read_once_for_both_ways_of_looking_a_word_up() -> None:
    get_frequency_dict.cache_clear()
    _frequencies.cache_clear()
    _word_frequency.cache_clear()
    assert _word_frequency("storm") > 0.0 and _word_frequency("Storm-hit") > 0.0
    assert get_frequency_dict.cache_info().currsize == 1
