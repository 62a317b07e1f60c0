"""Who may write, and the headers that keep pages from being framed, sniffed or scripted.

Reading is open. Writing (corrections, adding reports) needs the token the server was started with:
- the API takes it only as `Authorization: Bearer <token>`, which a cross-site form cannot send;
- pages sign in once with the token and get a session cookie (HttpOnly, SameSite=Strict); each
  form then carries a CSRF token derived from that session, and its Origin (or Referer) must be
  this host. Without a token at start, every write is refused.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Form, HTTPException, Request, Response
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SESSION_COOKIE = "accord_session"
# Inline style *attributes* are allowed because the shared SVG charts size themselves with one;
# scripts and style sheets come only from this server.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
WRITES_DISABLED = "writes are disabled: start the server with --token or ACCORD_TOKEN"


class SecurityHeaders:
    """ASGI middleware: the security headers on every response that does not set its own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


@dataclass(frozen=True, slots=True)
class Session:
    """What the current visitor may do, as the templates need it."""

    writes: bool  # the server was started with a token
    signed_in: bool
    csrf: str | None  # the token each form of this session must carry


def _sign(token: str, purpose: str, nonce: str) -> str:
    return hmac.new(token.encode(), f"{purpose}:{nonce}".encode(), hashlib.sha256).hexdigest()


def new_session_cookie(token: str) -> str:
    nonce = secrets.token_urlsafe(18)
    return f"{nonce}.{_sign(token, 'session', nonce)}"


def _nonce(request: Request) -> str | None:
    """The nonce of a valid session cookie, else None."""
    token: str | None = request.app.state.token
    nonce, _, signature = request.cookies.get(SESSION_COOKIE, "").partition(".")
    if not token or not nonce or not signature:
        return None
    return nonce if hmac.compare_digest(signature, _sign(token, "session", nonce)) else None


def session_of(request: Request) -> Session:
    token: str | None = request.app.state.token
    nonce = _nonce(request)
    csrf = _sign(token, "csrf", nonce) if token and nonce else None
    return Session(writes=bool(token), signed_in=nonce is not None, csrf=csrf)


def token_matches(request: Request, given: str) -> bool:
    token: str | None = request.app.state.token
    return bool(token) and hmac.compare_digest(given.encode(), str(token).encode())


def require_bearer(request: Request) -> None:
    """API writes: the start token in an Authorization: Bearer header."""
    if not request.app.state.token:
        raise HTTPException(403, WRITES_DISABLED)
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token_matches(request, given.strip()):
        raise HTTPException(
            401,
            "send the server's token as `Authorization: Bearer <token>`",
            headers={"WWW-Authenticate": "Bearer"},
        )


def require_same_origin(request: Request) -> None:
    """Form posts: the browser's Origin (or else Referer) must name this host."""
    claimed = request.headers.get("origin") or request.headers.get("referer") or ""
    if not claimed or urlsplit(claimed).netloc != request.headers.get("host", ""):
        raise HTTPException(403, "cross-site request refused: post the form from this site")


def require_form_writer(request: Request, csrf: Annotated[str, Form()] = "") -> None:
    """Form writes: a signed-in session, a same-origin post and this session's CSRF token."""
    if not request.app.state.token:
        raise HTTPException(403, WRITES_DISABLED)
    require_same_origin(request)
    session = session_of(request)
    if not session.signed_in or session.csrf is None:
        raise HTTPException(401, "sign in with the server's token first (/login)")
    if not hmac.compare_digest(csrf, session.csrf):
        raise HTTPException(403, "the form's CSRF token is missing or stale; reload the page")


def set_session(response: Response, request: Request, token: str) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        new_session_cookie(token),
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
