"""Numbers as Spanish news writes them: "2.000" (a point between thousands), "1,5" (a comma before
decimals), "40.000 millones", "ciento siete", vague amounts ("decenas", "cientos", "miles de"),
percentages ("30 %", "30 por ciento") and money ("15.000 millones de $", "US$ 40", "20 euros").

`find_spanish_quantities` gives the same `Quantity` records as `accord.analyze.numbers` gives for
English, so the claims built from them are the English ones.
"""

from __future__ import annotations

import dataclasses
import math
import re
from typing import TYPE_CHECKING

from text_to_num.transforms import text2num

from accord.analyze.numbers import Quantity

if TYPE_CHECKING:
    from spacy.tokens import Doc

# A point before groups of three digits is a thousands separator ("2.000", "1.250.000"); a comma
# before other digits marks decimals ("1,5"). "2,000" (English style, in translated copy) is 2000.
_DIGITS = re.compile(r"^(\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+|\d+)(?:[,.](\d+))?$")
SCALES = {"mil": 1e3, "millón": 1e6, "millon": 1e6, "millones": 1e6, "billón": 1e12,
          "billones": 1e12}  # fmt: skip
_UNITS = [
    "cero",
    "un",
    "uno",
    "una",
    "dos",
    "tres",
    "cuatro",
    "cinco",
    "seis",
    "siete",
    "ocho",
    "nueve",
    "diez",
    "once",
    "doce",
    "trece",
    "catorce",
    "quince",
    "dieciséis",
    "dieciseis",
    "diecisiete",
    "dieciocho",
    "diecinueve",
    "veinte",
    "veintiún",
    "veintiuno",
    "veintiuna",
    "veintidós",
    "veintidos",
    "veintitrés",
    "veintitres",
    "veinticuatro",
    "veinticinco",
    "veintiséis",
    "veintiseis",
    "veintisiete",
    "veintiocho",
    "veintinueve",
    "treinta",
    "cuarenta",
    "cincuenta",
    "sesenta",
    "setenta",
    "ochenta",
    "noventa",
    "cien",
    "ciento",
    "doscientos",
    "doscientas",
    "trescientos",
    "trescientas",
    "cuatrocientos",
    "cuatrocientas",
    "quinientos",
    "quinientas",
    "seiscientos",
    "seiscientas",
    "setecientos",
    "setecientas",
    "ochocientos",
    "ochocientas",
    "novecientos",
    "novecientas",
]
NUMBER_WORDS = frozenset(_UNITS)
# "treinta y cinco" joins tens and a unit with "y"; "ciento siete" a hundred and what follows it.
# Other words side by side are two figures: "entre tres y siete", "dos y cuatro".
_TENS = frozenset(_UNITS[_UNITS.index("treinta") : _UNITS.index("noventa") + 1])
_ONES = frozenset(_UNITS[_UNITS.index("un") : _UNITS.index("nueve") + 1])
_HUNDREDS = frozenset(_UNITS[_UNITS.index("cien") :])
# "un"/"una" alone are articles; they count only before a scale word ("un millón").
ARTICLES = {"un", "una", "uno"}
VAGUE = {
    "decenas": (20.0, 99.0),
    "docenas": (24.0, 99.0),
    "cientos": (200.0, 999.0),
    "centenares": (200.0, 999.0),
    "miles": (2e3, 9999.0),
    "millares": (2e3, 9999.0),
    "millones": (2e6, 9.99e6),
}
CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
CURRENCY_WORDS = {"dólar": "USD", "dólares": "USD", "dolares": "USD", "euro": "EUR",
                  "euros": "EUR", "libras": "GBP", "yenes": "JPY", "yuanes": "CNY",
                  "bolívares": "VES", "bolivares": "VES"}  # fmt: skip
# Dollars of other countries, written with the country's letters before the sign ("40 millones de
# AU$", "CA$ 1.000"; the tokenizer may keep a sentence's final point on: "CA$.").
_DOLLARS = re.compile(r"^(us|au|a|ca|c|nz|hk|s|r|mx)\$\.?$")
_DOLLAR_CODES = {"us": "USD", "au": "AUD", "a": "AUD", "ca": "CAD", "c": "CAD", "nz": "NZD",
                 "hk": "HKD", "s": "SGD", "r": "BRL", "mx": "MXN"}  # fmt: skip
# ISO 4217 codes written after or before a figure ("1.750 millones de SGD"), in capitals.
ISO_CODES = frozenset({"USD", "EUR", "GBP", "JPY", "CNY", "AUD", "CAD", "SGD", "NZD", "HKD", "CHF",
                       "MXN", "BRL", "ARS", "CLP", "COP", "PEN", "VES", "INR", "KRW", "RUB"})  # fmt: skip
CURRENCIES = frozenset(CURRENCY_WORDS.values()) | ISO_CODES


def currency_of(text: str) -> str | None:
    """The ISO code of a currency sign, a dollar of a country or an ISO code: "$", "AU$", "SGD"."""
    lower = text.lower()
    if lower in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[lower]
    if match := _DOLLARS.match(lower):
        return _DOLLAR_CODES[match.group(1)]
    return text if text in ISO_CODES else None


def parse_spanish_number(text: str) -> float | None:
    """The value of one written Spanish number ("2.000", "1,5 millones", "ciento siete")."""
    words = text.strip().lower().split()
    if not words:
        return None
    value = _digits(words[0])
    if value is None:
        value = _words([w for w in words if w not in SCALES] or ["uno"])
        rest = [w for w in words if w in SCALES]
    else:
        rest = words[1:]
    if value is None or any(w not in SCALES for w in rest):
        return None
    for word in rest:
        value *= SCALES[word]
    return value if math.isfinite(value) else None


def _digits(word: str) -> float | None:
    match = _DIGITS.match(word)
    if not match:
        return None
    whole, decimals = match.group(1), match.group(2)
    value = float(re.sub(r"[.,]", "", whole))
    return value + float(f"0.{decimals}") if decimals else value


def _words(words: list[str]) -> float | None:
    if not all(w in NUMBER_WORDS or w == "y" for w in words):
        return None
    try:
        return float(text2num(" ".join(words), "es"))
    except ValueError:
        return None


# One token: "60%" (the tokenizer keeps the sign on), "5.600-8.870" (a range), "777s" (a plural
# of a model's number: "18 777s").
_GLUED_PERCENT = re.compile(r"^([\d.,]+)%$")
_GLUED_RANGE = re.compile(r"^([\d.,]+)[-–]([\d.,]+)$")
_PLURAL = re.compile(r"^(\d+)s$")
# Words that join two figures into a range after an opener: "entre 300 y 400", "de 15 a 20".
RANGE_OPENERS = {"entre": "y", "de": "a"}
# Before "de X a Y", these make it a change from X to Y ("pasó de 30 a 40"), as English "from X
# to Y" is.
CHANGE_WORDS = frozenset({
    "aumentar", "subir", "bajar", "caer", "pasar", "crecer", "incrementar", "reducir", "disminuir",
    "elevar", "descender", "recortar", "rebajar", "ampliar", "saltar", "aumento", "subida",
    "bajada", "caída", "incremento", "reducción", "descenso", "recorte", "alza",
})  # fmt: skip
CHANGE_WINDOW = 10


def find_spanish_quantities(doc: Doc) -> list[Quantity]:
    """Every figure of a Spanish Doc, left to right; ranges as one Quantity."""
    found: list[Quantity] = []
    i = 0
    while i < len(doc):
        quantity = _glued_at(doc, i) or _vague_at(doc, i) or _number_at(doc, i)
        if quantity is None:
            i += 1
            continue
        found.append(_as_range(doc, quantity, found))
        i = quantity.end
    return found


def _glued_at(doc: Doc, i: int) -> Quantity | None:
    text = doc[i].text
    if match := _GLUED_PERCENT.match(text):
        value = _digits(match.group(1))
        return None if value is None else Quantity(value, i, i + 1, unit="percent")
    if match := _PLURAL.match(text):
        return Quantity(float(match.group(1)), i, i + 1)
    if match := _GLUED_RANGE.match(text):
        low, high = _digits(match.group(1)), _digits(match.group(2))
        if low is None or high is None or not low < high:
            return None
        end = i + 1
        while end < len(doc) and doc[end].lower_ in SCALES:  # "12-20 millones"
            low, high, end = low * SCALES[doc[end].lower_], high * SCALES[doc[end].lower_], end + 1
        unit, end = _unit_after(doc, end)
        return Quantity((low + high) / 2, i, end, "range", low, high, unit)
    return None


def _as_range(doc: Doc, second: Quantity, found: list[Quantity]) -> Quantity:
    """ "entre 1.500 y 2.000", "de 15 a 20", "dos o tres": one range from the two figures. A
    scale word of the second is the first's too when it has none ("de 15 a 20 millones")."""
    if not found or second.kind != "number" or found[-1].kind != "number":
        return second
    first = found[-1]
    if second.start != first.end + 1:
        return second
    opener = doc[first.start - 1].lower_ if first.start else ""
    joiner = doc[first.end].lower_
    low, high = first.value * _shared_scale(doc, first, second), second.value
    if not low < high:
        return second
    if joiner == "o":
        # "dos o tres años", "unos 60 o 90 días": a reckoning between the two
        if first.unit is not None:
            return second
        start = first.start
    else:
        if RANGE_OPENERS.get(opener) != joiner:
            return second
        if opener == "de" and _change(doc, first):
            if first.unit is None and second.unit is not None and first.end - first.start > 1:
                # "de 55.000 millones a 110.000 millones de dólares": the first sum's currency too
                found[-1] = dataclasses.replace(first, unit=second.unit)
            return second
        start = first.start - 1
    found.pop()
    unit = second.unit or first.unit
    return Quantity((low + high) / 2, start, second.end, "range", low, high, unit)


def _shared_scale(doc: Doc, first: Quantity, second: Quantity) -> float:
    if any(t.lower_ in SCALES for t in doc[first.start : first.end]):
        return 1.0
    return math.prod(SCALES[t.lower_] for t in doc[second.start : second.end] if t.lower_ in SCALES)


def _change(doc: Doc, first: Quantity) -> bool:
    """ "de X a Y" that tells a change from X to Y, not a range: the first figure whole with its
    own scale word or unit ("de 55.000 millones a 110.000 millones", "de 100.000 $ a 250.000 $"),
    or a word of change before it ("subió de 30 a 40", "un incremento de 100 a 250")."""
    if first.unit is not None or any(t.lower_ in SCALES for t in doc[first.start : first.end]):
        return True
    before = doc[max(0, first.start - 1 - CHANGE_WINDOW) : first.start - 1]
    return any(t.lemma_.lower() in CHANGE_WORDS for t in before)


def _vague_at(doc: Doc, i: int) -> Quantity | None:
    word = doc[i].lower_
    if word not in VAGUE or (word == "millones" and i and _is_number(doc[i - 1].lower_)):
        return None
    low, high = VAGUE[word]
    end = i + 1
    # "decenas de miles": tens of thousands
    if end + 1 < len(doc) and doc[end].lower_ == "de" and doc[end + 1].lower_ in {"miles"}:
        low, high, end = low * 1e3, (high + 1) * 1e3 - 1, end + 2
    return Quantity((low + high) / 2, i, end, kind="vague", low=low, high=high)


def _is_number(word: str) -> bool:
    return bool(_DIGITS.match(word)) or word in NUMBER_WORDS


def _number_at(doc: Doc, i: int) -> Quantity | None:
    word = doc[i].lower_
    after = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    if not (_is_number(word) or (word in ARTICLES and after in SCALES and after != "mil")):
        return None
    if word in ARTICLES and after not in SCALES:
        return None  # an article, not a count
    end = i + 1
    while end < len(doc) and _continues(doc, end):
        end += 1
    value = parse_spanish_number(" ".join(t.text for t in doc[i:end]))
    if value is None:
        return None
    unit, end = _unit_after(doc, end)
    start = i
    if i and (currency := currency_of(doc[i - 1].text)) is not None:
        unit, start = currency, i - 1
    return Quantity(value, start, end, unit=unit)


def _continues(doc: Doc, end: int) -> bool:
    """Whether token `end` goes on the number before it: a scale word ("40.000 millones"), "y"
    between tens and a unit ("treinta y cinco"), the unit after that "y", or a word after a
    hundred ("ciento siete", "doscientos treinta")."""
    word, before = doc[end].lower_, doc[end - 1].lower_
    after = doc[end + 1].lower_ if end + 1 < len(doc) else ""
    if word in SCALES:
        return True
    if word == "y":
        return before in _TENS and after in _ONES
    return word in NUMBER_WORDS and (before == "y" or before in _HUNDREDS)


def _unit_after(doc: Doc, end: int) -> tuple[str | None, int]:
    """Percent or money right after a number ("30 %", "30 por ciento", "40 millones de US$",
    "20 euros"), and the new end."""
    words = [t.lower_ for t in doc[end : end + 3]]
    if words[:1] == ["%"]:
        return "percent", end + 1
    if words[:2] == ["por", "ciento"]:
        return "percent", end + 2
    skip = 1 if words[:1] == ["de"] else 0
    word = words[skip] if len(words) > skip else ""
    if word in CURRENCY_WORDS:
        return CURRENCY_WORDS[word], end + skip + 1
    if word and (currency := currency_of(doc[end + skip].text)) is not None:
        return currency, end + skip + 1
    return None, end
