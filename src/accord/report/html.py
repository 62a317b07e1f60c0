"""The HTML report: one self-contained file (inline CSS and SVG, no scripts, no external files).

Everything that comes from a report is escaped: the template autoescapes, the SVG builders escape
their texts, and links to reports' URLs are kept only for http(s) addresses.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from accord.model import Group, SourceValue, TimelineEntry
from accord.reconcile.dates import report_time
from accord.reconcile.intervals import describe_value, format_number
from accord.reconcile.keyfigures import key_groups
from accord.reconcile.ledger import Ledger
from accord.reconcile.roles import Role
from accord.report.svg import date_label, figure_chart, points_for_group, timeline_chart
from accord.report.view import VERDICT_LABELS, Cite, View

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
    env.filters.update(number=format_number, safe_url=safe_url, day=day_label, when=date_label)
    return env


@functools.cache
def environment() -> Environment:
    """The Jinja2 environment of the report templates."""
    return template_environment(TEMPLATES)


def safe_url(url: str | None) -> str | None:
    """The URL when it is an http(s) address, else None (no javascript: or data: links)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def day_label(published: str | None) -> str:
    moment = report_time(published)
    return f"{moment.day:%d %b %Y}" if moment else "undated"


@dataclass(frozen=True, slots=True)
class SourceRow:
    source: str
    value: str
    outlet: str
    day: str
    cite: Cite


@dataclass(frozen=True, slots=True)
class FigureView:
    group: Group
    label: str
    value: str
    range: str
    rows: tuple[SourceRow, ...]
    chart: Markup


def render_html(ledger: Ledger) -> str:
    """The ledger as one HTML page."""
    return environment().get_template("report.html.j2").render(**html_context(ledger))


def html_context(ledger: Ledger) -> dict[str, Any]:
    """The template's variables (the web UI can render the partials with the same ones)."""
    view = View(ledger)
    keys = key_groups(ledger.groups)
    figures = [_figure(view, g) for g in view.groups() if g not in keys]
    return {
        "story": ledger.story,
        "view": view,
        "articles": ledger.articles,
        "briefing": [
            (b, view.cite_docs(b.docs, [(b.doc, b.start, b.end)])) for b in ledger.briefing
        ],
        "key_figures": [_figure(view, g) for g in keys],
        "background": [
            (
                c,
                describe_value(c.value, c.qualifier, c.value_low, c.value_high),
                view.cite(c.doc, c.start),
            )
            for c in ledger.claims
            if c.role == Role.BACKGROUND and c.qualifier != "vague"
        ],
        "figures": [f for f in figures if f.group.verdict != "single"],
        "singles": [f for f in figures if f.group.verdict == "single"],
        "timeline": [(e, view.cite_docs(e.docs, e.spans)) for e in ledger.timeline],
        "timeline_chart": Markup(
            timeline_chart(ledger.timeline, href=_timeline_href(ledger.timeline))
        ),
        "coverage": ledger.coverage,
        "group_names": {g.id: g.what for g in ledger.groups},
        "outlets": sorted({a.outlet for a in ledger.articles if a.outlet}),
        "days": sorted({t.day for a in ledger.articles if (t := report_time(a.published))}),
    }


def _timeline_href(entries: list[TimelineEntry]) -> Any:
    index = {id(e): i for i, e in enumerate(entries, start=1)}
    return lambda e: f"#t{index[id(e)]}"


def _figure(view: View, group: Group) -> FigureView:
    rows = tuple(_row(view, v) for v in group.by_source)
    low, high = group.low, group.high
    spread = (
        f"{format_number(low)} to {format_number(high)}"
        if low is not None and high is not None
        else ""
    )
    value = format_number(group.value) if group.value is not None else "unknown"
    chart = ""
    if group.verdict != "single":
        points = points_for_group(
            group, href=lambda v: "#" + view.cite_claim(v.claim, v.doc).anchor
        )
        chart = figure_chart(points, title=f"{group.what}: values by source over time")
    return FigureView(
        group, VERDICT_LABELS.get(group.verdict, group.verdict), value, spread, rows, Markup(chart)
    )


def _row(view: View, v: SourceValue) -> SourceRow:
    return SourceRow(
        source=v.source or "unattributed",
        value=describe_value(v.value, v.qualifier, v.low, v.high),
        outlet=v.outlet or v.doc,
        day=day_label(v.published),
        cite=view.cite_claim(v.claim, v.doc),
    )
