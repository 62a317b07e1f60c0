"""Text helpers every stage shares, free of any NLP dependency."""

from __future__ import annotations

import unicodedata


def fold_accents(text: str) -> str:
    """`text` without diacritics: reports spell one name "Nicolás" and "Nicolas", one prison
    "Tocorón" and "Tocoron"."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
