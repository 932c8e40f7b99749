"""Justified hypotheses: an obligation uses what its dependencies proved, by reference.

Before anything runs, each obligation whose hypotheses are :class:`Assume`, :class:`ByDefinition` or
:class:`Use` is rewritten into a plain one, in checking order (so a used obligation is already resolved):

- ``Assume(h)`` and ``ByDefinition(d, h)`` become ``h``;
- ``Use(node, name, substitution)`` becomes the instance ``H' ⇒ C'`` of what ``node``'s obligation ``name``
  states (an Implication's ``H ⇒ C``; an Identity's ``assumptions ⇒ lhs = rhs``; a Chain's ``start = end``;
  ``node`` is a dependency, or the node itself for one of its earlier obligations; an Induction's
  ``H ∧ n >= start => P(n)``), and each ``H'`` is conjoined to the conclusion, a side condition to be proved
  as well (in an Induction's hypotheses: proved in its base), but those listed in ``assuming`` (a proof by
  cases: the instance is a theorem whether or not they hold);
- ``Assume(Every(k, s, H(k)))``, a hypothesis schema, goes to the payload's ``schemas`` (no solver sees
  it as it stands); a used result stated under schemas needs each of them, instantiated, among the user's
  own (compared by the kernel's :func:`certificates.normal_form.schema_form`);
- ``Use(node, name, substitution, every=(y1, y2))``, the generalisation of a used result over symbols it
  leaves free, is the point schema ``Every((y1, y2), None, H_y' => C')`` (:func:`certificates.normal_form.
  generalization`), also in ``schemas``; its hypotheses that do not mention y are side conditions. These are
  resolved first, so the obligation's other uses may need them.

The rewritten obligation carries its ``justification`` (one entry per hypothesis) and its ``uses``; both
go into the record, and the kernel re-derives every instance from the dependency's certificate.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

import sympy as sp

from certificates.normal_form import (
    DERIVED,
    SCHEMA_VARIABLE,
    generalization,
    identity_statement,
    induction_statement,
    instantiate,
    schema_covers,
    schema_form,
    schema_instance,
    schema_problem,
    sign_conditions,
    stated_constants,
    substitution_problem,
)
from certificates.serialize import SerializationError, encode

from .errors import ProofsError, ValidationError
from .model import (
    Assume,
    ByDefinition,
    Chain,
    Every,
    Identity,
    Implication,
    Induction,
    Instance,
    Kind,
    Node,
    Obligation,
    Use,
)

_UNRESOLVED = object()        # an obligation whose own hypotheses could not be resolved


class _Unresolved(ProofsError):
    """A use of an obligation that could not be resolved: its own error is the one to read."""


def resolve(dev: Any, order: list[str]) -> None:
    """Rewrite the obligations of the nodes in ``order`` (built already); ValidationError for a use that
    cannot be resolved (names no dependency, no obligation, or something that states no formula)."""
    problems: list[ProofsError] = []
    resolved: dict[tuple[str, str], Any] = {}
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
                resolved[(node_id, ob.name)] = ob
            except ProofsError as exc:         # reported; a use of it is not resolved either (nor reported)
                problems.append(exc)
                resolved[(node_id, ob.name)] = _UNRESOLVED
            new.append(ob)
        node._obligations = tuple(new)
    problems = [p for p in problems if not isinstance(p, _Unresolved)] or problems
    if problems:
        raise ValidationError(problems)


def _stated(dev: Any, node: Node, ob: Obligation, resolved: dict) -> Obligation:
    """A formula a cited result or a definition states: its hypotheses are the theorem's own."""
    ob = _resolve(dev, node, ob, resolved)
    return replace(ob, backend="stated", justification=tuple({"kind": "assume"} for _ in ob.justification))


def _resolve(dev: Any, node: Node, ob: Obligation, resolved: dict) -> Obligation:
    payload = ob.payload
    if ob.justification or ob.uses:            # resolved already (a development checked twice)
        return ob
    if isinstance(payload, (Implication, Induction)):
        items = list(payload.hypotheses)
    elif isinstance(payload, (Identity, Chain)):
        items = list(payload.assumptions)
        if any(isinstance(h, (Use, Instance)) for h in items):
            raise ProofsError(f"obligation {ob.name!r}: a Use or an Instance belongs in an Implication's hypotheses",
                              node=node.id, where=node.source, hint="state the combination as an Implication")
    else:
        return ob
    schemas = [*getattr(payload, "schemas", ()), *_schemas(node, ob, items)]    # resolved twice: kept
    items = [h for h in items if not isinstance(h, Assume) or not isinstance(h.relation, Every)]
    plain: list = []
    justification: list[dict[str, Any]] = []
    uses: list[dict[str, Any]] = []
    side: list = []
    for h in [h for h in items if isinstance(h, Use) and h.every]:    # first: later uses may need them
        if h.assuming:
            raise ProofsError(f"obligation {ob.name!r}: the generalised use of {h.node}/{h.obligation} cannot leave "
                              "hypotheses assumed: its side conditions are what the point schema holds under",
                              node=node.id, where=node.source, hint="drop assuming=, or use the result without every=")
        own = [x.relation for x in items if isinstance(x, (Assume, ByDefinition))]    # the statement's
        schema, conditions = _generalized(dev, node, ob, h, resolved, schemas, own)
        uses.append({"node": h.node, "obligation": h.obligation, "schema": len(schemas),
                     "every": _enc(tuple(h.every)),
                     "substitution": [[_enc(a), _enc(b)] for a, b in _pairs(h.substitution)]})
        schemas.append(schema)
        side.extend(conditions)
    items = [h for h in items if not isinstance(h, Use) or not h.every]
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
            hypotheses, conclusion, _ = _instance(dev, node, ob, h, resolved, schemas)
            plain.append(sp.Implies(sp.And(*hypotheses), conclusion) if hypotheses else conclusion)
            cases = _assuming(node, ob, h, hypotheses)
            side.extend(c for c in hypotheses if c not in cases)
            justification.append({"kind": "use", "use": len(uses)})
            uses.append({"node": h.node, "obligation": h.obligation, "hypothesis": index,
                         "substitution": [[_enc(a), _enc(b)] for a, b in _pairs(h.substitution)],
                         **({"assuming": [_enc(c) for c in cases]} if cases else {})})
        elif isinstance(h, Instance):
            formula, conditions, at = _read(node, ob, h, schemas, isinstance(payload, Implication))
            plain.append(formula)
            side.extend(conditions)
            justification.append(at)
        else:
            plain.append(h)
            justification.append({"kind": "unlinked"})
    read = any(j["kind"] == "instance" for j in justification)   # a model of the query refutes nothing either
    if isinstance(payload, Implication):
        conclusion = sp.And(payload.conclusion, *side) if side else payload.conclusion
        opaque = payload.opaque or bool(uses) or read
        new_payload: Any = replace(payload, hypotheses=tuple(plain), conclusion=conclusion, opaque=opaque,
                                   schemas=tuple(schemas))
    elif isinstance(payload, Induction):        # the uses' hypotheses are proved in the base
        new_payload = replace(payload, hypotheses=tuple(plain), side_conditions=tuple(side),
                              opaque=payload.opaque or bool(uses), schemas=tuple(schemas))
    else:
        new_payload = replace(payload, assumptions=tuple(plain))
    return replace(ob, payload=new_payload, justification=tuple(justification), uses=tuple(uses))


def _schemas(node: Node, ob: Obligation, items: list) -> list[Every]:
    """The obligation's own hypothesis schemas, each checked by the kernel's rule; a schema must be the
    node's own hypothesis (Assume), and only implications and inductions have them."""
    where = dict(node=node.id, where=node.source)
    schemas = []
    for h in items:
        relation = h.relation if isinstance(h, (Assume, ByDefinition)) else h
        if not isinstance(relation, Every):
            continue
        if not isinstance(h, Assume):
            raise ProofsError(f"obligation {ob.name!r}: the schema {relation} is not the node's own hypothesis",
                              **where, hint="wrap it in Assume(...): a schema is a hypothesis of the statement")
        if not isinstance(ob.payload, (Implication, Induction)):
            raise ProofsError(f"obligation {ob.name!r}: a schema belongs in an Implication's or an Induction's "
                              "hypotheses", **where)
        problem = schema_problem(relation.variable, relation.start, relation.formula)
        if problem:
            raise ProofsError(f"obligation {ob.name!r}: {problem}", **where)
        schemas.append(relation)
    return schemas


def _read(node: Node, ob: Obligation, h: Instance, schemas: list, implication: bool) -> tuple[Any, list, dict]:
    """An Instance: the schema read at its values (the kernel's :func:`certificates.normal_form.schema_instance`),
    its sign conditions, and its justification (which of the obligation's schemas, at which values)."""
    where = dict(node=node.id, where=node.source)
    schema = h.schema
    if not implication or not isinstance(schema, Every) or schema.start is not None:
        raise ProofsError(f"obligation {ob.name!r}: an Instance reads a point schema (Every(..., None, ...)) in an "
                          "Implication's hypotheses", **where)
    forms = [schema_form(s.variable, s.start, s.formula) for s in schemas]
    form = schema_form(schema.variable, None, schema.formula)
    if form not in forms:
        raise ProofsError(f"obligation {ob.name!r}: the Instance reads the schema ({schema}), which is not among the "
                          "obligation's own", **where,
                          hint="assume it (Assume(Every(...))) or prove it by a generalised Use(..., every=...)")
    values = tuple(sp.sympify(v) for v in h.values)
    read = schema_instance(schema.variable, schema.formula, values)
    if isinstance(read, str):
        raise ProofsError(f"obligation {ob.name!r}: the Instance of ({schema}) {read}", **where)
    return read[0], read[1], {"kind": "instance", "schema": forms.index(form), "values": _enc(values)}


def _assuming(node: Node, ob: Obligation, use: Use, hypotheses: list) -> list:
    """The instance's hypotheses a use leaves assumed (a proof by cases): each must be one of them, as
    instantiated (the kernel's rule, :func:`certificates.recheck.check_uses`, re-derives it)."""
    where = dict(node=node.id, where=node.source)
    listed = use.assuming if isinstance(use.assuming, (tuple, list)) else None
    if listed is None or not all(isinstance(c, sp.logic.boolalg.Boolean) for c in listed):
        raise ProofsError(f"obligation {ob.name!r}: the use of {use.node}/{use.obligation} needs assuming= as a tuple "
                          f"of SymPy relations, not {use.assuming!r}", **where,
                          hint="write assuming=(x > 0,) with the symbols the development declares")
    cases = list(listed)
    missing = [c for c in cases if c not in hypotheses]
    if missing:
        raise ProofsError(f"obligation {ob.name!r}: the use of {use.node}/{use.obligation} assumes {missing[0]}, which "
                          "is not a hypothesis of its instance", **where,
                          hint="the instance's hypotheses: " + "; ".join(map(str, hypotheses)) if hypotheses else
                          "the instance has no hypotheses: drop assuming=")
    return cases


def _generalized(dev: Any, node: Node, ob: Obligation, use: Use, resolved: dict,
                 own_schemas: list, own: list) -> tuple[Every, list]:
    """The point schema a generalised use gives, and its side conditions (the kernel's rule, re-derived by
    :func:`certificates.recheck.check_uses`): the symbols generalised over are the used formula's own, left
    free by the substitution (no value mentions them) and by the schemas it is stated under."""
    where = dict(node=node.id, where=node.source)
    label = f"{use.node}/{use.obligation}"
    every = tuple(sp.sympify(v) for v in use.every)
    hypotheses, conclusion, schemas = _instance(dev, node, ob, replace(use, every=()), resolved, own_schemas)
    used = resolved[(use.node, use.obligation)]
    parameters = None if dev[use.node].kind.is_claim else used.parameters
    general = generalization(every, hypotheses, conclusion, _pairs(use.substitution), schemas, own,
                             getattr(used.payload, "integer_symbols", ()), parameters,
                             _constants(dev, use.node, used, resolved))
    if isinstance(general, str):
        raise ProofsError(f"obligation {ob.name!r}: the use of {label} {general}", **where,
                          hint="generalise over real symbols the used result is proved for at every value, "
                               "with its other hypotheses among the statement's")
    side, formula = general
    return Every(every, None, formula), side


def _instance(dev: Any, node: Node, ob: Obligation, use: Use, resolved: dict,
              own_schemas: list) -> tuple[list, Any, list]:
    where = dict(node=node.id, where=node.source)
    own = use.node == node.id
    if use.node not in node.deps and not own:
        raise ProofsError(f"obligation {ob.name!r} uses {use.node!r}, which is not a dependency", **where,
                          hint=f"add {use.node!r} to deps")
    used = resolved.get((use.node, use.obligation))
    if used is _UNRESOLVED:
        raise _Unresolved(f"obligation {ob.name!r} uses {use.node}/{use.obligation}, which is not resolved", **where)
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
    label = f"{use.node}/{use.obligation}"
    stated_h, stated_c, stated_s = statement_of(used, {}, label, where)
    integers = getattr(used.payload, "integer_symbols", ())
    parameters = None if dev[use.node].kind.is_claim else used.parameters   # a stated formula fixes the rest
    constants = _constants(dev, use.node, used, resolved)                  # what the used result rests on
    problem = substitution_problem(pairs, [*stated_h, stated_c, *(h for _, h in stated_s)], integers, parameters,
                                   getattr(ob.payload, "integer_symbols", ()), constants)
    if problem:
        raise ProofsError(f"obligation {ob.name!r}: the use of {label} {problem}", **where,
                          hint="substitute only for the used result's own symbols, integers for integers; a "
                               "constant of a cited formula stays as it is (make it a parameter of the formula "
                               "where the cited result holds for every value)")
    try:
        hypotheses, conclusion, schemas = statement_of(used, dict(pairs), label, where)
    except ValueError as exc:
        raise ProofsError(f"obligation {ob.name!r}: the use of {label}: {exc}", **where,
                          hint="rename the bound variables of the substituted term") from None
    have = [schema_form(s.variable, s.start, s.formula) for s in own_schemas]
    for start, h in schemas:
        if not schema_covers(have, (start, h)):
            k = sp.Symbol("k", integer=True)
            needed = h if start is None else Every(k, start, h.xreplace({SCHEMA_VARIABLE: k}))
            how = (f"Assume(Every(k, {start}, ...)) with that formula to its hypotheses, if the node's statement "
                   "assumes it" if start is not None else "Assume(Every((y1, ...), None, ...)) with that formula (its "
                   "variables $x0, ... any real symbols), or a Use(..., every=...) that proves it")
            raise ProofsError(f"obligation {ob.name!r}: the use of {label} needs the schema ({needed}), which "
                              "is not among the obligation's own", **where, hint=f"add {how}")
    try:
        signs = sign_conditions(pairs)
    except ValueError as exc:
        raise ProofsError(f"obligation {ob.name!r}: the use of {label} {exc}", **where,
                          hint="substitute a term SymPy knows to have the declared sign") from None
    return [*signs, *hypotheses], conclusion, schemas


_CONSTANTS = object()       # the key, in ``resolved``, of what each resolved obligation rests on as constants


def _constants(dev: Any, node_id: str, ob: Obligation, resolved: dict) -> frozenset[str]:
    """The constants of the stated formulas ``ob`` rests on, transitively: what no use of it may replace (the
    kernel's rule, :func:`certificates.decide._constants`, derives them again from the certificates)."""
    memo = resolved.setdefault(_CONSTANTS, {})
    held = memo.get(id(ob))
    if held is not None and held[0] is ob:
        return held[1]
    if not dev[node_id].kind.is_claim:              # a formula a cited result or a definition states
        hypotheses, conclusion, schemas = statement_of(ob, {}, f"{node_id}/{ob.name}", {})
        out = frozenset(stated_constants([*hypotheses, conclusion, *(h for _, h in schemas)], ob.parameters))
    else:
        out = frozenset()
        for use in ob.uses:
            dep = resolved.get((use.get("node"), use.get("obligation")))
            if isinstance(dep, Obligation) and dep is not ob:
                out |= _constants(dev, use["node"], dep, resolved)
    memo[id(ob)] = (ob, out)
    return out


def statement_of(ob: Obligation, substitution: dict, label: str, where: dict) -> tuple[list, Any, list]:
    """``(hypotheses, conclusion, schemas)`` that a resolved obligation states, instantiated (each schema as
    its form ``(start, H($k))``). Its own uses are not among the hypotheses: each is an instance of a proved
    result (a theorem), its hypotheses proved as side conditions, so what the obligation establishes is its
    other hypotheses => its conclusion, under its schemas."""
    payload = ob.payload
    pairs = list(substitution.items())
    sub = (lambda e: instantiate(e, pairs))
    proved = {u.get("schema") for u in ob.uses if "schema" in u and ob.backend != "stated"}   # theorems
    schemas = [schema_form(s.variable, s.start, s.formula, pairs)
               for j, s in enumerate(getattr(payload, "schemas", ())) if j not in proved]
    if isinstance(payload, Implication):
        kinds = [j.get("kind") for j in ob.justification] or [None] * len(payload.hypotheses)
        return ([sub(h) for h, k in zip(payload.hypotheses, kinds) if k not in DERIVED], sub(payload.conclusion),
                schemas)
    if isinstance(payload, Induction):              # H, n >= start => P(n), n an integer symbol
        kinds = [j.get("kind") for j in ob.justification] or [None] * len(payload.hypotheses)
        own = [h for h, k in zip(payload.hypotheses, kinds) if k != "use"]
        hypotheses, conclusion = induction_statement(payload.variable, payload.formula, own, payload.start)
        return [sub(h) for h in hypotheses], sub(conclusion), schemas
    if isinstance(payload, (Identity, Chain)):      # the kernel's statement of an identity, instantiated
        hypotheses, conclusion = identity_statement(payload.lhs, payload.rhs, payload.assumptions)
        return [sub(h) for h in hypotheses], sub(conclusion), []
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
