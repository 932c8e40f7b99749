"""The dependency graph as a picture: Graphviz ``dot`` when installed, else a layered layout in Python.

Arrows point from a result to the results it uses, as in ``proofs graph --format dot``;
dependencies are drawn above their users. Edges from definitions and cited results are
drawn lightly (they reach across the whole graph). Graphviz is not needed: without it, layers
are longest-path depths (dependencies above their users, as in a Lean blueprint), edges
spanning several layers get dummy points so they route between nodes, the order inside
layers is improved by barycentre sweeps that keep the ordering with fewest crossings, and x
positions are relaxed towards neighbours without overlapping. The same layout draws inline
SVG and TikZ.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from itertools import combinations, pairwise

import networkx as nx

from .data import STATUS_COLOURS, NodeView

CHAR_W = 7.2      # approximate width of one character at 12px sans-serif
NODE_H = 28
LAYER_GAP = 70
NODE_GAP = 24
MARGIN = 20
SWEEPS = 12


@dataclass
class Layout:
    width: float
    height: float
    boxes: dict[str, tuple[float, float, float, float]]          # id -> (x centre, y centre, w, h)
    routes: dict[tuple[str, str], list[tuple[float, float]]] = field(default_factory=dict)
    layers: list[list[str]] = field(default_factory=list)
    crossings: int = 0
    curved: set = field(default_factory=set)   # edges whose route is Bézier control points (Graphviz)
    clusters: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)  # label -> box
    engine: str = "python"


_LAYOUTS: dict[tuple, Layout] = {}


def best_layout(nodes: list[NodeView]) -> Layout:
    """Graphviz ``dot`` per section, sections stacked, when available; the Python layout otherwise.

    Remembered for the same graph, so the HTML, Markdown and LaTeX reports of one run lay it out once.
    """
    from . import graph_dot

    key = (graph_dot.available(), tuple((n.id, n.kind, n.section, tuple(n.deps)) for n in nodes))
    if key not in _LAYOUTS:
        _LAYOUTS.clear()
        _LAYOUTS[key] = _best_layout(nodes)
    return _LAYOUTS[key]


def _best_layout(nodes: list[NodeView]) -> Layout:
    from . import graph_dot

    if graph_dot.available() and nodes:
        try:
            stacked = _stacked_sections(nodes)
        except (ValueError, IndexError, KeyError):
            stacked = None
        if stacked is not None:
            return stacked
    return layout(nodes)


SECTION_GAP = 34
SECTION_HEAD = 24


def _stacked_sections(nodes: list[NodeView]) -> Layout | None:
    from . import graph_dot

    groups: dict[str, list[NodeView]] = {}
    for n in nodes:
        groups.setdefault(n.section, []).append(n)
    widths = {n.id: _label_width(n.id) for n in nodes}
    boxes: dict[str, tuple[float, float, float, float]] = {}
    routes: dict[tuple[str, str], list[tuple[float, float]]] = {}
    clusters: dict[str, tuple[float, float, float, float]] = {}
    curved: set[tuple[str, str]] = set()
    top = float(MARGIN)
    for section, members in groups.items():
        plain = graph_dot.run_dot(graph_dot.source(members, widths, NODE_H))
        if plain is None:
            return None
        width, height, centres, splines = graph_dot.parse_plain(plain)
        dx, dy = MARGIN + 8, top + SECTION_HEAD
        for n in members:
            x, y = centres[n.id]
            boxes[n.id] = (x + dx, y + dy, widths[n.id], float(NODE_H))
        for edge, pts in splines.items():
            routes[edge] = [(x + dx, y + dy) for x, y in pts]
            curved.add(edge)
        clusters[graph_dot.section_label(section)] = (MARGIN, top, MARGIN + width + 16, dy + height + 4)
        top = dy + height + 4 + SECTION_GAP
    for n in nodes:   # edges between sections: drawn from box to box, lightly
        for d in n.deps:
            if d in boxes and d != n.id and (d, n.id) not in routes:
                routes[(d, n.id)] = [boxes[d][:2], boxes[n.id][:2]]
    width = max(x1 for _, _, x1, _ in clusters.values()) + MARGIN
    lay = Layout(width, top - SECTION_GAP + MARGIN, boxes, routes, clusters=clusters, engine="graphviz dot")
    lay.curved = curved
    return lay


def _label_width(node_id: str) -> float:
    return max(60.0, len(node_id) * CHAR_W + 20)


def layout(nodes: list[NodeView]) -> Layout:
    """Place every node; edge ``dep -> user`` goes downwards."""
    ids = [n.id for n in nodes]
    graph = nx.DiGraph()
    graph.add_nodes_from(ids)
    graph.add_edges_from((d, n.id) for n in nodes for d in n.deps if d in graph and d != n.id)
    if not nx.is_directed_acyclic_graph(graph):   # draw what we can: drop back edges
        graph = _acyclic(graph, ids)
    depth: dict[str, int] = {}
    for v in nx.lexicographical_topological_sort(graph, key=ids.index):
        depth[v] = max((depth[u] + 1 for u in graph.predecessors(v)), default=0)
    # dummies split long edges into unit steps
    chains: dict[tuple[str, str], list[str]] = {}
    layered = nx.DiGraph()
    layered.add_nodes_from(ids)
    level = dict(depth)
    for u, v in graph.edges:
        path = [u]
        for k in range(depth[u] + 1, depth[v]):
            dummy = f"\0{u}\0{v}\0{k}"
            level[dummy] = k
            layered.add_node(dummy)
            path.append(dummy)
        path.append(v)
        nx.add_path(layered, path)
        chains[(u, v)] = path
    layers: list[list[str]] = [[] for _ in range(max(level.values(), default=-1) + 1)]
    for v in layered.nodes:   # declaration order first, dummies after their source
        layers[level[v]].append(v)
    layers, crossings = _order(layered, layers)
    widths = {v: (_label_width(v) if v in depth else 0.0) for v in layered.nodes}
    xs = _positions(layered, layers, widths)
    left = min((xs[v] - widths[v] / 2 for v in xs), default=0.0)
    boxes, points = {}, {}
    for k, layer in enumerate(layers):
        y = MARGIN + NODE_H / 2 + k * (NODE_H + LAYER_GAP)
        for v in layer:
            x = xs[v] - left + MARGIN
            points[v] = (x, y)
            if v in depth:
                boxes[v] = (x, y, widths[v], float(NODE_H))
    width = max((x + w / 2 for x, _, w, _ in boxes.values()), default=0.0) + MARGIN
    height = MARGIN * 2 + len(layers) * NODE_H + max(0, len(layers) - 1) * LAYER_GAP
    routes = {edge: [points[p] for p in path] for edge, path in chains.items()}
    real_layers = [[v for v in layer if v in depth] for layer in layers]
    return Layout(width, height, boxes, routes, real_layers, crossings)


def _acyclic(graph: nx.DiGraph, ids: list[str]) -> nx.DiGraph:
    out = graph.copy()
    while True:
        try:
            cycle = nx.find_cycle(out)
        except nx.NetworkXNoCycle:
            return out
        out.remove_edge(*cycle[-1][:2])


def _crossings(graph: nx.DiGraph, layers: list[list[str]]) -> int:
    total = 0
    for upper, lower in pairwise(layers):
        pos_u = {v: i for i, v in enumerate(upper)}
        pos_l = {v: i for i, v in enumerate(lower)}
        edges = [(pos_u[u], pos_l[v]) for u in upper for v in graph.successors(u) if v in pos_l]
        total += sum(1 for (a, b), (c, d) in combinations(edges, 2) if (a - c) * (b - d) < 0)
    return total


def _order(graph: nx.DiGraph, layers: list[list[str]]) -> tuple[list[list[str]], int]:
    best = [list(layer) for layer in layers]
    best_crossings = _crossings(graph, best)
    current = [list(layer) for layer in layers]
    for sweep in range(SWEEPS):
        downward = sweep % 2 == 0
        indices = range(1, len(current)) if downward else range(len(current) - 2, -1, -1)
        for k in indices:
            ref = current[k - 1] if downward else current[k + 1]
            pos = {v: i for i, v in enumerate(ref)}
            neighbours = graph.predecessors if downward else graph.successors

            def barycentre(v: str, k: int = k, pos: dict = pos, neighbours=neighbours) -> float:
                ps = [pos[u] for u in neighbours(v) if u in pos]
                return sum(ps) / len(ps) if ps else current[k].index(v)
            current[k] = sorted(current[k], key=barycentre)
        crossings = _crossings(graph, current)
        if crossings < best_crossings:
            best, best_crossings = [list(layer) for layer in current], crossings
    return best, best_crossings


def _positions(graph: nx.DiGraph, layers: list[list[str]], widths: dict[str, float]) -> dict[str, float]:
    """Pack each layer left to right, then pull nodes towards their neighbours' mean x."""
    xs: dict[str, float] = {}
    for layer in layers:
        x = 0.0
        for v in layer:
            xs[v] = x + widths[v] / 2
            x += widths[v] + NODE_GAP
    for _ in range(8):
        for layer in layers:
            wanted = []
            for v in layer:
                nb = [xs[u] for u in list(graph.predecessors(v)) + list(graph.successors(v))]
                wanted.append(sum(nb) / len(nb) if nb else xs[v])
            # keep order and separation: push right, push left, take the mean (both are feasible)
            gaps = [(widths[a] + widths[b]) / 2 + NODE_GAP for a, b in pairwise(layer)]
            right, left = list(wanted), list(wanted)
            for i in range(1, len(layer)):
                right[i] = max(right[i], right[i - 1] + gaps[i - 1])
            for i in range(len(layer) - 2, -1, -1):
                left[i] = min(left[i], left[i + 1] - gaps[i])
            placed = [(a + b) / 2 for a, b in zip(right, left)]
            for v, x in zip(layer, placed):
                xs[v] = x
    return xs


# --------------------------------------------------------------------------- SVG


def _path(points: list[tuple[float, float]], h: float) -> str:
    """A smooth path from the top of the user's box (last point) up to the bottom of the dependency's."""
    (x0, y0), (x1, y1) = points[0], points[-1]
    pts = [(x1, y1 - h / 2)] + points[-2:0:-1] + [(x0, y0 + h / 2 + 2)]
    d = f"M{pts[0][0]:.1f},{pts[0][1]:.1f}"
    for (ax, ay), (bx, by) in pairwise(pts):
        my = (ay + by) / 2
        d += f" C{ax:.1f},{my:.1f} {bx:.1f},{my:.1f} {bx:.1f},{by:.1f}"
    return d


def _bezier(points: list[tuple[float, float]]) -> str:
    """Graphviz's spline (dependency to user), reversed so it runs from the user to the dependency."""
    pts = points[::-1]
    d = f"M{pts[0][0]:.1f},{pts[0][1]:.1f}"
    for i in range(1, len(pts) - 2, 3):
        (ax, ay), (bx, by), (cx, cy) = pts[i], pts[i + 1], pts[i + 2]
        d += f" C{ax:.1f},{ay:.1f} {bx:.1f},{by:.1f} {cx:.1f},{cy:.1f}"
    return d


def _light(node: NodeView | None, lay: Layout | None = None, edge: tuple[str, str] | None = None) -> bool:
    """Edges from definitions and cited results, and edges between sections, are drawn lightly."""
    if node is not None and node.kind in ("definition", "cited"):
        return True
    return bool(lay and lay.clusters and edge is not None and edge not in lay.curved)


def to_svg(nodes: list[NodeView], lay: Layout | None = None) -> str:
    """Inline SVG: each node a link to its details (``#node-<id>``), filled by status."""
    lay = lay or best_layout(nodes)
    by_id = {n.id: n for n in nodes}
    out = [(f'<svg id="graph-svg" xmlns="http://www.w3.org/2000/svg" role="img" '
           f'aria-label="dependency graph" width="{lay.width:.0f}" height="{lay.height:.0f}" '
           f'viewBox="0 0 {lay.width:.0f} {lay.height:.0f}">'),
           ('<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
           'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#777"/>'
           '</marker></defs>'), f'<g id="graph-view" data-engine="{lay.engine}"><g class="clusters">']
    for label, (x0, y0, x1, y1) in lay.clusters.items():
        out.append(f'<g class="cluster" data-section="{html.escape(label)}" '
                   f'data-box="{x0:.0f},{y0:.0f},{x1:.0f},{y1:.0f}">'
                   f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{x1 - x0:.1f}" '
                   f'height="{y1 - y0:.1f}" rx="8" fill="#f4f6fa" stroke="#c9d2e3"/>'
                   f'<text x="{x0 + 8:.1f}" y="{y0 + 15:.1f}" font-size="13" font-weight="bold" '
                   'fill="#4a5a78" '
                   f'font-family="sans-serif">{html.escape(label)}</text></g>')
    out.append('</g><g class="edges">')
    for (u, v), points in sorted(lay.routes.items()):   # u is used by v: the arrow runs v -> u
        light = _light(by_id.get(u), lay, (u, v))
        d = _bezier(points) if (u, v) in lay.curved else _path(points, NODE_H)
        out.append(f'<path class="edge" data-from="{html.escape(v)}" data-to="{html.escape(u)}"'
                   f'{" data-light=" + chr(34) + "1" + chr(34) if light else ""} d="{d}" fill="none" '
                   f'stroke="{"#aab" if light else "#777"}" stroke-width="{0.7 if light else 1.2}"'
                   f'{" stroke-opacity=" + chr(34) + "0.22" + chr(34) if light else ""} '
                   'marker-end="url(#arrow)"/>')
    out.append('</g><g class="nodes">')
    for node_id, (x, y, w, h) in lay.boxes.items():
        n = by_id[node_id]
        colour = STATUS_COLOURS.get(n.status, "#ffffff")
        rx = 4 if n.kind in ("definition", "cited") else 14
        dash = ' stroke-dasharray="4 3"' if not n.printed else ""
        esc = html.escape(node_id)
        tip = html.escape(f"{node_id} — {n.title} ({n.status})")
        out.append(
            f'<a href="#{html.escape(n.anchor)}" class="graph-node" data-node="{esc}" '
            f'data-status="{html.escape(n.status)}"><title>{tip}</title>'
            f'<rect x="{x - w / 2:.1f}" y="{y - h / 2:.1f}" width="{w:.1f}" height="{h:.1f}" rx="{rx}" '
            f'fill="{colour}" stroke="#333" stroke-width="1.2"{dash}/>'
            f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-size="12" '
            f'font-family="sans-serif">{esc}</text></a>')
    out.append("</g></g></svg>")
    return "\n".join(out)


# --------------------------------------------------------------------------- TikZ


def to_tikz(nodes: list[NodeView], lay: Layout | None = None) -> str:
    """The same picture for LaTeX (needs ``tikz`` and ``xcolor``); 1pt per SVG pixel."""
    from .tex import escape, label

    lay = lay or best_layout(nodes)
    by_id = {n.id: n for n in nodes}
    names = {node_id: f"n{i}" for i, node_id in enumerate(lay.boxes)}
    lines = [(r"\begin{tikzpicture}[x=1pt,y=-1pt,every node/.style={draw,font=\scriptsize,"
             r"minimum height=14pt,inner sep=2pt}]")]
    for node_id, (x, y, _, _) in lay.boxes.items():
        n = by_id[node_id]
        shape = "rectangle" if n.kind in ("definition", "cited") else "rectangle,rounded corners=5pt"
        dash = ",dashed" if not n.printed else ""
        lines.append(f"  \\node[{shape}{dash},fill=status{n.status}] ({names[node_id]}) at "
                     f"({x:.0f},{y:.0f}) {{\\hyperref[{label(node_id)}]{{{escape(node_id)}}}}};")
    for (u, v), points in sorted(lay.routes.items()):   # as in the SVG: from the user v to what it uses, u
        style = "->,gray!45" if _light(by_id.get(u), lay, (u, v)) else "->,gray"
        if (u, v) in lay.curved:
            pts = points[::-1]
            segs = "".join(f" .. controls ({a[0]:.0f},{a[1]:.0f}) and ({b[0]:.0f},{b[1]:.0f})"
                           f" .. ({c[0]:.0f},{c[1]:.0f})"
                           for a, b, c in zip(pts[1::3], pts[2::3], pts[3::3]))
            lines.append(f"  \\draw[{style}] ({pts[0][0]:.0f},{pts[0][1]:.0f}){segs};")
            continue
        via = " -- ".join(f"({px:.0f},{py:.0f})" for px, py in points[-2:0:-1])
        middle = f" -- {via} -- " if via else " -- "
        lines.append(f"  \\draw[{style}] ({names[v]}){middle}({names[u]});")
    lines.append(r"\end{tikzpicture}")
    return "\n".join(lines)

