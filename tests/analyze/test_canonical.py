"""Cross-report entity resolution, on hand-made records and on the shared seed reports."""

from __future__ import annotations

import copy
import itertools

import pytest

from accord.analyze.attribution import find_statements
from accord.analyze.canonical import (
    _collect,
    _label,
    _names_same,
    _surname_pairs,
    candidate_pairs,
    cognate,
    cognate_names,
    lookup_keys,
    resolve_entities,
)
from accord.analyze.entities import fold
from accord.analyze.nlp import load_nlp, parse_many
from accord.analyze.pipeline import ANALYSIS_VERSION, resolve_batch
from accord.analyze.reading import Analysis
from accord.model import Mention, Statement
from accord.store import Store
from tests.conftest import shared_path


def mention(doc: str, entity: str, text: str, type_: str, kind: str = "name") -> Mention:
    return Mention(doc, f"{doc}:{entity}", text, 0, len(text), kind, type_)


def statement(doc: str, entity: str, words: str) -> Statement:
    return Statement(doc, "x", 0, 1, 0, 1, source_span=words, entity=f"{doc}:{entity}")


def test_cognates() -> None:
    assert cognate("foro", "forum")
    assert cognate("nacional", "national")
    assert not cognate("foro", "code")
    assert cognate_names("Foro Penal", "Penal Forum")
    assert cognate_names("Liga Costera", "Coastal League") is False  # not cognate words
    assert not cognate_names("Penal Forum", "Penal Code")
    assert cognate("socorro", "succour") is False
    assert cognate_names("Ayuda Sur", "South Aid") is False  # ayuda/aid share no root
    assert not cognate_names("the charge sheet", "Charlie Sheen")  # a description is no name
    assert cognate_names("FORO PENAL", "Penal Forum")


def test_a_translated_name_in_swapped_order_is_one_organisation() -> None:
    """An invented relief group named in Spanish by one report and in English by another; the
    tagger takes the Spanish name for a person's, which must not keep it apart."""
    assert cognate("rescate", "rescue")  # a shared root, another ending
    named = [(0, "Rescate Central", True), (1, "Central Rescue", False)]
    assert {frozenset(p) for p in candidate_pairs(named)} == {frozenset((0, 1))}
    # Two people, or the same words merely swapped, are no translation of each other.
    assert candidate_pairs([(0, "Lena Marsh", True), (1, "Marsh Lena", False)]) == []
    assert candidate_pairs([(0, "Rosa Costa", True), (1, "Rosa Coste", True)]) == []


def test_merges_across_reports() -> None:
    mentions = [
        mention("a", "0", "Attorney General Ilse Varn", "person"),
        mention("b", "0", "Ilse Marta Varn", "person"),
        mention("b", "1", "Varn", "person"),
        mention("a", "1", "Casa Libre", "ngo"),
        mention("b", "2", "Libre House", "ngo"),
        mention("c", "0", "Human Rights Watch", "ngo"),
        mention("c", "1", "HRW", "organisation"),
        mention("c", "2", "she", "person", kind="pronoun"),
        mention("a", "2", "a source", "anonymous", kind="anonymous"),
        mention("b", "3", "a source", "anonymous", kind="anonymous"),
    ]
    statements = [
        statement("a", "0", "Attorney General Ilse Varn"),
        statement("b", "3", "a source"),
    ]
    before = copy.deepcopy((mentions, statements))
    entities, new_mentions, new_statements = resolve_entities(mentions, statements)
    assert (mentions, statements) == before  # pure
    by_name = {e.name: e for e in entities}
    assert by_name["Ilse Marta Varn"].aliases == ("Ilse Varn", "Varn")
    assert by_name["Ilse Marta Varn"].mentions == 3
    assert by_name["Human Rights Watch"].aliases == ("HRW",)
    assert {"Casa Libre", "Libre House"} & set(by_name)
    assert len([e for e in entities if e.type == "anonymous"]) == 2
    assert new_statements[0].source == "Ilse Marta Varn"
    assert new_statements[0].entity == by_name["Ilse Marta Varn"].id
    assert {m.entity for m in new_mentions} == {e.id for e in entities}


def test_two_full_names_keep_a_shared_surname_apart() -> None:
    mentions = [
        mention("a", "0", "Rosa Kahl", "person"),
        mention("a", "1", "Anton Kahl", "person"),
        mention("b", "0", "Kahl", "person"),
    ]
    entities, _, _ = resolve_entities(mentions, [])
    assert sorted(e.name for e in entities) == ["Anton Kahl", "Kahl", "Rosa Kahl"]


SeedFinds = list[tuple[str, list[Statement], list[Mention]]]


@pytest.fixture(scope="module")
def seed_finds() -> SeedFinds:
    """(report key, statements, mentions) of each seed report, before cross-report resolution."""
    folder = shared_path("corpora", "seeds")
    paths = sorted(folder.glob("*.txt"))
    docs = parse_many([p.read_text("utf-8") for p in paths], load_nlp())
    return [(p.stem, *find_statements(d, p.stem)) for p, d in zip(paths, docs, strict=True)]


@pytest.fixture(scope="module")
def seeds(seed_finds: SeedFinds) -> tuple[list[Statement], list[str]]:
    statements = [s for _, found, _ in seed_finds for s in found]
    mentions = [m for _, _, seen in seed_finds for m in seen]
    entities, _, statements = resolve_entities(mentions, statements)
    return statements, [e.name for e in entities]


def _brute_force_pairs(named: list[tuple[int, str, bool]]) -> set[frozenset[int]]:
    """The rules applied to every pair of names, as before blocking."""
    pairs = {
        frozenset((i, j))
        for (i, a, _), (j, b, _) in itertools.combinations(named, 2)
        if fold(a) == fold(b)
    }
    persons = [(i, n) for i, n, person in named if person]
    pairs |= {frozenset(p) for p in _surname_pairs(persons)}
    pairs |= {
        frozenset((i, j))
        for (i, a, pa), (j, b, pb) in itertools.combinations(named, 2)
        if _names_same(a, pa, b, pb)
    }
    return pairs


def _groups(pairs: set[frozenset[int]], size: int) -> set[frozenset[int]]:
    parent = list(range(size))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, j in map(tuple, pairs):
        parent[root(i)] = root(j)
    found: dict[int, set[int]] = {}
    for i in range(size):
        found.setdefault(root(i), set()).add(i)
    return {frozenset(g) for g in found.values()}


def test_blocking_finds_what_comparing_every_pair_finds(seed_finds: SeedFinds) -> None:
    locals_ = _collect(
        [m for _, _, seen in seed_finds for m in seen],
        [s for _, found, _ in seed_finds for s in found],
    )
    named = [
        (i, _label(x), x.type == "person")
        for i, x in enumerate(locals_.values())
        if not x.anonymous and _label(x)
    ]
    blocked = {frozenset(p) for p in candidate_pairs(named)}
    size = len(locals_)
    assert _groups(blocked, size) == _groups(_brute_force_pairs(named), size)


def test_incremental_resolution_matches_resolving_everything(
    seed_finds: SeedFinds, seeds: tuple[list[Statement], list[str]]
) -> None:
    """Seed reports resolved one by one against a store name the same sources as all at once."""
    store = Store.memory()
    for key, found, seen in seed_finds:
        batch = [Analysis(key, copy.deepcopy(found), seen, [], [])]
        resolve_batch(store, batch)
        with store.transaction() as conn:
            store.analysis.save(conn, key, ANALYSIS_VERSION, batch[0].statements, [], seen, [])
    resolved = store.analysis.statements()
    everything, names = seeds
    assert sorted((s.doc, s.content_start, s.source) for s in resolved) == sorted(
        (s.doc, s.content_start, s.source) for s in everything
    )
    stored = {e.name: e for e in store.entities.all()}
    assert set(stored) == set(names)
    assert "Penal Forum" in stored["Foro Penal"].aliases
    assert {"Tarek Saab", "Saab"} <= set(stored["Tarek William Saab"].aliases)
    assert "CNE" in stored["National Electoral Council"].aliases


def test_seed_pronoun_resolves_to_the_full_name(seeds: tuple[list[Statement], list[str]]) -> None:
    statements, _ = seeds
    dead = [s for s in statements if s.doc.startswith("000_") and "28 people dead" in s.content]
    assert len(dead) == 1
    assert dead[0].source_span == "He"
    assert dead[0].source == "Tarek William Saab"


def test_seed_translations_are_one_entity(seeds: tuple[list[Statement], list[str]]) -> None:
    statements, names = seeds
    assert "Foro Penal" in names and "Penal Forum" not in names
    assert any(s.source == "Foro Penal" and s.doc.startswith("002_") for s in statements)


def _resolve_alone(store: Store, doc: str, found: list[tuple[str, str]]) -> None:
    """Resolve one report naming each (name, type) as a source, and save it."""
    mentions = [mention(doc, str(n), name, type_) for n, (name, type_) in enumerate(found)]
    statements = [statement(doc, str(n), name) for n, (name, _) in enumerate(found)]
    batch = [Analysis(doc, statements, mentions, [], [])]
    resolve_batch(store, batch)
    with store.transaction() as conn:
        store.analysis.save(conn, doc, ANALYSIS_VERSION, batch[0].statements, [], mentions, [])


@pytest.mark.parametrize(
    "first,later", [("HRW", "Human Rights Watch"), ("Human Rights Watch", "HRW")]
)
def test_a_stored_acronym_and_a_later_full_name_meet_either_way(first: str, later: str) -> None:
    store = Store.memory()
    _resolve_alone(store, "a", [(first, "organisation")])
    _resolve_alone(store, "b", [(later, "organisation")])
    assert [(e.name, e.aliases) for e in store.entities.all()] == [("Human Rights Watch", ("HRW",))]


def test_a_name_reads_the_acronyms_of_its_initials_not_other_names_with_them() -> None:
    """In a large store a block of initials holds thousands of longer names, and a longer name
    can pair only with an acronym there: the lookup reads just those."""
    store = Store.memory()
    _resolve_alone(store, "a", [("HRW", "organisation"), ("Harbour Road Works", "organisation")])
    entries = [("b:0", "Human Rights Watch", "organisation")]
    lookup = lookup_keys(entries)
    labels = {label for _, _, label, _ in store.entities.candidates(lookup.any_type)}
    assert labels == {"HRW"}


def _components_of(
    named: list[tuple[int, str, bool]], pairs: list[tuple[int, int]]
) -> set[frozenset[str]]:
    groups = {i: {i} for i, _, _ in named}
    for i, j in pairs:
        merged = groups[i] | groups[j]
        for k in merged:
            groups[k] = merged
    names = dict((i, n) for i, n, _ in named)
    return {frozenset(names[k] for k in g) for g in groups.values()}


def test_an_acronym_two_different_names_claim_joins_neither() -> None:
    """Like "Clinton" between Hillary and Bill: "IR" would chain two unrelated bodies."""
    named = [(0, "IR", False), (1, "Injured Reserve", False), (2, "Iron Rangers", False)]
    assert candidate_pairs(named) == []
    # Initials in another order claim nothing ("RI" is not "IR").
    named = [(0, "IR", False), (1, "Injured Reserve", False), (2, "Research Infosource", False)]
    assert candidate_pairs(named) == [(0, 1)]
    # Translations of one name are one claimant.
    named = [(0, "FP", False), (1, "Foro Penal", False), (2, "Penal Forum", False)]
    assert _components_of(named, candidate_pairs(named)) == {
        frozenset({"FP", "Foro Penal", "Penal Forum"})
    }


def test_a_stored_acronym_is_not_joined_by_a_second_claimant() -> None:
    """The new name shares no other key with the stored ones: the lookup must read the stored
    longer names under the acronym's letters to see the first claimant."""
    store = Store.memory()
    _resolve_alone(store, "a", [("IR", "organisation"), ("Injured Reserve", "organisation")])
    _resolve_alone(store, "b", [("Iron Rangers", "organisation")])
    names = {e.name: e.aliases for e in store.entities.all()}
    assert names == {"Injured Reserve": ("IR",), "Iron Rangers": ()}


@pytest.mark.parametrize(
    "short,full,same",
    [
        ("FBI", "Federal Bureau of Investigation", True),
        ("NBC", "Central Bank of Nigeria", False),
        ("FBI", "Bank of Italy Foundation", False),
    ],
)
def test_an_acronym_meets_a_name_with_its_initials_in_order(
    short: str, full: str, same: bool
) -> None:
    named = [(0, short, False), (1, full, False)]
    assert (candidate_pairs(named) == [(0, 1)]) is same
    store = Store.memory()
    _resolve_alone(store, "a", [(full, "organisation")])
    _resolve_alone(store, "b", [(short, "organisation")])
    names = {e.name: e.aliases for e in store.entities.all()}
    expected: dict[str, tuple[str, ...]] = {full: (short,)} if same else {full: (), short: ()}
    assert names == expected
