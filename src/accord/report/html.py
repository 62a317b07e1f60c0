"""The HTML report: one self-contained file (inline CSS and SVG, no scripts, no external files).

Everything that comes from a report is escaped: the template autoescapes, the SVG builders escape
their texts, and links to reports' URLs are kept only for http(s) addresses.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from accord.ingest.language import language_name
from accord.model import TimelineEntry
from accord.reconcile.dates import report_time
from accord.reconcile.intervals import describe_value, format_number
from accord.reconcile.keyfigures import key_groups
from accord.reconcile.ledger import ReportLedger
from accord.reconcile.roles import Role
from accord.report.svg import date_label, timeline_chart
from accord.report.view import (
    Cite,
    Citer,
    claim_passage,
    day_label,
    figure,
    ordered,
    paragraphs,
    sentence_anchors,
)

if TYPE_CHECKING:  # the changes come from the store; the report only renders them
    from accord.changes import Change, ChangeSet

TEMPLATES = Path(__file__).parent / "templates"


def template_environment(folder: Path) -> Environment:
    """An autoescaped Jinja2 environment over `folder` with the filters reports and pages share."""
    env = Environment(
        loader=FileSystemLoader(folder),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        number=format_number,
        safe_url=safe_url,
        day=day_label,
        when=date_label,
        language=language_name,
    )
    return env


@functools.cache
def environment() -> Environment:
    """The Jinja2 environment of the report templates."""
    env = template_environment(TEMPLATES)
    env.globals.update(paragraphs=paragraphs)
    return env


def safe_url(url: str | None) -> str | None:
    """The URL when it is an http(s) address, else None (no javascript: or data: links)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def render_html(ledger: ReportLedger, changes: ChangeSet | None = None) -> str:
    """The ledger as one HTML page; with `changes`, a "What changed" section after the briefing."""
    context = html_context(ledger, changes)
    return environment().get_template("report.html.j2").render(**context)


def html_context(ledger: ReportLedger, changes: ChangeSet | None = None) -> dict[str, Any]:
    """The template's variables."""
    citer = Citer(ledger.articles, ledger.claims, sentence_anchors(ledger.articles))
    keys = key_groups(ledger.groups)
    figures = [figure(g, citer) for g in ordered(ledger.groups) if g not in keys]
    alone = sum(g.verdict == "single" for g in ledger.groups)
    return {
        # The header's counts are of every figure, the key figures' included.
        "voiced": (len(ledger.groups) - alone, alone),
        "story": ledger.story,
        "number": citer.number,
        "articles": ledger.articles,
        "briefing": [
            (b, citer.cite_spans(b.docs, [(b.doc, b.start, b.end)]), citer.quoted_in(b))
            for b in ledger.briefing
        ],
        "key_figures": [figure(g, citer) for g in keys],
        "background": [
            (
                c,
                describe_value(c.value, c.qualifier, c.value_low, c.value_high),
                citer.cite(c.doc, claim_passage(c)),
            )
            for c in ledger.claims
            if c.role == Role.BACKGROUND and c.qualifier != "vague"
        ],
        "figures": [f for f in figures if f.group.verdict != "single"],
        "singles": [f for f in figures if f.group.verdict == "single"],
        "timeline": [(e, citer.cite_spans(e.docs, e.spans)) for e in ledger.timeline],
        "timeline_chart": Markup(
            timeline_chart(ledger.timeline, href=_timeline_href(ledger.timeline))
        ),
        "changed": changes,
        "changes": [(c, change_cites(c, citer)) for c in changes.changes] if changes else [],
        "coverage": ledger.coverage,
        "group_names": {g.id: g.what for g in ledger.groups},
        "outlets": sorted({a.outlet for a in ledger.articles if a.outlet}),
        "days": sorted({t.day for a in ledger.articles if (t := report_time(a.published))}),
    }


def change_cites(change: Change, citer: Citer) -> list[Cite]:
    """The numbered citations of a change, one per report the ledger holds."""
    held = [c for c in change.citations if c.doc in citer.number]
    spans = [(c.doc, c.start, c.end) for c in held if c.start is not None and c.end is not None]
    return citer.cite_spans([c.doc for c in held], spans)


def _timeline_href(entries: list[TimelineEntry]) -> Any:
    index = {id(e): i for i, e in enumerate(entries, start=1)}
    return lambda e: f"#t{index[id(e)]}"
