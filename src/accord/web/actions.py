"""The pages' write actions: sign in, add reports, and the story corrections (merge, move, split,
rename) through the same library calls and audit log as `accord stories ...`.

Every write route depends on `require_form_writer` (signed-in session, same origin, CSRF token).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from accord import workflow
from accord.store import Store
from accord.stories import corrections
from accord.web import ingesting
from accord.web.api import StoreDep, read_uploads, store_of
from accord.web.links import story_href
from accord.web.security import (
    SESSION_COOKIE,
    require_form_writer,
    require_same_origin,
    set_session,
    token_matches,
)
from accord.web.templating import render

router = APIRouter(include_in_schema=False)
Writer = [Depends(require_form_writer)]
Who = Annotated[str, Form(min_length=1, max_length=100)]
StoryId = Annotated[str, Form(min_length=1, max_length=300)]


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return render(request, "login.html.j2", next=local(next), failed=False)


@router.post("/login", dependencies=[Depends(require_same_origin)])
def login(
    request: Request, token: Annotated[str, Form()], next: Annotated[str, Form()] = "/"
) -> Response:
    if not token_matches(request, token):
        return render(request, "login.html.j2", 401, next=local(next), failed=True)
    response = RedirectResponse(local(next), status_code=303)
    set_session(response, request, token)
    return response


@router.post("/logout", dependencies=[Depends(require_same_origin)])
def logout() -> Response:
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def local(target: str) -> str:
    """`target` when it is a path on this site, else "/" (no open redirects)."""
    ok = target.startswith("/") and not target.startswith(("//", "/\\"))
    return target if ok else "/"


def correct(request: Request, action: Callable[[Store], object]) -> None:
    """Run a correction, then rebuild the ledgers it made stale (as the CLI does)."""
    store = store_of(request)
    action(store)
    workflow.reconcile_stale(store, request.app.state.settings)


@router.post("/stories/{story_id}/rename", dependencies=Writer)
def rename(
    request: Request,
    story_id: str,
    title: Annotated[str, Form(min_length=1, max_length=300)],
    who: Who = "web",
) -> Response:
    correct(request, lambda s: corrections.rename(s, story_id, title.strip(), who))
    return RedirectResponse(story_href(story_id), status_code=303)


@router.post("/stories/{story_id}/merge", dependencies=Writer)
def merge(request: Request, story_id: str, other: StoryId, who: Who = "web") -> Response:
    """Fold the other story into this one."""
    correct(request, lambda s: corrections.merge(s, story_id, other, who))
    return RedirectResponse(story_href(story_id), status_code=303)


@router.post("/stories/{story_id}/move", dependencies=Writer)
def move(request: Request, story_id: str, doc: StoryId, to: StoryId, who: Who = "web") -> Response:
    correct(request, lambda s: corrections.move(s, doc, to, who))
    return RedirectResponse(story_href(story_id), status_code=303)


@router.post("/stories/{story_id}/split", dependencies=Writer)
def split(
    request: Request, story_id: str, docs: Annotated[list[str], Form()], who: Who = "web"
) -> Response:
    made: list[str] = []
    correct(request, lambda s: made.append(corrections.split(s, story_id, docs, who)))
    return RedirectResponse(story_href(made[0]), status_code=303)


@router.get("/ingest", response_class=HTMLResponse)
def ingest_form(request: Request) -> HTMLResponse:
    return render(request, "ingest.html.j2", result=None)


@router.post("/ingest", dependencies=Writer, response_class=HTMLResponse)
async def ingest(
    request: Request,
    store: StoreDep,
    files: Annotated[list[UploadFile] | None, File()] = None,
    urls: Annotated[str, Form(max_length=100_000)] = "",
) -> HTMLResponse:
    settings = request.app.state.settings
    uploads = await read_uploads([f for f in files or [] if f.filename], settings.fetch_max_bytes)
    result = await run_in_threadpool(ingesting.ingest, store, settings, uploads, urls.splitlines())
    return render(request, "ingest.html.j2", result=result)
