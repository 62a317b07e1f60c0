"""Reports of one event in Spanish and English in one story, by names, figures and days."""

from __future__ import annotations

import pytest
from story_texts import CHESS, FLOOD, FLOOD_2, add

from accord.model import Article
from accord.store import Store
from accord.stories import ReportFeatures, report_features
from accord.stories.centroid import Centroid
from accord.stories.crosslang import neutral_counts
from accord.stories.index import IndexedReport

# A Spanish version of FLOOD (written for this test), and a Spanish report of another event.
INUNDACION = (
    "Las inundaciones dejan 40 muertos en Varnholm\n\n"
    "Las inundaciones repentinas arrasaron el martes la ciudad fluvial de Varnholm, matando a 40 "
    "personas y obligando a la alcaldesa Ilse Brandvik a ordenar la evacuación del viejo puerto.\n\n"
    "Equipos de rescate de la provincia de Kessel buscaron en casas derrumbadas junto al río Varn."
)
AJEDREZ = (
    "Okonkwo gana el abierto de ajedrez de Talvik\n\n"
    "La gran maestra Adaeze Okonkwo ganó el domingo el abierto de ajedrez de Talvik al vencer al "
    "campeón Piet Marrow en una tensa partida final que duró seis horas.\n\n"
    "El torneo reunió a 300 jugadores en la sala de conciertos de Talvik."
)


def report(key: str, text: str, language: str, published: str | None = None) -> ReportFeatures:
    article = Article(key=key, text=text, published=published, language=language)
    return report_features(article)


def test_a_spanish_report_joins_the_story_and_event_of_its_english_version(store: Store) -> None:
    placed = add(
        store,
        report("f1", FLOOD, "en", "2031-03-04"),
        report("c1", CHESS, "en", "2031-03-02"),
        report("f1-es", INUNDACION, "es", "2031-03-04"),
        report("c1-es", AJEDREZ, "es", "2031-03-02"),
    )
    where = {m.doc: (m.story, m.event) for m in placed}
    assert where["f1-es"] == where["f1"] != where["c1"] == where["c1-es"]


def test_an_english_report_is_weighed_against_the_english_reports_of_a_bilingual_story(
    store: Store,
) -> None:
    """The Spanish version in the story shares few of its words: the English report's pull is its
    mean over the story's English reports, not over all of them."""
    placed = add(
        store,
        report("f1", FLOOD, "en", "2031-03-04"),
        report("f1-es", INUNDACION, "es", "2031-03-04"),
        report("f2", FLOOD_2, "en", "2031-03-04"),
    )
    assert len({m.story for m in placed}) == 1


def test_neutral_features_read_names_figures_and_days_alike_in_both_languages() -> None:
    spanish = neutral_counts(
        "Según el fiscal general, EEUU pagó 40.000 millones. Aunque Boeing lo niega.",
        "2031-03-04",
        [4e10],
    )
    english = neutral_counts(
        "The US paid 40,000 million, the attorney general said; Boeing denies it.",
        "2031-03-04",
        [4e10],
    )
    assert set(spanish) == set(english) == {
        "x:attorney general", "x:us", "x:#40000", "x:#4e+10", "x:@2031-03-04", "x:boeing",
    }  # fmt: skip
    # "un" and "us" in lower case are words, not the UN and the US
    assert neutral_counts("Un hombre, one of us.", None) == {}


def test_a_centroid_keeps_each_language_apart_once_it_has_two() -> None:
    centroid = Centroid()
    en = IndexedReport("a", "s1", "e1", 1, counts={}, vector={"w:flood": 1.0}, language="en")
    es = IndexedReport("b", "s1", "e1", 2, counts={}, vector={"w:inundacion": 1.0}, language="es")
    centroid.add(en)
    assert centroid.split == {}
    centroid.add(es)
    assert centroid.score({"w:flood": 1.0}, None, language="en") == pytest.approx(1.0)
    assert centroid.score({"w:flood": 1.0}, None) == pytest.approx(0.5)
    assert centroid.cross_score("en", {}) is None
    centroid.add(es, -1)
    assert (centroid.split, dict(centroid.languages)) == ({}, {"en": 1})
    assert Centroid.from_json(centroid.to_json()) == centroid
