"""Numeric plots (matplotlib, Agg): residual versus grid resolution, CNN alignment residuals.

Each plot is written as SVG (for the Markdown and HTML reports; the HTML embeds it
as a data URI so the page stays self-contained) and PNG (for LaTeX). Output is
deterministic: fixed SVG id salt, no dates in metadata.
"""
from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from .data import NodeView

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
            title = f"{node.id}: residual versus grid resolution"
            node.plots.append(_drawn(residual_figure, node, residual_obs, "residuals", title, out_dir, directory, png))
        aligned = [o for o in node.obligations if o.alignment]
        if aligned:
            title = f"{node.id}: alignment residual versus transformation"
            node.plots.append(_drawn(alignment_figure, node, aligned, "alignment", title, out_dir, directory, png))
        plots.extend(node.plots)
    return plots


def _drawn(draw, node: NodeView, obligations: list, kind: str, title: str, out_dir: Path, root: Path,
           png: bool) -> Plot:
    """The plot of these obligations, drawn only when what it shows changed since it was last drawn
    (its content key is kept beside it): an edit to one node redraws that node's plots only."""
    stem = f"{slug(node.id)}-{kind}"
    key = _content_key(node, obligations, kind, png)
    svg, key_file = out_dir / f"{stem}.svg", out_dir / f"{stem}.key"
    try:
        if key_file.read_text() == key and svg.is_file() and (not png or svg.with_suffix(".png").is_file()):
            rel = out_dir.relative_to(root).as_posix()
            return Plot(node.id, kind, title, f"{rel}/{stem}.svg", f"{rel}/{stem}.png", svg.read_text())
    except OSError:
        pass
    plot = _save(draw(node, obligations), node, kind, title, out_dir, root, png)
    _atomic_write(key_file, key.encode())
    return plot


def _content_key(node: NodeView, obligations: list, kind: str, png: bool) -> str:
    import hashlib
    import json

    shown = [[o.name, o.claim, o.resolutions, o.residuals, o.tolerance, o.alignment] for o in obligations]
    data = json.dumps([node.id, kind, png, shown], sort_keys=True, default=str).encode()
    return hashlib.sha256(data + Path(__file__).read_bytes()).hexdigest()


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
        _log_y(ax)
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


CLASS_PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
                 "#bcbd22", "#17becf")


def readable_transform(name: str) -> str:
    """``uniform_scaling2d#0`` -> ``uniform scaling 1``: the generator's names, for people."""
    m = re.match(r"^(.*?)(\d)d#(\d+)$", name)
    if m:
        name = f"{m.group(1)} {int(m.group(3)) + 1}"
    return name.replace("_", " ").strip()


def alignment_figure(node: NodeView, obligations: list) -> plt.Figure:
    """One panel per obligation (its own tolerance), one colour per transformation class, one legend."""
    from matplotlib.patches import Patch

    classes = list(dict.fromkeys(str(a.get("class", "")) for o in obligations for a in o.alignment))
    colours = {c: CLASS_PALETTE[i % len(CLASS_PALETTE)] for i, c in enumerate(classes)}
    widest = max(len(o.alignment) for o in obligations)
    fig, axes = plt.subplots(len(obligations), 1, squeeze=False,
                             figsize=(max(6.5, 0.5 * widest + 2.5), 2.9 * len(obligations) + 0.6))
    for ax, o in zip(axes[:, 0], obligations):
        rows = [(readable_transform(str(a.get("transform", "?"))), str(a.get("class", "")),
                 float(a["residual"])) for a in o.alignment]
        names = [r[0] for r in rows]
        rows = [(f"{r[0]} ({a['filters'].removesuffix(' filters')})" if names.count(r[0]) > 1
                 and isinstance(a.get("filters"), str) else r[0], r[1], r[2])
                for r, a in zip(rows, o.alignment)]
        xs = list(range(len(rows)))
        ax.bar(xs, [r[2] for r in rows], color=[colours[r[1]] for r in rows], edgecolor="#333", linewidth=0.4)
        ax.set_xticks(xs)
        ax.set_xticklabels([r[0] for r in rows], rotation=35, ha="right", fontsize=8)
        if all(r[2] > 0 for r in rows):
            _log_y(ax)
        if o.tolerance is not None and (o.tolerance > 0 or ax.get_yscale() != "log"):
            ax.axhline(o.tolerance, color="black", linestyle="--", linewidth=1.0)
            ax.annotate(f"tolerance {o.tolerance:g}", xy=(1.0, o.tolerance),
                        xycoords=("axes fraction", "data"),
                        xytext=(-4, 3), textcoords="offset points", ha="right", fontsize=8)
        title = o.claim or o.name
        title = title.removeprefix("numeric: ")
        ax.set_title(title if len(title) < 95 else title[:92] + "…", fontsize=9, loc="left")
        ax.set_ylabel("alignment residual", fontsize=8)
        ax.grid(True, axis="y", alpha=0.3)
    handles = [Patch(facecolor=colours[c], edgecolor="#333", label=(c or "(no class)").replace("_", " "))
               for c in classes]
    fig.legend(handles=handles, loc="lower center", ncol=min(len(handles), 5), fontsize=8, frameon=False)
    fig.suptitle(f"{node.id}: best alignment residual per transformation", fontsize=10)
    fig.tight_layout(rect=(0, 0.04 + 0.03 * ((len(handles) - 1) // 5 + 1), 1, 0.97))
    return fig


def _log_y(ax) -> None:
    """A log axis labelled 1e-05, not typeset 10^{-5}: matplotlib's mathtext was most of the report's time."""
    from matplotlib.ticker import LogFormatter, NullFormatter

    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(LogFormatter(labelOnlyBase=True))
    ax.yaxis.set_minor_formatter(NullFormatter())


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
