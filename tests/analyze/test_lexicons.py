"""The lexicons are generic English: no name of an organisation, outlet, person or place from the
test corpora or the seed story, so that no score is won by knowing the test's answers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from typing import Any

# The seed story (Venezuela's post-election releases) and its outlets, the test corpora's names,
# their outlets (PolNeAR) and the organisations of their stories (ECB+, MEANTIME, PolNeAR).
NAMES = """
foro penal | foro | penal | penal forum | cne | consejo nacional electoral | human rights watch
| reuters | al jazeera | efe | telesur | globovision | el pais | tocoron | yare | maduro | venezuela
| caracas | saab | romero | gonzalez | ecb | ecbplus | polnear | meantime | conll | gva
| breitbart | huff post | huffington | nyt | new york times | politico | usa today | washington post
| wash post | west journal | western journal | politifact | fbi | cia | gop | pentagon | kremlin
| white house | state department | cnn | nbc | abc | cbs | msnbc | npr | fox | bbc | bloomberg
| yahoo | afp | ap | associated press | amnesty | red cross | red crescent
"""


def _names() -> list[tuple[str, ...]]:
    return [tuple(n.split()) for n in NAMES.replace("\n", " ").split("|") if n.strip()]


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if not key.startswith("_"):  # "_doc", "_about": prose about the lexicon
                yield key
                yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _lexicon_entries() -> list[tuple[str, str]]:
    data = resources.files("accord").joinpath("data")
    return [
        (f.name, entry)
        for f in data.iterdir()
        if f.name.endswith(".json")
        for entry in _strings(json.loads(f.read_text("utf-8")))
    ]


def _holds(entry: str, name: tuple[str, ...]) -> bool:
    words = entry.lower().replace("_", " ").split()
    return any(tuple(words[i : i + len(name)]) == name for i in range(len(words)))


def test_the_lexicons_name_no_one_from_the_test_corpora_or_the_seed_story() -> None:
    entries = _lexicon_entries()
    assert {f for f, _ in entries} >= {"cues.json", "measures.json"}
    found = [(f, e, " ".join(n)) for f, e in entries for n in _names() if _holds(e, n)]
    assert found == []


def test_the_name_check_finds_a_name_inside_an_entry() -> None:
    assert _holds("Foro Penal", ("foro", "penal")) and _holds("the ap wire", ("ap",))
    assert not _holds("apology", ("ap",))
