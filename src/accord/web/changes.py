"""What changed in a story since the reader's last visit: the story page's panel, the changes in
the API, and each story's changes as an Atom feed that any feed reader can follow.

The feed is written with the standard library's ElementTree, which escapes every text it is
given: a report's words reach the feed (and the HTML inside its entries, escaped once more) only
as text."""

from __future__ import annotations

import html
from typing import Annotated, Any
from xml.etree import ElementTree

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from accord.changes import DEFAULT_READER, LAST, Change, ChangeSet, feed_entries, story_changes
from accord.errors import ConfigError
from accord.store import Store
from accord.web.api import StoreDep
from accord.web.links import report_href, story_href

ATOM = "http://www.w3.org/2005/Atom"
Reader = Annotated[str, Query(max_length=200, pattern=r"^[\w.@-]+$")]
Since = Annotated[
    str,
    Query(max_length=40, description="LAST (the reader's last look) or an ISO 8601 time."),
]

router = APIRouter()


def since_last_visit(store: Store, story: str, reader: str) -> ChangeSet:
    """The changes since the reader's last visit; this visit becomes the last."""
    return story_changes(store, story, LAST, reader)


def change_href(change: Change) -> str | None:
    """Where a change's first citation leads: the cited passage of the report."""
    if not change.citations:
        return None
    c = change.citations[0]
    return report_href(c.doc, c.start, c.end)


@router.get("/api/stories/{story_id}/changes", summary="What changed in a story since a time")
def api_changes(
    story_id: str, store: StoreDep, since: Since = LAST, reader: Reader = DEFAULT_READER
) -> dict[str, Any]:
    """Changes since `since`; asked since LAST, this is the reader's look."""
    try:
        return story_changes(store, story_id, since, reader).to_dict()
    except ConfigError as exc:  # a time that is not one: the caller's to fix
        raise HTTPException(400, str(exc)) from exc


@router.get("/stories/{story_id}/changes.atom", include_in_schema=False)
def atom_feed(story_id: str, store: StoreDep, request: Request) -> Response:
    base = str(request.base_url).rstrip("/")
    story = store.stories.get(story_id)
    sets = feed_entries(store, story_id)
    page = base + story_href(story_id)
    ElementTree.register_namespace("", ATOM)
    feed = ElementTree.Element(f"{{{ATOM}}}feed")
    _text(feed, "id", page + "/changes.atom")
    _text(feed, "title", f"What changed: {story.title}")
    _text(feed, "updated", _updated(sets[0].until if sets else story.reconciled or story.updated))
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=page + "/changes.atom")
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=page)
    author = ElementTree.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "accord")
    for found in sets:
        entry = ElementTree.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", f"{page}/changes.atom#{found.until}")
        count = len(found.changes)
        _text(entry, "title", f"{count} change{'s' if count != 1 else ''}: {found.changes[0].text}")
        _text(entry, "updated", _updated(found.until))
        ElementTree.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=page)
        content = _text(entry, "content", _entry_html(found, base))
        content.set("type", "html")
    body = ElementTree.tostring(feed, encoding="utf-8", xml_declaration=True)
    return Response(body, media_type="application/atom+xml; charset=utf-8")


def _text(parent: ElementTree.Element, tag: str, text: str) -> ElementTree.Element:
    element = ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}")
    element.text = text
    return element


def _updated(stamp: str | None) -> str:
    # RFC 3339, as Atom asks; a store's stamps are ISO 8601 in UTC already.
    return stamp or "1970-01-01T00:00:00+00:00"


def _entry_html(found: ChangeSet, base: str) -> str:
    """The change set as an HTML list, every text from a report escaped."""
    items = []
    for change in found.changes:
        cites = "".join(
            f' <a href="{html.escape(base + report_href(c.doc, c.start, c.end))}">'
            f"[{html.escape(c.outlet or c.title or c.doc)}]</a>"
            for c in change.citations[:3]
        )
        items.append(f"<li>{html.escape(change.text)}{cites}</li>")
    return "<ul>" + "".join(items) + "</ul>"
