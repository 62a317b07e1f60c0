"""The web app: pages, the JSON API under /api, and `serve` for `accord serve`.

app = create_app(Store("accord.db"), token=None)   # read-only
serve("accord.db", "127.0.0.1", 8000, token=None)   # token from ACCORD_TOKEN when None
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from accord.settings import Settings, load_settings
from accord.store import Store
from accord.web import actions, api, changes, pages, problems
from accord.web.security import SecurityHeaders
from accord.web.templating import TEMPLATES, render

log = logging.getLogger(__name__)

# Served from the package (no asset is fetched from elsewhere); they sit beside the templates so
# the package data that ships the templates ships them too.
STATIC = {"app.css": "text/css; charset=utf-8", "app.js": "text/javascript; charset=utf-8"}


def create_app(store: Store, token: str | None, settings: Settings | None = None) -> FastAPI:
    """The app over `store`; writes need `token` (None or "": the app is read-only)."""
    app = FastAPI(
        title="accord",
        summary="What news reports of one story agree on, update and dispute.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # the stock docs page loads scripts from a CDN; /api/docs is our own
        redoc_url=None,
    )
    app.state.store = store
    app.state.token = token or None
    app.state.settings = settings if settings is not None else load_settings()
    app.add_middleware(SecurityHeaders)
    problems.install(app)
    app.include_router(api.router)
    app.include_router(changes.router)
    app.include_router(pages.router)
    app.include_router(actions.router)
    app.add_api_route("/static/{name}", static, include_in_schema=False)
    app.add_api_route("/api/docs", docs, include_in_schema=False, response_class=HTMLResponse)
    return app


def static(name: str) -> Response:
    media = STATIC.get(name)
    if media is None:
        raise HTTPException(404, f"no static file {name!r}")
    body = (TEMPLATES / name).read_bytes()
    return Response(body, media_type=media, headers={"Cache-Control": "max-age=3600"})


def docs(request: Request) -> HTMLResponse:
    """The API reference, rendered from the OpenAPI schema on the server."""
    return render(request, "docs.html.j2", schema=request.app.openapi())


def serve(
    settings: Settings,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    watch: Sequence[str] | None = None,
) -> None:
    """Run the app with uvicorn until interrupted; `token` falls back to ACCORD_TOKEN. With
    `watch` (sources, besides those of watch_sources), `accord watch`'s loop runs beside it in
    a thread, and stops after the report in hand when the server stops."""
    import uvicorn  # imported here: only `accord serve` needs the server

    token = token or os.environ.get("ACCORD_TOKEN") or None
    if token is None:
        log.warning("no --token or ACCORD_TOKEN: serving read-only")
    with Store(settings.db) as store:
        app = create_app(store, token, settings)
        if watch is None:
            uvicorn.run(app, host=host, port=port)
            return
        from accord.watch import Watcher, stop_on_signals

        watcher = Watcher(store, settings, watch)
        thread = threading.Thread(target=watcher.run, name="accord-watch", daemon=True)
        thread.start()
        # uvicorn takes the signals while it runs and raises them again once stopped: then
        # they reach these handlers, which stop the watcher after the report in hand.
        try:
            with stop_on_signals(watcher.stop):
                uvicorn.run(app, host=host, port=port)
        finally:
            watcher.stop.set()
            thread.join()
