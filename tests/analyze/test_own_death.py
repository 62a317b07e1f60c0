"""A killer who then took his own life is one more of the dead: the toll with him beside the
count the sentence gives."""

from __future__ import annotations

import pytest

from accord.analyze.claims import find_claims
from accord.analyze.nlp import load_nlp


def tolls(text: str) -> list[tuple[float, str | None]]:
    claims = find_claims(load_nlp()(text), "k", [], "2031-03-04", None)
    return sorted((c.value, c.what) for c in claims if c.measure == "killed")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police: Man shoots 4 relatives, killing 2, then himself",
         [(2, "people killing"), (3, "people killing, and the killer himself")]),
        ("The gunman killed two people and wounded nine others before killing himself.",
         [(2, "people killed"), (3, "people killed, and the killer himself")]),
        ("Two people were killed and the suspect killed himself.",
         [(2, "people killed"), (3, "people killed, and the killer himself")]),
        ("Two people were killed before he killed himself.",  # "he" is none of the two
         [(2, "people killed"), (3, "people killed, and the killer himself")]),
        ("The gunman killed two people before he turned the gun on himself.",
         [(2, "people killed"), (3, "people killed, and the killer himself")]),
        ("The gunman killed two people and then took his own life.",
         [(2, "people killed"), (3, "people killed, and the killer himself")]),
        # the sentence's toll, not its parts, is the one he adds to
        ("A man killed his wife and two children before killing himself.",
         [(2, "children killed"), (3, "his wife and two children (in all)"),
          (4, "his wife and two children (in all), and the killer himself")]),
    ],
)  # fmt: skip
def test_the_toll_with_the_killer_who_killed_himself(
    text: str, expected: list[tuple[float, str]]
) -> None:
    assert tolls(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # the one counted is the killer himself
        "A man shot and killed himself on Sunday.",
        "A man was found dead after he killed himself.",
        "The boy, a 10-year-old who fatally shot himself last weekend, was buried on Friday.",
        # the toll counts him already
        "Four were killed, including himself, the shooter.",
        "Three people were killed, including the gunman, who then shot himself.",
        "Four were killed, including the gunman, and the gunman then killed himself.",
        # no death of his own, or no separate one
        "Two people were killed and the suspect shot himself in the leg.",
        "Two people were killed and the suspect then tried to kill himself.",
        "Two people were killed and the suspect threatened to kill himself.",
        "He killed two people himself.",
    ],
)
def test_no_toll_with_the_killer_where_he_is_counted_or_lived(text: str) -> None:
    assert all(not (what or "").endswith("the killer himself") for _, what in tolls(text))
