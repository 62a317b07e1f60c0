"""The view model of a story, shared by the reports (HTML, Markdown) and the web pages: numbered
reports, citations that link to the cited passage, and the figures in reading order (disputes
first).

Where a citation leads is the only thing that differs: inside the self-contained HTML report it is
the anchor of the cited sentence, on the web it is the report's page with the passage marked. A
`Link` decides it; everything else is computed here once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from markupsafe import Markup

from accord.ingest.language import language_name
from accord.model import Article, BriefingSentence, Claim, Group, Qualifier, SourceValue
from accord.reconcile.dates import report_time
from accord.reconcile.intervals import describe_value, format_number
from accord.reconcile.sentences import containing, split_sentences
from accord.report.svg import figure_chart, points_for_group

VERDICT_ORDER = {"dispute": 0, "update": 1, "agree": 2, "single": 3}
VERDICT_LABELS = {
    "dispute": "Disputed",
    "update": "Updated",
    "agree": "Agreed",
    "single": "One source",
}


@dataclass(frozen=True, slots=True)
class Passage:
    """A cited passage of a report, and the offset of the cited words in it (a claim's figure;
    the passage's start otherwise)."""

    start: int
    end: int
    at: int


def claim_passage(claim: Claim) -> Passage:
    """A claim's sentence, its figure the cited words."""
    return Passage(claim.sentence_start, claim.sentence_end, claim.start)


# (report number, report key, the cited passage or None for the whole report) -> href
Link = Callable[[int, str, Passage | None], str]


@dataclass(frozen=True, slots=True)
class Cite:
    """A citation: the report's number, its key, and where the link leads."""

    n: int
    doc: str
    href: str


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One source's value of a figure as an outlet published it on one day, citing every report
    that did; `outlet` is empty when the reports name none."""

    source: str
    value: str
    outlet: str
    day: str
    cites: tuple[Cite, ...]


@dataclass(frozen=True, slots=True)
class Figure:
    group: Group
    label: str
    value: str
    range: str
    lines: tuple[SourceLine, ...]
    chart: Markup

    @property
    def cites(self) -> list[Cite]:
        """Every report value the lines cite, in order: one per report and source's value."""
        return [cite for line in self.lines for cite in line.cites]


class Citer:
    """Numbers a story's reports (in the order given) and cites them through `link`."""

    def __init__(self, articles: Sequence[Article], claims: Sequence[Claim], link: Link) -> None:
        self.number = {a.key: n for n, a in enumerate(articles, start=1)}
        self.claims = {c.id: c for c in claims}
        self.link = link
        self.languages = other_languages(articles)

    def quoted_in(self, sentence: BriefingSentence) -> str | None:
        """The language a briefing sentence is quoted in, when not English (`quoted_in`)."""
        return quoted_in(sentence, self.languages)

    def cite(self, doc: str, passage: Passage | None = None) -> Cite:
        n = self.number.get(doc, 0)
        return Cite(n, doc, self.link(n, doc, passage))

    def cite_claim(self, v: SourceValue) -> Cite:
        """The claim behind a source's value, at its sentence."""
        c = self.claims.get(v.claim)
        return self.cite(v.doc, claim_passage(c) if c else None)

    def cite_spans(self, docs: Sequence[str], spans: Sequence[tuple[str, int, int]]) -> list[Cite]:
        """One citation per report (in the order of `docs`), at its first cited span if any."""
        first: dict[str, Passage] = {}
        for doc, start, end in spans:
            first.setdefault(doc, Passage(start, end, start))
        return [self.cite(d, first.get(d)) for d in dict.fromkeys(docs)]


def other_languages(articles: Sequence[Article]) -> dict[str, str]:
    """The English name of the language of each report written in another language, by key."""
    names = {a.key: language_name(a.language) for a in articles}
    return {key: name for key, name in names.items() if name and name != "English"}


def quoted_in(sentence: BriefingSentence, languages: dict[str, str]) -> str | None:
    """The language of the report a summary sentence of the briefing quotes, when it is not
    English: the sentence is that report's own words, and a reader is told which language they
    are in. The key and disputed figures' sentences are accord's, in English."""
    return languages.get(sentence.doc) if sentence.kind == "summary" else None


def sentence_anchors(articles: Sequence[Article]) -> Link:
    """Links to the anchors of one HTML file: `#r{n}-s{start}` of the sentence holding the cited
    words (sentences by `split_sentences`, as `paragraphs` numbers them), `#r{n}` without one."""
    spans = {a.key: split_sentences(a.text) for a in articles}

    def link(n: int, doc: str, passage: Passage | None) -> str:
        span = containing(spans.get(doc, []), passage.at) if passage else None
        return f"#r{n}-s{span[0]}" if span else f"#r{n}"

    return link


@dataclass(frozen=True, slots=True)
class Paragraph:
    sentences: tuple[tuple[str, str], ...]  # (anchor, text)


def paragraphs(n: int, article: Article) -> list[Paragraph]:
    """The report's sentences with the anchors `sentence_anchors` links to, in paragraphs (a line
    break starts a new one)."""
    text = article.text
    out: list[list[tuple[str, str]]] = []
    previous_end = 0
    for start, end in split_sentences(text):
        if not out or "\n" in text[previous_end:start]:
            out.append([])
        out[-1].append((f"r{n}-s{start}", text[start:end]))
        previous_end = end
    return [Paragraph(tuple(p)) for p in out]


def ordered(groups: Sequence[Group]) -> list[Group]:
    """Disputes, then updates, agreements and single-source figures; most reports first (ties
    keep the order given)."""
    return sorted(groups, key=lambda g: (VERDICT_ORDER.get(g.verdict, 9), -len(g.docs)))


def day_label(published: str | None) -> str:
    moment = report_time(published)
    return f"{moment.day:%d %b %Y}" if moment else "undated"


def figure(group: Group, citer: Citer) -> Figure:
    """A group as shown: verdict label, best value and range, one line per source's value as an
    outlet published it on one day (citing each report that did), and a chart of the values
    over time when several voices carry it."""
    lines = _alike_as_one([_line(v, citer) for v in _once_per_report(group.by_source)])
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
            group,
            href=lambda v: citer.cite_claim(v).href,
            report=lambda v: f"report [{citer.cite_claim(v).n}]",
        )
        chart = figure_chart(points, title=f"{group.what}: values by source over time")
    label = VERDICT_LABELS.get(group.verdict, group.verdict)
    return Figure(group, label, value, spread, lines, Markup(chart))


def _once_per_report(values: Sequence[SourceValue]) -> list[SourceValue]:
    """Each source's value once per report: a report giving one figure in its headline and its
    body says it once, cited where it first says it."""
    seen: set[tuple[str, str | None, float, Qualifier]] = set()
    out = []
    for v in values:
        key = (v.doc, v.source, v.value, v.qualifier)
        if key not in seen:
            seen.add(key)
            out.append(v)
    return out


def _alike_as_one(lines: Sequence[SourceLine]) -> tuple[SourceLine, ...]:
    """Lines that read alike as one line citing each of their reports, where the first stood: a
    large story's reports repeating one agency's figure on one day fill one row, not forty."""
    cites: dict[SourceLine, list[Cite]] = {}
    for line in lines:
        cites.setdefault(replace(line, cites=()), []).extend(line.cites)
    return tuple(replace(shown, cites=tuple(found)) for shown, found in cites.items())


def _line(v: SourceValue, citer: Citer) -> SourceLine:
    return SourceLine(
        source=v.source or "unattributed",
        value=describe_value(v.value, v.qualifier, v.low, v.high),
        outlet=v.outlet or "",
        day=day_label(v.published),
        cites=(citer.cite_claim(v),),
    )
