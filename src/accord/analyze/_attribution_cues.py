"""The attribution lexicon (cue verbs, source heads, titles), read once from accord/data/cues.json.

The words live in a data file so that they can grow without touching the rules that use them.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True, slots=True)
class Lexicon:
    speech_verbs: frozenset[str]
    verb_particles: dict[str, frozenset[str]]
    speech_nouns: frozenset[str]
    content_nouns: frozenset[str]
    anonymous_heads: frozenset[str]
    person_heads: frozenset[str]
    person_titles: frozenset[str]
    group_heads: frozenset[str]
    record_heads: frozenset[str]
    titles: frozenset[str]
    # titles and person heads together: the words before a name that are no part of it,
    # asked of every name a report mentions
    title_words: frozenset[str]
    type_keywords: dict[str, tuple[str, ...]]
    pronouns: dict[str, frozenset[str]]


@functools.cache
def lexicon() -> Lexicon:
    raw = json.loads(resources.files("accord").joinpath("data", "cues.json").read_text("utf-8"))
    words = {
        name: frozenset(raw[name])
        for name in (
            "speech_verbs", "speech_nouns", "content_nouns", "anonymous_heads",
            "person_heads", "person_titles", "group_heads", "record_heads", "titles",
        )
    }  # fmt: skip
    return Lexicon(
        verb_particles={k: frozenset(v) for k, v in raw["verb_particles"].items()},
        type_keywords={k: tuple(v) for k, v in raw["type_keywords"].items()},
        pronouns={k: frozenset(v) for k, v in raw["pronouns"].items()},
        title_words=words["titles"] | words["person_heads"],
        **words,
    )
