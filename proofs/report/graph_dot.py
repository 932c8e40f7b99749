"""Lay the dependency graph out with Graphviz ``dot`` when it is installed (Debian's ``graphviz``).

``dot`` is the layered layout Lean blueprints use. Each section of the paper is laid out on
its own and the sections are stacked in the paper's order, so a reader finds Section 4 in
one box and the picture stays about a screen wide (one ``dot`` graph with a cluster per
section puts the sections side by side, some 10,000 px wide). Only positions are taken from Graphviz
(``-Tplain``); the SVG and TikZ are drawn by :mod:`.graph_svg` as before. Without ``dot``, or
when it fails, :func:`layout` returns None and the pure-Python layered layout is used.
"""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess

from .data import NodeView

POINTS = 72.0          # dot's plain output is in inches
TIMEOUT = 30
ROW = 6                # at most this many nodes of one section side by side on one rank


def section_label(section: str) -> str:
    if section == "cited":
        return "cited results"
    if not section:
        return "background definitions"
    return f"Appendix {section}" if section.isalpha() else f"Section {section}"


def available() -> bool:
    return os.environ.get("PROOFS_NO_GRAPHVIZ", "") in ("", "0") and shutil.which("dot") is not None


def source(nodes: list[NodeView], widths: dict[str, float], node_h: float) -> str:
    """DOT input for one section: dependencies above their users (positions only; arrows drawn later)."""
    ids = {n.id for n in nodes}
    kinds = {n.id: n.kind for n in nodes}
    lines = ["digraph G {", "  graph [rankdir=TB, nodesep=0.18, ranksep=0.4];",
             '  node [shape=box, fixedsize=true, fontsize=12, fontname="sans-serif"];', "  edge [dir=none];"]
    for n in nodes:
        lines.append(f"  {_q(n.id)} [width={widths[n.id] / POINTS:.3f}, height={node_h / POINTS:.3f}];")
    for n in nodes:
        for d in n.deps:
            if d in ids and d != n.id:
                light = kinds[d] in ("definition", "cited")
                lines.append(f"  {_q(d)} -> {_q(n.id)}{' [weight=0]' if light else ''};")
    lines += _wrapped_rows(nodes)
    lines.append("}")
    return "\n".join(lines)


def _wrapped_rows(nodes: list[NodeView]) -> list[str]:
    """Where one section has more than ROW nodes on a rank (a proof's many steps), wrap them into rows."""
    import networkx as nx

    graph = nx.DiGraph()
    graph.add_nodes_from(n.id for n in nodes)
    graph.add_edges_from((d, n.id) for n in nodes for d in n.deps if d in graph and d != n.id)
    if not nx.is_directed_acyclic_graph(graph):
        return []
    rank: dict[str, int] = {}
    for v in nx.topological_sort(graph):
        rank[v] = max((rank[u] + 1 for u in graph.predecessors(v)), default=0)
    rows: dict[tuple[str, int], list[str]] = {}
    for n in nodes:
        rows.setdefault((n.section, rank[n.id]), []).append(n.id)
    return [f"  {_q(row[i])} -> {_q(row[i + ROW])} [style=invis];"
            for row in rows.values() if len(row) > ROW for i in range(len(row) - ROW)]


def run_dot(text: str) -> str | None:
    try:
        done = subprocess.run(["dot", "-Tplain"], input=text, capture_output=True, text=True, timeout=TIMEOUT,
                              check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


Point = tuple[float, float]


def parse_plain(text: str) -> tuple[float, float, dict[str, Point], dict[tuple[str, str], list[Point]]]:
    """``(width, height, centres, splines)`` in points, y downwards."""
    width = height = 0.0
    centres: dict[str, tuple[float, float]] = {}
    splines: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for line in text.splitlines():
        parts = shlex.split(line)
        if not parts:
            continue
        if parts[0] == "graph":
            width, height = float(parts[2]) * POINTS, float(parts[3]) * POINTS
        elif parts[0] == "node":
            centres[parts[1]] = (float(parts[2]) * POINTS, height - float(parts[3]) * POINTS)
        elif parts[0] == "edge":
            count = int(parts[3])
            coords = [float(v) * POINTS for v in parts[4:4 + 2 * count]]
            pairs = range(0, len(coords), 2)
            splines[(parts[1], parts[2])] = [(coords[i], height - coords[i + 1]) for i in pairs]
    return width, height, centres, splines


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
