"""Inline SVG charts for the reports and the web UI: no scripts, no external files.

Every text that reaches the markup is escaped here, so callers may pass report words as they are.
Charts scale to their container (viewBox, width 100%) so they read on a phone.

- `figure_chart(points, title=...)`: one figure's values by source over time, an interval bar per
  value (an arrow for open-ended ones: "at least", "more than"), each value ringed where it was
  first seen.
- `points_for_group(group, href=...)`: the points of a Group's per-source values.
- `timeline_chart(entries, href=...)`: the dated entries as a vertical timeline.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from accord.model import Group, SourceValue, TimelineEntry
from accord.reconcile.dates import report_time, when_bounds
from accord.reconcile.intervals import describe_value, format_number

PALETTE = ("#1b6ca8", "#d1495b", "#2e8540", "#8e5ea2", "#e08e0b", "#3c3c3c", "#00798c", "#a05195")
SERIES_GAP = 9  # pixels between the series of one day
LEGEND_ROW = 18  # pixels from one row of a chart's legend to the next
FONT = "font-family:system-ui,sans-serif;font-size:12px"


@dataclass(frozen=True, slots=True)
class Point:
    """One value of a figure: who gave it (series), when it was reported, and its interval."""

    series: str
    day: dt.date
    value: float
    low: float | None = None
    high: float | None = None  # None: open-ended upwards
    label: str = ""  # tooltip text
    href: str | None = None  # link target, e.g. the cited sentence


def points_for_group(
    group: Group,
    href: Callable[[SourceValue], str] | None = None,
    report: Callable[[SourceValue], str] | None = None,
) -> list[Point]:
    """The group's per-source values that have a publication day, as chart points. A value's
    outlet, or when it names none its report (by `report`, its citation say, else by its key),
    is told in its label; unattributed values are one series per outlet, and one for the reports
    of no known outlet, so that a story's many unsigned copies of a figure are one voice."""
    points = []
    for v in group.by_source:
        moment = report_time(v.published)
        if moment is None:
            continue
        where = v.outlet or (report(v) if report else v.doc)
        series = v.source or (f"unattributed ({v.outlet})" if v.outlet else "unattributed")
        label = f"{series}: {describe_value(v.value, v.qualifier, v.low, v.high)} ({where})"
        points.append(
            Point(series, moment.day, v.value, v.low, v.high, label, href(v) if href else None)
        )
    return points


@dataclass(frozen=True, slots=True)
class _Frame:
    """The plot area and the scales of a figure chart."""

    left: float
    right: float
    top: float
    bottom: float
    days: tuple[dt.date, ...]
    y_max: float

    def x(self, day: dt.date) -> float:
        if len(self.days) == 1:
            return (self.left + self.right) / 2
        span = (self.days[-1] - self.days[0]).days or 1
        return self.left + (day - self.days[0]).days / span * (self.right - self.left)

    def y(self, value: float) -> float:
        return self.bottom - min(value, self.y_max) / self.y_max * (self.bottom - self.top)


def figure_chart(
    points: Sequence[Point], *, title: str, width: int = 560, height: int = 240
) -> str:
    """An SVG chart of one figure's values by source over time ("" when there are no points):
    a plot of `height` and below it the legend, as tall as its series need."""
    if not points:
        return ""
    series = list(dict.fromkeys(p.series for p in points))
    frame = _frame(points, width, height)
    firsts = first_seen(points)
    # the legend below the plot: the series and the key of the rings, two to a row
    legend = LEGEND_ROW * ((len(series) + 2) // 2)
    parts = [_svg_open(width, height + legend, title), _axes(frame)]
    for p in points:
        parts.append(_point(frame, p, series.index(p.series), len(series), p in firsts))
    parts.append(_legend(series, frame.bottom + 34))
    parts.append("</svg>")
    return "".join(parts)


def first_seen(points: Sequence[Point]) -> list[Point]:
    """For each value, the point of the day it was first reported (the first such point given):
    the chart rings it, so a reader sees when each value appeared."""
    firsts: dict[float, Point] = {}
    for p in sorted(points, key=lambda p: p.day):
        firsts.setdefault(p.value, p)
    return list(firsts.values())


def _frame(points: Sequence[Point], width: int, height: int) -> _Frame:
    days = tuple(sorted({p.day for p in points}))
    tops = [h for p in points for h in (p.value, p.high) if h is not None]
    y_max = nice_ceiling(max(tops) * 1.1)
    # room for the longest of the axis's labels (its top's), some 7 pixels a character
    left = max(64, 7 * len(format_number(y_max)) + 14)
    return _Frame(left, width - 48, 28, height - 40, days, y_max)


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 4, 5 or 8 times a power of ten at or above `value`, so the four
    grid steps fall on round numbers."""
    if value <= 0:
        return 1.0
    power: float = 10 ** math.floor(math.log10(value))
    return next(m * power for m in (1, 2, 2.5, 4, 5, 8, 10) if m * power >= value)


def _svg_open(width: int, height: int, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-label="{escape(title)}" style="max-width:{width}px;{FONT}">'
        f"<title>{escape(title)}</title>"
    )


def _axes(f: _Frame) -> str:
    lines = [f'<line x1="{f.left}" y1="{f.bottom}" x2="{f.right}" y2="{f.bottom}" stroke="#888"/>']
    for i in range(5):
        value = f.y_max * i / 4
        y = f.y(value)
        lines.append(
            f'<line x1="{f.left}" y1="{y:.1f}" x2="{f.right}" y2="{y:.1f}" stroke="#eee"/>'
        )
        lines.append(
            f'<text x="{f.left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#555">{format_number(value)}</text>'
        )
    for day in f.days:
        lines.append(
            f'<text x="{f.x(day):.1f}" y="{f.bottom + 16}" text-anchor="middle" fill="#555">{day:%d %b %Y}</text>'
        )
    return "".join(lines)


def _point(f: _Frame, p: Point, index: int, n_series: int, first: bool = False) -> str:
    colour = PALETTE[index % len(PALETTE)]
    # series side by side on one day, so equal values of two sources stay visible
    x = f.x(p.day) + (index - (n_series - 1) / 2) * SERIES_GAP
    low = p.low if p.low is not None else p.value
    top = f.top if p.high is None else f.y(p.high)
    bar = f'<line x1="{x:.1f}" y1="{f.y(low):.1f}" x2="{x:.1f}" y2="{top:.1f}" stroke="{colour}" stroke-width="3" opacity="0.45"/>'
    arrow = (
        ""
        if p.high is not None
        else (
            f'<path d="M{x - 5:.1f},{top + 7:.1f} L{x:.1f},{top:.1f} L{x + 5:.1f},{top + 7:.1f}" fill="none" stroke="{colour}" stroke-width="2"/>'
        )
    )
    label = f"{p.label}, first seen {p.day:%d %b %Y}" if first else p.label
    dot = f'<circle cx="{x:.1f}" cy="{f.y(p.value):.1f}" r="5" fill="{colour}"><title>{escape(label)}</title></circle>'
    ring = (
        f'<circle cx="{x:.1f}" cy="{f.y(p.value):.1f}" r="8.5" fill="none" stroke="#222" stroke-width="1.2" class="first-seen"/>'
        if first
        else ""
    )
    body = bar + arrow + dot + ring
    return f'<a href="{escape(p.href)}">{body}</a>' if p.href else body


def _legend(series: Sequence[str], y: float) -> str:
    items = []
    for i, name in enumerate(series):
        x, row = _slot(i, y)
        colour = PALETTE[i % len(PALETTE)]
        items.append(f'<circle cx="{x}" cy="{row - 4}" r="5" fill="{colour}"/>')
        items.append(f'<text x="{x + 10}" y="{row}" fill="#333">{escape(_clip(name, 36))}</text>')
    x, row = _slot(len(series), y)  # the key of the rings, after the series
    items.append(f'<circle cx="{x}" cy="{row - 4}" r="7" fill="none" stroke="#222"/>')
    items.append(f'<text x="{x + 12}" y="{row}" fill="#333">first seen</text>')
    return "".join(items)


def _slot(i: int, y: float) -> tuple[float, float]:
    """Where the legend's i-th item sits: two columns, row after row."""
    return 56 + (i % 2) * 250, y + (i // 2) * LEGEND_ROW


def _clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def timeline_chart(
    entries: Sequence[TimelineEntry],
    *,
    href: Callable[[TimelineEntry], str] | None = None,
    width: int = 560,
) -> str:
    """A vertical timeline: one row per entry, its date and the start of its text."""
    if not entries:
        return ""
    row = 30
    height = row * len(entries) + 16
    parts = [_svg_open(width, height, "Timeline of the story")]
    parts.append(
        f'<line x1="18" y1="12" x2="18" y2="{height - 12}" stroke="#bbb" stroke-width="2"/>'
    )
    for i, e in enumerate(entries):
        y = 20 + i * row
        body = (
            f'<circle cx="18" cy="{y}" r="6" fill="{PALETTE[0]}"/>'
            f'<text x="34" y="{y + 4}" font-weight="bold" fill="#222">{escape(date_label(e.date))}</text>'
            f'<text x="200" y="{y + 4}" fill="#444">{escape(_clip(e.text, 52))}<title>{escape(e.text)}</title></text>'
        )
        parts.append(f'<a href="{escape(href(e))}">{body}</a>' if href else body)
    parts.append("</svg>")
    return "".join(parts)


def date_label(when: str) -> str:
    """ "2024-11-16" -> "16 Nov 2024"; months, years and ranges as readable as they come."""
    bounds = when_bounds(when)
    if bounds is None:
        return when
    low, high = bounds
    if "/" in when:
        return f"{low:%d %b} – {high:%d %b %Y}"
    if len(when) == 4:
        return when
    if len(when) == 7:
        return f"{low:%B %Y}"
    return f"{low:%d %b %Y}"
