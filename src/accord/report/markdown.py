"""The Markdown report, for newsrooms: briefing, figures, timeline and coverage, with numbered
citations [n] that the Sources list at the end resolves to reports."""

from __future__ import annotations

from collections.abc import Sequence

from accord.model import Group
from accord.reconcile.intervals import describe_value, format_number
from accord.reconcile.ledger import Ledger
from accord.report.html import day_label, safe_url
from accord.report.view import VERDICT_LABELS, View


def md_escape(text: str) -> str:
    """Text safe inside Markdown: markup characters escaped, HTML as entities (never raw tags)."""
    out = text.replace("\\", "\\\\").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for ch in "`*_[]|#":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


def _cites(view: View, docs: Sequence[str]) -> str:
    return "".join(f"[{view.number[d]}]" for d in docs if d in view.number)


def render_markdown(ledger: Ledger) -> str:
    """The ledger as a Markdown document."""
    view = View(ledger)
    parts = [f"# {md_escape(ledger.story.title)}", ""]
    parts += _briefing(view) + _figures(view) + _timeline(view) + _coverage(view) + _sources(view)
    return "\n".join(parts).rstrip() + "\n"


def _briefing(view: View) -> list[str]:
    lines = ["## Briefing", ""]
    for b in view.ledger.briefing:
        text = f"**{md_escape(b.text)}**" if b.kind == "dispute" else md_escape(b.text)
        lines.append(f"- {text} {_cites(view, b.docs)}")
    return [*lines, ""]


def _figures(view: View) -> list[str]:
    lines = [
        "## Figures",
        "",
        "| Figure | Verdict | Best value | Values | Explanation | Reports |",
        "|---|---|---|---|---|---|",
    ]
    lines += [_figure_row(view, g) for g in view.groups()]
    return [*lines, ""]


def _figure_row(view: View, g: Group) -> str:
    values = ", ".join(
        dict.fromkeys(describe_value(v.value, v.qualifier, v.low, v.high) for v in g.by_source)
    )
    best = format_number(g.value) if g.value is not None else "unknown"
    cells = [g.what, VERDICT_LABELS.get(g.verdict, g.verdict), best, values, g.explanation]
    return "| " + " | ".join(md_escape(c) for c in cells) + f" | {_cites(view, g.docs)} |"


def _timeline(view: View) -> list[str]:
    lines = ["## Timeline", ""]
    lines += [
        f"- **{e.date}** {md_escape(e.text)} {_cites(view, e.docs)}" for e in view.ledger.timeline
    ]
    return [*lines, ""]


def _coverage(view: View) -> list[str]:
    names = {g.id: g.what for g in view.ledger.groups}
    lines = ["## Coverage", "", "| Report | Outlet | Figures | Left out |", "|---|---|---|---|"]
    for c in view.ledger.coverage:
        missing = "; ".join(names.get(g, g) for g in c.missing) or "–"
        lines.append(
            f"| [{view.number[c.doc]}] | {md_escape(c.outlet or 'unknown')} | {len(c.groups)} | {md_escape(missing)} |"
        )
    return [*lines, ""]


def _sources(view: View) -> list[str]:
    lines = ["## Sources", ""]
    for a in view.ledger.articles:
        inferred = " (date inferred)" if a.published_inferred else ""
        url = safe_url(a.url)
        link = f" <{url}>" if url else ""
        title = md_escape(a.title or a.key)
        lines.append(
            f"{view.number[a.key]}. {title} – {md_escape(a.outlet or 'unknown outlet')}, {day_label(a.published)}{inferred} (`{a.key}`){link}"
        )
    return [*lines, ""]
