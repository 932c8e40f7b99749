"""The Markdown report (GitHub renders its ``$...$`` statements; plots and graph are linked files)."""
from __future__ import annotations

import re

from . import mathtext
from .data import Report
from .environment import text_env

GRAPH_FILE = "plots/graph.svg"


def cell(text: object) -> str:
    """Plain text safe inside a Markdown table cell (a ``|`` would end the cell)."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def quote(text: str) -> str:
    """A block quote spanning every line of a statement."""
    return "\n> ".join(str(text).splitlines() or [""])


def render_md(report: Report, graph_file: str = GRAPH_FILE, figures: list | None = None) -> str:
    env = text_env()
    env.filters.update(cell=cell, quote=quote, md=lambda s: quote(mathtext.to_md(s)),
                       md_cell=lambda s: mathtext.to_md(s, in_table=True),
                       md_inline=lambda s: " ".join(mathtext.to_md(s).split()),
                       md_math_cell=lambda s: mathtext.md_math(s, in_table=True) if s else "",
                       slug=lambda s: re.sub(r"[^A-Za-z0-9.-]", "-", s))
    text = env.get_template("report.md.j2").render(report=report, findings=report.findings,
                                                   graph_file=graph_file, figures=figures or [])
    return tidy(text)


def tidy(text: str) -> str:
    """Blank lines before headings and anchors, at most one blank line in a row."""
    text = re.sub(r"(?<=[^\n])\n(#{1,6} |<a id=)", r"\n\n\1", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
