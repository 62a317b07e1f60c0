"""Numbers as news reports write them: "1,800", "2.5 million", "£143m", "Fifty", "two dozen",
"a hundred", vague amounts ("dozens", "tens of thousands"), ranges ("between 300 and 400"),
percentages and money.

`parse_number` reads one written number; `find_quantities` finds every figure of a parsed Doc as
token spans, with its unit (percent or a currency code) when the words give one.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from text_to_num.transforms import text2num

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Multipliers written as words or glued suffixes ("143m", "1.2bn", "10k").
SCALES = {
    "hundred": 100.0,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "tn": 1e12,
}
# Vague amounts: the plural of a scale word, bounded by two to nine of that scale, as FORMATS.md
# gives for "dozens" [24, 99] and "hundreds" [200, 999].
VAGUE = {
    "dozens": (24.0, 99.0),
    "scores": (40.0, 99.0),
    "tens": (20.0, 99.0),
    "hundreds": (200.0, 999.0),
    "thousands": (2e3, 9999.0),
    "millions": (2e6, 9.99e6),
    "billions": (2e9, 9.99e9),
}
CURRENCY_SYMBOLS = {"$": "USD", "US$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR"}
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "yen": "JPY", "yuan": "CNY", "rupees": "INR", "bolivars": "VES",
}  # fmt: skip
# In a sentence with these, "pounds" weigh rather than pay.
WEIGHT_WORDS = {"weigh", "weight", "heavy", "light", "lighter", "heavier"}
# Before "one", a determiner makes it a pronoun ("no one", "the one that"); around a number, these
# make it a clock time or a label.
ONE_PRONOUN = {"no", "the", "any", "every", "each", "that", "this", "which", "someone", "anyone"}
CLOCK_WORDS = {
    "gmt",
    "utc",
    "a.m.",
    "p.m.",
    "am",
    "pm",
    "est",
    "edt",
    "pst",
    "pdt",
    "bst",
    "cet",
    "et",
}
# Before a number, these make it a name rather than a count: "Flight 370", "Route 66", "Highway
# 41", "Interstate 95", "Apartment 4", "Channel 5".
LABEL_WORDS = {
    "no.", "#", "number", "nos.", "flight", "route", "highway", "hwy", "hwy.", "interstate",
    "bus", "train", "apartment", "apt", "apt.", "unit", "suite", "room", "channel", "exit", "gate",
    "platform", "precinct", "district", "ward", "lot", "pier", "terminal", "track",
}  # fmt: skip
# After a number, these make it a calibre (".45 caliber", "20 gauge"), not a count; millimetres
# only before a weapon's word ("7.65 mm pistol", "9 millimeter rounds"), else a measurement
# ("7 mm/yr of creep").
CALIBRE_WORDS = {"caliber", "calibre", "cal", "cal.", "gauge"}
MILLIMETRES = {"mm", "millimeter", "millimetre"}
WEAPON_WORDS = {
    "pistol", "handgun", "gun", "rifle", "shotgun", "revolver", "round", "rounds", "bullet",
    "bullets", "shell", "shells", "cartridge", "cartridges", "ammunition", "ammo", "weapon",
    "semi-automatic", "semiautomatic", "automatic", "luger", "caliber", "calibre",
}  # fmt: skip
# After a number, an address: "the 2100 block of", "6740 N. Clark St.", "937 Euharlee Rd".
STREET_WORDS = {
    "block", "street", "st", "st.", "avenue", "ave", "ave.", "road", "rd", "rd.", "drive", "dr",
    "dr.", "boulevard", "blvd", "blvd.", "lane", "ln", "ln.", "court", "ct", "ct.", "place", "pl",
    "way", "parkway", "pkwy", "highway", "hwy", "circle", "terrace", "trail", "pike",
}  # fmt: skip
# Directions and the like that may stand between a street number and the street's name.
STREET_PARTS = {"n", "n.", "s", "s.", "e", "e.", "w", "w.", "north", "south", "east", "west", "ne",
                "nw", "se", "sw", "old", "new"}  # fmt: skip
# Around "N of M", these make it a page or gallery counter ("Hide Caption 3 of 25", "Photo 2 of
# 9"); after a number, a gallery's size ("25 photos").
COUNTER_WORDS = {"caption", "photo", "photos", "image", "images", "slide", "slides", "picture",
                 "pictures", "page", "pages", "gallery", "video", "videos", "item", "items"}  # fmt: skip
# Emergency numbers: "called 911", "a 911 call", "the 999 operator" (but "112 people" is a count).
EMERGENCY_NUMBERS = {"911", "999", "112"}
EMERGENCY_WORDS = {"call", "calls", "caller", "callers", "dispatcher", "dispatchers", "operator",
                   "operators", "center", "centre", "centers", "centres", "system", "line"}  # fmt: skip
DIALLING_WORDS = {"call", "called", "calling", "calls", "dial", "dialed", "dialled", "dialing",
                  "dialling", "phoned", "rang", "ring"}  # fmt: skip
# The unit of each number of a score or a record ("65-53", "25-7"), and the words after a glued
# pair that make it one ("a 31-24 victory", "a 43-39 record"), not a range.
SCORE = "score"
SCORE_WORDS = {"win", "victory", "loss", "defeat", "lead", "run", "record", "mark", "margin",
               "decision", "rout", "triumph", "edge", "deficit", "advantage", "score", "vote",
               "ruling", "draw", "tie"}  # fmt: skip
# Before a glued pair, these make it a span of ages ("aged 12-15"), not a figure.
AGE_WORDS = {"age", "ages", "aged"}
# Words that join two figures into a range; "and" only after "between" ("300 and 400 people"
# alone is two figures).
RANGE_JOINERS = {"to", "-", "–", "—", "and"}
# "from X to Y" is a change ("rose from 30 to 40"), but a range after these: "ranging from six to
# 75 years", "vary from 10 to 20".
RANGE_VERBS = {"range", "vary", "run"}

_DIGITS = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([a-z]{1,3})?$")
_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
)  # fmt: skip
NUMBER_WORDS = frozenset(_WORDS) | {
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "dozen",
}


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure found in a Doc: tokens [start, end) and its value.

    A range or vague amount carries its bounds, and `value` is their midpoint."""

    value: float
    start: int
    end: int
    kind: str = "number"  # "number", "range" or "vague"
    low: float | None = None
    high: float | None = None
    unit: str | None = None  # "percent" or a currency code


def parse_number(text: str) -> float | None:
    """The value of one written number, or None when `text` is not a number."""
    words = text.strip().lower().split()
    if not words:
        return None
    glued = _parse_digits(words[0])
    value = _scaled(glued, words[1:]) if glued is not None else _parse_words(words)
    # 400 digits, or "999...9bn", read as infinity: no figure any report gives, and one that
    # would make every interval and comparison downstream meaningless.
    return value if value is None or math.isfinite(value) else None


def _parse_digits(word: str) -> float | None:
    match = _DIGITS.match(word)
    if not match:
        return None
    value = float(match.group(1).replace(",", "") + (match.group(2) or ""))
    suffix = match.group(3)
    if suffix is None:
        return value
    return value * SCALES[suffix] if suffix in SCALES else None


def _scaled(value: float, rest: list[str]) -> float | None:
    """Apply trailing scale words: "2.5 million", "1.2 billion"."""
    for word in rest:
        if word not in SCALES or len(word) < 4:
            return None
        value *= SCALES[word]
    return value


def _parse_words(words: list[str]) -> float | None:
    """ "fifty", "twenty-five", "a hundred", "two dozen", "three hundred and five"."""
    words = [w for w in words if w != "and"]
    if words and words[0] in {"a", "an"}:
        words[0] = "one"
    dozens = 1.0
    if words and words[-1] == "dozen":
        dozens, words = 12.0, words[:-1] or ["one"]
    if not all(w in NUMBER_WORDS for part in words for w in part.split("-")):
        return None
    try:
        return float(text2num(" ".join(words), "en")) * dozens
    except ValueError:
        return None


def vague_bounds(text: str) -> tuple[float, float] | None:
    """Bounds of a vague amount: "dozens", "hundreds of thousands", "tens of thousands"."""
    words = text.lower().split()
    if not words or words[0] not in VAGUE:
        return None
    low, high = VAGUE[words[0]]
    if len(words) == 3 and words[1] == "of" and words[2] in VAGUE:
        # "tens of thousands": tens times 1,000; "dozens of dozens" and "scores of scores" too,
        # whose scale words are no suffixes of figures (so not in SCALES).
        singular = words[2].removesuffix("s")
        unit = SCALES.get(singular) or {"dozen": 12.0, "score": 20.0}.get(singular)
        if unit is None:
            return None
        return low * unit, (high + 1) * unit - 1
    return (low, high) if len(words) == 1 else None


def find_quantities(doc: Doc) -> list[Quantity]:
    """Every figure of the Doc, left to right; ranges and vague amounts as one Quantity each."""
    found: list[Quantity] = []
    i = 0
    for start in [tok.i for tok in doc if _may_open_figure(tok.lower_)]:
        # The tokens between cannot open a figure: reading each through the rules below was
        # most of this scan's time.
        if start < i:
            continue
        i = start
        chain = _hyphen_chain(doc, i)
        if len(chain) > 1:
            found += _chain_figures(doc, chain)
            i = chain[-1] + 1
            continue
        quantity = _vague_at(doc, i) or _number_at(doc, i)
        if quantity is None:
            i += 1
            continue
        quantity = _as_range(doc, quantity, found)
        found.append(quantity)
        i = quantity.end
    return found


@functools.lru_cache(maxsize=1 << 14)
def _may_open_figure(lower: str) -> bool:
    """Whether a token (in lower case) may open a figure: a digit (a glued chain, a number), a
    vague amount, a number word or "a"/"an" ("a hundred"); `find_quantities` reads no other."""
    return (
        lower[:1].isdigit()
        or lower in VAGUE
        or lower in {"a", "an"}
        or all(w in NUMBER_WORDS for w in lower.split("-"))
    )


def _hyphen_chain(doc: Doc, i: int) -> list[int]:
    """Indices of digit tokens glued by hyphens from token i: "9-2", "800-800-3855"."""
    chain = [i]
    while _DIGITS.match(doc[chain[-1]].text) and chain[-1] + 2 < len(doc):
        dash, after = doc[chain[-1] + 1], doc[chain[-1] + 2]
        glued = not doc[chain[-1]].whitespace_ and not dash.whitespace_
        if not (glued and dash.text == "-" and _DIGITS.match(after.text)):
            break
        chain.append(after.i)
    return chain if _DIGITS.match(doc[i].text) else [i]


def _chain_figures(doc: Doc, chain: list[int]) -> list[Quantity]:
    """Two or three numbers glued by hyphens. A pair that reads as a range is one: both ends
    two-digit or more, rising, within a factor of three, and a counted word after it ("300-400
    homes", "20-30 percent"). Otherwise it is a score or a record ("won 65-53", "went 25-7",
    "Rahman (45-7-2)", "a 9-2 run"), whose every number is a figure of unit "score". Longer
    chains, and numbers of four digits or more, are codes and years ("800-800-3855",
    "2004-05"); after an age word, a span of ages ("aged 12-15")."""
    values = [parse_number(doc[i].text) for i in chain]
    long = any(len(doc[i].text) > 3 or not doc[i].text.isdigit() for i in chain)
    before = doc[chain[0] - 1].lower_ if chain[0] else ""
    if len(chain) > 3 or long or before in AGE_WORDS:
        return []
    if "".join(doc[i].text for i in chain) in EMERGENCY_NUMBERS:
        return []  # "a 9-1-1 call"
    numbers = [v for v in values if v is not None]
    if len(numbers) != len(chain):
        return []
    unit, end = _unit_after(doc, chain[-1] + 1)
    low, high = numbers[0], numbers[-1]
    if len(chain) == 2 and (
        (unit and low < high) or _reads_as_range(doc, low, high, chain[0], end)
    ):
        return [Quantity((low + high) / 2, chain[0], end, "range", low, high, unit)]
    return [Quantity(v, i, i + 1, unit=SCORE) for v, i in zip(numbers, chain, strict=True)]


def _reads_as_range(doc: Doc, low: float, high: float, start: int, end: int) -> bool:
    """Whether a glued rising pair is a range: "20-30 people", "20-30 stayed", but not "a 22-47
    record", "shot 46.8 percent (22-47)", "fell to 15-17"."""
    if not 10 <= low < high <= 3 * low:
        return False
    after = doc[end] if end < len(doc) else None
    if after is not None and after.lower_ in SCORE_WORDS:
        return False
    if after is not None and after.pos_ in {"NOUN", "PROPN"} and after.is_alpha:
        return True
    before = doc[start - 1].lower_ if start else ""
    return not (before in {"(", "to"} or before in SCORE_WORDS or (after and after.text == "("))


def _is_year_value(value: float) -> bool:
    """A plain year ("the 2009-2010 season"): no range of counts starts there in news."""
    return value.is_integer() and 1800 <= value <= 2100


def _vague_at(doc: Doc, i: int) -> Quantity | None:
    tok = doc[i]
    if tok.lower_ not in VAGUE or tok.pos_ == "VERB" or (i > 0 and _is_number_token(doc[i - 1])):
        return None
    end = i + 1
    if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].lower_ in VAGUE:
        end += 2
    if tok.lower_ == "tens" and end == i + 1:
        return None  # "tens" alone is not an amount
    bounds = vague_bounds(doc[i:end].text)
    if bounds is None:
        return None
    low, high = bounds
    return Quantity((low + high) / 2, i, end, kind="vague", low=low, high=high)


def _is_number_token(tok: Token) -> bool:
    text = tok.lower_
    return bool(_DIGITS.match(text)) or all(w in NUMBER_WORDS for w in text.split("-"))


def _number_at(doc: Doc, i: int) -> Quantity | None:
    tok = doc[i]
    after = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    article = tok.lower_ in {"a", "an"} and (after in SCALES or after == "dozen")
    if not (_is_number_token(tok) or article) or tok.lower_ in SCALES or tok.lower_ == "dozen":
        return None
    if _not_a_count(doc, i):
        return None
    end = _number_end(doc, i)
    value = parse_number(_span_text(doc, i, end))
    if value is None:
        return None
    unit, end = _unit_after(doc, end)
    symbol = _currency_before(doc, i)
    start = i - 1 if symbol else i
    return Quantity(value, start, end, unit=symbol or unit)


def _not_a_count(doc: Doc, i: int) -> bool:
    """Not a count: "no one", "the one that", clock times ("0947 GMT", "5 pm"), labels ("No. 4")."""
    tok = doc[i]
    before = doc[i - 1].lower_ if i else ""
    after = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    if tok.lower_ == "one" and (before in ONE_PRONOUN or after == "another"):
        return True  # "no one", "accused one another"
    if tok.lower_ == "one" and before == "-" and i > 1 and doc[i - 2].lower_ == "no":
        return True  # "no-one"
    if before in {"'", "’"} and not doc[i - 1].whitespace_:
        return True  # a year: "Keynote '09"
    label = before in LABEL_WORDS or (before == "." and i > 1 and doc[i - 2].lower_ == "no")
    return (
        label
        or after in CLOCK_WORDS
        or (len(tok.text) == 4 and tok.text[0] == "0" and tok.text.isdigit())
        or after in CALIBRE_WORDS
        or _is_calibre_in_millimetres(doc, i)
        or _is_emergency_number(doc, i)
        or _is_street_number(doc, i)
        or _is_counter(doc, i)
        or _is_model_name(doc, i)
    )


def _is_emergency_number(doc: Doc, i: int) -> bool:
    if doc[i].text not in EMERGENCY_NUMBERS:
        return False
    before = [t.lower_ for t in doc[max(0, i - 2) : i]]
    after = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    # "called 911", "a call to 911"; "rose to 112" is a count
    dialled = bool(before) and (
        before[-1] in DIALLING_WORDS or (before[-1] == "to" and before[0] in DIALLING_WORDS)
    )
    return after in EMERGENCY_WORDS or dialled


def _is_calibre_in_millimetres(doc: Doc, i: int) -> bool:
    """ "a 7.65 mm pistol", "9 millimeter rounds"."""
    if i + 2 >= len(doc) or doc[i + 1].lower_ not in MILLIMETRES:
        return False
    return any(t.lower_ in WEAPON_WORDS for t in doc[i + 2 : i + 4])


def _is_street_number(doc: Doc, i: int) -> bool:
    """A house or block number: digits followed, past directions and capitalised names, by a
    street word ("the 3200 block of", "8509 Rixlew Ln", "6740 N. Clark St."), in lower case
    after a name ("618 Henson road")."""
    if not doc[i].text.isdigit():
        return False
    named = False  # a street's name came before: "road" after it is the street's, not a count's
    for tok in doc[i + 1 : i + 5]:
        capital = tok.text[:1].isupper()
        if tok.lower_ in STREET_WORDS and (tok.lower_ == "block" or capital or named):
            return True
        if not (tok.lower_ in STREET_PARTS or capital or tok.text[:1].isdigit()):
            return False
        # a street's name, not an acronym ("a 256 SSD drive")
        named = named or (capital and not tok.text.isupper() and tok.lower_ not in STREET_PARTS)
    return False


def _is_counter(doc: Doc, i: int) -> bool:
    """ "Hide Caption 3 of 25", "Photo 2 of 9" (both numbers), "25 photos"."""
    after = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    if after in COUNTER_WORDS:
        return True
    if after == "of" and i and doc[i - 1].lower_ in COUNTER_WORDS:
        return True
    if i > 1 and doc[i - 1].lower_ == "of" and _is_number_token(doc[i - 2]):
        return i > 2 and doc[i - 3].lower_ in COUNTER_WORDS
    return False


def _is_model_name(doc: Doc, i: int) -> bool:
    """A model or product designation, not a figure: digits glued to capital letters without a
    currency sign ("Cessna 208B", not 208 billion; "9600M GT"), or a number right after a maker's or a
    product's name ("a Boeing 737 crashed", "the Falcon 9 rocket"), unless a plural noun follows
    that it counts. Dates ("on Sunday 5 people") are times, not makers."""
    tok, before = doc[i], doc[i - 1] if i else None
    nxt = doc[i + 1] if i + 1 < len(doc) and not tok.whitespace_ else None
    letters = re.fullmatch(r"\d+[A-Z]{1,2}", tok.text) or (
        nxt is not None and re.fullmatch(r"[A-Z]{1,2}", nxt.text)
    )
    if letters and (before is None or before.text not in CURRENCY_SYMBOLS):
        return True  # "Cessna 208B", "GeForce 9400M and 9600M GT"; "$143M" is money
    if before is None or not before.text[:1].isupper() or before.is_sent_start:
        return False
    after = doc[i + 1] if i + 1 < len(doc) else None
    counts = after is not None and after.tag_ in {"NNS", "NNPS"} and after.text[:1].islower()
    name = before.pos_ == "PROPN" and before.ent_type_ not in {"DATE", "TIME"}
    return name and before.whitespace_ != "" and not counts


def _number_end(doc: Doc, i: int) -> int:
    """End of the number starting at token i: "two hundred and five", "2.5 million", "143 m"."""
    end = i + 1
    while end < len(doc):
        tok, prev = doc[end], doc[end - 1]
        glued = not prev.whitespace_
        scale = tok.lower_ in SCALES and (len(tok.text) >= 4 or glued)  # not "m" for "metres"
        word = tok.lower_ in NUMBER_WORDS and prev.lower_ in NUMBER_WORDS
        hyphened = (  # "$2.6-million", glued by a hyphen
            tok.text == "-" and glued and end + 1 < len(doc) and doc[end + 1].lower_ in SCALES
        )
        if scale or word or tok.lower_ == "dozen":
            end += 1
        elif hyphened and len(doc[end + 1].text) >= 4 and not tok.whitespace_:
            end += 2
        elif tok.text == "-" and glued and end + 1 < len(doc) and doc[end + 1].lower_ in _WORDS:
            end += 2  # "twenty-five" split by the tokenizer
        elif (
            tok.lower_ == "and"
            and prev.lower_ in SCALES
            and end + 1 < len(doc)
            and (doc[end + 1].lower_ in _WORDS)
        ):
            end += 2
        else:
            break
    return end


def _span_text(doc: Doc, start: int, end: int) -> str:
    """The words of tokens [start, end), with glued suffixes split off ("143m" -> "143 m")."""
    words = [t.text for t in doc[start:end] if t.text != "-"]
    text = " ".join(words)
    return re.sub(r"^(\S+) (m|k|bn|b|tn|mn|mln)$", r"\1\2", text, flags=re.IGNORECASE)


def _unit_after(doc: Doc, end: int) -> tuple[str | None, int]:
    """Percent or currency words right after a number, and the new end."""
    if end < len(doc):
        tok = doc[end]
        if tok.lower_ in {"%", "percent", "pct"}:
            return "percent", end + 1
        if tok.lower_ == "per" and end + 1 < len(doc) and doc[end + 1].lower_ == "cent":
            return "percent", end + 2
        if tok.lower_ in CURRENCY_WORDS and not _weight(tok):
            return CURRENCY_WORDS[tok.lower_], end + 1
    return None, end


def _weight(tok: Token) -> bool:
    """ "pounds" of a weight, not of money: "weighs 6.6 pounds", "a 300-pound bear"."""
    if tok.lower_ not in {"pound", "pounds"}:
        return False
    glued = tok.i > 0 and tok.doc[tok.i - 1].text == "-"
    return glued or any(t.lemma_.lower() in WEIGHT_WORDS for t in tok.sent)


def _currency_before(doc: Doc, i: int) -> str | None:
    if i == 0:
        return None
    return CURRENCY_SYMBOLS.get(doc[i - 1].text)


def _as_range(doc: Doc, second: Quantity, found: list[Quantity]) -> Quantity:
    """Join "between 300 and 400", "between 300 to 400" and "300 to 400" into one range."""
    if not found or second.kind != "number":
        return second
    first = found[-1]
    gap = doc[first.end : second.start]
    if first.kind != "number" or len(gap) != 1 or gap[0].lower_ not in RANGE_JOINERS:
        return second
    before = doc[first.start - 1].lower_ if first.start > 0 else ""
    ranging = before == "from" and first.start > 1 and doc[first.start - 2].lemma_ in RANGE_VERBS
    if (gap[0].lower_ == "and" and before != "between") or (before == "from" and not ranging):
        return second
    if first.value >= second.value or (first.unit == "percent" and second.unit != "percent"):
        return second  # "fell 2.5% to 2,138.14", "rose 6% to $67": a change, then a level
    found.pop()
    start = first.start - 1 if before == "between" else first.start
    low, high = first.value, second.value
    unit = second.unit or first.unit
    return Quantity((low + high) / 2, start, second.end, "range", low, high, unit)
