"""Cross-report entity resolution: one canonical Entity per real-world referent.

Report-local entities (ids f"{key}:{n}" from `find_statements`) are merged when their names are
the same once titles and accents are dropped, when one person name is part of another with the
same surname ("Tarek Saab" / "Tarek William Saab"), when one name is the acronym of another
("HRW" / "Human Rights Watch", "CNE" / "National Electoral Council"), or when two organisation
names are word-for-word cognates in any order ("Foro Penal" / "Penal Forum"). Anonymous sources
are never merged: "a source" in one report is not "a source" in another.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from accord.analyze.entities import clean_name, fold, is_acronym_of, is_person_subset, type_of_name
from accord.model import Entity, Mention, Statement

# Function words of the languages news names come in; they carry no identity.
_STOP = frozenset(
    ("of", "the", "for", "and", "de", "del", "la", "las", "los", "el", "y", "e", "do", "da", "des",
     "du", "le", "et", "di")
)  # fmt: skip
_ENDINGS = ("ción", "cion", "um", "us", "os", "as", "es", "o", "a", "e")
# The tagger often takes a foreign organisation's name for a person's, while an organisation type
# comes from a describing noun ("the rights group X"): the latter weighs more.
_TYPE_WEIGHT = {"person": 1, "other": 0.5}


@dataclass(slots=True)
class _Local:
    """What the reports say about one report-local entity."""

    id: str
    names: Counter[str] = field(default_factory=Counter)
    descriptions: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    mentions: int = 0

    @property
    def anonymous(self) -> bool:
        return self.types.most_common(1)[0][0] == "anonymous" if self.types else False

    @property
    def type(self) -> str:
        weighted = {t: n * _TYPE_WEIGHT.get(t, 2) for t, n in self.types.items()}
        return max(weighted, key=lambda t: weighted[t]) if weighted else "other"


def resolve_entities(
    mentions: list[Mention], statements: list[Statement]
) -> tuple[list[Entity], list[Mention], list[Statement]]:
    """Canonical entities for the mentions and statements of any number of reports, and the
    mentions and statements rewritten to use them. Pure: the inputs are not modified."""
    locals_ = _collect(mentions, statements)
    groups = _merge(list(locals_.values()))
    entities, canonical = _entities(groups)
    new_mentions = [dataclasses.replace(m, entity=canonical[m.entity].id) for m in mentions]
    new_statements = [_rewrite(s, canonical) for s in statements]
    return entities, new_mentions, new_statements


def _collect(mentions: list[Mention], statements: list[Statement]) -> dict[str, _Local]:
    found: dict[str, _Local] = {}
    for m in mentions:
        local = found.setdefault(m.entity, _Local(m.entity))
        local.mentions += 1
        if m.type:
            local.types[m.type] += 1
        if m.kind == "name":
            local.names[clean_name(m.text)] += 1
        elif m.kind != "pronoun":
            local.descriptions[m.text] += 1
    for s in statements:
        if s.entity and s.entity not in found:
            local = found.setdefault(s.entity, _Local(s.entity))
            local.descriptions[s.source or s.source_span or ""] += 1
            local.types[s.source_type or "other"] += 1
    return found


def _rewrite(statement: Statement, canonical: dict[str, Entity]) -> Statement:
    if statement.entity is None or statement.entity not in canonical:
        return dataclasses.replace(statement)
    entity = canonical[statement.entity]
    kind = "government" if entity.type == "place" else entity.type
    return dataclasses.replace(statement, entity=entity.id, source=entity.name, source_type=kind)


# ---------------------------------------------------------------- merging


def _merge(locals_: list[_Local]) -> list[list[_Local]]:
    parent = list(range(len(locals_)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _same_referent_pairs(locals_):
        parent[root(i)] = root(j)
    groups: dict[int, list[_Local]] = defaultdict(list)
    for i, local in enumerate(locals_):
        groups[root(i)].append(local)
    return list(groups.values())


def _same_referent_pairs(locals_: list[_Local]) -> list[tuple[int, int]]:
    named = [(i, _label(x)) for i, x in enumerate(locals_) if not x.anonymous and _label(x)]
    by_key: dict[str, int] = {}
    pairs: list[tuple[int, int]] = []
    for i, name in named:
        key = fold(name)
        if key in by_key:
            pairs.append((i, by_key[key]))
        by_key.setdefault(key, i)
    persons = [(i, n) for i, n in named if locals_[i].type == "person"]
    others = [(i, n) for i, n in named if locals_[i].type != "person"]
    pairs += _surname_pairs(persons)
    pairs += [(i, j) for (i, a), (j, b) in itertools.combinations(others, 2) if _org_same(a, b)]
    return pairs


def _label(local: _Local) -> str:
    """The fullest name a local entity goes by, else its commonest description."""
    if local.names:
        return max(local.names, key=lambda n: (len(n.split()), local.names[n], len(n)))
    return local.descriptions.most_common(1)[0][0] if local.descriptions else ""


def _surname_pairs(persons: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """Join a shorter person name to the one fuller name that contains it; leave it alone when two
    different full names could claim it ("Clinton": Hillary or Bill)."""
    pairs = []
    for i, short in persons:
        fuller = [(j, n) for j, n in persons if j != i and is_person_subset(short, n)]
        fuller = [(j, n) for j, n in fuller if fold(n) != fold(short)]
        widest = max((n for _, n in fuller), key=lambda n: len(n.split()), default=None)
        if widest is not None and all(is_person_subset(n, widest) for _, n in fuller):
            pairs += [(i, j) for j, _ in fuller]
    return pairs


def _org_same(a: str, b: str) -> bool:
    return is_acronym_of(a, b) or is_acronym_of(b, a) or cognate_names(a, b)


def cognate_names(a: str, b: str) -> bool:
    """Two names of two or more words whose words pair off as cognates in some order:
    "Foro Penal" / "Penal Forum", "Consejo Nacional Electoral" / "National Electoral Council"
    does not (council/consejo differ), "Penal Forum" / "Penal Code" does not."""
    wa, wb = _content_words(a), _content_words(b)
    if len(wa) != len(wb) or not 2 <= len(wa) <= 5 or wa == wb:
        return wa == wb and len(wa) >= 2
    return any(all(map(cognate, wa, order)) for order in itertools.permutations(wb))


def _content_words(name: str) -> list[str]:
    return [w for w in re.findall(r"\w+", fold(name)) if w not in _STOP]


def cognate(a: str, b: str) -> bool:
    """Words that look like translations of each other: same stem, or a near spelling."""
    if a == b:
        return True
    sa, sb = _stem(a), _stem(b)
    if min(len(sa), len(sb)) >= 3 and (sa.startswith(sb) or sb.startswith(sa)):
        return True
    return _edits(a, b) <= 0.25 * max(len(a), len(b))


def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def _edits(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


# ---------------------------------------------------------------- canonical records


def _entities(groups: list[list[_Local]]) -> tuple[list[Entity], dict[str, Entity]]:
    entities: list[Entity] = []
    canonical: dict[str, Entity] = {}
    taken: Counter[str] = Counter()
    for group in sorted(groups, key=lambda g: min(x.id for x in g)):
        entity = _entity(group, taken)
        entities.append(entity)
        canonical.update({x.id: entity for x in group})
    return entities, canonical


def _entity(group: list[_Local], taken: Counter[str]) -> Entity:
    names: Counter[str] = sum((x.names for x in group), Counter())
    described: Counter[str] = sum((x.descriptions for x in group), Counter())
    merged = _Local("", names, described, sum((x.types for x in group), Counter()))
    name = _label(merged) or group[0].id
    slug = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "entity"
    taken[slug] += 1
    ident = f"ent:{slug}" if taken[slug] == 1 else f"ent:{slug}-{taken[slug]}"
    aliases = sorted({*names, *described} - {name, ""})
    kind = (
        type_of_name(name, merged.type) if merged.type in ("organisation", "other") else merged.type
    )
    return Entity(ident, name, kind, tuple(aliases), sum(x.mentions for x in group))
