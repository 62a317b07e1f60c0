"""The Markdown report, for newsrooms: briefing, figures, timeline and coverage, with numbered
citations [n] that the Sources list at the end resolves to reports."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from accord.ingest.language import language_name
from accord.model import Group
from accord.reconcile.intervals import describe_value, format_number
from accord.reconcile.ledger import ReportLedger
from accord.report.html import safe_url
from accord.report.view import VERDICT_LABELS, day_label, ordered, other_languages, quoted_in

if TYPE_CHECKING:  # the changes come from the store; the report only renders them
    from accord.changes import ChangeSet


def md_escape(text: str) -> str:
    """Text safe inside Markdown: markup characters escaped, HTML as entities (never raw tags)."""
    out = text.replace("\\", "\\\\").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for ch in "`*_[]|#":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


Numbers = dict[str, int]


def _cites(number: Numbers, docs: Sequence[str]) -> str:
    return "".join(f"[{number[d]}]" for d in docs if d in number)


def render_markdown(ledger: ReportLedger, changes: ChangeSet | None = None) -> str:
    """The ledger as a Markdown document; with `changes`, a "What changed" section after the
    briefing."""
    number = {a.key: n for n, a in enumerate(ledger.articles, start=1)}
    parts = [f"# {md_escape(ledger.story.title)}", ""]
    parts += _briefing(ledger, number)
    if changes is not None:
        parts += _changes(changes, number)
    for part in (_figures, _timeline, _coverage, _sources):
        parts += part(ledger, number)
    return "\n".join(parts).rstrip() + "\n"


def _changes(changes: ChangeSet, number: Numbers) -> list[str]:
    since = f" since {changes.since[:16].replace('T', ' ')} UTC" if changes.since else ""
    lines = [f"## What changed{since}", ""]
    for c in changes.changes:
        docs = list(dict.fromkeys(x.doc for x in c.citations if x.doc in number))
        kind = c.kind.replace("_", " ")
        lines.append(f"- *{kind}*: {md_escape(c.text)} {_cites(number, docs)}".rstrip())
    if not changes.changes:
        lines.append("Nothing changed in this time.")
    return [*lines, ""]


def _briefing(ledger: ReportLedger, number: Numbers) -> list[str]:
    lines = ["## Briefing", ""]
    languages = other_languages(ledger.articles)
    for b in ledger.briefing:
        text = f"**{md_escape(b.text)}**" if b.kind == "dispute" else md_escape(b.text)
        said = f" (in {name})" if (name := quoted_in(b, languages)) else ""
        lines.append(f"- {text}{said} {_cites(number, b.docs)}")
    return [*lines, ""]


def _figures(ledger: ReportLedger, number: Numbers) -> list[str]:
    lines = [
        "## Figures",
        "",
        "| Figure | Verdict | Best value | Values | Explanation | Reports |",
        "|---|---|---|---|---|---|",
    ]
    lines += [_figure_row(number, g) for g in ordered(ledger.groups)]
    return [*lines, ""]


def _figure_row(number: Numbers, g: Group) -> str:
    values = ", ".join(
        dict.fromkeys(describe_value(v.value, v.qualifier, v.low, v.high) for v in g.by_source)
    )
    best = format_number(g.value) if g.value is not None else "unknown"
    cells = [g.what, VERDICT_LABELS.get(g.verdict, g.verdict), best, values, g.explanation]
    return "| " + " | ".join(md_escape(c) for c in cells) + f" | {_cites(number, g.docs)} |"


def _timeline(ledger: ReportLedger, number: Numbers) -> list[str]:
    lines = ["## Timeline", ""]
    lines += [
        f"- **{e.date}** {md_escape(e.text)} {_cites(number, e.docs)}" for e in ledger.timeline
    ]
    return [*lines, ""]


def _coverage(ledger: ReportLedger, number: Numbers) -> list[str]:
    names = {g.id: g.what for g in ledger.groups}
    lines = ["## Coverage", "", "| Report | Outlet | Figures | Left out |", "|---|---|---|---|"]
    for c in ledger.coverage:
        missing = "; ".join(names.get(g, g) for g in c.missing) or "–"
        lines.append(
            f"| [{number[c.doc]}] | {md_escape(c.outlet or 'unknown')} | {len(c.groups)} | {md_escape(missing)} |"
        )
    return [*lines, ""]


def _sources(ledger: ReportLedger, number: Numbers) -> list[str]:
    lines = ["## Sources", ""]
    for a in ledger.articles:
        inferred = " (date inferred)" if a.published_inferred else ""
        language = f", in {name}" if (name := language_name(a.language)) else ""
        url = safe_url(a.url)
        link = f" <{url}>" if url else ""
        title = md_escape(a.title or a.key)
        lines.append(
            f"{number[a.key]}. {title} – {md_escape(a.outlet or 'unknown outlet')}, {day_label(a.published)}{inferred}{language} (`{a.key}`){link}"
        )
    return [*lines, ""]
