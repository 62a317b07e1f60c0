"""The light sentence splitter the briefing and the source listings use."""

import pytest

from accord.reconcile.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Two died. Police said so.", ["Two died.", "Police said so."]),
        ("Headline\nThe body.", ["Headline", "The body."]),
        ("Mr. Smith said two died.", ["Mr. Smith said two died."]),
        # a time zone or an aside after "a.m." goes on with its sentence
        ("It hit at 7:37 a.m. UTC (3:37 a.m. EDT), killing one.",
         ["It hit at 7:37 a.m. UTC (3:37 a.m. EDT), killing one."]),
        ("It came at 7 a.m. Police said two died.", ["It came at 7 a.m.", "Police said two died."]),
        # a middle initial ends no sentence; a letter after a lower-case word still may
        ("He fled, said Sheriff Robert J. Pickell. He was caught.",
         ["He fled, said Sheriff Robert J. Pickell.", "He was caught."]),
        ("They chose plan B. It failed.", ["They chose plan B.", "It failed."]),
    ],
)  # fmt: skip
def test_split_sentences(text: str, sentences: list[str]) -> None:
    assert [text[a:b] for a, b in split_sentences(text)] == sentences
