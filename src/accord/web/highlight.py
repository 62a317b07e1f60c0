"""A report's text as HTML with its claims, statements and a cited passage marked.

The markup is built from offsets: every stretch of the article's text between two offsets is
escaped on its own, and only our own tags go between the stretches, so no article text is ever
inserted as markup. Spans nest; one that crosses the end of an enclosing span is cut there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the text to wrap: `open` is our tag (already safe markup), `close` ends it."""

    start: int
    end: int
    open: Markup
    close: Markup


def tag(name: str, close: str | None = None, **attrs: str | None) -> tuple[Markup, Markup]:
    """An opening and closing tag; attribute values are escaped, None ones left out."""
    rendered = "".join(
        Markup(' {}="{}"').format(key.rstrip("_").replace("_", "-"), value)
        for key, value in attrs.items()
        if value is not None
    )
    return Markup("<{}{}>").format(name, Markup(rendered)), Markup(f"</{close or name}>")


def span(start: int, end: int, name: str, **attrs: str | None) -> Span:
    opening, closing = tag(name, **attrs)
    return Span(start, end, opening, closing)


def render(text: str, spans: Iterable[Span]) -> Markup:
    """`text` escaped, with `spans` wrapped around their stretches (invalid spans dropped)."""
    ordered = sorted(
        (s for s in spans if 0 <= s.start < s.end <= len(text)), key=lambda s: (s.start, -s.end)
    )
    out: list[str] = []
    pos = 0
    stack: list[tuple[int, Markup]] = []  # (end, closing tag) of the open spans, innermost last
    for s in ordered:
        pos = _close_until(text, s.start, pos, stack, out)
        end = min(s.end, stack[-1][0]) if stack else s.end
        if end <= s.start:
            continue
        out.append(escape(text[pos : s.start]))
        out.append(s.open)
        stack.append((end, s.close))
        pos = s.start
    pos = _close_until(text, len(text), pos, stack, out)
    out.append(escape(text[pos:]))
    return Markup("".join(out))


def _close_until(
    text: str, offset: int, pos: int, stack: list[tuple[int, Markup]], out: list[str]
) -> int:
    """Close every open span that ends at or before `offset`; return the new position."""
    while stack and stack[-1][0] <= offset:
        end, closing = stack.pop()
        out.append(escape(text[pos:end]))
        out.append(closing)
        pos = end
    return pos
