"""Print the dependency DAG of a development for other tools (dot, json, graphml)."""
from __future__ import annotations

import argparse
import io
import json

import networkx as nx

from .. import backends
from ..development import DEFAULT_HELP, load_development
from ..graph import validate


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("development", nargs="?", default=None, help=DEFAULT_HELP)
    p.add_argument("--format", choices=("dot", "json", "graphml"), default="dot")


def run(args: argparse.Namespace) -> int:
    dev = load_development(args.development)
    graph = validate(dev, backends.names())
    for node in dev:
        data = graph.nodes[node.id]
        data.update(kind=node.kind.value, title=node.title, statement=node.statement,
                    source=node.source, printed=node.printed, corrects=node.corrects or "")
    print(render(graph, args.format))
    return 0


def render(graph: nx.DiGraph, fmt: str) -> str:
    if fmt == "json":
        data = nx.node_link_data(graph, edges="edges")
        return json.dumps(data, indent=2, default=str)
    if fmt == "graphml":
        buf = io.BytesIO()
        nx.write_graphml(graph, buf)
        return buf.getvalue().decode()
    lines = [f'digraph "{graph.name}" {{', "  rankdir=BT;", "  node [shape=box, style=rounded];"]
    for node_id, data in graph.nodes(data=True):
        label = f"{node_id}\\n{_escape(data.get('title', ''))}"
        lines.append(f'  "{node_id}" [label="{label}", kind="{data.get("kind", "")}"];')
    for dep, user in graph.edges:
        lines.append(f'  "{user}" -> "{dep}";')
    lines.append("}")
    return "\n".join(lines)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
