"""Numeric plots (matplotlib, Agg): residual versus grid resolution, CNN alignment residuals.

Each plot is written as SVG (for the Markdown and HTML reports; the HTML embeds it
as a data URI so the page stays self-contained) and PNG (for LaTeX). Output is
deterministic: fixed SVG id salt, no dates in metadata.
"""
from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from .data import NodeView  # noqa: E402

plt.rcParams["svg.hashsalt"] = "proofs-report"
plt.rcParams["svg.fonttype"] = "none"   # text stays text: searchable, small


@dataclass
class Plot:
    node: str
    kind: str          # "residuals" or "alignment"
    title: str
    svg: str           # file names relative to the run directory
    png: str
    svg_text: str

    @property
    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg_text.encode()).decode()


def slug(node_id: str) -> str:
    return "".join(c if c.isalnum() or c in ".-" else "_" for c in node_id)


def make_plots(nodes: list[NodeView], directory: Path, png: bool = False) -> list[Plot]:
    """Draw every plot the run's records allow, attach them to their nodes, write ``plots/``.

    SVG always; PNG too when ``png`` (the LaTeX appendix includes PNG).
    """
    out_dir = directory / "plots"
    plots: list[Plot] = []
    for node in nodes:
        node.plots = []
        residual_obs = [o for o in node.obligations if o.has_residuals]
        if residual_obs:
            fig = residual_figure(node, residual_obs)
            title = f"{node.id}: residual versus grid resolution"
            node.plots.append(_save(fig, node, "residuals", title, out_dir, directory, png))
        aligned = [o for o in node.obligations if o.alignment]
        if aligned:
            fig = alignment_figure(node, aligned)
            title = f"{node.id}: alignment residual versus transformation"
            node.plots.append(_save(fig, node, "alignment", title, out_dir, directory, png))
        plots.extend(node.plots)
    return plots


def residual_figure(node: NodeView, obligations: list) -> plt.Figure:
    fig, ax = plt.subplots(figsize=(6.0, 3.4))
    positive = all(r > 0 for o in obligations for r in o.residuals)
    for i, o in enumerate(obligations):
        colour = f"C{i % 10}"
        ax.plot(o.resolutions, o.residuals, "o-", color=colour, label=f"{o.name} ({o.verdict})")
        if o.tolerance is not None and (o.tolerance > 0 or not positive):
            ax.axhline(o.tolerance, color=colour, linestyle="--", linewidth=0.9,
                       label=f"tolerance {o.tolerance:g}")
    if positive:
        ax.set_yscale("log")
    resolutions = sorted({r for o in obligations for r in o.resolutions})
    if all(r > 0 for r in resolutions):
        ax.set_xscale("log", base=2)
        ax.set_xticks(resolutions, [f"{r:g}" for r in resolutions])
        ax.minorticks_off()
    ax.set_xlabel("grid resolution")
    ax.set_ylabel("residual")
    ax.set_title(f"{node.id}: residual versus resolution", fontsize=10)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7, loc="best")
    fig.tight_layout()
    return fig


def alignment_figure(node: NodeView, obligations: list) -> plt.Figure:
    rows = [(str(a.get("transform", "?")), str(a.get("class", "")), float(a["residual"]), o.name)
            for o in obligations for a in o.alignment]
    classes = list(dict.fromkeys(r[1] for r in rows))
    fig, ax = plt.subplots(figsize=(max(6.0, 0.35 * len(rows) + 2), 3.6))
    colours = {c: f"C{i % 10}" for i, c in enumerate(classes)}
    xs = range(len(rows))
    ax.bar(xs, [r[2] for r in rows], color=[colours[r[1]] for r in rows])
    ax.set_xticks(list(xs))
    ax.set_xticklabels([r[0] for r in rows], rotation=60, ha="right", fontsize=7)
    if all(r[2] > 0 for r in rows):
        ax.set_yscale("log")
    tolerances = {o.tolerance for o in obligations if o.tolerance is not None}
    for tol in sorted(tolerances):
        ax.axhline(tol, color="black", linestyle="--", linewidth=0.9, label=f"tolerance {tol:g}")
    for c in classes:
        ax.bar([], [], color=colours[c], label=c or "(no class)")
    ax.set_ylabel("alignment residual")
    ax.set_title(f"{node.id}: alignment residual per transformation", fontsize=10)
    ax.legend(fontsize=7, loc="best")
    fig.tight_layout()
    return fig


def _save(fig: plt.Figure, node: NodeView, kind: str, title: str, out_dir: Path, root: Path,
          png: bool) -> Plot:
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"{slug(node.id)}-{kind}"
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    svg_text = buf.getvalue()
    _atomic_write(out_dir / f"{stem}.svg", svg_text.encode())
    if png:
        image = io.BytesIO()
        fig.savefig(image, format="png", dpi=120, metadata={"Software": None})
        _atomic_write(out_dir / f"{stem}.png", image.getvalue())
    plt.close(fig)
    rel = out_dir.relative_to(root).as_posix()
    return Plot(node.id, kind, title, f"{rel}/{stem}.svg", f"{rel}/{stem}.png", svg_text)


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
