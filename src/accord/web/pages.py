"""The read-only pages: stories, a story, a report, entities, search, rejects."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from accord.changes import DEFAULT_READER
from accord.store.paging import Page
from accord.web import queries
from accord.web.api import CursorText, StoreDep
from accord.web.changes import Reader, change_href, since_last_visit
from accord.web.reading import entity_page, report_page
from accord.web.search import search
from accord.web.templating import render
from accord.web.views import SORTS, story_page, story_rows, why_page

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
PER_PAGE = 20
Words = Annotated[str, Query(max_length=500)]


@router.get("/")
def stories(
    request: Request,
    store: StoreDep,
    q: Words = "",
    sort: Annotated[str, Query(pattern="^(" + "|".join(SORTS) + ")$")] = "latest",
    cursor: CursorText = None,
) -> HTMLResponse:
    found, at = queries.stories(store, q, sort, PER_PAGE, cursor)
    rows = story_rows(found, queries.verdicts(store, [s.id for s in found]))
    pager = Pager("/", {"q": q, "sort": sort}, at)
    return render(request, "stories.html.j2", rows=rows, q=q, sort=sort, sorts=SORTS, pager=pager)


@router.get("/stories/{story_id}")
def story(
    request: Request, story_id: str, store: StoreDep, reader: Reader = DEFAULT_READER
) -> HTMLResponse:
    page = story_page(store, story_id)
    changed = since_last_visit(store, story_id, reader)
    return render(
        request, "story.html.j2", page=page, changed=changed, change_href=change_href, reader=reader
    )


@router.get("/stories/{story_id}/why")
def why(request: Request, story_id: str, store: StoreDep) -> HTMLResponse:
    return render(request, "why.html.j2", page=why_page(store, story_id))


@router.get("/reports/{key:path}")
def report(
    request: Request,
    key: str,
    store: StoreDep,
    start: Annotated[int | None, Query(ge=0)] = None,
    end: Annotated[int | None, Query(ge=0)] = None,
) -> HTMLResponse:
    cited = (start, end) if start is not None and end is not None and start < end else None
    return render(request, "report.html.j2", page=report_page(store, key, cited))


@router.get("/entities")
def entities(
    request: Request, store: StoreDep, q: Words = "", cursor: CursorText = None
) -> HTMLResponse:
    found, at = queries.entities(store, q.split(), None, PER_PAGE, cursor)
    pager = Pager("/entities", {"q": q}, at)
    return render(request, "entities.html.j2", entities=found, q=q, pager=pager)


@router.get("/entities/{entity_id}")
def entity(request: Request, entity_id: str, store: StoreDep) -> HTMLResponse:
    return render(request, "entity.html.j2", page=entity_page(store, entity_id))


@router.get("/search")
def search_page(
    request: Request,
    store: StoreDep,
    q: Words = "",
    cursor: CursorText = None,
) -> HTMLResponse:
    results = search(store, q, PER_PAGE, cursor)
    pager = Pager("/search", {"q": q}, Page([], results.next, results.previous))
    return render(request, "search.html.j2", q=q, results=results, pager=pager)


@router.get("/rejects")
def rejects(request: Request, store: StoreDep, cursor: CursorText = None) -> HTMLResponse:
    found, at = queries.rejections(store, PER_PAGE, cursor)
    pager = Pager("/rejects", {}, at)
    return render(request, "rejects.html.j2", rejections=found, pager=pager)


@dataclass(frozen=True, slots=True)
class Pager:
    """The links to the pages beside a list's page, its other parameters kept."""

    path: str
    params: dict[str, str]
    at: Page

    def href(self, cursor: str | None) -> str | None:
        if cursor is None:
            return None
        kept = {k: v for k, v in self.params.items() if v}
        return f"{self.path}?{urlencode({**kept, 'cursor': cursor})}"

    @property
    def next(self) -> str | None:
        return self.href(self.at.next)

    @property
    def previous(self) -> str | None:
        return self.href(self.at.previous)
