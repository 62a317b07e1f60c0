"""The JSON API under /api: the same records as the exports, in pages of at most MAX_LIMIT."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import (
    APIRouter,
    Depends,
    File,
    Form,
    HTTPException,
    Path,
    Query,
    Request,
    UploadFile,
)
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from accord.store import Store
from accord.stories.why import healing, ties
from accord.web import ingesting, queries
from accord.web.problems import ErrorBody
from accord.web.queries import MAX_LIMIT, MAX_OFFSET, ReportFilter
from accord.web.reading import find_entity
from accord.web.search import search
from accord.web.security import require_bearer
from accord.web.views import SORTS


class Page(BaseModel):
    """A page of a story's figures or timeline: `items` from `offset`, `total` across all pages."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int


class Listing(BaseModel):
    """A page of a list across the store: `next` and `previous` are the cursors of the pages
    beside it (None at either end), to pass back as `cursor`."""

    items: list[dict[str, Any]]
    limit: int
    next: str | None
    previous: str | None


def _error(text: str) -> dict[str, Any]:
    return {"model": ErrorBody, "description": text}


ERRORS: dict[int | str, dict[str, Any]] = {
    404: _error("Not found"),
    422: _error("A parameter is not valid"),
    500: _error("Unexpected error"),
}
router = APIRouter(prefix="/api", responses=ERRORS)

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"At most {MAX_LIMIT}.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
CursorText = Annotated[
    str | None,
    Query(max_length=2000, description="`next` or `previous` of the page before; none: the first."),
]
Text = Annotated[str | None, Query(max_length=500)]
# Days as text: a date parameter would also take "0" as a Unix time (1 January 1970).
Day = r"^\d{4}-\d{2}-\d{2}$"
Since = Annotated[
    str | None, Query(pattern=Day, description="Reports published on or after (YYYY-MM-DD).")
]
Until = Annotated[
    str | None, Query(pattern=Day, description="Reports published on or before (YYYY-MM-DD).")
]


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(store_of)]


@router.get("/stories", response_model=Listing, summary="Stories, latest report first")
def list_stories(
    store: StoreDep,
    q: Annotated[str, Query(max_length=500, description="Words of the title or outlets.")] = "",
    sort: Annotated[str, Query(pattern="^(" + "|".join(SORTS) + ")$")] = "latest",
    limit: Limit = 50,
    cursor: CursorText = None,
) -> dict[str, Any]:
    found, at = queries.stories(store, q, sort, limit, cursor)
    return queries.listing(found, at, limit, queries.record_row)


StoryId = Annotated[str, Path(examples=["s1"])]


@router.get("/stories/{story_id}", summary="One story: its record, reports and briefing")
def get_story(story_id: StoryId, store: StoreDep) -> dict[str, Any]:
    story = store.stories.get(story_id)
    return {
        "story": story.to_dict(),
        "members": [m.to_dict() for m in store.stories.memberships(story_id)],
        "briefing": [b.to_dict() for b in store.ledger.briefing(story_id)],
    }


@router.get(
    "/stories/{story_id}/why",
    summary="What ties each report of a story to the others, and what accord merged or split",
)
def story_why(story_id: StoryId, store: StoreDep) -> dict[str, Any]:
    store.stories.get(story_id)
    return {
        "ties": [asdict(t) for t in ties(store, story_id)],
        "healing": healing(store, story_id),
    }


@router.get("/stories/{story_id}/groups", response_model=Page, summary="A story's figures")
def story_groups(
    story_id: StoryId,
    store: StoreDep,
    measure: Text = None,
    verdict: Annotated[str | None, Query(pattern="^(single|update|dispute|agree)$")] = None,
    source: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    store.stories.get(story_id)  # 404 for an unknown story, not an empty list
    found = queries.matching(
        store.ledger.groups(story_id),
        lambda g: (measure is None or g.measure == measure)
        and (verdict is None or g.verdict == verdict)
        and (source is None or any(queries.names(source, v.source) for v in g.by_source)),
    )
    return queries.page(found, limit, offset, queries.group_row)


@router.get("/stories/{story_id}/timeline", response_model=Page, summary="A story's timeline")
def story_timeline(
    story_id: StoryId,
    store: StoreDep,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    store.stories.get(story_id)
    found = queries.matching(
        store.ledger.timeline(story_id), lambda e: queries.in_range(e.date, since, until)
    )
    return queries.page(found, limit, offset, queries.record_row)


@router.get("/reports/{key:path}", summary="One report with its claims and statements")
def get_report(key: str, store: StoreDep) -> dict[str, Any]:
    article = store.articles.get(key)
    membership = store.stories.membership(key)
    return {
        "report": queries.article_row(article),
        "membership": membership.to_dict() if membership else None,
        "claims": [c.to_dict() for c in store.analysis.claims([key])],
        "statements": [s.to_dict() for s in store.analysis.statements([key])],
    }


@router.get("/reports", response_model=Listing, summary="Reports, in the order they came in")
def list_reports(
    store: StoreDep,
    story: Text = None,
    outlet: Text = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    cursor: CursorText = None,
) -> dict[str, Any]:
    f = ReportFilter(story, None, outlet, since, until)
    found, at = queries.reports(store, f, limit, cursor)
    return queries.listing(found, at, limit, queries.article_row)


@router.get("/claims", response_model=Listing, summary="Numeric claims, filtered")
def list_claims(
    store: StoreDep,
    story: Text = None,
    doc: Text = None,
    measure: Text = None,
    source: Text = None,
    outlet: Text = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    cursor: CursorText = None,
) -> dict[str, Any]:
    f = ReportFilter(story, doc, outlet, since, until)
    found, at = queries.claims(store, f, measure, source, limit, cursor)
    return queries.listing(found, at, limit, queries.record_row)


@router.get("/statements", response_model=Listing, summary="Who said what, filtered")
def list_statements(
    store: StoreDep,
    story: Text = None,
    doc: Text = None,
    source: Text = None,
    entity: Text = None,
    outlet: Text = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    cursor: CursorText = None,
) -> dict[str, Any]:
    f = ReportFilter(story, doc, outlet, since, until)
    found, at = queries.statements(store, f, source, entity, limit, cursor)
    return queries.listing(found, at, limit, queries.record_row)


@router.get("/entities", response_model=Listing, summary="Entities across the store, by name")
def list_entities(
    store: StoreDep,
    q: Text = None,
    type: Text = None,
    limit: Limit = 50,
    cursor: CursorText = None,
) -> dict[str, Any]:
    found, at = queries.entities(store, [q] if q else [], type, limit, cursor)
    return queries.listing(found, at, limit, queries.record_row)


@router.get("/entities/{entity_id}", summary="One entity")
def get_entity(entity_id: str, store: StoreDep) -> dict[str, Any]:
    return find_entity(store, entity_id).to_dict()


@router.get("/search", response_model=Listing, summary="Reports holding every word of q")
def search_reports(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    limit: Limit = 20,
    cursor: CursorText = None,
) -> dict[str, Any]:
    results = search(store, q, limit, cursor)
    items = [
        {
            "doc": h.article.key,
            "title": h.article.title,
            "outlet": h.article.outlet,
            "published": h.article.published,
            "snippet": str(h.snippet),
        }
        for h in results.hits
    ]
    return {"items": items, "limit": limit, "next": results.next, "previous": results.previous}


@router.get("/rejects", response_model=Listing, summary="Inputs refused, with the reason")
def list_rejects(store: StoreDep, limit: Limit = 50, cursor: CursorText = None) -> dict[str, Any]:
    found, at = queries.rejections(store, limit, cursor)
    return queries.listing(found, at, limit, queries.record_row)


@router.post(
    "/ingest",
    dependencies=[Depends(require_bearer)],
    summary="Add reports: upload files and/or give http(s) URLs (Bearer token required)",
    responses={
        400: _error("Nothing usable to add"),
        401: _error("No or wrong token"),
        403: _error("Writes are disabled"),
        413: _error("A file is too large"),
    },
)
async def ingest_reports(
    request: Request,
    files: Annotated[list[UploadFile] | None, File()] = None,
    urls: Annotated[list[str] | None, Form()] = None,
) -> dict[str, Any]:
    settings = request.app.state.settings
    uploads = await read_uploads(files or [], settings.fetch_max_bytes)
    return await run_in_threadpool(
        ingesting.ingest, store_of(request), settings, uploads, urls or []
    )


async def read_uploads(files: list[UploadFile], cap: int) -> list[ingesting.Upload]:
    """The uploaded files' bytes, refusing any larger than `cap`."""
    uploads = []
    for n, f in enumerate(files, start=1):
        data = await f.read(cap + 1)
        if len(data) > cap:
            name = f.filename or f"file {n}"
            raise HTTPException(413, f"{name}: larger than {cap} bytes; split it")
        uploads.append(ingesting.Upload(f.filename or "", data))
    return uploads
