"""The app's URLs, built in one place so pages, charts and tests agree on them."""

from __future__ import annotations

from urllib.parse import quote


def report_href(doc: str, start: int | None = None, end: int | None = None) -> str:
    """A report's page; with offsets, the page marks that passage and scrolls to it."""
    path = f"/reports/{quote(doc, safe='')}"
    if start is None or end is None:
        return path
    return f"{path}?start={start}&end={end}#cited"


def story_href(story: str) -> str:
    return f"/stories/{quote(story, safe='')}"


def group_href(story: str, group: str) -> str:
    return f"{story_href(story)}#{group_anchor(group)}"


def group_anchor(group: str) -> str:
    # Group ids look like "s1:g4"; an anchor of letters, digits and dashes needs no escaping.
    return "g-" + "".join(c if c.isalnum() else "-" for c in group)


def entity_href(entity: str) -> str:
    return f"/entities/{quote(entity, safe='')}"
