"""The self-contained HTML report: inline CSS, JS and SVG, plots as data URIs; opens offline."""
from __future__ import annotations

from .data import Report
from .environment import html_env
from .graph_svg import to_svg


def render_html(report: Report) -> str:
    template = html_env().get_template("report.html.j2")
    return template.render(report=report, findings=report.findings, graph_svg=to_svg(report.nodes))
