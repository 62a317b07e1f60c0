"""The background word frequencies behind the stories' IDF prior."""

from __future__ import annotations

import re

from story_texts import CHESS, CHESS_2, FLOOD, FLOOD_2, FLOOD_3
from wordfreq import word_frequency

from accord.stories.prior import _plain_word_frequency, background_share


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
