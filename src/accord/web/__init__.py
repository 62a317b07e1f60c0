"""The web UI and HTTP API: `create_app(store, token)` builds the app, `serve(...)` runs it."""

from accord.web.app import create_app, serve

__all__ = ["create_app", "serve"]
