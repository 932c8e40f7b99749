"""Reports of a checked run: ``report.md``, a self-contained ``report.html``, a LaTeX appendix, plots.

Everything is read from a run directory (``run.json`` and ``certificates/``), so a
report can be rebuilt at any time with ``python -m proofs report DIR``.
"""
from __future__ import annotations

from pathlib import Path

from .data import Report, load_report

FORMATS = ("md", "html", "tex")
DEFAULT_FORMATS = ("md", "html")


def write_reports(directory: str | Path, formats: tuple[str, ...] = DEFAULT_FORMATS) -> list[Path]:
    """Write the requested reports into ``directory``; returns the files written."""
    from .graph_svg import to_svg
    from .plots import make_plots

    directory = Path(directory)
    report = load_report(directory)
    written = [Path(report.directory / p.svg) for p in make_plots(report.nodes, directory, png="tex" in formats)]
    if "md" in formats:
        from .md import GRAPH_FILE, render_md

        _write(directory / GRAPH_FILE, to_svg(report.nodes))
        written += [directory / GRAPH_FILE, _write(directory / "report.md", render_md(report))]
    if "html" in formats:
        from .html import render_html

        written.append(_write(directory / "report.html", render_html(report)))
    if "tex" in formats:
        from .tex import render_tex

        written.append(_write(directory / "report.tex", render_tex(report)))
    return written


def _write(path: Path, text: str) -> Path:
    """Atomic: a reader never sees half a report."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path


__all__ = ["write_reports", "load_report", "Report", "FORMATS", "DEFAULT_FORMATS"]
