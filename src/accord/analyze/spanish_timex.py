"""Time expressions of a Spanish report, normalised against its publication date.

"el 26 de noviembre", "1 de marzo de 2008", "el sábado", "el pasado martes", "hace dos semanas",
"la semana pasada", "el cuarto trimestre", "en 2009", "hoy", "ayer", "dos años" (a duration),
"anual" (a frequency), "actualmente" (PRESENT_REF). dateparser reads full
dates but resolves a bare weekday forward or not at all, and knows neither durations nor "el
pasado martes": these rules are ours. Values are TIMEX3: YYYY-MM-DD, YYYY-MM, YYYY, YYYY-Www,
YYYY-Qn, PnD/PnW/PnM/PnY for durations and frequencies, PRESENT_REF, PAST_REF, FUTURE_REF.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from accord.analyze.docs import text_of
from accord.date_words import SPANISH_MONTH_NAMES, SPANISH_WEEKDAYS
from accord.model import TimeMention

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Full month names only: an abbreviation ("mar", "set") is a word in running Spanish.
MONTHS = {name: n for n, name in enumerate(SPANISH_MONTH_NAMES, start=1)} | {"setiembre": 9}
WEEKDAYS = SPANISH_WEEKDAYS
COUNTS = {"un": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
          "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14,
          "quince": 15, "dieciséis": 16, "dieciseis": 16, "dieciocho": 18, "veinte": 20,
          "veinticuatro": 24, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60,
          "noventa": 90, "cien": 100}  # fmt: skip
# A unit's TIMEX3 letter; hours and minutes sit after the "T" of a duration (PT12H), a decade is
# ten years (P10Y).
UNITS = {"día": "D", "dia": "D", "semana": "W", "mes": "M", "año": "Y", "ano": "Y", "hora": "TH",
         "minuto": "TM", "década": "10Y", "decada": "10Y"}  # fmt: skip
# Counts no number gives ("varios años", "unas horas"): X in TIMEX3.
SOME = ("varios", "varias", "unos", "unas", "algunos", "algunas", "pocos", "pocas")
SEASONS = {"primavera": "SP", "verano": "SU", "otoño": "FA", "otono": "FA", "invierno": "WI"}

_MONTH = "(?P<month>" + "|".join(MONTHS) + ")"
_WEEKDAY = "(?P<weekday>" + "|".join(WEEKDAYS) + ")"
_DAY = r"(?P<day>[0-3]?\d)"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_COUNT = r"(?P<count>\d+|" + "|".join([*COUNTS, *SOME]) + ")"
_UNIT = r"(?P<unit>día|dia|semana|mes|año|ano|hora|minuto|década|decada)(?:s|es)?"
_NO_DIGIT = r"(?![\d.,]*\d)"
QUARTERS = {"primer": 1, "segundo": 2, "tercer": 3, "cuarto": 4}
# Words that name a period's frequency ("anual": yearly), and vague references to now, the past
# and the future, as TIMEX3 writes them.
FREQUENCIES = {"anual": "P1Y", "anuales": "P1Y", "mensual": "P1M", "mensuales": "P1M",
               "semanal": "P1W", "semanales": "P1W", "diario": "P1D", "diaria": "P1D"}  # fmt: skip
REFERENCES = {"ahora": "PRESENT_REF", "actualmente": "PRESENT_REF", "actual": "PRESENT_REF",
              "actuales": "PRESENT_REF", "en curso": "PRESENT_REF",
              "recientemente": "PAST_REF", "reciente": "PAST_REF", "recientes": "PAST_REF",
              "previamente": "PAST_REF", "anteriormente": "PAST_REF",
              "pronto": "FUTURE_REF", "corto plazo": "FUTURE_REF", "largo plazo": "FUTURE_REF",
              "medio plazo": "FUTURE_REF", "más adelante": "FUTURE_REF"}  # fmt: skip
PATTERNS: tuple[tuple[str, str], ...] = (
    # "a las 16:15 UTC", "hoy a las 12:00 UTC", "ayer a las 8:30": a clock time, of the base day
    # unless "ayer" or "mañana" comes before it
    ("clock", r"\b(?:(?P<word>hoy|ayer|mañana)\s+)?(?:a\s+)?las\s+(?P<hour>[01]?\d|2[0-3])[:.]"
     r"(?P<minute>[0-5]\d)(?![\d.,]*\d)(?:\s*(?:h|horas))?(?:\s*(?P<zone>UTC|GMT)\b)?"
     r"(?:\s+del?\s+(?:(?P<which>pasado|próximo|proximo)\s+)?" + _WEEKDAY + r"\b)?"),
    ("season", r"\b(?:(?:la|el|este|esta|en)\s+)?(?P<season>" + "|".join(SEASONS) + r")"
     r"(?:\s+(?:(?P<rel>pasad[oa]|próxim[oa])|(?:del?\s+)?" + _YEAR + r"))?\b"),
    ("quarter", r"\b(?:el\s+)?(?P<which>primer|segundo|tercer|cuarto|último|ultimo)\s+trimestre"
     r"(?:\s+(?:del?\s+)?(?:(?P<rel>año pasado|este año)|(?:el\s+)?" + _YEAR + r"))?\b"),
    ("date", r"\b(?:" + _WEEKDAY + r",?\s+)?" + _DAY + r"\s+de\s+" + _MONTH + r"\s+(?:de|del)\s+"
     + _YEAR + r"\b"),
    ("day_month", r"\b(?:el\s+)?(?:" + _WEEKDAY + r",?\s+)?" + _DAY + r"\s+de\s+" + _MONTH + r"\b"),
    ("month_year", r"\b" + _MONTH + r"\s+(?:de|del)\s+" + _YEAR + r"\b"),
    ("ago", r"\bhace\s+" + _COUNT + r"\s+" + _UNIT + r"\b"),
    ("relative", r"\b(?:(?:la|el|esta|este)\s+)?(?P<which>pasad[oa]|próxim[oa]|proxim[oa]|"
     r"últim[oa])?\s*(?P<unit>semana|mes|año|fin de semana)(?:\s+(?P<after>pasad[oa]|"
     r"próxim[oa]|que viene|anterior))?\b"),
    ("deictic", r"\b(?P<word>hoy|ayer|anteayer|mañana)\b"),
    ("reference", r"\b(?P<word>" + "|".join(REFERENCES) + r")\b"),
    ("frequency", r"\b(?P<word>" + "|".join(FREQUENCIES) + r")\b"),
    ("weekday", r"\b(?:(?:el|este)\s+)?(?:(?P<which>pasado|próximo|proximo)\s+)?" + _WEEKDAY
     + r"(?:\s+(?P<after>pasado|próximo|proximo|que viene))?\b"),
    ("month", r"\b(?:(?:en|de|desde|hasta|durante|para|entre|a finales de|a principios de|"
     r"a mediados de)"
     r"\s+)" + _MONTH + r"\b" + _NO_DIGIT),
    ("year", r"\b(?:(?:en|desde|hasta|de|del|durante|para|año)\s+(?:el\s+)?)" + _YEAR + r"\b"
     + _NO_DIGIT),
    # "los últimos 12 años", "la última década" (one), "los últimos años" (some); "un mismo día"
    ("duration", r"\b(?:(?:los|las|la|el)\s+(?P<which>últim[oa]s?|ultim[oa]s?|próxim[oa]s?|"
     r"proxim[oa]s?)\s+)?(?:(?P<half>media)\s+|" + _COUNT + r"\s+(?:mism[oa]\s+)?)?" + _UNIT
     + r"\b(?P<and_half>\s+y\s+medi[oa]\b)?"),
)  # fmt: skip
COMPILED = tuple((kind, re.compile(p, re.IGNORECASE)) for kind, p in PATTERNS)
_AGE = re.compile(r"(?:,\s*de|\ba\s+los|\bedad\s+de)\s+$", re.IGNORECASE)
# "la semana", "el mes" alone: no relative word, no time of their own.
_NEEDS_WHICH = {"relative"}


@dataclass(frozen=True, slots=True)
class SpanishTime:
    start: int
    end: int
    kind: str
    value: str | None


def scan_spanish(text: str, published: str | None) -> list[SpanishTime]:
    """The time expressions of `text`, left to right, without overlaps, with their values."""
    base = dt.date.fromisoformat(published[:10]) if published else None
    taken: list[SpanishTime] = []
    for kind, regex in COMPILED:
        for m in regex.finditer(text):
            # a pattern whose first parts are optional may match from the blank before its word
            start, end = m.start() + len(m.group(0)) - len(m.group(0).lstrip()), m.end()
            if _weak(kind, m) or any(start < t.end and t.start < end for t in taken):
                continue
            try:
                value = RESOLVERS[kind](m, base)
            except (ValueError, OverflowError):
                continue
            taken.append(SpanishTime(start, end, kind, value))
    return sorted(taken, key=lambda t: t.start)


def _weak(kind: str, m: re.Match[str]) -> bool:
    groups = m.groupdict()
    if groups.get("day") is not None and not 1 <= int(groups["day"]) <= 31:
        return True
    if kind == "duration":
        # a unit needs a count or "los últimos"; an age ("de 51 años", "a los 56 años") is no
        # duration of the news
        counted = groups.get("count") or groups.get("half") or groups.get("which")
        return not counted or bool(_AGE.search(m.string[max(0, m.start() - 16) : m.start()]))
    if kind == "relative":
        which = groups.get("which") or groups.get("after")
        lead = m.group(0).split()[0].lower()
        return which is None and lead not in {"esta", "este"}
    # "mañana" after "la"/"esta" is a morning, read as today below; "el ahora" is no time
    return False


def find_spanish_times(doc: Doc, key: str, published: str | None) -> list[TimeMention]:
    """Every time expression of a Spanish report, as `TimeMention`s."""
    text = text_of(doc)
    mentions = []
    for t in scan_spanish(text, published):
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            continue
        sentence = span.sent
        relative = t.kind not in {
            "date",
            "month_year",
            "year",
            "duration",
            "frequency",
            "reference",
        }
        mentions.append(
            TimeMention(key, text[t.start : t.end], t.start, t.end, sentence.start_char,
                        sentence.end_char, t.value, relative)
        )  # fmt: skip
    return mentions


# ---------------------------------------------------------------- resolvers


def _date(m: re.Match[str], base: dt.date | None) -> str | None:
    month = MONTHS[m.group("month").lower()]
    return dt.date(int(m.group("year")), month, int(m.group("day"))).isoformat()


def _day_month(m: re.Match[str], base: dt.date | None) -> str | None:
    """ "el 26 de noviembre": in the year that puts it nearest the base, before or after (news
    speaks of the days around it: "el 12 de octubre" in a report of 4 October is the coming one)."""
    if base is None:
        return None
    month, day = MONTHS[m.group("month").lower()], int(m.group("day"))
    years = (base.year - 1, base.year, base.year + 1)
    # 29 February exists only in leap years
    dates = [dt.date(y, month, day) for y in years if day <= calendar.monthrange(y, month)[1]]
    return min(dates, key=lambda d: abs((d - base).days)).isoformat() if dates else None


def _month_year(m: re.Match[str], base: dt.date | None) -> str | None:
    return f"{m.group('year')}-{MONTHS[m.group('month').lower()]:02d}"


def _month(m: re.Match[str], base: dt.date | None) -> str | None:
    if base is None:
        return None
    month = MONTHS[m.group("month").lower()]
    # the nearest such month, before or after: "en octubre" in June is this October
    year = min(
        (base.year - 1, base.year, base.year + 1),
        key=lambda y: abs(y * 12 + month - base.year * 12 - base.month),
    )
    return f"{year}-{month:02d}"


def _year(m: re.Match[str], base: dt.date | None) -> str | None:
    return m.group("year")


def _count(m: re.Match[str]) -> int | None:
    """The count of a duration; None for "varios", "unas" (some)."""
    raw = m.group("count").lower()
    return int(raw) if raw.isdigit() else COUNTS.get(raw)


def _unit(m: re.Match[str]) -> str:
    return UNITS[m.group("unit").lower()]


def _ago(m: re.Match[str], base: dt.date | None) -> str | None:
    """ "hace dos semanas": the date that far before the base, at the unit's grain."""
    if base is None:
        return None
    count, unit = _count(m), _unit(m)
    if unit.startswith("T"):
        return base.isoformat()  # "hace unas horas": earlier that day
    if count is None:
        return "PAST_REF"  # "hace unos días"
    if unit == "10Y":
        return str(base.year - 10 * count)
    if unit == "Y":
        return str(base.year - count)
    if unit == "M":
        index = base.year * 12 + base.month - 1 - count
        return f"{index // 12}-{index % 12 + 1:02d}"
    return (base - dt.timedelta(days=count * (7 if unit == "W" else 1))).isoformat()


def _duration(m: re.Match[str], base: dt.date | None) -> str | None:
    """ "dos años" P2Y, "12 horas" PT12H, "media hora" PT30M, "una década" P10Y, "varios años"
    PXY, "dos años y medio" P2.5Y; with no count, "la última década" is one (P10Y), "los
    últimos años" some (PXY)."""
    unit = _unit(m)
    if m.group("half"):
        return {"TH": "PT30M", "D": "PT12H", "Y": "P6M"}.get(unit)
    if m.group("count"):
        count: float | None = _count(m)
    else:
        plural = re.search(r"(?:s|es)$", m.group(0).removesuffix(m.group("and_half") or ""))
        count = None if plural else 1
    if count is not None and m.group("and_half"):
        count += 0.5
    if unit == "10Y":
        return f"P{10 * count:g}Y" if count is not None else "PXDE"
    number = f"{count:g}" if count is not None else "X"
    return f"PT{number}{unit[1:]}" if unit.startswith("T") else f"P{number}{unit}"


def _relative(m: re.Match[str], base: dt.date | None) -> str | None:
    """ "la semana pasada", "el próximo mes", "este año", "el fin de semana pasado"."""
    if base is None:
        return None
    which = (m.group("which") or m.group("after") or "").lower()
    step = -1 if which.startswith(("pasad", "últim", "ultim", "anterior")) else 1 if which else 0
    unit = m.group("unit").lower()
    if unit == "año":
        return str(base.year + step)
    if unit == "mes":
        index = base.year * 12 + base.month - 1 + step
        return f"{index // 12}-{index % 12 + 1:02d}"
    year, week, _ = (base + dt.timedelta(weeks=step)).isocalendar()
    suffix = "-WE" if unit == "fin de semana" else ""
    return f"{year}-W{week:02d}{suffix}"


def _quarter(m: re.Match[str], base: dt.date | None) -> str | None:
    """ "el cuarto trimestre del 2005", "el primer trimestre del año pasado", "el último
    trimestre" (the last one ended before the base; of a year named, its fourth), "el tercer
    trimestre" (the latest begun)."""
    which, rel = m.group("which").lower(), (m.group("rel") or "").lower()
    if m.group("year"):
        year = int(m.group("year"))
    elif base is None:
        return None
    elif rel:
        year = base.year - 1 if rel == "año pasado" else base.year
    else:
        # "el cuarto trimestre" alone: the latest one begun by the base (in January, last year's)
        begun = which not in QUARTERS or 3 * QUARTERS[which] - 2 <= base.month
        year = base.year if begun else base.year - 1
    if which in QUARTERS:
        return f"{year}-Q{QUARTERS[which]}"
    if m.group("year") or rel or base is None:
        return f"{year}-Q4"
    index = base.year * 4 + (base.month - 1) // 3 - 1
    return f"{index // 4}-Q{index % 4 + 1}"


def _reference(m: re.Match[str], base: dt.date | None) -> str | None:
    return REFERENCES[m.group("word").lower()]


def _frequency(m: re.Match[str], base: dt.date | None) -> str | None:
    return FREQUENCIES[m.group("word").lower()]


def _deictic(m: re.Match[str], base: dt.date | None) -> str | None:
    word = m.group("word").lower()
    if base is None:
        return None
    before = m.string[max(0, m.start() - 6) : m.start()].lower()
    if word == "mañana" and re.search(r"\b(?:la|esta|de)\s+$", before):
        return base.isoformat()  # "esta mañana": this morning
    shift = {"ayer": -1, "anteayer": -2, "mañana": 1}.get(word, 0)
    return (base + dt.timedelta(days=shift)).isoformat()


def _weekday(m: re.Match[str], base: dt.date | None) -> str | None:
    """The weekday nearest before the base ("el sábado", "el pasado martes"), or after it for
    "el próximo martes", "el martes que viene"."""
    if base is None:
        return None
    which = (m.group("which") or m.groupdict().get("after") or "").lower()
    wanted = WEEKDAYS[m.group("weekday").lower()]
    if which.startswith(("próx", "prox", "que")):
        ahead = (wanted - base.weekday()) % 7 or 7
        return (base + dt.timedelta(days=ahead)).isoformat()
    back = (base.weekday() - wanted) % 7 or (7 if which == "pasado" else 0)
    return (base - dt.timedelta(days=back)).isoformat()


def _clock(m: re.Match[str], base: dt.date | None) -> str | None:
    """ "a las 16:15 UTC": 2009-06-01T16:15Z on the base day (Z for UTC and GMT), or on the
    weekday that follows it ("a las 12:00 UTC del lunes")."""
    if base is None:
        return None
    if m.group("weekday"):  # "a las 12:00 UTC del lunes"
        day = dt.date.fromisoformat(_weekday(m, base) or base.isoformat())
    else:
        day = base + dt.timedelta(
            days={"ayer": -1, "mañana": 1}.get((m.group("word") or "").lower(), 0)
        )
    zone = "Z" if m.group("zone") else ""
    return f"{day.isoformat()}T{int(m.group('hour')):02d}:{m.group('minute')}{zone}"


def _season(m: re.Match[str], base: dt.date | None) -> str | None:
    """ "la primavera" 2009-SP, "el otoño pasado", "el verano de 2008"."""
    season = SEASONS[m.group("season").lower()]
    if m.group("year"):
        return f"{m.group('year')}-{season}"
    if base is None:
        return None
    rel = (m.group("rel") or "").lower()
    step = -1 if rel.startswith("pasad") else 1 if rel else 0
    return f"{base.year + step}-{season}"


RESOLVERS: dict[str, Callable[[re.Match[str], dt.date | None], str | None]] = {
    "clock": _clock,
    "season": _season,
    "quarter": _quarter,
    "reference": _reference,
    "frequency": _frequency,
    "date": _date,
    "day_month": _day_month,
    "month_year": _month_year,
    "ago": _ago,
    "relative": _relative,
    "deictic": _deictic,
    "weekday": _weekday,
    "month": _month,
    "year": _year,
    "duration": _duration,
}
