"""What the paper's test modules share."""
from __future__ import annotations

import networkx as nx

from developments.paper import DEVELOPMENT as dev
from proofs import backends
from proofs.graph import build_graph, build_obligations, check_order
from proofs.uses import resolve


def resolved(node_id: str) -> None:
    """Resolve the Assume/ByDefinition/Use hypotheses of the node's cone, as check does before running."""
    graph = build_graph(dev)
    cone = nx.ancestors(graph, node_id) | {node_id}
    order = [n for n in check_order(graph) if n in cone]
    build_obligations(dev, order, backends.names())
    resolve(dev, order)
