"""Language of a report, as an ISO 639-1 code, with lingua.

The detector is built once, lazily, for the languages news in this tool is likely to come in:
building it for every language lingua knows costs about 10 s and 1.3 GB. It runs in lingua's low
accuracy mode (trigram models only): 0.1 s and 30 MB to load instead of 2 s and 270 MB for these
languages, and as reliable on paragraphs; only phrases of a few words suffer, and those are
refused below `MIN_LETTERS` anyway.
"""

from __future__ import annotations

from functools import cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

LANGUAGES = (
    Language.ENGLISH,
    Language.SPANISH,
    Language.PORTUGUESE,
    Language.FRENCH,
    Language.GERMAN,
    Language.ITALIAN,
    Language.DUTCH,
    Language.RUSSIAN,
    Language.UKRAINIAN,
    Language.POLISH,
    Language.TURKISH,
    Language.ARABIC,
    Language.PERSIAN,
    Language.HEBREW,
    Language.HINDI,
    Language.CHINESE,
    Language.JAPANESE,
    Language.KOREAN,
    Language.INDONESIAN,
)
PREFIX_CHARS = 2000  # the opening of a report is enough, and keeps detection fast
MIN_LETTERS = 20  # below this a guess is noise ("ON NOW")


@cache
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*LANGUAGES).with_low_accuracy_mode().build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the language `text` is written in ("en", "es"), or None if unsure."""
    prefix = text[:PREFIX_CHARS]
    if sum(c.isalpha() for c in prefix) < MIN_LETTERS:
        return None
    language = _detector().detect_language_of(prefix)
    return language.iso_code_639_1.name.lower() if language is not None else None


def language_name(code: str | None) -> str | None:
    """The English name of an ISO 639-1 code ("es": "Spanish"), by lingua; None when unknown."""
    if not code:
        return None
    try:
        return str(Language.from_iso_code_639_1(IsoCode639_1.from_str(code)).name.title())
    except ValueError:
        return None
