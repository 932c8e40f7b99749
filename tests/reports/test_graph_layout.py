"""The layered layout of the dependency graph: dependencies above users, no overlaps, few crossings."""
from __future__ import annotations

import itertools

from proofs.report.data import NodeView
from proofs.report.graph_svg import layout, to_svg, to_tikz


def _nodes(edges: dict[str, tuple[str, ...]]) -> list[NodeView]:
    return [NodeView(id=n, kind="lemma", title=n, statement="", status="proved", reason="", deps=list(d))
            for n, d in edges.items()]


# two chains declared so that the naive (declaration) order crosses: a1-b2 and a2-b1
CROSSED = {"a1": (), "a2": (), "b2": ("a1",), "b1": ("a2",), "c1": ("b1",), "c2": ("b2",),
           "d": ("c1", "c2", "a1")}


def test_dependencies_are_above_their_users_and_boxes_do_not_overlap():
    lay = layout(_nodes(CROSSED))
    for user, deps in CROSSED.items():
        for dep in deps:
            assert lay.boxes[dep][1] < lay.boxes[user][1], (dep, user)
    for layer in lay.layers:
        spans = sorted((x - w / 2, x + w / 2) for x, _, w, _ in (lay.boxes[v] for v in layer))
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    assert all(0 <= x - w / 2 and x + w / 2 <= lay.width for x, _, w, _ in lay.boxes.values())


def test_ordering_removes_avoidable_crossings():
    import networkx as nx

    from proofs.report.graph_svg import _crossings
    naive = nx.DiGraph([("a1", "b2"), ("a2", "b1"), ("b1", "c1"), ("b2", "c2")])
    assert _crossings(naive, [["a1", "a2"], ["b2", "b1"], ["c1", "c2"]]) == 1   # declaration order crosses
    assert layout(_nodes(CROSSED)).crossings == 0


def test_long_edges_route_through_every_layer_they_span():
    lay = layout(_nodes(CROSSED))
    route = lay.routes[("a1", "d")]
    layers = {v: k for k, layer in enumerate(lay.layers) for v in layer}
    assert len(route) == layers["d"] - layers["a1"] + 1   # one point per layer crossed
    assert [y for _, y in route] == sorted(y for _, y in route)


def test_cycles_are_still_drawn():
    lay = layout(_nodes({"a": ("b",), "b": ("a",), "c": ("a",)}))
    assert set(lay.boxes) == {"a", "b", "c"}


def test_svg_and_tikz_have_one_shape_per_node():
    nodes = _nodes(CROSSED)
    svg = to_svg(nodes)
    assert svg.count('class="graph-node"') == len(nodes) and svg.count('class="edge"') == 7
    tikz = to_tikz(nodes)
    assert tikz.count("\\node[") == len(nodes) and tikz.count("\\draw[") == 7


def test_graphviz_layout_groups_sections_and_falls_back_without_dot(monkeypatch):
    import shutil

    import pytest

    from proofs.report.graph_svg import best_layout

    nodes = _nodes(CROSSED)
    for n in nodes:
        n.section = "4" if n.id[0] in "ab" else "5"
    monkeypatch.setenv("PROOFS_NO_GRAPHVIZ", "1")
    assert best_layout(nodes).engine == "python"
    monkeypatch.delenv("PROOFS_NO_GRAPHVIZ")
    if shutil.which("dot") is None:
        pytest.skip("graphviz's dot is not installed (apt-get install graphviz): the Python layout is used")
    lay = best_layout(nodes)
    assert lay.engine == "graphviz dot" and set(lay.clusters) == {"Section 4", "Section 5"}
    (_x0, _y0, _x1, y1), (_, top5, _, _) = lay.clusters["Section 4"], lay.clusters["Section 5"]
    assert y1 < top5                                          # sections stacked in the development's order
    for node_id, (x, y, w, h) in lay.boxes.items():
        box = lay.clusters["Section 4" if node_id[0] in "ab" else "Section 5"]
        assert box[0] <= x - w / 2 and x + w / 2 <= box[2] and box[1] <= y - h / 2 and y + h / 2 <= box[3]
    svg = to_svg(nodes, lay)
    assert svg.count('class="graph-node"') == len(nodes) and svg.count('class="cluster"') == 2
    assert 'data-from="d" data-to="a1" data-light="1"' in svg    # an edge across sections is drawn lightly
