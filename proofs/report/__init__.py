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
    """Write the requested reports into ``directory``; returns the files written (none when the reports
    there already show this content: they are keyed by it, see :mod:`.content_key`)."""
    from .content_key import is_current, remember

    directory = Path(directory)
    if is_current(directory, formats):
        return []
    written = _render(directory, formats)
    remember(directory, formats, written)
    return written


def _render(directory: Path, formats: tuple[str, ...]) -> list[Path]:
    from .figures import paper_figures
    from .graph_svg import to_svg
    from .plots import make_plots

    report = load_report(directory)
    plots = make_plots(report.nodes, directory, png="tex" in formats)
    written = [Path(report.directory / p.svg) for p in plots]
    figures = paper_figures(directory) if _has_cnn_experiments(report) else []
    written += [directory / f.png for f in figures]
    if "md" in formats:
        from .md import GRAPH_FILE, render_md

        _write(directory / GRAPH_FILE, to_svg(report.nodes))
        markdown = render_md(report, figures=figures)
        written += [directory / GRAPH_FILE, _write(directory / "report.md", markdown)]
    if "html" in formats:
        from .html import render_html

        written.append(_write(directory / "report.html", render_html(report, figures)))
    if "tex" in formats:
        from .tex import render_tex

        written.append(_write(directory / "report.tex", render_tex(report, figures)))
    return written


def _has_cnn_experiments(report: Report) -> bool:
    """The paper's figures belong to a run that aligns CNN feature maps (the paper's development)."""
    return any(o.alignment for n in report.nodes for o in n.obligations)


def _write(path: Path, text: str) -> Path:
    """Atomic: a reader never sees half a report."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path


__all__ = ["DEFAULT_FORMATS", "FORMATS", "Report", "load_report", "write_reports"]
