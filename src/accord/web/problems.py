"""One error shape for every error the app returns, API and pages alike.

API paths (/api/...) answer `{"error": {"status", "title", "detail"}}`; pages answer an HTML page
with the same three facts. Accord's own errors keep their message (it names the input and the fix);
an unexpected exception is logged with its traceback and answered without internals.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from accord.errors import AccordError, FetchError, InputError, NotFoundError, StoreError
from accord.web.security import SECURITY_HEADERS
from accord.web.templating import render

log = logging.getLogger(__name__)


class ErrorDetail(BaseModel):
    status: int
    title: str
    detail: str


class ErrorBody(BaseModel):
    """The body of every error response."""

    error: ErrorDetail


def error_body(status: int, detail: str) -> dict[str, Any]:
    return {"error": {"status": status, "title": HTTPStatus(status).phrase, "detail": detail}}


def error_response(
    request: Request, status: int, detail: str, headers: dict[str, str] | None = None
) -> Response:
    """JSON under /api, an HTML page elsewhere; both carry status, title and detail."""
    if request.url.path.startswith("/api"):
        return JSONResponse(error_body(status, detail), status_code=status, headers=headers)
    return render(
        request, "error.html.j2", status, headers, error=error_body(status, detail)["error"]
    )


# The status of each kind of AccordError; the first match wins (FetchError is an InputError).
ACCORD_STATUS: tuple[tuple[type[AccordError], int], ...] = (
    (NotFoundError, 404),
    (FetchError, 502),
    (InputError, 400),
    (StoreError, 503),
)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    headers = dict(exc.headers) if exc.headers else None
    return error_response(request, exc.status_code, str(exc.detail), headers)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    detail = "; ".join(_describe(e) for e in exc.errors())
    return error_response(request, 422, detail or "the request is not valid")


def _describe(error: Any) -> str:
    where = ".".join(str(part) for part in error.get("loc", ()))
    return f"{where}: {error.get('msg', 'invalid')}"


async def _accord_error(request: Request, exc: Exception) -> Response:
    status = next((code for kind, code in ACCORD_STATUS if isinstance(exc, kind)), 500)
    return error_response(request, status, str(exc))


async def _unexpected(request: Request, exc: Exception) -> Response:
    # Starlette answers this from outside the middleware stack, so the headers are added here.
    log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    detail = f"unexpected {exc.__class__.__name__}; the server log has the details"
    return error_response(request, 500, detail, dict(SECURITY_HEADERS))


def install(app: FastAPI) -> None:
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(AccordError, _accord_error)
    app.add_exception_handler(Exception, _unexpected)
