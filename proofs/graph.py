"""The dependency DAG of a development (networkx), validated before anything runs."""
from __future__ import annotations

import contextlib
import sys
from dataclasses import replace
from typing import Iterable

import networkx as nx

from .alarm import TimeLimitExceeded, env_seconds, time_limit
from .development import Development, _format_exception
from .dims import covered
from .errors import ProofsError, ValidationError
from .model import Chain, Implication, Node


def build_graph(dev: Development) -> nx.DiGraph:
    """Edge ``dep -> node`` for every dependency, so topological order is checking order."""
    graph = nx.DiGraph(name=dev.name)
    for node in dev:
        graph.add_node(node.id, kind=node.kind.value, title=node.title)
    for node in dev:
        for dep in node.deps:
            if dep in dev:
                graph.add_edge(dep, node.id)
    return graph


def validate(dev: Development, backends: Iterable[str] = ()) -> nx.DiGraph:
    """The DAG, or :class:`ValidationError` listing every structural problem (builds nothing)."""
    graph = build_graph(dev)
    problems = structural_problems(dev, graph)
    if problems:
        raise ValidationError(problems)
    return graph


def structural_problems(dev: Development, graph: nx.DiGraph | None = None) -> list[ProofsError]:
    """Ids, dependencies, corrections, expected verdicts, which kinds carry obligations and (with
    ``graph``, its DAG) dependency cycles: everything that can be told without building an obligation."""
    problems: list[ProofsError] = []
    attach_contributions(dev, problems)
    for first, again in dev.duplicates:
        problems.append(ProofsError(f"duplicate id (first declared at {first.source})",
                                    node=again.id, where=again.source,
                                    hint="give every node a unique id"))
    for node in dev:
        for dep in node.deps:
            if dep not in dev:
                problems.append(ProofsError(f"depends on unknown id {dep!r}", node=node.id,
                                            where=node.source,
                                            hint="declare that node or fix the id"))
            if dep == node.id:
                problems.append(ProofsError("depends on itself", node=node.id, where=node.source))
        if node.corrects and node.corrects not in dev:
            problems.append(ProofsError(f"corrects unknown id {node.corrects!r}", node=node.id,
                                        where=node.source))
        if node.expect not in (None, "refuted"):
            problems.append(ProofsError(f"expect={node.expect!r}: the only expected verdict is 'refuted'",
                                        node=node.id, where=node.source))
        if not node.kind.is_claim and (node.build is not None or node.extra_builds):
            problems.append(ProofsError(f"a {node.kind.value} carries no obligations", node=node.id,
                                        where=node.source))
    try:
        cycle = nx.find_cycle(graph) if graph is not None else None
    except nx.NetworkXNoCycle:
        cycle = None
    if cycle:
        path = " -> ".join([u for u, _ in cycle] + [cycle[0][0]])
        first = dev[cycle[0][0]]
        problems.append(ProofsError(f"dependency cycle: {path}", node=first.id, where=first.source,
                                    hint="a proof cannot use a result that uses it"))
    return problems


def attach_contributions(dev: Development, problems: list[ProofsError]) -> None:
    """Move obligations contributed with ``Development.also`` onto their nodes (once)."""
    for node_id, build, location in dev.contributions:
        if node_id not in dev:
            problems.append(ProofsError(f"obligations contributed to unknown id {node_id!r}",
                                        where=location, hint="declare the node first"))
        elif build not in dev[node_id].extra_builds:
            dev[node_id].extra_builds.append(build)


# builders run in this process (their obligations are needed to validate the graph): a builder that
# never returns would hang the whole run, so each node's builders together get this long
# ($PROOFS_BUILD_TIMEOUT to change it; 0, inf or a negative value: no limit)
BUILD_SECONDS = 120.0


def build_obligations(dev: Development, order: Iterable[str], backends: Iterable[str]) -> None:
    """Build the obligations of the claim nodes in ``order`` (each once), or raise :class:`ValidationError`
    for obligations that name no backend, repeat a name or cite a non-dependency. A builder that raises
    is no validation problem: its node is reported ``failed``."""
    known = set(backends)
    problems = [p for node_id in order for p in _check_obligations(dev[node_id], known)]
    if problems:
        raise ValidationError(problems)


def _check_obligations(node: Node, known_backends: set[str]) -> list[ProofsError]:
    if not node.kind.is_claim:
        return _check_states(node)
    try:
        seconds = env_seconds("PROOFS_BUILD_TIMEOUT", BUILD_SECONDS)
        limit = time_limit(seconds, f"building its obligations took longer than {seconds:g}s "
                                    "(set PROOFS_BUILD_TIMEOUT to allow more)")
        with contextlib.redirect_stdout(sys.stderr), limit:
            obligations = node.obligations()        # stdout belongs to the CLI (e.g. --json -)
    except (Exception, SystemExit, TimeLimitExceeded) as exc:  # reported as `failed` by the checker
        node.build_error = _format_exception(exc)  # type: ignore[attr-defined]
        return []
    problems: list[ProofsError] = []
    if not obligations:
        problems.append(ProofsError("a claim with no obligation", node=node.id, where=node.source,
                                    hint="yield at least one Obligation from its builder"))
    names = set()
    derived = []
    clause_ids = [c.id for c in node.clauses]
    if len(set(clause_ids)) != len(clause_ids):
        problems.append(ProofsError("two clauses share an id", node=node.id, where=node.source))
    for ob in obligations:
        if clause_ids and ob.clause and ob.clause not in clause_ids:      # none: supports the whole statement
            problems.append(ProofsError(
                f"obligation {ob.name!r} establishes clause {ob.clause!r}, which the node does not declare "
                f"(its clauses: {', '.join(clause_ids)})", node=node.id, where=node.source,
                hint="give the obligation the id of a declared clause: Obligation(..., clause=ID)"))
        elif not clause_ids and ob.clause:
            problems.append(ProofsError(f"obligation {ob.name!r} names clause {ob.clause!r}, but the node "
                                        "declares no clauses", node=node.id, where=node.source,
                                        hint="declare clauses=(Clause(id, text), ...) on the node"))
        if not isinstance(ob.dims, tuple) or not all(type(n) is int and n > 0 for n in ob.dims):
            problems.append(ProofsError(
                f"obligation {ob.name!r} has dims={ob.dims!r}", node=node.id, where=node.source,
                hint="give the dimensions N it covers as a tuple of positive integers, e.g. dims=(2,) or (2, 3)"))
        else:
            dims, source, problem = covered(ob.payload, ob.dims)
            if problem:
                problems.append(ProofsError(f"obligation {ob.name!r}: {problem}", node=node.id, where=node.source,
                                            hint="leave dims out: an obligation over vectors and matrices of "
                                                 "symbolic.spaces covers the N of its objects"))
            derived.append(replace(ob, dims=dims, dims_from=source))
        if ob.name in names:
            problems.append(ProofsError(f"two obligations named {ob.name!r}", node=node.id,
                                        where=node.source))
        names.add(ob.name)
        if ob.backend not in known_backends:
            problems.append(ProofsError(
                f"obligation {ob.name!r} names backend {ob.backend!r}, which does not exist "
                f"(known: {', '.join(sorted(known_backends))})", node=node.id, where=node.source))
        if isinstance(ob.payload, Chain):
            for step in ob.payload.steps:
                if step.by and step.by not in node.deps:
                    problems.append(ProofsError(
                        f"obligation {ob.name!r}: a step is justified by {step.by!r}, "
                        "which is not among the node's dependencies", node=node.id,
                        where=node.source, hint=f"add {step.by!r} to deps"))
    if len(derived) == len(obligations):
        node._obligations = tuple(derived)
    return problems


def _check_states(node: Node) -> list[ProofsError]:
    """What a cited result or a definition states: Implications with plain or Assume hypotheses, named
    once each (they are used by reference, never discharged)."""
    from .model import Assume, Obligation

    problems, names = [], set()
    for ob in node.states:
        label = f"stated formula {getattr(ob, 'name', ob)!r}"
        if not isinstance(ob, Obligation) or not isinstance(ob.payload, Implication):
            problems.append(ProofsError(f"{label} is not an Obligation with an Implication", node=node.id,
                                        where=node.source, hint="states=(Obligation(NAME, Implication(...)),)"))
            continue
        if any(not isinstance(h, Assume) and hasattr(h, "node") for h in ob.payload.hypotheses):
            problems.append(ProofsError(f"{label} rests on another node: a stated formula is taken as it is "
                                        "printed", node=node.id, where=node.source,
                                        hint="give its hypotheses as plain relations or Assume(...)"))
        if ob.name in names:
            problems.append(ProofsError(f"two stated formulas named {ob.name!r}", node=node.id, where=node.source))
        names.add(ob.name)
    return problems


def cone(graph: nx.DiGraph, node_id: str) -> set[str]:
    """The node and everything it depends on, transitively."""
    return nx.ancestors(graph, node_id) | {node_id}


def check_order(graph: nx.DiGraph) -> list[str]:
    """Topological order with ties broken by declaration order (deterministic)."""
    position = {n: i for i, n in enumerate(graph.nodes)}
    return list(nx.lexicographical_topological_sort(graph, key=lambda n: position[n]))
