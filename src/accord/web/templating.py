"""The Jinja2 environment of the pages (autoescaped) and the one way pages are rendered."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment

from accord.reconcile.intervals import describe_value
from accord.report.html import template_environment
from accord.web import links
from accord.web.security import session_of

TEMPLATES = Path(__file__).parent / "templates"


@functools.cache
def environment() -> Environment:
    """The report's environment over the pages' templates, with links between pages."""
    env = template_environment(TEMPLATES)
    env.filters.update(
        report_href=links.report_href,
        story_href=links.story_href,
        entity_href=links.entity_href,
        group_anchor=links.group_anchor,
    )
    env.globals.update(describe_value=describe_value, group_href=links.group_href)
    return env


def render(
    request: Request,
    name: str,
    status: int = 200,
    headers: dict[str, str] | None = None,
    **context: Any,
) -> HTMLResponse:
    page = (
        environment()
        .get_template(name)
        .render(request=request, session=session_of(request), **context)
    )
    return HTMLResponse(page, status_code=status, headers=headers)
