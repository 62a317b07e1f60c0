"""Text helpers every stage shares, free of any NLP dependency."""

from __future__ import annotations

import re
import unicodedata

# A line or text that ends a sentence, quotes and brackets closing after its stop ('... ordered
# them to stop."'): the end of prose, not of a headline or a label.
SENTENCE_END = re.compile(r"[.!?…][\"'’”)\]]*$")


def fold_accents(text: str) -> str:
    """`text` without diacritics: reports spell one name "Nicolás" and "Nicolas", one prison
    "Tocorón" and "Tocoron"."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def escape_like(text: str) -> str:
    """`text` taken literally in a LIKE pattern whose escape character is a backslash."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
