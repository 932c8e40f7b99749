"""Justified hypotheses: an obligation uses what its dependencies proved, by reference.

Before anything runs, each obligation whose hypotheses are :class:`Assume`, :class:`ByDefinition` or
:class:`Use` is rewritten into a plain one, in checking order (so a used obligation is already resolved):

- ``Assume(h)`` and ``ByDefinition(d, h)`` become ``h``;
- ``Use(node, name, substitution)`` becomes the instance ``H' ⇒ C'`` of what ``node``'s obligation ``name``
  states (an Implication's ``H ⇒ C``; an Identity's ``assumptions ⇒ lhs = rhs``; a Chain's ``start = end``;
  ``node`` is a dependency, or the node itself for one of its earlier obligations; an Induction's
  ``H ∧ n >= start => P(n)``), and each ``H'`` is conjoined to the conclusion, a side condition to be proved
  as well (in an Induction's hypotheses: proved in its base).

The rewritten obligation carries its ``justification`` (one entry per hypothesis) and its ``uses``; both
go into the record, and the kernel re-derives every instance from the dependency's certificate.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

import sympy as sp

from certificates.normal_form import identity_statement, induction_statement, instantiate, substitution_problem
from certificates.serialize import SerializationError, encode

from .errors import ProofsError, ValidationError
from .model import Assume, ByDefinition, Chain, Identity, Implication, Induction, Kind, Node, Obligation, Use

WRAPPERS = (Assume, ByDefinition, Use)


def resolve(dev: Any, order: list[str]) -> None:
    """Rewrite the obligations of the nodes in ``order`` (built already); ValidationError for a use that
    cannot be resolved (names no dependency, no obligation, or something that states no formula)."""
    problems: list[ProofsError] = []
    resolved: dict[tuple[str, str], Obligation] = {}
    for node_id in order:
        node = dev[node_id]
        if not node.kind.is_claim:                      # what a cited result or a definition states
            node.states = tuple(_stated(dev, node, ob, resolved) for ob in node.states)
            resolved.update({(node_id, ob.name): ob for ob in node.states})
            continue
        if node.build_error is not None:
            continue
        new = []
        for ob in node.obligations():
            try:
                ob = _resolve(dev, node, ob, resolved)
            except ProofsError as exc:
                problems.append(exc)
            resolved[(node_id, ob.name)] = ob
            new.append(ob)
        node._obligations = tuple(new)
    if problems:
        raise ValidationError(problems)


def _stated(dev: Any, node: Node, ob: Obligation, resolved: dict) -> Obligation:
    """A formula a cited result or a definition states: its hypotheses are the theorem's own."""
    ob = _resolve(dev, node, ob, resolved)
    return replace(ob, backend="stated", justification=tuple({"kind": "assume"} for _ in ob.justification))


def _resolve(dev: Any, node: Node, ob: Obligation, resolved: dict) -> Obligation:
    payload = ob.payload
    if ob.justification:                       # resolved already (a development checked twice)
        return ob
    if isinstance(payload, (Implication, Induction)):
        items = list(payload.hypotheses)
    elif isinstance(payload, (Identity, Chain)):
        items = list(payload.assumptions)
        if any(isinstance(h, Use) for h in items):
            raise ProofsError(f"obligation {ob.name!r}: a Use belongs in an Implication's hypotheses",
                              node=node.id, where=node.source, hint="state the combination as an Implication")
    else:
        return ob
    plain: list = []
    justification: list[dict[str, Any]] = []
    uses: list[dict[str, Any]] = []
    side: list = []
    for index, h in enumerate(items):
        if isinstance(h, Assume):
            plain.append(h.relation)
            justification.append({"kind": "assume"})
        elif isinstance(h, ByDefinition):
            if h.node not in node.deps or dev[h.node].kind != Kind.DEFINITION:
                raise ProofsError(f"obligation {ob.name!r}: ByDefinition names {h.node!r}, which is not a "
                                  "definition among the node's dependencies", node=node.id, where=node.source,
                                  hint=f"add the definition {h.node!r} to deps")
            plain.append(h.relation)
            justification.append({"kind": "definition", "node": h.node})
        elif isinstance(h, Use):
            hypotheses, conclusion = _instance(dev, node, ob, h, resolved)
            plain.append(sp.Implies(sp.And(*hypotheses), conclusion) if hypotheses else conclusion)
            side.extend(hypotheses)
            justification.append({"kind": "use", "use": len(uses)})
            uses.append({"node": h.node, "obligation": h.obligation, "hypothesis": index,
                         "substitution": [[_enc(a), _enc(b)] for a, b in _pairs(h.substitution)]})
        else:
            plain.append(h)
            justification.append({"kind": "unlinked"})
    if isinstance(payload, Implication):
        conclusion = sp.And(payload.conclusion, *side) if side else payload.conclusion
        opaque = payload.opaque or bool(uses)
        new_payload: Any = replace(payload, hypotheses=tuple(plain), conclusion=conclusion, opaque=opaque)
    elif isinstance(payload, Induction):        # the uses' hypotheses are proved in the base
        new_payload = replace(payload, hypotheses=tuple(plain), side_conditions=tuple(side),
                              opaque=payload.opaque or bool(uses))
    else:
        new_payload = replace(payload, assumptions=tuple(plain))
    return replace(ob, payload=new_payload, justification=tuple(justification), uses=tuple(uses))


def _instance(dev: Any, node: Node, ob: Obligation, use: Use, resolved: dict) -> tuple[list, Any]:
    where = dict(node=node.id, where=node.source)
    own = use.node == node.id
    if use.node not in node.deps and not own:
        raise ProofsError(f"obligation {ob.name!r} uses {use.node!r}, which is not a dependency", **where,
                          hint=f"add {use.node!r} to deps")
    used = resolved.get((use.node, use.obligation))
    if own and (used is None or use.obligation == ob.name):
        earlier = [o.name for o in node.obligations()]
        earlier = earlier[:earlier.index(ob.name)] if ob.name in earlier else earlier
        raise ProofsError(f"obligation {ob.name!r} uses {use.obligation!r} of its own node, which is not an "
                          f"earlier obligation (earlier: {', '.join(earlier) or 'none'})", **where,
                          hint="an obligation may use only what the node's earlier obligations prove")
    if used is None:
        used_node = dev[use.node]
        names = [o.name for o in (used_node.obligations() if used_node.kind.is_claim else used_node.states)]
        raise ProofsError(f"obligation {ob.name!r} uses {use.node}/{use.obligation}, which does not exist "
                          f"(its obligations: {', '.join(names) or 'none'})", **where)
    pairs = _pairs(use.substitution)
    stated_h, stated_c = statement_of(used, {}, f"{use.node}/{use.obligation}", where)
    integers = getattr(used.payload, "integer_symbols", ())
    parameters = None if dev[use.node].kind.is_claim else used.parameters   # a stated formula fixes the rest
    problem = substitution_problem(pairs, [*stated_h, stated_c], integers, parameters,
                                   getattr(ob.payload, "integer_symbols", ()))
    if problem:
        raise ProofsError(f"obligation {ob.name!r}: the use of {use.node}/{use.obligation} {problem}", **where,
                          hint="substitute only for the used result's own symbols, integers for integers")
    try:
        return statement_of(used, dict(pairs), f"{use.node}/{use.obligation}", where)
    except ValueError as exc:
        raise ProofsError(f"obligation {ob.name!r}: the use of {use.node}/{use.obligation}: {exc}", **where,
                          hint="rename the bound variables of the substituted term") from None


def statement_of(ob: Obligation, substitution: dict, label: str, where: dict) -> tuple[list, Any]:
    """``(hypotheses, conclusion)`` that a resolved obligation states, instantiated. Its own uses are not
    among the hypotheses: each is an instance of a proved result (a theorem), its hypotheses proved as side
    conditions, so what the obligation establishes is its other hypotheses => its conclusion."""
    payload = ob.payload
    pairs = list(substitution.items())
    sub = (lambda e: instantiate(e, pairs))
    if isinstance(payload, Implication):
        kinds = [j.get("kind") for j in ob.justification] or [None] * len(payload.hypotheses)
        return [sub(h) for h, k in zip(payload.hypotheses, kinds) if k != "use"], sub(payload.conclusion)
    if isinstance(payload, Induction):              # H, n >= start => P(n), n an integer symbol
        kinds = [j.get("kind") for j in ob.justification] or [None] * len(payload.hypotheses)
        own = [h for h, k in zip(payload.hypotheses, kinds) if k != "use"]
        hypotheses, conclusion = induction_statement(payload.variable, payload.formula, own, payload.start)
        return [sub(h) for h in hypotheses], sub(conclusion)
    if isinstance(payload, (Identity, Chain)):      # the kernel's statement of an identity, instantiated
        hypotheses, conclusion = identity_statement(payload.lhs, payload.rhs, payload.assumptions)
        return [sub(h) for h in hypotheses], sub(conclusion)
    raise ProofsError(f"{label} is a {type(payload).__name__}: only implications, inductions, identities and chains "
                      "state a formula that can be used", **where)


def _pairs(substitution: Any) -> list[tuple[Any, Any]]:
    """(key, value) pairs; a function given as ``{f: Lambda((x, y), body)}`` becomes ``(f(x, y), body)``."""
    items = substitution.items() if isinstance(substitution, dict) else substitution
    out = []
    for a, b in items:
        if isinstance(a, type) and issubclass(a, sp.Function) and isinstance(b, sp.Lambda):
            a, b = a(*b.variables), b.expr
        out.append((sp.sympify(a), sp.sympify(b)))
    return out


def _enc(expr: Any) -> Any:
    try:
        return encode(expr)
    except SerializationError as exc:
        return {"unencodable": str(exc)}
