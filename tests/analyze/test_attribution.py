"""Attributed statements found in short hand-written (fictional) reports."""

from __future__ import annotations

import pytest
from spacy.language import Language

from accord.analyze.attribution import find_statements
from accord.analyze.nlp import load_nlp, parse
from accord.model import Statement


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def statements(nlp: Language, text: str) -> list[Statement]:
    return find_statements(parse(text, nlp), "doc")[0]


def only(found: list[Statement], cue: str) -> Statement:
    matching = [s for s in found if s.cue and s.cue.lower().startswith(cue)]
    assert len(matching) == 1, [(s.cue, s.content) for s in found]
    return matching[0]


def test_said_that_content_is_the_clause(nlp: Language) -> None:
    text = "Mayor Lena Varga said that the bridge would reopen in May."
    s = only(statements(nlp, text), "said")
    assert s.source_span == "Mayor Lena Varga"
    assert s.source == "Lena Varga" and s.source_type == "person"
    assert s.content == "the bridge would reopen in May"
    assert text[s.content_start : s.content_end] == s.content
    assert text[s.cue_start : s.cue_end] == "said"
    assert (s.sentence_start, s.sentence_end) == (0, len(text))
    assert not s.is_quote


def test_content_before_the_cue(nlp: Language) -> None:
    text = "Twelve fishermen were rescued off the coast, the coast guard said on Sunday."
    s = only(statements(nlp, text), "said")
    assert s.source_span == "the coast guard"
    assert s.content == "Twelve fishermen were rescued off the coast"


def test_according_to(nlp: Language) -> None:
    text = "According to the Harbour Workers Union, 300 dockers joined the strike."
    s = only(statements(nlp, text), "according")
    assert s.cue == "According to"
    assert s.source_span == "the Harbour Workers Union"
    assert s.content == "300 dockers joined the strike"


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("Dr. Ines Moro told Reuters that 40 patients were treated.", "told", "40 patients"),
        ("The ministry announced that schools will close on Monday.", "announced", "schools"),
        ("Officials estimated that 2,000 homes were damaged.", "estimated", "2,000 homes"),
        ("The agency warned that more rain is expected.", "warned", "more rain"),
        ("Ms. Tal added that the pumps had failed.", "added", "the pumps"),
        ("The inspectors verified that 12 wells were dry.", "verified", "12 wells"),
        ("The Gazette reported that the mill had closed.", "reported", "the mill"),
        ("The clerk noted that turnout was low.", "noted", "turnout"),
        ("Police claimed the crowd had thrown stones.", "claimed", "the crowd had thrown"),
    ],
)
def test_reporting_verbs(nlp: Language, text: str, cue: str, content: str) -> None:
    s = only(statements(nlp, text), cue)
    assert s.content.startswith(content)


def test_direct_quote_with_speaker_after(nlp: Language) -> None:
    text = '"We will rebuild every house," said Pavel Orsk, the regional governor.'
    s = only(statements(nlp, text), "said")
    assert s.is_quote
    assert s.content == '"We will rebuild every house,"'
    assert s.source == "Pavel Orsk"


def test_quote_cut_by_its_attribution(nlp: Language) -> None:
    text = '"The water is rising," Mira Holm said. "We have moved everyone to the school."'
    s = only(statements(nlp, text), "said")
    assert s.content.startswith('"The water is rising,"')
    assert s.content.endswith('"We have moved everyone to the school."')


def test_quote_over_two_sentences_speaker_before(nlp: Language) -> None:
    text = 'Rector Alma Ruiz said: "Classes are suspended. The campus is closed until Friday."'
    s = only(statements(nlp, text), "said")
    assert "The campus is closed until Friday" in s.content
    assert s.is_quote


def test_statement_in_a_post(nlp: Language) -> None:
    text = "In a post on X, the fire brigade said three buildings had collapsed."
    s = only(statements(nlp, text), "said")
    assert s.source_span == "the fire brigade"
    assert s.content == "three buildings had collapsed"


def test_office_as_source(nlp: Language) -> None:
    text = "The attorney general's office said 15 suspects were charged."
    s = only(statements(nlp, text), "said")
    assert s.source_span == "The attorney general's office"
    assert s.source_type == "government"


def test_pronoun_resolves_to_the_last_named_speaker(nlp: Language) -> None:
    text = (
        "Interior Minister Carla Bentiz on Friday said 12 people were hurt. "
        "She has said the unrest left four people dead."
    )
    found = statements(nlp, text)
    s = only(found, "has said") if any(x.cue == "has said" for x in found) else found[-1]
    assert s.source_span == "She"
    assert s.source == "Carla Bentiz"


def test_the_group_resolves_to_the_named_organisation(nlp: Language) -> None:
    text = (
        "The local rights group Casa Libre said 40 detainees were freed. "
        "The group said more releases were expected."
    )
    found = statements(nlp, text)
    assert [s.source for s in found] == ["Casa Libre", "Casa Libre"]
    assert found[0].source_type == "ngo"


def test_apposition_names_the_speaker(nlp: Language) -> None:
    text = "The group's director, Tomas Ebner, said 12 volunteers were injured."
    s = only(statements(nlp, text), "said")
    assert s.source == "Tomas Ebner" and s.source_type == "person"


@pytest.mark.parametrize("source", ["A source", "Sources", "Officials"])
def test_anonymous_sources(nlp: Language, source: str) -> None:
    s = only(statements(nlp, f"{source} said the talks had collapsed."), "said")
    assert s.source_span == source
    assert s.source_type == "anonymous"


def test_a_belief_inside_a_quote_is_not_a_statement(nlp: Language) -> None:
    text = '"I think the dam will hold," said engineer Rosa Kahl.'
    found = statements(nlp, text)
    assert [s.cue for s in found] == ["said"]


def test_an_effect_is_not_a_statement(nlp: Language) -> None:
    text = "A strong quake struck the coast on Tuesday, causing houses to collapse and injuring 50."
    assert statements(nlp, text) == []


def test_epigraph_with_dash(nlp: Language) -> None:
    text = "“The river gave us everything and took it back.” ― Marta Velez\n"
    s = only(statements(nlp, text), "―")
    assert s.source_span == "Marta Velez"
    assert "river gave us everything" in s.content


def test_mentions_cover_names_and_pronouns(nlp: Language) -> None:
    text = "Judge Omar Pell said the trial would resume. He said the jury was ready."
    found, mentions = find_statements(parse(text, nlp), "k")
    names = {m.text: m for m in mentions}
    assert names["Omar Pell"].kind == "name"
    assert names["He"].kind == "pronoun"
    assert names["He"].entity == names["Omar Pell"].entity == found[1].entity
    assert found[1].entity is not None and found[1].entity.startswith("k:")


def test_subject_read_as_the_object_of_after(nlp: Language) -> None:
    # the parser takes "after the Harbour Board" for a prepositional phrase
    text = (
        "Protests broke out after the Harbour Board announced that Ortiz had won 52% of the vote."
    )
    s = only(statements(nlp, text), "announced")
    assert s.source == "Harbour Board"
    assert s.content.startswith("Ortiz had won 52%")


def test_clause_read_as_object_and_conjunct(nlp: Language) -> None:
    # "claimed Ortiz, 61, won": the parser makes Ortiz the object and "won" a conjunct
    text = "Official results published by the Harbour Board claimed Ortiz, 61, won 52% of the vote."
    s = only(statements(nlp, text), "claimed")
    assert s.content.endswith("won 52% of the vote")


def test_coordinated_verb_is_not_content(nlp: Language) -> None:
    s = only(statements(nlp, "The mayor announced the plan and left the hall."), "announced")
    assert s.content == "the plan"


@pytest.mark.parametrize(
    "label", ["Photo", "Photos", "CORRECTION", "UPDATE", "Editor's Note", "Related", "Video"]
)
def test_a_page_label_before_a_colon_is_no_speaker(nlp: Language, label: str) -> None:
    text = f"{label}: Police say two men were wounded in the shooting on Main Street."
    assert [s.source_span for s in statements(nlp, text) if s.source_span == label] == []


def test_a_name_before_a_colon_is_still_a_speaker(nlp: Language) -> None:
    text = "Lena Varga: The bridge will reopen in May after the repairs are finished."
    assert [s.source_span for s in statements(nlp, text)] == ["Lena Varga"]


def test_an_unnamed_source_is_named_without_its_relative_clause(nlp: Language) -> None:
    text = "Officials who spoke on condition of anonymity said 12 people were hurt."
    s = only(statements(nlp, text), "said")
    assert (s.source, s.source_span) == (
        "Officials",
        "Officials who spoke on condition of anonymity",
    )
    text = "A spokesman who declined to be named said two were missing."
    s = only(statements(nlp, text), "said")
    assert (s.source, s.source_span) == ("A spokesman", "A spokesman who declined to be named")
