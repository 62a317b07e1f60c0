"""What the clusterer knows about one report: weighted term counts, entities, places, figures, times.

Following Miranda et al. 2018 ("Multilingual Clustering of Streaming News"), a report is a sparse
bag of features weighted by TF-IDF; the document frequencies live in the store and grow with it, so
only raw (sublinear) counts are kept here and the IDF is applied at comparison time. Feature names
carry a prefix so that one index holds them all: `w:` words, `e:` names of the event's people and
groups, `l:` local names (of places and public bodies), `p:` the dateline's place, `n:` figures.

Nothing here runs spaCy: entity names come from the analysis stage when it has run, and a cheap
capitalised-phrase pattern stands in when it has not.
"""

from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from accord.model import Article, Claim, SourceType, Statement, TimeMention
from accord.stories.crosslang import neutral_counts
from accord.text import SENTENCE_END, fold_accents
from accord.tfidf import STOP_WORDS

NAME_PREFIX = "e:"  # features of the names of an event's people and groups
# Features of local names: a place and its public bodies (its police, its medical examiner, its
# news station) are named in every event of the place over the years, so these names lose their
# pull with time as a story's words do, where the names of an event's people and groups (the
# trial's defendant a year on) do not.
LOCAL_NAME_PREFIX = "l:"
LOCAL_TYPES = frozenset({"place", "government", "media"})  # the kinds of a local name
# A hospital's or a clinic's name is local too, whatever kind the analysis gave it: every shooting
# in a city sends its wounded there (GVA dev: six Chicago shootings over five months were one
# story by the hospitals their reports named; BCubed precision 0.941 -> 0.946, ECB+ unchanged).
_CARE_PLACE = re.compile(
    r"\b(?:hospitals?|medical cent(?:er|re)|clinic|infirmary|trauma cent(?:er|re))$", re.I
)
# A spokesperson's name is local too: "Officer Jose Estrada, a Chicago Police spokesman" speaks
# for every shooting of his city, and a victim elsewhere may bear his name.
_SPOKESPERSON = re.compile(
    r"\b(?:spokes(?:man|woman|person)|(?:public information|public affairs|news affairs|press)"
    r"\s+officer|press secretary)\b",
    re.I,
)
NAMED = (NAME_PREFIX, LOCAL_NAME_PREFIX)  # the features of the names a report gives

# Field weights: a headline and a lead say what the story is about; the body wanders.
TITLE_WEIGHT = 3.0
LEAD_WEIGHT = 2.0
BODY_WEIGHT = 1.0
# Names, places and figures separate two stories of the same kind (two earthquakes, two arrests);
# names weigh most (ECB+ in random orders: BCubed F1 0.86-0.88 at 1.0, 0.87-0.88 at 2.5).
ENTITY_WEIGHT = 2.5
PLACE_WEIGHT = 2.0
FIGURE_WEIGHT = 0.5
# A figure with what it counts ("26 people", "23 boats") tells two events of one kind apart where
# the bare number cannot: the number is common, the pair is the event's (ECB+ through `accord
# ingest`: BCubed F1 0.850 -> 0.853, precision 0.840 -> 0.849, recall 0.860 -> 0.858).
COUNTED_FIGURE_WEIGHT = 2.0
# Kinds of figure that count something of the event; a score or a duration recurs across events.
COUNTED_KINDS = frozenset({"count", "money", "percent", "magnitude", "quantity"})

_WORD = re.compile(r"[a-z][a-z'’-]*[a-z]")
_NAME = re.compile(
    r"[A-Z][\w'’.-]*[\w](?:\s+(?:(?:of|de|del|la|al|bin|van|von)\s+)?[A-Z][\w'’.-]*[\w])*"
)
_FIGURE = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.])\d+(?:\.\d+)?")
_STOP = STOP_WORDS | {"said", "says", "according", "reported", "told", "just"}
# A headline may ask or exclaim, but does not end with a full stop, even inside a quote.
_FULL_STOP = re.compile(r"[.…][\"'’”)\]]*$")
_MIN_LEAD_WORDS = 12
_MAX_TITLE_WORDS = 25
# What separates the parts of a page title: "Five teens shot - WMC Action News 5 - Memphis, TN".
_TITLE_PARTS = re.compile(r"\s+(?:[-|–—»]|::)\s+")
_NOT_ALNUM = re.compile(r"[\W_]+")
# An outlet's name shorter than this ("ap") is found inside too many other words.
_MIN_OUTLET_LETTERS = 4
# A part of an outlet's name names the outlet when it is most of it ("Action News 5" of
# wmcactionnews5), not the city an outlet is named after ("Chicago" of chicagotribune).
_MOST_OF_OUTLET = 0.6


class Embedder(Protocol):
    """A dense-embedding backend (e.g. a sentence encoder); optional, none is installed by default."""

    def embed(self, texts: Sequence[str]) -> list[list[float]]: ...


@dataclass(slots=True)
class ReportFeatures:
    """One report as the clusterer sees it."""

    key: str
    counts: dict[str, float]  # feature -> sublinear, field-weighted count
    title: str | None = None
    lead: str = ""
    outlet: str | None = None
    published: date | None = None
    when: date | None = None  # the time the report's figures refer to, when the analysis knows it
    embedding: tuple[float, ...] | None = None
    entities: tuple[str, ...] = field(default_factory=tuple)
    language: str | None = None
    # Names, figures and the day, read alike in every language (`accord.stories.crosslang`).
    neutral: dict[str, float] = field(default_factory=dict)
    # The words of the names its headline and lead mention: who and where the report's event is.
    head: tuple[str, ...] = ()

    @property
    def time(self) -> date | None:
        """The date that places the report among events: what its figures refer to, else its date."""
        return self.when or self.published


def report_features(
    article: Article,
    entities: Sequence[str] | None = None,
    figures: Sequence[float] | None = None,
    when: date | None = None,
    embedder: Embedder | None = None,
    counted: Sequence[tuple[float, str]] = (),
    head: Sequence[str] | None = None,
    local: Collection[str] = (),
) -> ReportFeatures:
    """Features of `article`; `entities`, `figures` and `counted` (figures with the unit they
    count, `counted_figures`) come from the analysis stage when it has run, and so do `head`:
    the names its headline and lead mention (`head_names`), and `local`: which of the
    `entities` are local names (of LOCAL_TYPES)."""
    paragraphs = [p.strip() for p in article.text.splitlines() if p.strip()]
    title = article.title or _headline(paragraphs)
    lead = _lead(paragraphs, title)
    headline = headline_of(title, article.outlet)
    names = list(entities) if entities is not None else _names(article.text)
    numbers = list(figures) if figures is not None else _figures(article.text)
    counts: defaultdict[str, float] = defaultdict(float)
    _add_words(counts, headline or "", TITLE_WEIGHT)
    _add_words(counts, lead, LEAD_WEIGHT)
    _add_words(counts, article.text, BODY_WEIGHT)
    for name in names:
        prefix = LOCAL_NAME_PREFIX if name in local else NAME_PREFIX
        if norm := _norm_name(name):
            counts[f"{prefix}{norm}"] += ENTITY_WEIGHT
    if article.place:
        counts[f"p:{_norm_name(article.place)}"] += PLACE_WEIGHT
    for value in numbers:
        counts[f"n:{_figure_key(value)}"] += FIGURE_WEIGHT
    for value, unit in dict.fromkeys(counted):
        counts[f"n:{_figure_key(value)} {unit}"] += COUNTED_FIGURE_WEIGHT
    heads = head if head is not None else _names(f"{headline or ''}\n{lead}")
    return ReportFeatures(
        key=article.key,
        counts={k: round(1.0 + math.log(v), 4) if v >= 1 else v for k, v in counts.items()},
        title=title,
        lead=lead,
        outlet=article.outlet,
        published=parse_day(article.published),
        when=when,
        embedding=tuple(embedder.embed([f"{title or ''}\n{lead}"])[0]) if embedder else None,
        entities=tuple(dict.fromkeys(_norm_name(n) for n in names if _norm_name(n))),
        language=article.language,
        neutral=neutral_counts(article.text, article.published, figures or ()),
        head=tuple(name_words(heads)),
    )


def site_part(title: str, outlet: str | None) -> tuple[int, int] | None:
    """Where a page title gives its site's name rather than the headline, as offsets in `title`:
    from the first part after the headline that names the outlet to the end ("Five teens shot -
    WMC Action News 5 - Memphis, Tennessee" of wmcactionnews5.com), or a first part that names it
    ("CBS 58 - Milwaukee police investigate ..."). The site's name, its call letters and the
    places it covers say nothing of the event, and every report of the site shares them. None
    when no part names the outlet."""
    label = outlet_label(outlet)
    if not label:
        return None
    seps = list(_TITLE_PARTS.finditer(title))
    if not seps:
        return None
    starts = [0, *(m.end() for m in seps)]
    ends = [*(m.start() for m in seps), len(title)]
    for part in range(1, len(starts)):
        if names_outlet(title[starts[part] : ends[part]], label):
            return (seps[part - 1].start(), len(title))
    if names_outlet(title[: ends[0]], label):
        return (0, starts[1])
    return None


def site_name_span(text: str, title: str | None, outlet: str | None) -> tuple[int, int] | None:
    """`site_part` of the title as offsets in `text`, when `text` opens with its title."""
    if not title:
        return None
    part = site_part(title, outlet)
    at = text.find(title, 0, len(title) + 8)  # the first line, after a blank or a mark or two
    if part is None or at < 0:
        return None
    return (at + part[0], at + part[1])


def outlet_label(outlet: str | None) -> str:
    """The outlet's name in lower-case letters and digits: "wmcactionnews5" of
    "www.wmcactionnews5.com" or "WMC Action News 5"; "" when too short to tell."""
    if not outlet:
        return ""
    name = outlet.strip().lower()
    if " " not in name and "." in name:  # a host name: its first label but "www"
        name = name.removeprefix("www.").split(".")[0]
    label = _NOT_ALNUM.sub("", name)
    return label if len(label) >= _MIN_OUTLET_LETTERS else ""


def names_outlet(part: str, label: str) -> bool:
    """Whether `part` names the outlet of `label` (`outlet_label`): "WRAL.com", "KSLA News 12" of
    ksla.com, "Action News 5" of wmcactionnews5.com; not "Chicago" of chicagotribune.com, the city
    it covers. Never when `label` is ""."""
    if not label:
        return False
    folded = _NOT_ALNUM.sub("", fold_accents(part.lower()))
    most = len(folded) >= max(_MIN_OUTLET_LETTERS, _MOST_OF_OUTLET * len(label))
    return label in folded or (most and folded in label)


def headline_of(title: str | None, outlet: str | None) -> str | None:
    """The title without the site's name (`site_part`)."""
    if not title:
        return title
    span = site_part(title, outlet)
    return title if span is None else (title[: span[0]] + title[span[1] :]).strip()


def local_name(name: str, kind: str | None, voices: Collection[str] = ()) -> bool:
    """Whether a name is a local one (LOCAL_TYPES, a place of care, or one of the report's
    spokespeople, `voices`, or a part of one): it pulls a report to a story as the story's words
    do, fading with time."""
    if kind in LOCAL_TYPES or _CARE_PLACE.search(name) is not None:
        return True
    if not voices:  # most reports name no spokesperson: asked of every name they mention
        return False
    words = _word_set(name)
    return bool(words) and any(words <= _word_set(voice) for voice in voices)


@functools.lru_cache(maxsize=1 << 14)
def _word_set(name: str) -> frozenset[str]:
    return frozenset(_words(_norm_name(name)))


def spokespeople(statements: Iterable[Statement]) -> set[str]:
    """The names of the people a report's statements call a spokesperson ("Officer Jose Estrada,
    a Chicago Police spokesman")."""
    return {
        s.source
        for s in statements
        if s.source
        and s.source_type == SourceType.PERSON
        and _SPOKESPERSON.search(s.source_span or "")
    }


def name_words(names: Iterable[str]) -> list[str]:
    """The distinct words of `names`, folded, in order: "Aceh province" and "Aceh" share "aceh"."""
    words = (w for name in names for w in _words(_norm_name(name)))
    return list(dict.fromkeys(words))


def counted_figures(claims: Iterable[Claim]) -> list[tuple[float, str]]:
    """The figures of `claims` that count something named (`COUNTED_KINDS`), with the unit they
    count in lower case: (26.0, "people")."""
    return [
        (claim.value, claim.unit.lower())
        for claim in claims
        if claim.unit and claim.kind in COUNTED_KINDS
    ]


def event_day(text: str, times: Sequence[TimeMention]) -> date | None:
    """The day a report's event happened on, as far as its head says: the first whole day among
    the time expressions of its headline and lead (a background date sits further down, a
    follow-up's date - "the trial opens April 11" - follows the event's). None when the head
    names no day: the publication date is another matter (a report may come days later)."""
    end = head_end(text)
    days = sorted((t.start, t.when) for t in times if t.when and len(t.when) == 10)
    for start, when in days:
        if start < end:
            return parse_day(when)
    return None


def head_end(text: str) -> int:
    """Where the head of `text` (its headline and lead) ends: what it says happened, and where."""
    paragraphs = [p.strip() for p in text.splitlines() if p.strip()]
    lead = _lead(paragraphs, _headline(paragraphs))
    return text.find(lead) + len(lead) if lead else 0


def head_names(
    text: str, title: str | None, names: Iterable[tuple[str, int]], outlet: str | None = None
) -> list[str]:
    """The names of `names` (a name and where it starts in `text`) that the head mentions: those
    in the headline or lead of `text`, and those the `title` apart from the text names (its
    headline: not the site's name that the outlet's page titles add, `site_part`)."""
    end = head_end(text)
    title = headline_of(title, outlet)
    headline = f" {' '.join(_words(title))} " if title else ""
    return [
        name
        for name, start in names
        if start < end or (headline and f" {' '.join(_words(name))} " in headline)
    ]


def parse_day(value: str | None) -> date | None:
    """The calendar day of an ISO 8601 time or date (`2024-11-16T22:05:24+05:00` -> 2024-11-16)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _headline(paragraphs: Sequence[str]) -> str | None:
    """A headline among the first lines, above the first that ends a sentence: a short line of
    words with no final stop. Below the prose's start, such a line is a quote's last words or a
    subheading."""
    for line in paragraphs[:5]:
        if _reads_as_headline(line):
            return line
        if SENTENCE_END.search(line):
            return None
    return None


def _reads_as_headline(line: str) -> bool:
    words = line.split()
    # Page furniture and datelines ("date 2024-11-16 WATCH TV LIVE") are mostly not plain words.
    plain = sum(w.isalpha() and not (w.isupper() and len(w) > 1) for w in words)
    return (
        5 <= len(words) <= _MAX_TITLE_WORDS
        and plain >= 0.8 * len(words)
        and ":" not in line
        and not _FULL_STOP.search(line)
    )


def _lead(paragraphs: Sequence[str], title: str | None) -> str:
    """The first paragraph that reads as prose; page furniture and datelines are short lines."""
    for line in paragraphs:
        if line != title and len(line.split()) >= _MIN_LEAD_WORDS:
            return line
    return paragraphs[0] if paragraphs else ""


def _add_words(counts: defaultdict[str, float], text: str, weight: float) -> None:
    for word in _words(text):
        counts[f"w:{word}"] += weight


def _words(text: str) -> Iterable[str]:
    for match in _WORD.finditer(fold_accents(text.lower())):
        term = _term(match.group())
        if term:
            yield term


@functools.lru_cache(maxsize=65536)
def _term(word: str) -> str:
    """The term a word counts as, "" for a stop word or one too short: read once per distinct
    word, as a corpus repeats its words."""
    word = word.replace("’", "'").removesuffix("'s")
    return _fold_plural(word) if len(word) > 2 and word not in _STOP else ""


def _fold_plural(word: str) -> str:
    """A crude singular, so that "prisoners" and "prisoner" count as one term."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _names(text: str) -> list[str]:
    """Capitalised phrases, a fallback for named entities when the analysis stage has not run."""
    return [m.group() for m in _NAME.finditer(text) if m.group().lower() not in _STOP]


def _norm_name(name: str) -> str:
    return " ".join(fold_accents(name.lower()).replace("’", "'").removesuffix("'s").split())


def _figures(text: str) -> list[float]:
    return [float(m.group().replace(",", "")) for m in _FIGURE.finditer(text)]


def _figure_key(value: float) -> str:
    return f"{value:g}"
