"""The read-only pages: stories, a story, a report, entities, search, rejects."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from accord.changes import DEFAULT_READER
from accord.web.api import StoreDep
from accord.web.changes import Reader, change_href, since_last_visit
from accord.web.queries import MAX_OFFSET
from accord.web.reading import entity_page, report_page
from accord.web.search import search
from accord.web.templating import render
from accord.web.views import SORTS, story_page, story_rows

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
PER_PAGE = 20
Words = Annotated[str, Query(max_length=500)]


@router.get("/")
def stories(
    request: Request,
    store: StoreDep,
    q: Words = "",
    sort: Annotated[str, Query(pattern="^(" + "|".join(SORTS) + ")$")] = "latest",
) -> HTMLResponse:
    rows = story_rows(store, q, sort)
    return render(request, "stories.html.j2", rows=rows, q=q, sort=sort, sorts=SORTS)


@router.get("/stories/{story_id}")
def story(
    request: Request, story_id: str, store: StoreDep, reader: Reader = DEFAULT_READER
) -> HTMLResponse:
    page = story_page(store, story_id)
    changed = since_last_visit(store, story_id, reader)
    return render(
        request, "story.html.j2", page=page, changed=changed, change_href=change_href, reader=reader
    )


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
def entities(request: Request, store: StoreDep, q: Words = "") -> HTMLResponse:
    words = q.lower().split()
    found = [
        e
        for e in store.entities.all()
        if all(w in " ".join((e.name, *e.aliases)).lower() for w in words)
    ]
    return render(request, "entities.html.j2", entities=found, q=q)


@router.get("/entities/{entity_id}")
def entity(request: Request, entity_id: str, store: StoreDep) -> HTMLResponse:
    return render(request, "entity.html.j2", page=entity_page(store, entity_id))


@router.get("/search")
def search_page(
    request: Request,
    store: StoreDep,
    q: Words = "",
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> HTMLResponse:
    results = search(store, q, PER_PAGE, offset)
    return render(request, "search.html.j2", q=q, results=results, offset=offset, per_page=PER_PAGE)


@router.get("/rejects")
def rejects(request: Request, store: StoreDep) -> HTMLResponse:
    return render(request, "rejects.html.j2", rejections=store.articles.rejections())
