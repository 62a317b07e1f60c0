"""Settings as data: each has a name, a default and a help text.

Values come, in rising order of precedence, from the defaults below, an `accord.toml` file in the
current folder (a `[accord]` table), environment variables `ACCORD_<NAME>` (upper case), and flags.
The docs and `accord settings` are generated from SETTINGS, so they cannot drift from the code.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from accord.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "accord.db", "Path of the SQLite store."),
    Setting("max_article_bytes", 5_000_000, "Largest article text accepted, in bytes."),
    Setting("fetch_timeout", 15.0, "Seconds allowed for one URL, redirects and body included."),
    Setting("fetch_max_bytes", 10_000_000, "Largest HTTP response body read, in bytes."),
    Setting("fetch_max_redirects", 5, "Redirects followed for one URL."),
    Setting("feed_max_entries", 500, "Entries read from one RSS/Atom feed."),
    Setting("allow_private", False, "Allow fetching loopback, private and link-local addresses."),
    Setting(
        "processes",
        0,
        "Analysis worker processes; 0 uses one per core when a batch is large enough to repay "
        "starting them.",
    ),
    Setting("dedup_shingle", 3, "Words per shingle for near-duplicate detection."),
    Setting(
        "dedup_threshold", 0.08, "Jaccard (word shingles) at or above which two reports are linked."
    ),
    Setting(
        "duplicate_threshold",
        0.9,
        "Jaccard at or above which a link is a copy rather than a rewrite.",
    ),
    Setting("about_width", 0.05, "Relative half-width of the interval of an 'about' figure."),
    Setting("nearly_width", 0.10, "Relative width below the value of a 'nearly' figure."),
    Setting(
        "story_threshold",
        0.2,
        "Mean TF-IDF cosine to a story's reports at or above which a report joins it "
        "(tuned on ECB+: BCubed F1 0.87-0.88 in file and random orders).",
    ),
    Setting(
        "event_threshold",
        0.3,
        "Mean TF-IDF cosine to an event's reports at or above which a report joins it, when "
        "their dates are at most 3 days apart (checked on the seeds).",
    ),
    Setting(
        "story_half_life_days",
        90.0,
        "Days after which a quiet story's pull on new reports halves (a follow-up a month on still "
        "joins its story: the seeds).",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def _coerce(setting: Setting, raw: Any) -> Any:
    kind = type(setting.default)
    try:
        if kind is bool and isinstance(raw, str):
            if raw.lower() in {"1", "true", "yes", "on"}:
                return True
            if raw.lower() in {"0", "false", "no", "off"}:
                return False
            raise ValueError(raw)
        return kind(raw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(
            f"setting {setting.name}: {raw!r} is not a {kind.__name__}; "
            f"use a value like {setting.default!r}"
        ) from exc


def load_settings(
    overrides: dict[str, Any] | None = None, config: Path | None = None
) -> dict[str, Any]:
    """Every setting's value: defaults < accord.toml < ACCORD_* environment < overrides."""
    values = {s.name: s.default for s in SETTINGS}
    path = config or Path("accord.toml")
    if path.is_file():
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8")).get("accord", {})
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc}); fix or remove the file") from exc
        for name, raw in table.items():
            if name not in _BY_NAME:
                raise ConfigError(f"{path}: unknown setting {name!r}; see `accord settings`")
            values[name] = _coerce(_BY_NAME[name], raw)
    for s in SETTINGS:
        env = os.environ.get(f"ACCORD_{s.name.upper()}")
        if env is not None:
            values[s.name] = _coerce(s, env)
    for name, raw in (overrides or {}).items():
        if raw is None:
            continue
        if name not in _BY_NAME:
            raise ConfigError(f"unknown setting {name!r}; see `accord settings`")
        values[name] = _coerce(_BY_NAME[name], raw)
    return values
