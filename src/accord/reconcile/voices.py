"""Voices and sources: who speaks in a report, and which sources are the same one."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from accord.model import Article, Claim

_DROP = {"the", "a", "an", "of", "'s", "s"}


def voices(articles: Sequence[Article]) -> dict[str, str]:
    """Key of each report -> key of the independent report it speaks with.

    A copy or rewrite speaks with the voice of the report it derives from, followed to the root;
    a loop in the links stops at the first report seen twice.
    """
    parent = {a.key: a.duplicate_of for a in articles}
    out: dict[str, str] = {}
    for key in parent:
        seen, node = {key}, key
        while (up := parent.get(node)) and up in parent and up not in seen:
            seen.add(up)
            node = up
        out[key] = node
    return out


def source_tokens(name: str) -> frozenset[str]:
    """The words of a source name, lower case, without articles ("The Venezuelan government")."""
    words = re.findall(r"[a-z0-9]+", name.lower())
    return frozenset(w for w in words if w not in _DROP)


def source_keys(claims: Iterable[Claim], voice_of: Mapping[str, str]) -> dict[str, str]:
    """Claim id -> a key that is equal for claims of the same source.

    An entity id wins when the analysis resolved one. Otherwise names are folded when one's words
    are a subset of another's ("government" and "Venezuelan government"), as reports shorten a
    source after first naming it. A claim attributed to no one speaks for its report's voice.
    """
    claims = list(claims)
    names = {c.id: c.source for c in claims if c.source and not c.entity}
    canon = _fold_names(set(names.values()))
    out = {}
    for c in claims:
        if c.entity:
            out[c.id] = f"entity:{c.entity}"
        elif c.source:
            out[c.id] = f"name:{canon[c.source]}"
        else:
            out[c.id] = f"voice:{voice_of.get(c.doc, c.doc)}"
    return out


def _fold_names(names: set[str]) -> dict[str, str]:
    """Each name -> the longest name whose words contain its words (itself when none)."""
    toks = {n: source_tokens(n) for n in names}
    out = {}
    for name in names:
        wider = [m for m in names if toks[name] and toks[name] <= toks[m]]
        out[name] = max(wider, key=lambda m: (len(toks[m]), m)) if wider else name
    return out
