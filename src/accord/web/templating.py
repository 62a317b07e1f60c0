"""The Jinja2 environment of the pages (autoescaped) and the one way pages are rendered."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from accord.reconcile.intervals import describe_value, format_number
from accord.report.html import safe_url
from accord.report.svg import date_label
from accord.web import links
from accord.web.security import session_of
from accord.web.views import day

TEMPLATES = Path(__file__).parent / "templates"


@functools.cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        number=format_number,
        when=date_label,
        day=day,
        safe_url=safe_url,
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
