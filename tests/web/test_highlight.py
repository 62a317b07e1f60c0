"""Marked-up report text: built from offsets, escaped between them, spans nested."""

from __future__ import annotations

from accord.web.highlight import render, span


def test_text_between_spans_is_escaped() -> None:
    text = "<b>12</b> & more"
    html = render(text, [span(3, 5, "a", href="/x?a=1&b=2", class_="claim")])
    assert html == '&lt;b&gt;<a href="/x?a=1&amp;b=2" class="claim">12</a>&lt;/b&gt; &amp; more'


def test_spans_nest_and_a_crossing_span_is_cut_at_its_parent() -> None:
    text = "abcdefghij"
    html = render(text, [span(0, 6, "i"), span(2, 4, "b"), span(4, 9, "u")])
    assert html == "<i>ab<b>cd</b><u>ef</u></i>ghij"


def test_invalid_and_empty_spans_are_dropped() -> None:
    assert render("abc", [span(2, 9, "b"), span(2, 2, "i"), span(-1, 1, "u")]) == "abc"


def test_attribute_values_cannot_break_out() -> None:
    html = render("x", [span(0, 1, "span", title='" onmouseover="alert(1)')])
    assert html == '<span title="&#34; onmouseover=&#34;alert(1)">x</span>'
