"""The typed records that pass between stages.

Every record keeps its provenance: the key of the article it came from (`doc`) and character
offsets into that article's stored text. Records are plain dataclasses so that any stage can run in
a process pool; `to_dict`/`from_dict` turn them into JSON-ready dicts for the store and the exports.
"""

from __future__ import annotations

import dataclasses
import functools
import types
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from operator import attrgetter
from typing import Any, ClassVar, Literal, Self, Union, get_args, get_origin, get_type_hints


class SourceType(StrEnum):
    """What kind of speaker a source is."""

    PERSON = "person"
    ORGANISATION = "organisation"
    GOVERNMENT = "government"
    NGO = "ngo"
    MEDIA = "media"
    ANONYMOUS = "anonymous"
    PLACE = "place"
    OTHER = "other"


class Qualifier(StrEnum):
    """How a figure is qualified: "at least 60" is AT_LEAST, "between 5 and 8" RANGE."""

    EXACT = "exact"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    ABOUT = "about"
    NEARLY = "nearly"
    UP_TO = "up_to"
    AT_MOST = "at_most"
    FEWER_THAN = "fewer_than"
    RANGE = "range"
    VAGUE = "vague"


class Verdict(StrEnum):
    """What the reports of a group do with its figure."""

    SINGLE = "single"
    UPDATE = "update"
    DISPUTE = "dispute"
    AGREE = "agree"


# Small closed sets that only ever meet string literals: Literal keeps them plain strings.
MentionKind = Literal["name", "pronoun", "description", "anonymous"]
Relation = Literal["duplicate", "rewrite"]
BriefingKind = Literal["summary", "dispute", "figure"]


class Record:
    """Mixin: dict round trip that ignores unknown keys (records gain fields over time).

    `NESTED` names the fields that hold tuples of other records, rebuilt from their dicts.
    """

    NESTED: ClassVar[dict[str, type[Record]]] = {}
    # Declared for the type checker: every record is a dataclass, which sets it.
    __dataclass_fields__: ClassVar[dict[str, dataclasses.Field[Any]]]

    def to_dict(self) -> dict[str, Any]:
        # What dataclasses.asdict gives for records (their fields hold text, numbers, enums,
        # tuples and other records), without its deep copy of every value: a ledger's snapshot
        # converts thousands of records. Only the fields that may hold records are walked; text,
        # numbers, enums and tuples of them are given as they are, which cannot change.
        walked = _WALKED.get(type(self))
        if walked is None:
            walked = _WALKED.setdefault(type(self), _walked(type(self)))
        plain = dict(zip(_field_names(type(self)), self._values(), strict=True))
        for name in walked:
            plain[name] = _plain(plain[name])
        return plain

    def copy(self) -> Self:
        """A shallow copy, as `dataclasses.replace(self)` makes, a third of its cost: a story's
        ledger copies each of its thousands of claims on every build."""
        return type(self)(*self._values())

    def _values(self) -> tuple[Any, ...]:
        """The values of the fields, in the order the constructor takes them."""
        fields_of = _GETTERS.get(type(self)) or _GETTERS.setdefault(type(self), _getter(self))
        return fields_of(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        # Only the fields whose stored form differs are converted, by a plan made once a class:
        # a large story's ledger reads some 10,000 records.
        names, converters = _PLANS.get(cls) or _PLANS.setdefault(cls, _plan(cls))
        kept = {k: v for k, v in data.items() if k in names}
        for name, convert in converters:
            if name in kept:
                kept[name] = convert(kept[name])
        return cls(**kept)


Converter = Callable[[Any], Any]
_PLANS: dict[type[Record], tuple[frozenset[str], tuple[tuple[str, Converter], ...]]] = {}
_NAMES: dict[type[Record], tuple[str, ...]] = {}
_GETTERS: dict[type[Record], Callable[[Record], tuple[Any, ...]]] = {}
_WALKED: dict[type[Record], tuple[str, ...]] = {}
_FLAT = (str, int, float, bool, tuple, Literal)  # a tuple holds records only where NESTED says


def _field_names(cls: type[Record]) -> tuple[str, ...]:
    """The names of a record's fields, in the order its constructor takes them."""
    return _NAMES.get(cls) or _NAMES.setdefault(cls, tuple(f.name for f in dataclasses.fields(cls)))


def _getter(record: Record) -> Callable[[Record], tuple[Any, ...]]:
    """The values of a record's fields, in the order its constructor takes them."""
    names = _field_names(type(record))
    if len(names) == 1:
        return lambda r: (getattr(r, names[0]),)
    return attrgetter(*names)


def _plan(cls: type[Record]) -> tuple[frozenset[str], tuple[tuple[str, Converter], ...]]:
    """The names of `cls`'s fields, and a converter for each field a dict holds in another form:
    lists for tuples, text for enums, dicts for nested records."""
    kinds = _field_kinds(cls)
    converters: list[tuple[str, Converter]] = []
    for name, kind in kinds.items():
        nested = cls.NESTED.get(name)
        if nested is not None:
            converters.append((name, functools.partial(_nested, nested)))
        elif kind is tuple:
            converters.append((name, _tupled))
        elif isinstance(kind, type) and issubclass(kind, StrEnum):
            converters.append((name, functools.partial(_enum, kind)))
    return frozenset(kinds), tuple(converters)


def _tupled(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _enum(kind: type[StrEnum], value: Any) -> Any:
    return kind(value) if isinstance(value, str) else value


def _nested(kind: type[Record], value: Any) -> tuple[Any, ...]:
    return tuple(kind.from_dict(v) if isinstance(v, dict) else v for v in _tupled(value))


def _walked(cls: type[Record]) -> tuple[str, ...]:
    """The fields of `cls` whose values `to_dict` converts: those that may hold records."""
    return tuple(
        name
        for name, kind in _field_kinds(cls).items()
        if name in cls.NESTED
        or not (kind in _FLAT or (isinstance(kind, type) and issubclass(kind, StrEnum)))
    )


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_dict()
    if type(value) in (tuple, list):
        return type(value)(_plain(v) for v in value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _field_kinds(cls: type[Record]) -> dict[str, object]:
    """Each field's type with `| None` taken off and generics reduced to their origin
    (`tuple[str, ...]` is `tuple`), from the resolved annotations."""
    hints = get_type_hints(cls)
    kinds: dict[str, object] = {}
    for f in dataclasses.fields(cls):
        hint = hints[f.name]
        if get_origin(hint) in (Union, types.UnionType):
            hint = next(a for a in get_args(hint) if a is not type(None))
        kinds[f.name] = get_origin(hint) or hint
    return kinds


@dataclass(slots=True)
class Article(Record):
    """One report as stored: clean text plus metadata. `key` is unique in the store."""

    key: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO 8601: with offset when a time is known, else a bare date
    published_inferred: bool = False
    language: str | None = None
    origin: str = ""  # where it came from: a path, `path:line`, a URL, `stdin:line`
    place: str | None = None  # from the dateline ("CARACAS")
    author: str | None = None
    duplicate_of: str | None = None  # key of the earlier report this one copies or rewrites
    relation: Relation | None = None
    content_hash: str = ""
    seq: int = 0  # ingestion order, set by the store


@dataclass(slots=True)
class Rejection(Record):
    """An input that was refused, with the reason and how to fix it."""

    source: str
    reason: str
    at: str = ""


@dataclass(slots=True)
class Entity(Record):
    """A canonical real-world referent across the reports of the store."""

    id: str
    name: str
    type: SourceType
    aliases: tuple[str, ...] = ()
    mentions: int = 0


@dataclass(slots=True)
class Mention(Record):
    """One mention of an entity in a report (a name, an alias, a description or a pronoun)."""

    doc: str
    entity: str  # Entity.id
    text: str
    start: int
    end: int
    kind: MentionKind = "name"
    type: SourceType | None = None  # as the report shows it


@dataclass(slots=True)
class Statement(Record):
    """Who said what: an attributed statement with the offsets of its parts."""

    doc: str
    content: str
    content_start: int
    content_end: int
    sentence_start: int
    sentence_end: int
    source_span: str | None = None  # the literal source words ("he", "a source", "The Post")
    source_start: int | None = None
    source_end: int | None = None
    source: str | None = None  # the resolved canonical name ("Tarek William Saab")
    source_type: SourceType | None = None
    entity: str | None = None  # Entity.id of the source
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    is_quote: bool = False


@dataclass(slots=True)
class TimeMention(Record):
    """A time expression in a report, normalised against the report's publication date."""

    doc: str
    text: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    # YYYY, YYYY-MM, YYYY-MM-DD or START/END; a duration, frequency or vague reference as TIMEX3
    # writes it (P2Y, P1W, PAST_REF); None while the report is undated
    when: str | None
    relative: bool = False  # needs the publication date ("on Saturday", "last week")


@dataclass(slots=True)
class Claim(Record):
    """A numeric claim: a figure, what it counts, who says it and when it refers to."""

    doc: str
    value: float
    start: int  # offsets of the number's words in the article text
    end: int
    sentence: str
    sentence_start: int
    sentence_end: int
    qualifier: Qualifier = Qualifier.EXACT
    value_low: float | None = None
    value_high: float | None = None
    measure: str = "other"
    unit: str | None = None  # "people", "percent", "USD", "cases"
    what: str | None = None  # a readable description of what is counted
    source: str | None = None  # canonical source, null when the report speaks in its own voice
    source_span: str | None = None
    source_type: SourceType | None = None
    entity: str | None = None
    when: str | None = None  # YYYY, YYYY-MM, YYYY-MM-DD or START/END
    when_text: str | None = None  # the words the time came from ("on Saturday")
    when_inferred: bool = False  # resolved through an inferred publication date
    where: str | None = None
    subject: str | None = None
    in_title: bool = False
    # The kind of value: "count", "money", "percent", "score" (one side of "65-53"), "duration",
    # "magnitude" or "quantity" (a length or a weight); None in records stored before it was read.
    kind: str | None = None
    # What it counts, normalised: the counted noun's lemma with its modifiers ("hijacked ship",
    # "Somali pirate"), so that figures compare like with like; None when no noun is named.
    counted: str | None = None
    # What the figure is about, set by the ledger (reconcile.roles.Role): "figure" (the story's own
    # count), "part" (some of a count) or "background" (another event's figure).
    role: str = "figure"
    id: str = ""  # "<doc>#<n>", set when stored
    group: str | None = None


@dataclass(slots=True)
class Story(Record):
    id: str
    title: str
    created: str = ""
    updated: str = ""
    first_published: str | None = None
    last_published: str | None = None
    reports: int = 0
    outlets: tuple[str, ...] = ()
    events: int = 0
    renamed: bool = False
    reconciled: str = ""  # when its ledger was last built; empty while the ledger is stale


@dataclass(slots=True)
class Membership(Record):
    """Which story and event a report belongs to; `pinned` when an analyst put it there."""

    doc: str
    story: str
    event: str
    pinned: bool = False


@dataclass(slots=True)
class SourceValue(Record):
    """One value of a group as one source gave it in one report."""

    doc: str
    claim: str
    value: float
    qualifier: Qualifier
    low: float | None
    high: float | None
    source: str | None
    outlet: str | None
    published: str | None
    voice: str  # the key of the independent report this one speaks with


@dataclass(slots=True)
class Group(Record):
    """Claims of different reports that speak of the same figure, with the verdict."""

    id: str
    story: str
    measure: str
    verdict: Verdict
    value: float | None
    values: tuple[float, ...]
    docs: tuple[str, ...]
    members: tuple[str, ...]  # Claim.id
    what: str = ""
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    first_reported: str | None = None
    last_reported: str | None = None
    explanation: str = ""
    best_rule: str = ""
    by_source: tuple[SourceValue, ...] = field(default_factory=tuple)
    role: str = "figure"  # the role its claims share (reconcile.roles.Role): "figure" or "part"
    part_of: str | None = None  # a part's whole: the key figure group of its measure

    NESTED: ClassVar[dict[str, type[Record]]] = {"by_source": SourceValue}


@dataclass(slots=True)
class TimelineEntry(Record):
    date: str  # YYYY, YYYY-MM, YYYY-MM-DD or START/END
    text: str
    docs: tuple[str, ...]
    story: str = ""
    spans: tuple[tuple[str, int, int], ...] = ()  # (doc, start, end) of the sentences cited


@dataclass(slots=True)
class BriefingSentence(Record):
    text: str
    docs: tuple[str, ...]
    story: str = ""
    doc: str = ""  # the report the sentence was taken from
    start: int = 0
    end: int = 0
    # "figure" for the key figures' current values, "dispute" for the called-out disputed
    # figures, else "summary"
    kind: BriefingKind = "summary"
