"""The three renderers on a hand-built story whose reports carry hostile markup."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from accord.model import Article, Claim, SourceType, Story
from accord.reconcile import ReportLedger, report_ledger
from accord.report import render_html, render_json, render_markdown
from accord.report.svg import Point, figure_chart, first_seen, points_for_group, timeline_chart
from accord.settings import DEFAULTS

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def _claim(
    doc: str, value: float, source: str, text: str, source_type: SourceType | None = None
) -> Claim:
    start = text.index(f"{value:g}")
    sentence_start = text.rfind("\n", 0, start) + 1
    sentence_end = text.find("\n", start) if "\n" in text[start:] else len(text)
    return Claim(
        doc=doc, value=value, start=start, end=start + 2, sentence=text[sentence_start:sentence_end],
        sentence_start=sentence_start, sentence_end=sentence_end, measure="killed", source=source,
        what=f"people killed {SCRIPT}", id=f"{doc}#1", source_type=source_type,
    )  # fmt: skip


@pytest.fixture
def ledger() -> ReportLedger:
    a_text = f"Storm hits Eldmoor {SCRIPT}\nThe mayor said 12 people were killed when the storm hit Eldmoor on Monday.\n{IMG} was posted."
    # a rights group's count against the mayor's on one day: rival counts, so a dispute
    b_text = "Storm hits Eldmoor harbour\nThe rights group Coast Watch said 19 people were killed when the storm hit Eldmoor on Monday."
    articles = [
        Article(key="a<b>", text=a_text, title=f"Storm {SCRIPT}", outlet=f"Daily {IMG}",
                published="2031-03-02", url="javascript:alert(1)"),
        Article(key="b", text=b_text, title="Storm hits the harbour", outlet="Harbour News",
                published="2031-03-02", url="https://example.org/storm", language="es"),
    ]  # fmt: skip
    claims = [
        _claim("a<b>", 12, f"mayor {IMG}", a_text),
        _claim("b", 19, "Coast Watch", b_text, SourceType.NGO),
    ]
    return report_ledger(Story("s", f"Storm {SCRIPT}"), articles, claims, [], [], [], DEFAULTS)


def test_html_escapes_everything_from_reports(ledger):
    page = render_html(ledger)
    assert "<script" not in page.lower()
    assert "<img" not in page.lower()
    assert "javascript:" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="https://example.org/storm"' in page


def test_the_header_counts_the_key_figures_too(ledger):
    [group] = ledger.groups  # the death toll the two reports dispute: the story's key figure
    assert group.verdict == "dispute"
    assert "1 figure reported by several voices, 0 by one" in render_html(ledger)


def test_the_header_counts_one_report_as_one(ledger):
    assert "2 reports from" in render_html(ledger)
    one = report_ledger(ledger.story, ledger.articles[1:], [], [], [], [], DEFAULTS)
    assert "1 report from Harbour News" in render_html(one)


def test_html_citations_point_at_sentence_anchors(ledger):
    page = render_html(ledger)
    anchors = set(re.findall(r'id="([^"]+)"', page))
    targets = set(re.findall(r'href="#([^"]+)"', page))
    assert targets and targets <= anchors
    assert any(t.startswith("r2-s") for t in targets)
    assert "@media print" in page and 'name="viewport"' in page and "<svg" in page


def test_markdown_shape(ledger):
    text = render_markdown(ledger)
    for heading in ("## Briefing", "## Figures", "## Timeline", "## Coverage", "## Sources"):
        assert heading in text
    assert "<script>" not in text and "<img" not in text
    assert "| Disputed |" in text
    assert "1. Storm" in text and "javascript:" not in text


def test_json_shape(ledger):
    data = json.loads(render_json(ledger))
    assert data["format"] == "accord-ledger"
    assert {"story", "groups", "claims", "timeline", "briefing", "coverage", "articles"} <= set(
        data
    )
    group = data["groups"][0]
    assert group["verdict"] == "dispute" and group["values"] == [12, 19]
    assert {"doc", "value", "source", "voice"} <= set(group["by_source"][0])
    assert "text" not in data["articles"][0]


def test_svg_builders_escape_and_handle_empty_input():
    import datetime as dt

    points = [Point(f"src {SCRIPT}", dt.date(2031, 3, 2), 10, 10, None, IMG, href='#"x')]
    svg = figure_chart(points, title=SCRIPT)
    assert svg.startswith("<svg") and "<script" not in svg and "<img" not in svg
    assert figure_chart([], title="x") == "" and timeline_chart([]) == ""


def test_a_chart_of_many_voices_grows_to_hold_its_legend_below_its_plot():
    import datetime as dt

    points = [Point(f"source {n}", dt.date(2031, 3, 2), 10 + n) for n in range(30)]
    svg = figure_chart(points, title="people killed")
    height = float(re.search(r'viewBox="0 0 \d+ (\d+)"', svg).group(1))
    axis = max(float(y) for y in re.findall(r'<line x1="64" y1="([\d.]+)"', svg))
    legend = [float(y) for y in re.findall(r'<text x="[\d.]+" y="([\d.]+)" fill="#333"', svg)]
    assert len(legend) == 31  # every source and the key of the rings
    assert 150 < axis < min(legend) and max(legend) < height


def test_unattributed_values_of_no_known_outlet_are_one_voice_of_the_chart(ledger):
    articles = [dataclasses.replace(a, outlet=None) for a in ledger.articles]
    claims = [dataclasses.replace(c, source="") for c in ledger.claims]
    unsigned = report_ledger(ledger.story, articles, claims, [], [], [], DEFAULTS)
    [group] = [g for g in unsigned.groups if 12 in g.values]
    points = points_for_group(group, report=lambda v: f"report {v.doc}")
    assert {p.series for p in points} == {"unattributed"}
    assert {p.label for p in points} == {
        "unattributed: 12 (report a<b>)",
        "unattributed: 19 (report b)",
    }


def test_background_figures_are_escaped_and_set_apart() -> None:
    text = (
        "The storm killed 12 people in Eldmoor on Monday.\n"
        f"In 2004, a storm killed 61 people in the valley {SCRIPT}."
    )
    article = Article(key="a", text=text, title="Storm", published="2031-03-02")
    claims = [_claim("a", 12, "mayor", text), _claim("a", 61, "", text)]
    claims[1].id = "a#2"
    ledger = report_ledger(Story("s", "Storm"), [article], claims, [], [], [], DEFAULTS)
    page = render_html(ledger)
    background = page[page.index('id="background"') :]
    assert "<script" not in page.lower()
    assert "In 2004, a storm killed 61 people" in background
    assert all(61 not in g.values for g in ledger.groups)


def test_the_figure_chart_rings_each_value_where_it_was_first_seen():
    import datetime as dt

    points = [
        Point("mayor", dt.date(2031, 3, 2), 12),
        Point("coastguard", dt.date(2031, 3, 3), 12),
        Point("mayor", dt.date(2031, 3, 3), 19),
    ]
    assert first_seen(points) == [points[0], points[2]]
    svg = figure_chart(points, title="people killed")
    assert svg.count('class="first-seen"') == 2 and "first seen 02 Mar 2031" in svg


def test_sources_say_the_language_each_report_is_in(ledger):
    assert "· in Spanish" in render_html(ledger)
    markdown = render_markdown(ledger)
    assert ", in Spanish (`b`)" in markdown
    assert markdown.count(", in ") == 1  # a report of no known language says none


def test_a_briefing_sentence_quoted_from_a_report_in_another_language_says_which(ledger):
    quoted = {b.doc for b in ledger.briefing if b.kind == "summary"}
    assert quoted == {"a<b>", "b"}  # the English report's sentence and the Spanish one's
    markdown = render_markdown(ledger)
    briefing = markdown.split("## Briefing")[1].split("##")[0]
    assert briefing.count("(in Spanish)") == 1
    assert (
        "19 people were killed when the storm hit Eldmoor on Monday. (in Spanish) [2]" in briefing
    )
    page = render_html(ledger)
    assert page.count('<span class="language">(in Spanish)</span>') == 1


def test_a_report_of_no_known_outlet_is_not_named_by_its_key(ledger):
    # a key is often a file name: it says nothing of who published the report
    articles = [dataclasses.replace(a, outlet=None) for a in ledger.articles]
    unnamed = report_ledger(ledger.story, articles, ledger.claims, [], [], [], DEFAULTS)
    page = render_html(unnamed)
    rows = re.findall(r"<tr><td>[^<]*</td><td>[^<]*</td><td>([^<]*)</td>", page)
    assert rows and set(rows) == {"unknown"}
    # the chart's tooltips name the report by its citation
    charts = "".join(re.findall(r"<svg.*?</svg>", page, re.S))
    assert "Coast Watch: 19 (report [2])" in charts and "(b)" not in charts


def test_a_report_giving_one_figure_twice_is_one_line_of_its_group(ledger):
    # the mayor's 12 in the headline too: two claims of one report, one source, one value
    a = ledger.articles[0]
    text = a.text.replace("Storm hits Eldmoor", "12 killed as storm hits Eldmoor", 1)
    articles = [dataclasses.replace(a, text=text), ledger.articles[1]]
    head = dataclasses.replace(_claim("a<b>", 12, f"mayor {IMG}", text), id="a<b>#0")
    head = dataclasses.replace(head, start=0, end=2, sentence_start=0)
    claims = [head, _claim("a<b>", 12, f"mayor {IMG}", text), *ledger.claims[1:]]
    twice = report_ledger(ledger.story, articles, claims, [], [], [], DEFAULTS)
    [group] = [g for g in twice.groups if 12 in g.values]
    assert len(group.by_source) == 3  # the record keeps every claim
    rows = re.findall(r"<tr><td>mayor [^<]*</td><td>12</td>", render_html(twice))
    assert len(rows) == 1


def test_reports_giving_one_source_s_value_alike_share_one_line(ledger):
    # a wire story carried by two reports of one outlet on one day: one row citing both
    a, b = ledger.articles
    b_text = b.text.replace("The rights group Coast Watch", "The mayor").replace("19", "12")
    articles = [a, dataclasses.replace(b, text=b_text, outlet=a.outlet, language=None)]
    claims = [ledger.claims[0], _claim("b", 12, f"mayor {IMG}", b_text)]
    alike = report_ledger(ledger.story, articles, claims, [], [], [], DEFAULTS)
    page = render_html(alike)
    rows = re.findall(r"<tr><td>mayor [^<]*</td><td>12</td>.*?</tr>", page)
    assert len(rows) == 1
    assert re.findall(r"\[(\d)\]</a>", rows[0]) == ["1", "2"]


def test_an_unattributed_value_of_a_hostile_outlet_is_escaped_in_its_chart(ledger):
    # the chart's series of unattributed values names their outlet, a text from the report
    claims = [dataclasses.replace(c, source="") for c in ledger.claims]
    unsigned = report_ledger(ledger.story, ledger.articles, claims, [], [], [], DEFAULTS)
    charts = "".join(re.findall(r"<svg.*?</svg>", render_html(unsigned), re.S))
    assert "unattributed (Daily &lt;img" in charts
    assert "<img" not in charts.lower()
