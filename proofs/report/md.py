"""The Markdown report (GitHub renders its ``$...$`` statements; plots and graph are linked files)."""
from __future__ import annotations

import re

from .data import Report
from .environment import text_env

GRAPH_FILE = "plots/graph.svg"


def cell(text: object) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def quote(text: str) -> str:
    """A block quote spanning every line of a statement."""
    return "\n> ".join(str(text).splitlines() or [""])


def render_md(report: Report, graph_file: str = GRAPH_FILE) -> str:
    env = text_env()
    env.filters.update(cell=cell, quote=quote)
    text = env.get_template("report.md.j2").render(report=report, findings=report.findings,
                                                   graph_file=graph_file)
    return tidy(text)


def tidy(text: str) -> str:
    """Blank lines before headings and anchors, at most one blank line in a row."""
    text = re.sub(r"(?<=[^\n])\n(#{1,6} |<a id=)", r"\n\n\1", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
