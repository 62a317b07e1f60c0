"""Settings as one typed, frozen object: each field has a type, a default, a help text and a rule.

Values come, in rising order of precedence, from the defaults below, an `accord.toml` file in the
current folder (a `[accord]` table), environment variables `ACCORD_<NAME>` (upper case), and flags.
`load_settings` validates every value where it is read, so a bad one fails at once with a message
naming the setting, where its value came from and what to write instead; the loaded object records
each value's origin. The docs and `accord settings` are generated from the fields, so they cannot
drift from the code.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, get_type_hints

from accord.errors import ConfigError


class Origin(StrEnum):
    """Where a setting's value came from, lowest precedence first."""

    DEFAULT = "default"
    FILE = "accord.toml"
    ENV = "environment"
    FLAG = "flag"


@dataclass(frozen=True, slots=True)
class Rule:
    """A condition on a setting's value, with the words that tell the user what it allows."""

    holds: Callable[[Any], bool]
    allows: str


_POSITIVE = Rule(lambda v: v > 0, "above 0")
_AT_LEAST_0 = Rule(lambda v: v >= 0, "0 or more")
_AT_LEAST_1 = Rule(lambda v: v >= 1, "1 or more")
_FRACTION = Rule(lambda v: 0 <= v <= 1, "from 0 to 1")
_NOT_EMPTY = Rule(lambda v: v != "", "not empty")


def _setting(default: Any, help: str, rule: Rule | None = None) -> Any:
    return field(default=default, metadata={"help": help, "rule": rule})


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """Every setting of a run. `Settings()` is the defaults alone; `load_settings` reads the
    sources. `origins` records where each value that is not a default came from."""

    db: str = _setting(
        "accord.db",
        "The store: an SQLite file's path, or a URL (postgresql+psycopg://role:pw@host/db).",
        _NOT_EMPTY,
    )
    max_article_bytes: int = _setting(
        5_000_000, "Largest article text accepted, in bytes.", _AT_LEAST_1
    )
    fetch_timeout: float = _setting(
        15.0, "Seconds allowed for one URL, redirects and body included.", _POSITIVE
    )
    fetch_max_bytes: int = _setting(
        10_000_000, "Largest HTTP response body read, in bytes.", _AT_LEAST_1
    )
    fetch_max_redirects: int = _setting(5, "Redirects followed for one URL.", _AT_LEAST_0)
    feed_max_entries: int = _setting(500, "Entries read from one RSS/Atom feed.", _AT_LEAST_0)
    allow_private: bool = _setting(
        False, "Allow fetching loopback, private and link-local addresses."
    )
    processes: int = _setting(
        0,
        "Analysis worker processes; 0 uses one per core when a batch is large enough to repay "
        "starting them.",
        _AT_LEAST_0,
    )
    dedup_shingle: int = _setting(3, "Words per shingle for near-duplicate detection.", _AT_LEAST_1)
    dedup_threshold: float = _setting(
        0.08, "Jaccard (word shingles) at or above which two reports are linked.", _FRACTION
    )
    duplicate_threshold: float = _setting(
        0.9, "Jaccard at or above which a link is a copy rather than a rewrite.", _FRACTION
    )
    about_width: float = _setting(
        0.05, "Relative half-width of the interval of an 'about' figure.", _FRACTION
    )
    nearly_width: float = _setting(
        0.10, "Relative width below the value of a 'nearly' figure.", _FRACTION
    )
    story_threshold: float = _setting(
        0.2,
        "Mean TF-IDF cosine to a story's reports at or above which a report joins it "
        "(tuned on ECB+: BCubed F1 0.87-0.88 in file and random orders).",
        _AT_LEAST_0,
    )
    event_threshold: float = _setting(
        0.3,
        "Mean TF-IDF cosine to an event's reports at or above which a report joins it, when "
        "their dates are at most 3 days apart (checked on the seeds).",
        _AT_LEAST_0,
    )
    story_half_life_days: float = _setting(
        90.0,
        "Days after which a quiet story's pull on new reports halves (a follow-up a month on still "
        "joins its story: the seeds).",
        _POSITIVE,
    )
    watch_sources: tuple[str, ...] = _setting(
        (),
        "What `accord watch` polls besides the sources on its command line: feed and page URLs "
        "and folders (a TOML list; in the environment, separated by spaces).",
    )
    watch_interval: float = _setting(
        300.0, "Seconds between two polls of one watched source.", _POSITIVE
    )
    watch_max_backoff: float = _setting(
        3600.0,
        "Longest wait, in seconds, before polling again a source whose polls fail or are slow.",
        _POSITIVE,
    )
    watch_max_per_poll: int = _setting(
        50, "New or changed reports stored from one source in one poll; the rest wait.", _AT_LEAST_1
    )
    webhooks: tuple[str, ...] = _setting(
        (),
        "URLs that receive each story's change sets as JSON when its ledger is rebuilt: URL for "
        "every story, or STORY=URL for one (a TOML list; in the environment, separated by "
        "spaces). `accord watch` and `accord serve --watch` deliver them.",
    )
    webhook_secret: str = _setting(
        "",
        "Shared secret that signs each webhook: X-Accord-Signature: sha256=HMAC-SHA256 of the "
        "body (unsigned when empty).",
    )
    webhook_attempts: int = _setting(
        8, "Deliveries tried per webhook before it is given up.", _AT_LEAST_1
    )
    webhook_backoff: float = _setting(
        2.0,
        "Seconds before a failed webhook is tried again, doubled at each failure.",
        _AT_LEAST_0,
    )
    languages: tuple[str, ...] = _setting(
        ("en", "es"),
        "Languages whose reports are analysed (ISO 639-1; accord has pipelines for en and es). A "
        "report in another language is stored with its language and left unanalysed.",
        Rule(lambda v: bool(v) and set(v) <= {"en", "es"}, "one or more of en, es"),
    )
    spark_master: str = _setting(
        "local[*]",
        "The Spark master `accord batch` runs on: local[N] on this machine, or a cluster's URL "
        "(spark://host:7077, yarn, k8s://...).",
        _NOT_EMPTY,
    )
    batch_partitions: int = _setting(
        0,
        "Partitions `accord batch` analyses the reports in; 0 makes four per executor core.",
        _AT_LEAST_0,
    )
    # A tuple, not a dict: the object stays hashable and picklable for the worker processes.
    origins: tuple[tuple[str, Origin], ...] = field(default=(), compare=False, repr=False)

    def origin(self, name: str) -> Origin:
        """Where the value of setting `name` came from."""
        return dict(self.origins).get(name, Origin.DEFAULT)


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting as the docs and `accord settings` show it."""

    name: str
    default: Any
    help: str
    type: type
    rule: Rule | None


DEFAULTS = Settings()
_TYPES = get_type_hints(Settings)
SETTINGS: tuple[Setting, ...] = tuple(
    Setting(f.name, f.default, f.metadata["help"], _TYPES[f.name], f.metadata["rule"])
    for f in dataclasses.fields(Settings)
    if "help" in f.metadata
)
_BY_NAME = {s.name: s for s in SETTINGS}
_TEXTS = tuple[str, ...]
_KIND = {
    bool: "true or false",
    int: "a whole number",
    float: "a number",
    str: "a text",
    _TEXTS: "a list of texts",
}
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _where(setting: Setting, origin: Origin, config: Path) -> str:
    if origin is Origin.FILE:
        return f"in {config}"
    if origin is Origin.ENV:
        return f"in the environment as ACCORD_{setting.name.upper()}"
    return f"from the --{setting.name.replace('_', '-')} flag"


def _coerce(setting: Setting, raw: object, origin: Origin, config: Path) -> Any:
    """The value of `raw` as the setting's type, checked against its rule; text (environment
    variables) is parsed, other values (TOML, flags) must already be of the type."""
    kind = setting.type
    value: Any = None
    if kind == _TEXTS:
        # Text (the environment, a flag) is split on spaces; TOML gives a list.
        items = raw.split() if isinstance(raw, str) else raw
        if isinstance(items, list | tuple) and all(isinstance(i, str) for i in items):
            value = tuple(items)
    elif isinstance(raw, str) and kind is not str:
        lowered = raw.strip().lower()
        if kind is bool:
            value = True if lowered in _TRUE else False if lowered in _FALSE else None
        else:
            try:
                value = kind(lowered)
            except ValueError:
                value = None
    elif kind is bool:
        value = raw if isinstance(raw, bool) else None
    elif kind is float:
        value = float(raw) if isinstance(raw, int | float) and not isinstance(raw, bool) else None
    else:
        value = raw if isinstance(raw, kind) and not isinstance(raw, bool) else None
    fix = f"use a value like {setting.default!r}"
    where = _where(setting, origin, config)
    if value is None:
        raise ConfigError(f"setting {setting.name} = {raw!r} ({where}) is not {_KIND[kind]}; {fix}")
    if setting.rule is not None and not setting.rule.holds(value):
        raise ConfigError(
            f"setting {setting.name} = {raw!r} ({where}) must be {setting.rule.allows}; {fix}"
        )
    return value


def _read_table(path: Path) -> dict[str, object]:
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("accord", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix or remove the file") from exc
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [accord] must be a table of settings; see `accord settings`")
    return table


def load_settings(
    flags: Mapping[str, object] | None = None,
    config: Path | None = None,
    *,
    hermetic: bool = False,
) -> Settings:
    """Every setting's value: defaults < accord.toml < ACCORD_* environment < `flags` (a flag of
    None is a flag not given). `hermetic` skips accord.toml and the environment, so a caller that
    must not depend on where it runs (the quality gates) sees the defaults and its flags alone."""
    path = config or Path("accord.toml")
    found: dict[str, tuple[object, Origin]] = {}
    if not hermetic and path.is_file():
        for name, raw in _read_table(path).items():
            if name not in _BY_NAME:
                raise ConfigError(f"{path}: unknown setting {name!r}; see `accord settings`")
            found[name] = (raw, Origin.FILE)
    if not hermetic:
        for s in SETTINGS:
            env = os.environ.get(f"ACCORD_{s.name.upper()}")
            if env is not None:
                found[s.name] = (env, Origin.ENV)
    for name, raw in (flags or {}).items():
        if raw is None:
            continue
        if name not in _BY_NAME:
            raise ConfigError(f"unknown setting {name!r}; see `accord settings`")
        found[name] = (raw, Origin.FLAG)
    values = {
        name: _coerce(_BY_NAME[name], raw, origin, path) for name, (raw, origin) in found.items()
    }
    origins = tuple((name, origin) for name, (_, origin) in found.items())
    return Settings(**values, origins=origins)
