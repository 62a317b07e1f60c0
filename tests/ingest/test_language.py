"""Language detection with a detector built once for a modest set of languages."""

from __future__ import annotations

import pytest

from accord.ingest.language import detect_language, language_name


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The council voted on Monday to close the old bridge until repairs are done.", "en"),
        (
            "El consejo votó el lunes para cerrar el puente viejo hasta que terminen las obras.",
            "es",
        ),
        ("Le conseil a voté lundi la fermeture du vieux pont jusqu'à la fin des travaux.", "fr"),
        ("O conselho votou na segunda-feira para fechar a ponte velha até o fim das obras.", "pt"),
        (
            "Der Rat hat am Montag beschlossen, die alte Brücke bis zum Ende der Arbeiten zu sperren.",
            "de",
        ),
        ("Совет проголосовал в понедельник за закрытие старого моста до конца ремонта.", "ru"),
    ],
)
def test_detects_common_news_languages(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_too_little_text_is_undetermined() -> None:
    assert detect_language("") is None
    assert detect_language("ON NOW • en") is None


def test_only_a_prefix_is_read() -> None:
    english = "The council voted on Monday to close the old bridge. " * 60
    assert detect_language(english + "El consejo votó el lunes. " * 400) == "en"


def test_language_names_come_from_the_code() -> None:
    assert (language_name("es"), language_name("en")) == ("Spanish", "English")
    assert language_name("xx") is None and language_name(None) is None
