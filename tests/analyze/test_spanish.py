"""The Spanish pipeline: the model loads (its one version warning filtered), and Spanish figures,
qualifiers, sources and times are read as English ones are."""

from __future__ import annotations

import pytest

from accord.analyze.nlp import load_spanish_nlp
from accord.analyze.qualifiers import qualifier_before
from accord.analyze.reading import analyze_articles
from accord.analyze.spanish import analyze_spanish
from accord.analyze.spanish_numbers import currency_of, parse_spanish_number
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
     ("un millón", 1e6), ("3.5", 3.5), ("veintidós", 22.0), ("muertos", None),
     ("treinta y cinco", 35.0), ("doscientos treinta y un", 231.0)],
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
     ("a largo plazo", "FUTURE_REF"), ("en curso", "PRESENT_REF"), ("en un mismo día", "P1D"),
     ("en la última década", "P10Y"), ("en los últimos años", "PXY"),
     ("en los últimos 12 años", "P12Y"), ("el cuarto trimestre", "2024-Q4"),
     ("entre octubre", "2024-10"), ("durante dos años y medio", "P2.5Y")],
)  # fmt: skip
def test_spanish_times_resolve_against_the_report_date(text: str, value: str) -> None:
    found = scan_spanish(f"Ocurrió {text}.", "2024-11-18")
    assert [t.value for t in found] == [value]


def test_a_quarter_not_yet_begun_is_last_years_and_ages_are_no_durations() -> None:
    assert [t.value for t in scan_spanish("en el tercer trimestre", "2025-02-10")] == ["2024-Q3"]
    text = "Barra, de 51 años, dirige la empresa; su padre murió a los 80 años. Año y semana."
    assert scan_spanish(text, "2025-02-10") == []


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


def _claims(text: str) -> set[tuple[float, str, str | None]]:
    found = analyze_spanish(load_spanish_nlp()(text), "r", "2028-03-15", None)
    return {(c.value, c.measure, c.unit) for c in found.claims}


def test_a_bare_number_is_a_figure_only_where_its_words_say_what_it_counts() -> None:
    assert (
        _claims(
            "El índice bajó hasta 3.412,50 y cerró en 3.398,07. La empresa espera que las ventas "
            "superen las 900. La tienda abrió a principios de los 80."
        )
        == set()
    )
    assert _claims(
        "La fábrica despidió a 4.000 empleados y mantendrá otros 12.000. De los 900 pasajeros, "
        "300 de ellos viajaban solos. El índice quedó por debajo de la barrera de los 7.000."
    ) == {
        (4000.0, "other", "empleado"), (12000.0, "other", "people"), (900.0, "other", "pasajero"),
        (300.0, "other", None), (7000.0, "other", "barrera"),
    }  # fmt: skip


@pytest.mark.parametrize(
    ("text", "code"),
    [("$", "USD"), ("AU$", "AUD"), ("CA$.", "CAD"), ("NZ$", "NZD"), ("SGD", "SGD"),
     ("CHF", "CHF"), ("sgd", None), ("ABC", None), ("XY$", None)],
)  # fmt: skip
def test_currency_signs_of_other_dollars_and_iso_codes(text: str, code: str | None) -> None:
    assert currency_of(text) == code


def test_sums_in_other_currencies_and_sums_that_leave_their_currency_unsaid() -> None:
    assert _claims(
        "El Estado pagará 12,5 millones de AU$ a la fábrica y el puerto costó 900 millones de SGD."
    ) == {(12.5e6, "money", "AUD"), (9e8, "money", "SGD")}
    assert _claims(
        "El banco prestó 30.000 millones de euros a Italia, 12.000 millones a Grecia y 5.000 "
        "millones a Chipre."
    ) == {(3e10, "money", "EUR"), (1.2e10, "money", "EUR"), (5e9, "money", "EUR")}
    # a conjugated verb between them: the second figure is no sum ("aumentarán" to 80 million
    # passengers), and it counts nothing named
    assert _claims(
        "La aerolínea ganó 310 millones de euros y prevé que sus viajeros aumentarán a 80 millones."
    ) == {(3.1e8, "money", "EUR")}


def test_from_one_figure_to_another_is_a_change_and_two_figures_with_or_a_range() -> None:
    # (the bare 30 counts nothing named, as "from 30 to 40 cars" in English; no range of 35)
    assert _claims(
        "El fondo pasó de 20.000 millones a 45.000 millones de euros. Las ventas subieron de 30 "
        "a 40 coches."
    ) == {(2e10, "money", "EUR"), (4.5e10, "money", "EUR"), (40.0, "other", "coche")}
    found = analyze_spanish(
        load_spanish_nlp()(
            "La obra costará de 15 a 20 millones de euros y durará unos dos o tres años."
        ),
        "r", "2028-03-15", None,
    )  # fmt: skip
    assert {(c.value, c.qualifier, c.value_low, c.value_high) for c in found.claims} == {
        (17.5e6, "range", 15e6, 20e6), (2.5, "range", 2.0, 3.0),
    }  # fmt: skip


def test_a_span_of_time_that_places_an_event_is_no_figure() -> None:
    assert (
        _claims(
            "La bolsa ha caído en los últimos ocho días. La planta cerrará dos años después. El "
            "avión llegó tres días más tarde."
        )
        == set()
    )
    assert _claims(
        "La obra terminó cinco años más tarde de lo previsto. La huelga duró seis semanas."
    ) == {(5.0, "other", "years"), (6.0, "other", "weeks")}


def test_numbers_that_name_a_model_an_index_or_a_gate_are_no_figures() -> None:
    assert _claims(
        "La versión de 64GB costará 300 euros. El IBEX 35 español subió 12 puntos. Los viajeros "
        "esperaron en la puerta 7. El Galaxy 9 fue presentado ayer. Es el coche número 20.000."
    ) == {(300.0, "money", "EUR"), (12.0, "other", "punto")}
    # counts: after an article at the start, a figure a verb governs, a plural noun counted
    found = _claims(
        "Los cinco mayores bancos cerraron. El déficit alcanza hasta el momento 900 millones de "
        "euros. La tienda de 8 GB costará 90 euros. Airbus 40 aviones entregó."
    )
    assert {value for value, _, _ in found} == {5.0, 9e8, 8.0, 90.0, 40.0}


def test_number_words_side_by_side_are_two_figures_unless_they_compose_one() -> None:
    found = analyze_spanish(
        load_spanish_nlp()(
            "Las ventas cayeron entre cuatro y nueve por ciento. Llegaron cuarenta y dos "
            "pasajeros y ciento tres tripulantes."
        ),
        "r", "2028-03-15", None,
    )  # fmt: skip
    assert {(c.value, c.qualifier, c.unit) for c in found.claims} == {
        (6.5, "range", "percent"), (42.0, "exact", "pasajero"), (103.0, "exact", "tripulante"),
    }  # fmt: skip


def test_a_part_of_a_group_after_a_possessive_is_a_figure() -> None:
    assert _claims("La federación dijo que 40 de sus 1.200 socios han dimitido.") == {
        (40.0, "other", None), (1200.0, "other", "socio"),
    }  # fmt: skip
