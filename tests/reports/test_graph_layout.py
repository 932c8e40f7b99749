"""The layered layout of the dependency graph: dependencies above users, no overlaps, few crossings."""
from __future__ import annotations

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
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
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
