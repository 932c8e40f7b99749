"""The self-contained HTML report: inline CSS, JS, KaTeX and SVG, plots as data URIs; opens offline."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .data import Report
from .environment import html_env
from .graph_svg import to_svg

VENDOR = Path(__file__).resolve().parent / "vendor"


@lru_cache(maxsize=1)
def katex_assets() -> tuple[str, str]:
    """KaTeX's script and stylesheet (fonts inlined), vendored so the page needs no network."""
    js = (VENDOR / "katex.min.js").read_text(encoding="utf-8")
    return js, (VENDOR / "katex.min.css").read_text(encoding="utf-8")


def render_html(report: Report, figures: list | None = None) -> str:
    template = html_env().get_template("report.html.j2")
    js, css = katex_assets()
    return template.render(report=report, findings=report.findings, graph_svg=to_svg(report.nodes),
                           katex_js=js, katex_css=css, figures=figures or [])
