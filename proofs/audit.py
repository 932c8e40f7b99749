"""A static audit of a development's proof DAG; runs no backend.

What a reader wants to know before trusting a checked paper: which unproved
assumptions each result rests on (like Lean's ``#print axioms``), whether every
cited result's hypotheses are discharged or stated, which nodes nothing uses,
which claims cite a result in their text without depending on it, the longest
chain of reasoning, and whether the graph is acyclic.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx
import sympy as sp

from . import backends
from .development import Development
from .errors import ProofsError, ValidationError
from .graph import build_graph
from .graph import structural_problems as graph_structural_problems
from .model import Chain, Identity, Implication, Kind, Node

AUDITED_KINDS = (Kind.THEOREM, Kind.PROPOSITION, Kind.LEMMA, Kind.COROLLARY)
FINAL_KINDS = (Kind.THEOREM, Kind.COROLLARY)
CITABLE = {"lemma": "lemma", "lemmas": "lemma", "proposition": "proposition", "propositions": "proposition",
           "definition": "definition", "definitions": "definition", "remark": "remark", "remarks": "remark",
           "theorem": "theorem", "theorems": "theorem", "corollary": "corollary", "corollaries": "corollary"}
_NUMBER = r"(?:[A-Z]\.)?\d+(?:\.\d+)*"
_CITATION = re.compile(
    r"\b(" + "|".join(CITABLE) + r")[\s~]+(" + _NUMBER + r"(?:\s*(?:,|and|&|,\s*and)\s*" + _NUMBER + r")*)",
    re.IGNORECASE)
DISCHARGED = "discharged:"
CARRIED = "carried"


@dataclass
class TrustedBase:
    node: str
    kind: str
    definitions: list[str]
    cited: list[dict[str, Any]]                  # {"id", "reference"}
    carried: list[dict[str, str]]                # {"cited", "hypothesis", "by"}: stated as assumptions
    hidden: list[dict[str, str]]                 # hidden assumptions anywhere in the cone


@dataclass
class Use:
    by: str
    hypotheses: dict[str, str]                   # hypothesis -> "discharged: why" | "carried" | "hidden"


@dataclass
class CitedResult:
    id: str
    title: str
    reference: str
    hypotheses: list[str]
    uses: list[Use]


@dataclass
class TextCitation:
    node: str
    cites: str                                   # the node id the text names
    text: str                                    # the words that name it
    exists: bool                                 # is there such a node in the development
    no_dependencies: bool                        # the claim's proof uses no dependency at all


@dataclass
class AuditReport:
    development: str
    title: str
    nodes: int
    acyclic: bool
    cycle: list[str] | None
    longest_chain: list[str]
    trusted_base: list[TrustedBase]
    cited: list[CitedResult]
    hidden_assumptions: list[dict[str, str]]     # {"node", "cited", "hypothesis"}
    unused: list[dict[str, str]]
    superseded: list[dict[str, str]]             # printed nodes replaced by a correction
    text_citations_without_edge: list[TextCitation]
    problems: list[str] = field(default_factory=list)
    # backends the development registered: their answers are trusted, the kernel cannot re-check them
    trusted_backends: list[str] = field(default_factory=list)
    # hypotheses that are neither the node's own (Assume), a Use of a dependency nor a definition unfolded
    unjustified_hypotheses: list[dict[str, str]] = field(default_factory=list)
    # which formulas of cited results and definitions the proofs use: exactly the cited part of the trusted base
    stated_formulas_used: list[dict[str, str]] = field(default_factory=list)
    # equalities whose two terms coincide as the development built them: shown by the construction (the
    # definitions' encoding, SymPy's evaluation), which no backend re-derives; part of the trusted base
    decided_by_construction: list[dict[str, str]] = field(default_factory=list)
    # hypotheses justified as a definition unfolded (ByDefinition): the engine checks only that the definition is
    # a dependency, so each formula is to be read against the definition; part of the trusted base
    definitions_unfolded: list[dict[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No cycle, no hidden assumption, no unjustified hypothesis, no citation in a claim's text that its
        proof ignores."""
        return (self.acyclic and not self.hidden_assumptions and not self.text_citations_without_edge
                and not self.unjustified_hypotheses)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["ok"] = self.ok
        data["longest_chain"] = {"length": max(0, len(self.longest_chain) - 1), "path": self.longest_chain}
        return data


# --------------------------------------------------------------------------- checks on the input


def structural_problems(dev: Development) -> list[ProofsError]:
    """What makes the graph unreadable (unlike a cycle, which the audit reports)."""
    problems = graph_structural_problems(dev)     # the graph's rules, and the audit's own
    for node in dev:
        problems.extend(_hypothesis_problems(dev, node))
    return problems


def _hypothesis_problems(dev: Development, node: Node) -> list[ProofsError]:
    problems = []
    for cited_id, entries in (node.cited_hypotheses or {}).items():
        where = dict(node=node.id, where=node.source)
        if cited_id not in dev:
            problems.append(ProofsError(f"cited_hypotheses names unknown id {cited_id!r}", **where,
                                        hint="use the id of a cited node it depends on"))
            continue
        if cited_id not in node.deps:
            problems.append(ProofsError(f"cited_hypotheses names {cited_id!r}, which is not a dependency",
                                        **where, hint=f"add {cited_id!r} to deps or drop the entry"))
        known = dev[cited_id].hypotheses
        for hypothesis, how in (entries or {}).items():
            if hypothesis not in known:
                problems.append(ProofsError(
                    f"cited_hypotheses[{cited_id!r}] names {hypothesis!r}, which is not a hypothesis of "
                    f"{cited_id} (its hypotheses: {', '.join(known) or 'none'})", **where,
                    hint="spell the hypothesis exactly as the cited node lists it"))
            if not _valid_discharge(how):
                problems.append(ProofsError(
                    f"cited_hypotheses[{cited_id!r}][{hypothesis!r}] is {how!r}", **where,
                    hint="write 'discharged: <why it holds here>' or 'carried[: <why>]'"))
    return problems


def _valid_discharge(how: object) -> bool:
    if not isinstance(how, str):
        return False
    text = how.strip()
    return _is_carried(text) or (text.startswith(DISCHARGED) and bool(text[len(DISCHARGED):].strip()))


def _is_carried(how: str) -> bool:
    """'carried', optionally with the reason it may be assumed: 'carried: <why>'."""
    text = how.strip()
    return text == CARRIED or text.startswith(CARRIED + ":")


# --------------------------------------------------------------------------- the audit


def audit(dev: Development) -> AuditReport:
    """Audit ``dev``; raises :class:`ValidationError` when the graph cannot be read."""
    problems = structural_problems(dev)
    if problems:
        raise ValidationError(problems)
    graph = build_graph(dev)
    cycle = _cycle(graph)
    uses = _cited_uses(dev)
    hidden = [{"node": u.by, "cited": c.id, "hypothesis": h}
              for c in uses for u in c.uses for h, how in u.hypotheses.items() if how == "hidden"]
    return AuditReport(
        development=dev.name, title=dev.title, nodes=len(dev), acyclic=cycle is None, cycle=cycle,
        longest_chain=_longest_chain(graph) if cycle is None else [],
        trusted_base=[_trusted_base(dev, graph, n, hidden) for n in dev if n.kind in AUDITED_KINDS],
        cited=uses, hidden_assumptions=hidden,
        unused=[_brief(n) for n in dev if not graph.out_degree(n.id) and n.kind not in FINAL_KINDS
                and not _superseded(dev, n)],
        superseded=[_brief(n) for n in dev if not graph.out_degree(n.id) and _superseded(dev, n)],
        text_citations_without_edge=[c for n in dev if n.kind.is_claim
                                     for c in _text_citations(dev, graph, n)],
        trusted_backends=[b for b in backends.names() if b not in backends.BUILTIN],
        **(_links(dev, graph) if cycle is None else {}),  # type: ignore[arg-type]
    )


def _links(dev: Development, graph: nx.DiGraph) -> dict[str, list[dict[str, str]]]:
    """Every hypothesis that stands for something no dependency is shown to supply, and every use of a
    formula a cited result or a definition states: this needs the obligations, so they are built (and
    their uses resolved) here, as ``check`` does."""
    from .graph import build_obligations, check_order
    from .uses import resolve

    order = check_order(graph)
    build_obligations(dev, order, backends.names())
    resolve(dev, order)
    out: list[dict[str, str]] = []
    stated: list[dict[str, str]] = []
    built: list[dict[str, str]] = []
    unfolded: list[dict[str, str]] = []
    for node_id in order:
        node = dev[node_id]
        if not node.kind.is_claim or node.build_error is not None:
            continue
        for ob in node.obligations():
            payload: Any = ob.payload
            items = payload.hypotheses if isinstance(payload, Implication) else getattr(payload, "assumptions", ())
            for k, j in enumerate(ob.justification):
                if j.get("kind") == "unlinked":
                    out.append({"node": node_id, "obligation": ob.name, "hypothesis": str(items[k])})
                elif j.get("kind") == "definition":
                    unfolded.append({"node": node_id, "obligation": ob.name, "definition": j["node"],
                                     "hypothesis": str(items[k])})
            stated += [{"node": u["node"], "formula": u["obligation"], "used_by": node_id, "obligation": ob.name}
                       for u in ob.uses if not dev[u["node"]].kind.is_claim]
            built += [{"node": node_id, "obligation": ob.name, "where": where} for where in _as_built(payload)]
    return {"unjustified_hypotheses": out, "stated_formulas_used": stated, "decided_by_construction": built,
            "definitions_unfolded": unfolded}


def _as_built(payload: Any) -> list[str]:
    """Where an Identity's two sides, or a Chain's step and the term before it, are one term already as
    built (SymPy evaluated the definitions the development applied): the backend compares a term with itself."""
    if isinstance(payload, Identity):
        return ["its two sides"] if _same(payload.lhs, payload.rhs) else []
    if isinstance(payload, Chain):
        terms = [payload.start, *(step.expr for step in payload.steps)]
        return [f"step {k} ({step.rule})" for k, step in enumerate(payload.steps, start=1)
                if _same(terms[k - 1], terms[k])]
    return []


def _same(a: Any, b: Any) -> bool:
    try:
        return bool(a == b) if isinstance(a, sp.MatrixBase) else sp.sympify(a) == sp.sympify(b)
    except (sp.SympifyError, TypeError, ValueError):
        return False


def _brief(node: Node) -> dict[str, str]:
    return {"id": node.id, "kind": node.kind.value, "title": node.title, "source": node.source}


def _cycle(graph: nx.DiGraph) -> list[str] | None:
    try:
        edges = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        return None
    return [u for u, _ in edges] + [edges[0][0]]


def _longest_chain(graph: nx.DiGraph) -> list[str]:
    """The longest path of dependencies (ties: earliest declared), from a foundation to its last user."""
    position = {n: i for i, n in enumerate(graph.nodes)}
    best: dict[str, list[str]] = {}
    for v in nx.lexicographical_topological_sort(graph, key=lambda n: position[n]):
        preds = sorted(graph.predecessors(v), key=lambda u: (-len(best[u]), position[u]))
        best[v] = (best[preds[0]] if preds else []) + [v]
    return max(best.values(), key=len, default=[])


def _superseded(dev: Development, node: Node) -> bool:
    return any(other.corrects == node.id for other in dev) or f"{node.id}.corrected" in dev


def _cited_uses(dev: Development) -> list[CitedResult]:
    results = []
    for cited in dev:
        if cited.kind != Kind.CITED:
            continue
        uses = []
        for user in dev:
            if cited.id in user.deps:
                given = (user.cited_hypotheses or {}).get(cited.id, {}) or {}
                uses.append(Use(user.id, {h: _how(given.get(h)) for h in cited.hypotheses}))
        results.append(CitedResult(cited.id, cited.title, cited.reference, list(cited.hypotheses), uses))
    return results


def _how(value: str | None) -> str:
    return "hidden" if value is None else value.strip()


def _trusted_base(dev: Development, graph: nx.DiGraph, node: Node,
                  hidden: list[dict[str, str]]) -> TrustedBase:
    cone = nx.ancestors(graph, node.id) | {node.id}
    ordered = [n for n in dev if n.id in cone]
    carried = [{"cited": cid, "hypothesis": h, "by": user.id}
               for user in ordered for cid, entries in (user.cited_hypotheses or {}).items()
               for h, how in (entries or {}).items() if _is_carried(how)]
    return TrustedBase(
        node=node.id, kind=node.kind.value,
        definitions=[n.id for n in ordered if n.kind == Kind.DEFINITION],
        cited=[{"id": n.id, "reference": n.reference} for n in ordered if n.kind == Kind.CITED],
        carried=carried,
        hidden=[h for h in hidden if h["node"] in cone],
    )


def _text_citations(dev: Development, graph: nx.DiGraph, node: Node) -> list[TextCitation]:
    """Results the node's title or statement names but its proof does not reach."""
    reachable = nx.ancestors(graph, node.id)
    own = {node.id, node.id.removesuffix(".corrected")} | ({node.corrects} if node.corrects else set())
    found: dict[str, str] = {}
    for text in (node.title, node.statement):
        for m in _CITATION.finditer(text or ""):
            kind = CITABLE[m.group(1).lower()]
            for number in re.findall(_NUMBER, m.group(2)):
                found.setdefault(f"{kind}:{number}", f"{m.group(1)} {number}")
    out = []
    for cited_id, words in found.items():
        if cited_id in own:
            continue
        satisfied = cited_id in reachable or f"{cited_id}.corrected" in reachable
        if not satisfied:
            out.append(TextCitation(node.id, cited_id, words, cited_id in dev, not node.deps))
    return out


__all__ = ["audit", "AuditReport", "structural_problems"]
