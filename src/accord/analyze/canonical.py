"""Cross-report entity resolution: one canonical Entity per real-world referent.

Report-local entities (ids f"{key}:{n}" from `find_statements`) are merged when their names are
the same once titles and accents are dropped, when one person name is part of another with the
same surname ("Tarek Saab" / "Tarek William Saab"), when one name is the acronym of another
("HRW" / "Human Rights Watch", initials in order; a report that defines "National Electoral
Council (CNE)" has already made the two one local entity), or when two organisation names are
word-for-word cognates in any order ("Foro Penal" / "Penal Forum", "Rescate Norte" / "North
Rescue", even when the tagger took the foreign name for a person's). Anonymous sources are never
merged: "a source" in one report is not "a source" in another.

Names are compared only within blocks that share a key (`block_keys`), so resolution grows with
the number of distinct names, not its square; `resolve_incremental` resolves a new batch against
the store's entity index instead of the whole store.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from rapidfuzz.distance import Levenshtein

from accord.analyze.entities import (
    acronym,
    acronym_letters,
    clean_name,
    fold,
    is_acronym_of,
    is_person_subset,
    type_of_name,
)
from accord.model import Entity, Mention, SourceType, Statement

_Node = TypeVar("_Node", bound=Hashable)
_K = TypeVar("_K")

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
    types: Counter[SourceType] = field(default_factory=Counter)
    mentions: int = 0

    @property
    def anonymous(self) -> bool:
        return self.types.most_common(1)[0][0] == "anonymous" if self.types else False

    @property
    def type(self) -> SourceType:
        weighted = {t: n * _TYPE_WEIGHT.get(t, 2) for t, n in self.types.items()}
        return max(weighted, key=lambda t: weighted[t]) if weighted else SourceType.OTHER


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
            local.types[s.source_type or SourceType.OTHER] += 1
    return found


def _rewrite(statement: Statement, canonical: dict[str, Entity]) -> Statement:
    if statement.entity is None or statement.entity not in canonical:
        return dataclasses.replace(statement)
    entity = canonical[statement.entity]
    return dataclasses.replace(
        statement, entity=entity.id, source=entity.name, source_type=source_type(entity)
    )


def source_type(entity: Entity) -> SourceType:
    """The type of a source that is this entity: a place speaking is its government."""
    return SourceType.GOVERNMENT if entity.type == "place" else entity.type


# ---------------------------------------------------------------- merging


def _merge(locals_: list[_Local]) -> list[list[_Local]]:
    groups = _components(range(len(locals_)), _same_referent_pairs(locals_))
    return [[locals_[i] for i in group] for group in groups]


def _components(nodes: Iterable[_Node], links: Iterable[tuple[_Node, _Node]]) -> list[list[_Node]]:
    """The groups of `nodes` that `links` connect (union-find), each in the order of `nodes`."""
    parent = {n: n for n in nodes}

    def root(n: _Node) -> _Node:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for a, b in links:
        parent[root(a)] = root(b)
    grouped: dict[_Node, list[_Node]] = defaultdict(list)
    for n in parent:
        grouped[root(n)].append(n)
    return list(grouped.values())


def _same_referent_pairs(locals_: list[_Local]) -> list[tuple[int, int]]:
    named = [(i, _label(x)) for i, x in enumerate(locals_) if not x.anonymous and _label(x)]
    return candidate_pairs([(i, n, locals_[i].type == "person") for i, n in named])


def candidate_pairs(
    named: list[tuple[int, str, bool]], fresh: int | None = None
) -> list[tuple[int, int]]:
    """Pairs of (index, label, is_person) entries that name one referent. Names equal once folded
    are paired at once, and the other rules compare one entry per folded name, and only entries
    that share a blocking key: the cost follows the number of distinct names and the block sizes,
    not the square of all entries. Each rule's keys are exact for it (see `block_keys`), except
    the cognate rule's. With `fresh`, entries from index `fresh` on are already resolved among
    themselves, and organisation names are compared only when one of the two is new."""
    pairs: list[tuple[int, int]] = []
    by_fold: dict[str, int] = {}
    distinct: dict[tuple[str, bool], tuple[int, str]] = {}
    for i, name, person in named:
        key = fold(name)
        if key in by_fold:
            pairs.append((i, by_fold[key]))
        by_fold.setdefault(key, i)
        distinct.setdefault((key, person), (i, name))
    surnames: dict[str, list[tuple[int, str]]] = defaultdict(list)
    orgs: dict[str, list[tuple[int, str, bool]]] = defaultdict(list)
    for (_, person), (i, name) in distinct.items():
        for key in block_keys(name, person):
            if key.startswith("s:"):
                surnames[key].append((i, name))
            else:
                orgs[key].append((i, name, person))
    for persons in surnames.values():
        pairs += _surname_pairs(persons, fresh)
    seen: set[tuple[int, int]] = set()
    for key, block in orgs.items():
        vague = _ambiguous_acronyms(key, block) if key.startswith("a:") else set()
        # Only pairs with a new entry: a block of a large store holds thousands of stored names.
        new = [e for e in block if (fresh is None or e[0] < fresh) and e[0] not in vague]
        old = [e for e in block if fresh is not None and e[0] >= fresh and e[0] not in vague]
        for (i, a, pa), (j, b, pb) in itertools.chain(
            itertools.combinations(new, 2), itertools.product(new, old)
        ):
            if (i, j) not in seen and _names_same(a, pa, b, pb):
                seen.add((i, j))
                pairs.append((i, j))
    return pairs


def _ambiguous_acronyms(key: str, block: list[tuple[int, str, bool]]) -> set[int]:
    """The acronyms of a block of initials (`key`, "a:" and the sorted letters) if two different
    names could claim them ("IR": "Injured Reserve" or "Research Infosource"): like a surname two
    full names share, such an acronym is joined to neither, or it would chain the two into one
    entity. Claimants that fold alike or translate each other (`cognate_names`: "Foro Penal" /
    "Penal Forum" for "FP") are one referent. Every acronym filed under `key` has the same
    letters, and so the same claimants."""
    acronyms = {i: n for i, n, _ in block if f"a:{''.join(sorted(acronym_letters(n)))}" == key}
    if not acronyms:
        return set()
    short = next(iter(acronyms.values()))
    claimants = [name for _, name, _ in block if is_acronym_of(short, name)]
    first = claimants[0] if claimants else ""
    if any(fold(n) != fold(first) and not cognate_names(n, first) for n in claimants[1:]):
        return set(acronyms)
    return set()


def _names_same(a: str, a_person: bool, b: str, b_person: bool) -> bool:
    """The rules for two names of which at most one was taken for a person's. The tagger takes
    many a foreign organisation's name for a person's ("Rescate Norte"), so such a name still
    meets the organisation names it translates ("North Rescue"); two person names never meet
    here, and words merely swapped ("Paris Hilton" / "Hilton Paris") are no translation."""
    if a_person and b_person:
        return False
    if a_person or b_person:
        return cognate_names(a, b) and sorted(_content_words(a)) != sorted(_content_words(b))
    return _org_same(a, b)


@functools.lru_cache(maxsize=1 << 18)  # a batch meets thousands of stored labels
def block_keys(name: str, person: bool) -> tuple[str, ...]:
    """Keys under which a name meets the names it could be merged with by a rule other than equal
    folded names: a person's surname (`is_person_subset` needs the same last word); an
    organisation's sorted initials, long or short (a coarser key than `is_acronym_of`, which
    compares them in order: stores filed their keys sorted, and a key may only gather more); its
    content words (equal word lists) and the sorted first two letters of its content words
    (cognates nearly always keep them: "Foro Penal" / "Penal Forum", "nacional" / "national")."""
    return _keys(name, person, "a:", "a:")


def _keys(name: str, person: bool, short: str, spread: str) -> tuple[str, ...]:
    """`block_keys`, with the prefixes of an acronym's own letters (`short`) and of a longer
    name's initials (`spread`) given: the store files the two apart (`stored_keys`)."""
    words = fold(name).split()
    content = _content_words(name)
    if person:
        # A person's name also meets organisation names it may translate (see `_names_same`).
        keys = [f"s:{words[-1]}"] if words else []
        if 2 <= len(content) <= 5:
            keys.append(f"c:{len(content)}:" + " ".join(sorted(w[:2] for w in content)))
        return tuple(keys)
    keys = []
    letters = acronym_letters(name)
    if letters:
        keys.append(short + "".join(sorted(letters)))
    initials = acronym(name) if len(name.split()) >= 2 else ""
    if initials:  # a description ("the company") has none: no acronym can stand for it
        keys.append(spread + "".join(sorted(initials.upper())))
    if len(content) >= 2:
        keys.append("w:" + " ".join(content))
    if 2 <= len(content) <= 5:
        keys.append(f"c:{len(content)}:" + " ".join(sorted(w[:2] for w in content)))
    return tuple(keys)


def name_slug(name: str) -> str:
    """The slug an entity id is made of ("ent:<slug>" or "ent:<slug>-<n>")."""
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "entity"


def _label(local: _Local) -> str:
    """The fullest name a local entity goes by, else its commonest description."""
    if local.names:
        return max(local.names, key=lambda n: (len(n.split()), local.names[n], len(n)))
    return local.descriptions.most_common(1)[0][0] if local.descriptions else ""


def _surname_pairs(
    persons: list[tuple[int, str]], fresh: int | None = None
) -> list[tuple[int, int]]:
    """Join a shorter person name to the one fuller name that contains it; leave it alone when two
    different full names could claim it ("Clinton": Hillary or Bill). With `fresh` (as in
    `candidate_pairs`), a stored name is looked at only when a new name is fuller than it."""
    new = [(j, n) for j, n in persons if fresh is None or j < fresh]
    pairs = []
    for i, short in persons:
        if fresh is not None and i >= fresh and not any(is_person_subset(short, n) for _, n in new):
            continue  # its pairs, if any, are all between stored names
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
    does not (council/consejo differ), "Penal Forum" / "Penal Code" does not. Both must be
    names, capitalised: "the charge sheet" is a description, and no spelling of "Charlie Sheen"."""
    if not (_capitalised(a) and _capitalised(b)):
        return False
    wa, wb = _content_words(a), _content_words(b)
    if len(wa) != len(wb) or not 2 <= len(wa) <= 5 or wa == wb:
        return wa == wb and len(wa) >= 2
    if len(wa) == 2:  # most names: the two orders spelled out, without building permutations
        (a1, a2), (b1, b2) = wa, wb
        return (cognate(a1, b1) and cognate(a2, b2)) or (cognate(a1, b2) and cognate(a2, b1))
    return any(all(map(cognate, wa, order)) for order in itertools.permutations(wb))


def _capitalised(name: str) -> bool:
    return all(w[0].isupper() for w in re.findall(r"\w+", name) if fold(w) not in _STOP)


@functools.lru_cache(maxsize=1 << 16)
def _content_words(name: str) -> tuple[str, ...]:
    # Cached: a name meets every other name of its blocks, and folding is the costly part.
    return tuple(w for w in re.findall(r"\w+", fold(name)) if w not in _STOP)


@functools.lru_cache(maxsize=1 << 18)
def cognate(a: str, b: str) -> bool:
    """Words that look like translations of each other: same stem, or a near spelling. (Cached:
    in a large store a new name meets thousands of stored ones, made of far fewer words.)"""
    if a == b:
        return True
    sa, sb = _stem(a), _stem(b)
    if min(len(sa), len(sb)) >= 3 and (sa.startswith(sb) or sb.startswith(sa)):
        return True
    # Translations keep the root and change the ending ("rescate" / "rescue"): a shared start of
    # four letters or more that covers two thirds of the shorter word.
    shared = len(os.path.commonprefix([a, b]))
    if shared >= 4 and 3 * shared >= 2 * min(len(a), len(b)):
        return True
    limit = int(0.25 * max(len(a), len(b)))
    return Levenshtein.distance(a, b, score_cutoff=limit) <= limit


def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


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


def _summed(counters: Iterable[Counter[_K]]) -> Counter[_K]:
    """`sum(counters, Counter())` in one pass: adding Counters copies the running total each
    time, which a stored entity's thousands of aliases make costly."""
    total: Counter[_K] = Counter()
    for counter in counters:
        total.update(counter)
    return +total


def _entity(group: list[_Local], taken: Counter[str]) -> Entity:
    names = _summed(x.names for x in group)
    described = _summed(x.descriptions for x in group)
    merged = _Local("", names, described, _summed(x.types for x in group))
    name = _label(merged) or group[0].id
    slug = name_slug(name)
    taken[slug] += 1
    ident = f"ent:{slug}" if taken[slug] == 1 else f"ent:{slug}-{taken[slug]}"
    aliases = sorted({*names, *described} - {name, ""})
    kind = (
        type_of_name(name, merged.type) if merged.type in ("organisation", "other") else merged.type
    )
    return Entity(ident, name, kind, tuple(aliases), sum(x.mentions for x in group))


# ---------------------------------------------------------------- incremental resolution
# The store keeps every distinct label of each canonical entity under the label's blocking keys,
# and for every entity the summed counters of its report-local entities. A new batch is then
# resolved against only the stored labels that share a blocking key with it. The result is what
# resolving the whole store again would give (tests/analyze/test_canonical.py checks it on the
# seeds), with two deliberate differences: an entity keeps the id it was first given, and a
# merge is never undone by a later report (a second "Clinton" does not split "Clinton" from
# "Hillary Clinton" again).


@dataclass(slots=True, frozen=True)
class KnownName:
    """A label of a stored entity, with the type of the report-local entity that bore it."""

    entity: str
    label: str
    type: str


@dataclass(slots=True)
class Resolution:
    """What one batch changes in the store's entities."""

    canonical: dict[str, Entity]  # local id or stored entity id -> its entity now
    entities: list[Entity]  # entities created or changed
    totals: dict[str, dict[str, object]]  # their summed counters (see `totals_of`)
    removed: list[str]  # stored entity ids merged into another
    changed: list[str]  # stored entity ids merged away or given another name or type
    indexed: list[KnownName]  # the batch's labels with their entities, for the entity index
    slugs: Counter[str]  # slug -> how many entities use it now


def new_locals(mentions: list[Mention], statements: list[Statement]) -> dict[str, _Local]:
    """The report-local entities of a batch, keyed by local id."""
    return _collect(mentions, statements)


def candidate_slugs(locals_: dict[str, _Local]) -> set[str]:
    """Every slug a new entity made of these locals could take (its name is one of theirs)."""
    return {name_slug(n) for x in locals_.values() for n in (*x.names, *x.descriptions, x.id)}


def index_entries(locals_: dict[str, _Local]) -> list[tuple[str, str, str]]:
    """(local id, label, type) of every local entity that can merge with another."""
    return [(x.id, _label(x), x.type) for x in locals_.values() if not x.anonymous and _label(x)]


@dataclass(frozen=True, slots=True)
class LookupKeys:
    """The keys a stored label must share with the batch to be a merge candidate: any label
    under `any_type`, only labels of another type than a person's under `not_person`."""

    any_type: frozenset[str]
    not_person: frozenset[str]


def lookup_keys(entries: list[tuple[str, str, str]]) -> LookupKeys:
    """What to read of the entity index for a batch: only what can pair with it, since in a large
    store a block holds thousands of names. An acronym fetches the longer names with its letters
    as initials and a longer name the acronyms of its initials (`stored_keys` files them apart),
    not the other longer names with the same initials. A person's cognate key (`c:`) fetches no
    stored person: two person names never pair by that rule (`_names_same`)."""
    any_type = {f"k:{fold(label)}" for _, label, _ in entries}
    not_person: set[str] = set()
    for _, label, kind in entries:
        for key in _keys(label, kind == "person", "a:", "A:"):
            (not_person if kind == "person" and key.startswith("c:") else any_type).add(key)
    return LookupKeys(frozenset(any_type), frozenset(not_person - any_type))


def claimant_keys(rows: Iterable[tuple[str, str, str, str]], lookup: LookupKeys) -> set[str]:
    """The initials keys ("a:") of the stored acronyms among index `rows` ("A:") that `lookup`
    did not read: a longer name met such an acronym, and whether another name claims it too
    (`_ambiguous_acronyms`) is read from the longer names filed under its letters."""
    return {f"a:{key[2:]}" for key, _, _, _ in rows if key.startswith("A:")} - lookup.any_type


def stored_keys(label: str, kind: str) -> list[str]:
    """The keys under which the store indexes one label: an acronym's letters under "A:", a
    longer name's initials under "a:" (see `lookup_keys`)."""
    return [f"k:{fold(label)}", *_keys(label, kind == "person", "A:", "a:")]


def resolve_incremental(
    locals_: dict[str, _Local],
    known: list[KnownName],
    load_totals: Callable[[set[str]], dict[str, dict[str, object]]],
    slugs: Counter[str],
) -> Resolution:
    """Resolve a batch's local entities against the candidate stored labels `known`;
    `load_totals` reads the counters of the stored entities a new one meets (a few of the
    candidates'), and `slugs` counts the slugs already in use."""
    entries = index_entries(locals_)
    fresh = len(entries)
    named = [(i, label, kind == "person") for i, (_, label, kind) in enumerate(entries)]
    named += [(fresh + n, k.label, k.type == "person") for n, k in enumerate(known)]
    nodes = [local for local, _, _ in entries] + [k.entity for k in known]
    touching = [(i, j) for i, j in candidate_pairs(named, fresh) if min(i, j) < fresh]
    groups = _node_groups(list(locals_), nodes, touching)
    totals = load_totals({n for g in groups for n in g if n not in locals_})
    resolution = Resolution({}, [], {}, [], [], [], slugs.copy())
    for group in sorted(groups, key=min):
        _resolve_group(group, locals_, totals, resolution)
    resolution.indexed = [
        KnownName(resolution.canonical[local].id, label, kind) for local, label, kind in entries
    ]
    return resolution


def _node_groups(
    local_ids: list[str], nodes: list[str], pairs: list[tuple[int, int]]
) -> list[list[str]]:
    """Connected groups of local and stored-entity ids; every local of the batch is in one."""
    # Only the stored entities a pair names: the others would each be a group of their own.
    touched = {nodes[k] for pair in pairs for k in pair}
    groups = _components(
        [*local_ids, *(n for n in nodes if n in touched)],
        ((nodes[i], nodes[j]) for i, j in pairs),
    )
    batch = set(local_ids)
    return [g for g in groups if any(n in batch for n in g)]


def _resolve_group(
    group: list[str],
    locals_: dict[str, _Local],
    totals: dict[str, dict[str, object]],
    out: Resolution,
) -> None:
    stored = sorted((n for n in group if n not in locals_), key=lambda e: _stored_rank(e, totals))
    # Stored counters first, as they came first: a tie between two spellings of the name then
    # goes the same way as when resolving the whole store ("Tocorón" before "Tocoron").
    members = [totals_from(totals[e]) for e in stored if e in totals]
    members += [locals_[n] for n in group if n in locals_]
    if stored:
        entity = _entity_with_id(members, stored[0])
        out.removed += stored[1:]
        out.changed += [e for e in stored if _renamed(e, entity, totals)]
    else:
        entity = _entity(members, out.slugs)
    out.entities.append(entity)
    out.totals[entity.id] = totals_of(
        _Local(entity.id, _summed(x.names for x in members),
               _summed(x.descriptions for x in members), _summed(x.types for x in members),
               entity.mentions)
    )  # fmt: skip
    out.canonical.update({n: entity for n in group})


def _renamed(stored: str, now: Entity, totals: dict[str, dict[str, object]]) -> bool:
    if stored != now.id or stored not in totals:
        return True
    before = _entity([totals_from(totals[stored])], Counter())
    return (before.name, before.type) != (now.name, now.type)


def _stored_rank(entity: str, totals: dict[str, dict[str, object]]) -> tuple[int, str]:
    # The entity with the most mentions keeps its id when stored entities merge.
    mentions = totals.get(entity, {}).get("mentions", 0)
    return (-int(mentions if isinstance(mentions, int) else 0), entity)


def _entity_with_id(members: list[_Local], ident: str) -> Entity:
    entity = _entity(members, Counter())
    return dataclasses.replace(entity, id=ident)


def totals_of(local: _Local) -> dict[str, object]:
    """A local's (or an entity's summed) counters as JSON-ready data."""
    return {
        "names": dict(local.names),
        "descriptions": dict(local.descriptions),
        "types": dict(local.types),
        "mentions": local.mentions,
    }


def totals_from(data: dict[str, object]) -> _Local:
    def counter(field_: str) -> Counter[str]:
        value = data.get(field_) or {}
        return Counter(value) if isinstance(value, dict) else Counter()

    mentions = data.get("mentions", 0)
    return _Local(
        "",
        counter("names"),
        counter("descriptions"),
        Counter({SourceType(t): n for t, n in counter("types").items()}),
        mentions if isinstance(mentions, int) else 0,
    )


def rewrite_statement(statement: Statement, canonical: dict[str, Entity]) -> Statement:
    """`statement` with its source's entity, name and type taken from `canonical` (keyed by local
    or stored entity id); unchanged when its entity is not there."""
    return _rewrite(statement, canonical)
