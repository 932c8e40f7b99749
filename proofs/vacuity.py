"""Are a set of hypotheses satisfiable? A proof from contradictory assumptions proves anything.

:func:`check_consistency` first looks for an explicit witness (sampled rational
values for the symbols, polynomials for undefined functions, each assumption
then evaluated exactly to ``True``), and otherwise asks Z3 (undefined functions
become uninterpreted functions, symbol assumptions such as ``positive`` become
constraints). ``unsat`` means the hypotheses are contradictory; a Z3 model or a
checked sample is the witness; anything else is ``unknown``, never success.
"""
from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef

from certificates.serialize import SerializationError, encode

from .model import Verdict

SAMPLE_TRIES = 64
SATISFIABLE, UNSATISFIABLE, UNKNOWN = "satisfiable", "unsatisfiable", "unknown"


@dataclass
class Consistency:
    status: str                      # satisfiable | unsatisfiable | unknown
    method: str                      # trivial | sampling | z3 | none
    reason: str = ""
    witness: dict = field(default_factory=dict)

    def record(self) -> dict:
        out: dict[str, Any] = {"status": self.status, "method": self.method}
        if self.reason:
            out["reason"] = self.reason
        if self.witness:
            out["witness"] = self.witness
        return out


def _relations(items: Iterable[Any]) -> list[Any]:
    return [sp.sympify(a) for a in items]


def check_consistency(assumptions: Iterable[Any], *, seed: int = 0, timeout: float = 10.0,
                      tries: int = SAMPLE_TRIES) -> Consistency:
    """Decide whether ``And(*assumptions)`` has a real model (witness recorded)."""
    try:
        rels = _relations(assumptions)
    except (sp.SympifyError, TypeError) as exc:
        return Consistency(UNKNOWN, "none", f"assumptions are not SymPy relations: {exc}")
    if all(r is sp.true for r in rels):
        return Consistency(SATISFIABLE, "trivial", "no assumptions")
    if any(r is sp.false for r in rels):
        return Consistency(UNSATISFIABLE, "trivial", "an assumption is literally False")
    sampled = _sample_witness(rels, random.Random(seed), tries)
    if sampled is not None:
        return Consistency(SATISFIABLE, "sampling", "every assumption evaluates to True", sampled)
    return _z3_consistency(rels, seed, timeout)


# --------------------------------------------------------------------------- sampling


def _sample_value(s: sp.Symbol, rng: random.Random) -> sp.Rational:
    if s.is_zero:
        return sp.Integer(0)
    magnitude = sp.Integer(rng.randint(1, 6)) if s.is_integer else sp.Rational(rng.randint(1, 9), rng.randint(1, 4))
    if rng.random() < 0.15 and not (s.is_positive or s.is_negative or s.is_nonzero):
        return sp.Integer(0)
    if s.is_positive or s.is_nonnegative:
        return magnitude
    if s.is_negative or s.is_nonpositive:
        return -magnitude
    return magnitude if rng.random() < 0.5 else -magnitude


def _sample_function(func: Any, arity: int, rng: random.Random) -> sp.Lambda:
    variables = sp.symbols(f"w0:{arity}", real=True)
    body = sp.Rational(rng.randint(-5, 5), 2) + sum(sp.Rational(rng.randint(-4, 4), 3) * v for v in variables)
    return sp.Lambda(variables, body)


def _sample_witness(rels: list[Any], rng: random.Random, tries: int) -> dict | None:
    if any(r.atoms(sp.Integral) for r in rels):
        return None   # too costly to evaluate here; Z3 cannot read integrals either
    symbols = sorted(set().union(*(r.free_symbols for r in rels)), key=lambda s: s.name)
    applied = set().union(*(r.atoms(AppliedUndef) for r in rels))
    arities: dict[Any, int] = {}
    for a in applied:
        arities.setdefault(a.func, len(a.args))
    for _ in range(tries):
        values = {s: _sample_value(s, rng) for s in symbols}
        functions = {f: _sample_function(f, n, rng) for f, n in sorted(arities.items(), key=lambda kv: str(kv[0]))}
        if all(_holds(r, values, functions) for r in rels):
            return {"symbols": {s.name: _enc(v) for s, v in values.items()},
                    "functions": {str(f): _enc(lam) for f, lam in functions.items()}}
    return None


def _holds(rel: Any, values: dict, functions: dict) -> bool:
    try:
        out = rel.xreplace(values)
        if functions:
            out = out.replace(lambda e: isinstance(e, AppliedUndef) and e.func in functions,
                              lambda e: functions[e.func](*e.args))
        return bool(sp.simplify(out) if not isinstance(out, sp.logic.boolalg.BooleanAtom) else out) is True
    except (TypeError, ValueError, ZeroDivisionError, ArithmeticError):
        return False


def _enc(value: Any) -> Any:
    try:
        return encode(value)
    except SerializationError:
        return {"text": str(value)}


# --------------------------------------------------------------------------- z3


def _z3_consistency(rels: list[Any], seed: int, timeout: float) -> Consistency:
    try:
        import z3

        from certificates.smt import TranslationError, Translator, model_text, solve, symbol_constraints
    except ImportError:
        return Consistency(UNKNOWN, "none", "no witness by sampling, and z3-solver is not installed")
    translator = Translator(functions=True)   # undefined functions uninterpreted: a model is a genuine witness
    try:
        formulas = [translator.witness(r) for r in rels]       # roots in them: defined at the model
    except (TranslationError, z3.Z3Exception, TypeError) as exc:
        return Consistency(UNKNOWN, "none", f"no witness by sampling, and not in Z3's fragment: {exc}")
    symbols = {s.name: s for r in rels for s in r.free_symbols}
    for name, var in translator.vars.items():
        formulas.extend(symbol_constraints(symbols.get(name), var))
    answer, model, why = solve(formulas, max(1e-3, timeout), seed)
    if answer == z3.unsat:
        return Consistency(UNSATISFIABLE, "z3", "z3: the assumptions are unsat")
    if answer == z3.sat:
        witness = {"model": {d.name(): model_text(model[d]) for d in model.decls()}}
        return Consistency(SATISFIABLE, "z3", "z3 found a model", witness)
    return Consistency(UNKNOWN, "z3", f"z3 answered unknown ({why})")


# --------------------------------------------------------------------------- uses


def guard_assumptions(assumptions: tuple, record: dict, verdict: Verdict, message: str, *,
                      seed: int, timeout: float) -> tuple[Verdict, str]:
    """Check an Identity/Chain's assumptions; record the witness; demote a vacuous or unshown proof.

    No assumptions: nothing changes (and nothing is recorded). Unsatisfiable:
    ``vacuous``. Satisfiability unknown: a ``proved`` verdict becomes ``unknown``.
    A refutation already carries an instance satisfying the assumptions.
    """
    if not assumptions:
        return verdict, message
    result = check_consistency(assumptions, seed=seed, timeout=max(1.0, min(10.0, timeout / 4)))
    record["assumption_witness"] = result.record()
    if result.status == UNSATISFIABLE:
        return Verdict.VACUOUS, f"the assumptions are contradictory ({result.reason}): the claim would hold vacuously"
    if result.status == UNKNOWN and verdict == Verdict.PROVED:
        return Verdict.UNKNOWN, f"{message}, but the assumptions could not be shown satisfiable ({result.reason})"
    return verdict, message


def trusted_base_consistency(dev: Any, node_id: str, *, seed: int = 0, timeout: float = 10.0) -> dict:
    """Consistency of the SymPy-relation hypotheses of the assumed nodes a theorem rests on.

    Cited and definition nodes in the theorem's dependency cone contribute those
    of their ``hypotheses`` that are SymPy relations; textual hypotheses cannot be
    decided and are counted apart. Symbols with the same name are the same symbol.
    """
    import networkx as nx

    from .graph import build_graph

    graph = build_graph(dev)
    cone = nx.ancestors(graph, node_id) | {node_id}
    relations, textual, sources = [], 0, []
    for nid in sorted(cone):
        node = dev[nid]
        if node.kind.is_claim:
            continue
        for h in node.hypotheses:
            if isinstance(h, (sp.Basic, bool)) and not isinstance(h, sp.Symbol):
                relations.append(h)
                sources.append(nid)
            else:
                textual += 1
    result = check_consistency(relations, seed=seed, timeout=timeout)
    return {"theorem": node_id, "relations": len(relations), "textual": textual,
            "nodes": sorted(set(sources)), **result.record()}


__all__ = ["Consistency", "check_consistency", "guard_assumptions", "trusted_base_consistency"]
