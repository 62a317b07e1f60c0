"""Records: the dict round trip rebuilds tuples and enumerations, and stores the old strings."""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest

from accord.model import (
    Claim,
    Entity,
    Group,
    Qualifier,
    SourceType,
    SourceValue,
    TimelineEntry,
    Verdict,
)


def _group() -> Group:
    said = SourceValue("a", "a#1", 60.0, Qualifier.AT_LEAST, 60.0, None, None, None, None, "a")
    return Group(
        id="g1",
        story="s1",
        measure="dead",
        verdict=Verdict.DISPUTE,
        value=60.0,
        values=(60.0, 70.0),
        docs=("a", "b"),
        members=("a#1", "b#1"),
        by_source=(said,),
    )


def test_round_trip_through_json_gives_the_same_record() -> None:
    group = _group()
    data = json.loads(json.dumps(group.to_dict()))
    assert data["verdict"] == "dispute" and data["by_source"][0]["qualifier"] == "at_least"
    again = Group.from_dict({**data, "added_later": 1})
    assert again == group
    assert isinstance(again.values, tuple) and isinstance(again.by_source[0], SourceValue)
    assert again.verdict is Verdict.DISPUTE and again.by_source[0].qualifier is Qualifier.AT_LEAST


def test_optional_enumerations_and_tuples_are_rebuilt() -> None:
    entity = Entity.from_dict({"id": "e", "name": "Ana", "type": "person", "aliases": ["A"]})
    assert entity.type is SourceType.PERSON and entity.aliases == ("A",)
    claim = Claim.from_dict(
        {"doc": "a", "value": 3, "start": 0, "end": 1, "sentence": "3 dead.",
         "sentence_start": 0, "sentence_end": 7, "source_type": None}
    )  # fmt: skip
    assert claim.source_type is None and claim.qualifier is Qualifier.EXACT


def test_an_unknown_enumeration_value_is_refused() -> None:
    with pytest.raises(ValueError, match="'robot' is not a valid SourceType"):
        Entity.from_dict({"id": "e", "name": "Ana", "type": "robot"})


def test_enumerations_are_the_stored_strings() -> None:
    assert [str(v) for v in Verdict] == ["single", "update", "dispute", "agree"]
    assert f"{Qualifier.MORE_THAN}" == "more_than" and SourceType.NGO == "ngo"


def test_a_copy_is_an_equal_record_that_changes_apart() -> None:
    group = _group()
    copied = group.copy()
    assert copied == group and copied is not group and type(copied) is Group
    copied.value = 70.0
    assert group.value == 60.0
    assert Entity("e", "Ana", SourceType.PERSON).copy() == Entity("e", "Ana", SourceType.PERSON)


def test_a_dict_is_what_dataclasses_asdict_gives() -> None:
    group = _group()
    assert group.to_dict() == asdict(group)
    assert group.to_dict()["by_source"][0] == asdict(group.by_source[0])
    entry = TimelineEntry("2031-03", "Crews cleared the road.", ("a",), "s1", (("a", 0, 23),))
    assert entry.to_dict() == asdict(entry)
