"""The unit of a figure that measures rather than counts: a duration ("eight years", "an eight-year
offer", "44 seconds into the round"), a quake's magnitude ("a 4.6-magnitude quake", "magnitude
7.6", "6.0 on the Richter scale"), a length or a weight ("0.98-inches thin", "weighs 6.6 pounds").
A length or a weight glued before a noun describes the thing ("a 13-inch model") and is none.

Units are named in one form, the plural of the unit's word ("years", "miles", "pounds"), so that
"a 20-year sentence" and "20 years in prison" carry the same unit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


# Unit words by lemma (spaCy lemmatises "feet" to "foot"), as the unit a claim carries.
TIME_UNITS = {
    "second": "seconds", "minute": "minutes", "hour": "hours", "day": "days", "week": "weeks",
    "month": "months", "year": "years", "decade": "decades", "century": "centuries",
}  # fmt: skip
MEASURE_UNITS = {
    "mile": "miles", "kilometer": "kilometres", "kilometre": "kilometres", "km": "kilometres",
    "meter": "metres", "metre": "metres", "foot": "feet", "feet": "feet", "inch": "inches",
    "centimeter": "centimetres", "centimetre": "centimetres", "cm": "centimetres",
    "pound": "pounds", "lb": "pounds", "lbs": "pounds", "kilogram": "kilograms",
    "kg": "kilograms", "ton": "tons", "tonne": "tonnes", "gallon": "gallons", "litre": "litres",
    "liter": "litres",
}  # fmt: skip
# Glued before a noun, these count the noun's units too: "an eight-game winning streak".
GLUED_COUNTS = {"game": "games"}
# A glued duration before these is the fixed length of an office, no figure of the report ("his
# third six-year term").
OFFICE_TERMS = {"term", "mandate"}
# Before a duration these, and after it "from now", "ago", "later", make it a point in time ("in
# the past two decades", "ten years from now").
TIME_POINT_BEFORE = {"past", "last", "next", "coming", "previous", "first"}
TIME_POINT_AFTER = {"ago", "later", "earlier", "from", "hence"}
MAGNITUDE = "magnitude"
MAGNITUDE_WORDS = {"magnitude", "richter"}


def measured_unit(span: Span, noun: Token | None) -> str | None:
    """The unit of the figure `span` (its counted noun `noun`, if any) when it measures a time, a
    magnitude, a length or a weight; None for counts, and for ages ("16-year-old", "34 years
    old"), which are no claims."""
    doc = span.doc
    after = list(doc[span.end : span.end + 3])
    glued = (
        len(after) >= 2
        and after[0].text == "-"
        and not doc[span.end - 1].whitespace_
        and not after[0].whitespace_
    )
    if glued:
        word = after[1].lemma_.lower()
        if len(after) == 3 and (after[2].text == "-" or _old(after[2:]) or _names(after[2:])):
            # "a 16-year-old", "a 6-foot-9 forward", "the 15-inch MacBook Pro", a "six-year term"
            return None
        unit = _unit_word(word) or GLUED_COUNTS.get(word)
        if unit in MEASURE_UNITS.values() and not (len(after) == 3 and after[2].pos_ == "ADJ"):
            return None  # a size that describes a thing ("the 13-inch model", "a 220-pound man")
        if unit is not None:
            return unit
    if _magnitude(span):
        return MAGNITUDE
    if noun is None or noun.i < span.end:
        return None
    unit = _unit_word(noun.lemma_.lower()) or _unit_word(noun.lower_)
    if unit is None or _old([t for t in doc[noun.i + 1 : noun.i + 3] if t.text != "-"]):
        return None
    if unit in TIME_UNITS.values() and _time_point(span, noun):
        return None
    return unit


def _names(after: list[Token]) -> bool:
    """A product's name or an office's term after a glued measure ("the 15-inch unibody MacBook
    Pro", "a six-year term"): part of a name or a rule, not a figure of the report."""
    doc = after[0].doc
    for tok in doc[after[0].i : after[0].i + 3]:
        if tok.pos_ == "PROPN" or tok.lemma_.lower() in OFFICE_TERMS:
            return True
        if tok.pos_ not in {"ADJ", "NOUN"}:
            return False
    return False


def _time_point(span: Span, noun: Token) -> bool:
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start else ""
    after = doc[noun.i + 1].lower_ if noun.i + 1 < len(doc) else ""
    return before in TIME_POINT_BEFORE or after in TIME_POINT_AFTER


def _unit_word(word: str) -> str | None:
    if word in MAGNITUDE_WORDS:
        return MAGNITUDE
    return TIME_UNITS.get(word) or MEASURE_UNITS.get(word)


def _old(tokens: list[Token] | Span) -> bool:
    return any(t.lower_ == "old" for t in tokens[:1])


def _magnitude(span: Span) -> bool:
    """ "magnitude 7.6", "a magnitude-6 quake", "6.0 on the Richter scale"."""
    doc = span.doc
    before = [t.lower_ for t in doc[max(0, span.start - 2) : span.start]]
    if before and (before[-1] == "magnitude" or before[-2:] == ["magnitude", "-"]):
        return True
    rest = [t.lower_ for t in doc[span.end : span.end + 3]]
    return rest[:2] == ["on", "the"] and rest[2:] == ["richter"]
