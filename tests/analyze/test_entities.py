"""Report-local entities: names, titles, acronyms and how source words resolve to them."""

from __future__ import annotations

import re

import pytest
from spacy.language import Language

from accord.analyze.entities import (
    LocalEntities,
    acronym,
    clean_name,
    defined_acronym,
    is_acronym_of,
    is_person_subset,
    type_of_name,
)
from accord.analyze.nlp import load_nlp, parse


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Attorney General Tarek Saab", "Tarek Saab"),
        ("Mr. Obrecht's", "Obrecht"),
        ("the Red Lantern Society", "Red Lantern Society"),
        ("President", "President"),
    ],
)
def test_clean_name(raw: str, clean: str) -> None:
    assert clean_name(raw) == clean


def test_person_subset_needs_the_same_surname() -> None:
    assert is_person_subset("Saab", "Tarek William Saab")
    assert is_person_subset("Tarek Saab", "Tarek William Saab")
    assert not is_person_subset("Tarek", "Tarek William Saab")
    assert not is_person_subset("Hillary Clinton", "Bill Clinton")


def test_acronyms_keep_the_order_of_the_initials() -> None:
    assert acronym("Human Rights Watch") == "HRW"
    assert is_acronym_of("HRW", "Human Rights Watch")
    assert is_acronym_of("FBI", "Federal Bureau of Investigation")
    assert is_acronym_of("F.B.I.", "Federal Bureau of Investigation")
    assert not is_acronym_of("NBC", "Central Bank of Nigeria")
    assert not is_acronym_of("FBI", "Bank of Italy Foundation")
    assert not is_acronym_of("CNE", "National Electoral Council")
    assert not is_acronym_of("UN", "Human Rights Watch")
    assert not is_acronym_of("Hrw", "Human Rights Watch")


def test_a_defined_acronym_may_keep_a_translated_order() -> None:
    assert defined_acronym("National Electoral Council", " (CNE) announced") == "CNE"
    assert defined_acronym("Federal Bureau of Investigation", " (F.B.I.)") == "FBI"
    assert defined_acronym("Central Bank of Nigeria", " (CBN)") == "CBN"
    assert defined_acronym("Central Bank of Nigeria", " (NBC)") == "NBC"  # its own definition
    assert defined_acronym("Bank of Italy Foundation", " (FBX)") == ""
    assert defined_acronym("National Electoral Council", " said (CNE)") == ""
    assert defined_acronym("Council", " (C)") == ""


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Ministry of Ports", "government"),
        ("Daily Lantern News", "media"),
        ("Coastal Rights Watch", "ngo"),
        ("Brightwater Holdings", "organisation"),
    ],
)
def test_type_of_name(name: str, kind: str) -> None:
    assert type_of_name(name, "organisation") == kind


def resolve(nlp: Language, text: str, words: str) -> str:
    doc = parse(text, nlp)
    local = LocalEntities(doc, "k")
    start = text.rindex(words)
    span = doc.char_span(start, start + len(words))
    assert span is not None
    return local.resolve(span).name


def test_surname_joins_the_full_name(nlp: Language) -> None:
    text = "Senator Ada Quist spoke first. Quist said the vote was close."
    assert resolve(nlp, text, "Quist") == "Ada Quist"


def test_acronym_joins_the_full_name(nlp: Language) -> None:
    text = "The Harbour Workers Union called a strike. HWU said 300 dockers joined."
    assert resolve(nlp, text, "HWU") == "Harbour Workers Union"


def test_initials_in_another_order_join_only_a_defined_acronym(nlp: Language) -> None:
    defined = "The Union of Harbour Workers (HWU) called a strike. HWU said 300 dockers joined."
    assert resolve(nlp, defined, "HWU") == "Union of Harbour Workers"
    undefined = "The Union of Harbour Workers called a strike. HWU said 300 dockers joined."
    assert resolve(nlp, undefined, "HWU") == "HWU"


def test_relative_pronoun_resolves_to_its_noun(nlp: Language) -> None:
    text = "Governor Elia Brandt, who said the roads were safe, left early."
    assert resolve(nlp, text, "who") == "Elia Brandt"


def test_pronoun_respects_gender_once_known(nlp: Language) -> None:
    text = (
        "Mayor Lena Varga arrived. Judge Omar Pell said he was tired. "
        "He said the trial would wait. She said the roads were open."
    )
    doc = parse(text, nlp)
    local = LocalEntities(doc, "k")
    names = []
    for words in ("He", "She"):
        start = text.index(words + " said")
        span = doc.char_span(start, start + len(words))
        assert span is not None
        names.append(local.resolve(span).name)
    assert names == ["Omar Pell", "Lena Varga"]


@pytest.mark.parametrize(
    ("text", "words", "owner"),
    [
        ("Harbour Board numbers indicate that 40 people left.", "Harbour Board numbers",
         "Harbour Board"),
        ("Official results published by the Harbour Board claimed Ortiz won.",
         "Official results published by the Harbour Board", "Harbour Board"),
    ],
)  # fmt: skip
def test_records_stand_for_their_owner(nlp: Language, text: str, words: str, owner: str) -> None:
    assert resolve(nlp, text, words) == owner


def _resolve_in_order(nlp: Language, text: str, words: list[str]) -> list[str]:
    doc = parse(text, nlp)
    local = LocalEntities(doc, "k")
    names = []
    for said in words:
        found = re.search(rf"\b{said}\b", text)
        assert found is not None
        span = doc.char_span(found.start(), found.end())
        assert span is not None
        names.append(local.resolve(span).name)
    return names


def test_he_may_be_an_unnamed_person_but_never_a_place(nlp: Language) -> None:
    text = (
        "In Suka Makmur village a landslide killed one man, said the official who uses one name. "
        "Four other people died in hospitals, he said."
    )
    said = ["the official who uses one name", "he"]
    assert _resolve_in_order(nlp, text, said) == ["the official", "the official"]


def test_he_passes_over_unnamed_groups(nlp: Language) -> None:
    text = "A police spokesman said two men died. Officials said more could die. He said so."
    spokesman = "A police spokesman"
    assert _resolve_in_order(nlp, text, [spokesman, "Officials", "He"])[2] == spokesman


def test_a_group_described_after_its_name_is_the_group(nlp: Language) -> None:
    # The tagger takes "Rescate Norte" for a person; the apposition says it is a group, and "the
    # group" of the next sentence is it, not the office named before it.
    text = (
        "The Brenn Regional Emergency Office counted 412 damaged homes. Rescate Norte, the relief "
        "group that has led the volunteer effort, said the figure was too low. The group says "
        "more than 3,000 people have left their homes."
    )
    assert resolve(nlp, text, "The group") == "Rescate Norte"


def test_a_name_after_a_job_title_is_a_person(nlp: Language) -> None:
    # The small model tags "Lucía Arranz" as an organisation; "she" is hers all the same.
    text = (
        "Spokesperson Hanne Oduya said six patients remain in hospital. Coordinator Lucía "
        "Arranz said the group was feeding 1,100 people. Only 1,200 people lost homes, she said."
    )
    assert resolve(nlp, text, "she") == "Lucía Arranz"


def test_a_body_named_beside_a_person_leaves_the_person_a_person(nlp: Language) -> None:
    text = (
        '"He ran," said Lt. Todd Ojile, Wichita Police Department. "The father fired several '
        'shots," said Ojile.'
    )
    assert resolve(nlp, text, "Ojile") == "Todd Ojile"


def _names(nlp: Language, text: str) -> list[str]:
    return [m.text for m in LocalEntities(parse(text, nlp), "k").mentions() if m.kind == "name"]


def test_a_title_case_headline_gives_only_the_names_its_body_writes(nlp: Language) -> None:
    # the small model reads "Gunman Kills Three" and "Murdering Sheriff" as names
    text = (
        "Gunman Kills Three at Texas Mall\n\n"
        "A gunman killed three people at a mall in Dallas, Texas, on Sunday, police said."
    )
    assert _names(nlp, text) == ["Dallas", "Texas"]
    charged = (
        "Charged with Murdering Sheriff’s Deputy\n\n"
        "A man was charged with killing a deputy, Sheriff Tom Hale said."
    )
    assert _names(nlp, charged) == ["Sheriff Tom Hale"]


def test_a_headline_in_sentence_case_keeps_its_names(nlp: Language) -> None:
    text = "Fire kills two in Lagos market\n\nTwo traders died, the fire service said."
    assert "Lagos" in _names(nlp, text)
