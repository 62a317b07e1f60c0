"""Renderers of a story's ledger: HTML (with inline SVG charts), Markdown and JSON."""

from accord.report.html import render_html
from accord.report.json import render_json
from accord.report.markdown import render_markdown

__all__ = ["render_html", "render_json", "render_markdown"]
