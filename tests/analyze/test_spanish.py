"""The Spanish pipeline: the model loads (its one version warning filtered), and Spanish figures,
qualifiers, sources and times are read as English ones are."""

from __future__ import annotations

import pytest

from accord.analyze.nlp import load_spanish_nlp
from accord.analyze.pipeline import analyze_articles
from accord.analyze.qualifiers import qualifier_before
from accord.analyze.spanish import analyze_spanish
from accord.analyze.spanish_numbers import parse_spanish_number
from accord.analyze.spanish_timex import scan_spanish
from accord.model import Article

REPORT = (
    "Al menos 60 personas detenidas durante las protestas fueron excarceladas el sábado, "
    "según la organización Defensa Ciudadana. El fiscal general dijo que 2.000 personas "
    "fueron liberadas. «Hay ciento siete desaparecidos», denunció Marta Ruiz."
)


def test_the_spanish_model_loads_without_a_warning() -> None:
    nlp = load_spanish_nlp()  # pytest turns any other warning into an error
    assert nlp.lang == "es"
    assert "accord_spanish_ents" in nlp.pipe_names


@pytest.mark.parametrize(
    ("text", "value"),
    [("2.000", 2000.0), ("1,5 millones", 1.5e6), ("ciento siete", 107.0), ("40.000 millones", 4e10),
     ("un millón", 1e6), ("3.5", 3.5), ("veintidós", 22.0), ("muertos", None)],
)  # fmt: skip
def test_spanish_numbers(text: str, value: float | None) -> None:
    assert parse_spanish_number(text) == value


@pytest.mark.parametrize(
    ("words", "qualifier"),
    [("al menos", "at_least"), ("más de", "more_than"), ("unos", "about"),
     ("cerca de", "nearly"), ("casi", "nearly"), ("hasta", "up_to"), ("alrededor de", "about")],
)  # fmt: skip
def test_spanish_qualifiers(words: str, qualifier: str) -> None:
    found = qualifier_before(["fueron", *words.split()], "es")
    assert found is not None and found[0] == qualifier


@pytest.mark.parametrize(
    ("text", "value"),
    [("el sábado", "2024-11-16"), ("el pasado martes", "2024-11-12"),
     ("hace dos semanas", "2024-11-04"), ("el 26 de noviembre", "2024-11-26"), ("el 2 de febrero", "2025-02-02"),
     ("1 de marzo de 2008", "2008-03-01"), ("la semana pasada", "2024-W46"), ("ayer", "2024-11-17"),
     ("durante dos años", "P2Y"), ("el cuarto trimestre del 2005", "2005-Q4"),
     ("el último trimestre", "2024-Q3"), ("recientemente", "PAST_REF"),
     ("a las 16:15 UTC", "2024-11-18T16:15Z"), ("ayer a las 8:30", "2024-11-17T08:30"),
     ("a las 12:00 UTC del sábado", "2024-11-16T12:00Z"), ("durante 12 horas", "PT12H"),
     ("en media hora", "PT30M"), ("durante varios años", "PXY"), ("durante una década", "P10Y"),
     ("hace unas horas", "2024-11-18"), ("el año anterior", "2023"), ("la primavera", "2024-SP"),
     ("el otoño de 2008", "2008-FA"), ("el 29 de febrero", "2024-02-29"),
     ("a largo plazo", "FUTURE_REF"), ("en curso", "PRESENT_REF")],
)  # fmt: skip
def test_spanish_times_resolve_against_the_report_date(text: str, value: str) -> None:
    found = scan_spanish(f"Ocurrió {text}.", "2024-11-18")
    assert [t.value for t in found] == [value]


def test_a_spanish_report_gives_claims_with_measure_qualifier_and_source() -> None:
    doc = load_spanish_nlp()(REPORT)
    found = analyze_spanish(doc, "r", "2024-11-18", None)
    claims = {(c.value, c.measure, c.qualifier): c for c in found.claims}
    assert set(claims) == {
        (60.0, "released", "at_least"), (2000.0, "released", "exact"),
        (107.0, "missing", "exact"),
    }  # fmt: skip
    assert claims[60.0, "released", "at_least"].source == "Defensa Ciudadana"
    assert claims[107.0, "missing", "exact"].source == "Marta Ruiz"
    assert [t.when for t in found.times] == ["2024-11-16"]


def test_a_state_after_a_verb_and_a_count_that_exceeds_a_figure() -> None:
    doc = load_spanish_nlp()(
        "Roth dijo que 17 personas seguían desaparecidas. La organización denunció que el "
        "número real de desplazados supera las 3.000 personas."
    )
    found = analyze_spanish(doc, "r", "2028-03-15", None)
    assert {(c.value, c.measure, c.qualifier) for c in found.claims} == {
        (17.0, "missing", "exact"), (3000.0, "displaced", "more_than"),
    }  # fmt: skip


def test_reports_go_to_their_language_and_others_are_kept_unanalysed(
    caplog: pytest.LogCaptureFixture,
) -> None:
    spanish = Article(key="es1", text=REPORT, language="es", published="2024-11-18")
    french = Article(
        key="fr1", text="Au moins 60 personnes ont été libérées samedi.", language="fr"
    )
    found = {a.doc: a for a in analyze_articles([french, spanish])}
    assert {c.value for c in found["es1"].claims} == {60.0, 2000.0, 107.0}
    assert found["fr1"].claims == found["fr1"].statements == []
    assert "fr1 is in 'fr', which accord does not analyse" in caplog.text


def test_durations_in_years_ages_dropped_small_counts_and_votes() -> None:
    doc = load_spanish_nlp()(
        "La empresa firmó un contrato de 30 años con 1.400 empleados. Mary Barra, de 51 años, "
        "fue nombrada consejera. Steve Jobs falleció a los 56 años. El hombre tiene 40 años. "
        "Tres demócratas votaron en contra."
    )
    found = analyze_spanish(doc, "r", "2028-03-15", None)
    assert {(c.value, c.measure, c.unit) for c in found.claims} == {
        (30.0, "other", "years"), (1400.0, "other", "empleado"), (3.0, "votes", None),
    }  # fmt: skip
