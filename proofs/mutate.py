"""Mutation testing of obligations: does the checker say no to near misses?

Each formal obligation (Identity, Chain, Implication) is perturbed at the SymPy
level: a numeric factor dropped or changed, a sign flipped, the arguments of an
undefined function or of a non-commutative product swapped, a matrix replaced by
its transpose or inverse, an inequality turned round or tightened, a hypothesis
dropped, a chain step's expression changed. Every mutant goes through the same
backend and forked runner as the original. A mutant is *killed* when the backend
does not prove it; a survivor is either shown *equivalent* to the original by a
backend (or, for a dropped hypothesis, the hypothesis is *redundant*), or it is
a weakness of the encoding.
"""
from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef

from . import backends
from .checker import obligation_seed
from .runner import run_obligations
from .uses import resolve as resolve_uses
from .development import Development
from .graph import build_obligations, check_order, validate
from .model import Chain, Identity, Implication, Numeric, Obligation, Outcome, Verdict

OPERATORS = ("factor", "number", "sign", "swap", "matrix", "relation", "hypothesis", "step")
DEFAULT_MAX_PER_OBLIGATION = 12
QUICK_MAX_PER_OBLIGATION = 4
DEFAULT_MUTANT_TIMEOUT = 30.0

# categories of a mutant's fate; the first three are kills
KILLED = "killed"                  # the backend refuted it (counterexample)
KILLED_UNKNOWN = "killed-unknown"  # unknown or timeout: not proved, but weaker evidence than a refutation
KILLED_ERROR = "killed-error"      # the backend failed on it (error, vacuous hypotheses)
EQUIVALENT = "equivalent"          # a backend proved it equal to the original statement
REDUNDANT = "redundant"            # a dropped hypothesis was not needed: the stronger claim holds
SURVIVED = "survived"              # proved, and not shown equivalent: a weakness of the encoding
KILLS = (KILLED, KILLED_UNKNOWN, KILLED_ERROR)


@dataclass
class Mutant:
    node: str
    obligation: Obligation          # the original
    index: int
    operator: str
    description: str
    payload: Any
    equivalence: Any = None         # a payload whose proof shows mutant == original
    drops_hypothesis: bool = False

    @property
    def name(self) -> str:
        return f"{self.obligation.name}~m{self.index}"

    def as_obligation(self) -> Obligation:
        return Obligation(self.name, self.payload, self.obligation.claim, self.obligation.dims,
                          self.obligation.backend)


@dataclass
class MutantResult:
    mutant: Mutant
    outcome: Outcome
    category: str
    reason: str


@dataclass
class ObligationReport:
    node: str
    name: str
    backend: str
    original: Outcome | None
    skipped: str = ""               # why no mutants were run
    generated: int = 0              # distinct mutants before sampling
    results: list[MutantResult] = field(default_factory=list)


# --------------------------------------------------------------------------- expression mutants

ExprMutant = tuple[str, str, Any]   # (operator, description, new expression)


def _short(expr: Any, width: int = 60) -> str:
    text = str(expr)
    return text if len(text) <= width else text[: width - 3] + "..."


def _replace_at(expr: Any, path: tuple[int, ...], new: Any) -> Any:
    if not path:
        return new
    args = list(expr.args)
    args[path[0]] = _replace_at(args[path[0]], path[1:], new)
    return expr.func(*args)


def _positions(expr: Any, path: tuple[int, ...] = ()) -> Iterator[tuple[tuple[int, ...], Any]]:
    """Every mutable sub-expression with its path; bound variables and limits are left alone."""
    if not isinstance(expr, sp.Basic):
        return
    yield path, expr
    if isinstance(expr, sp.Integral):
        yield from _positions(expr.args[0], path + (0,))
        return
    if isinstance(expr, sp.Lambda):
        yield from _positions(expr.args[1], path + (1,))
        return
    if expr.is_Atom:
        return
    for i, arg in enumerate(expr.args):
        yield from _positions(arg, path + (i,))


_FLIP = {sp.StrictLessThan: sp.StrictGreaterThan, sp.StrictGreaterThan: sp.StrictLessThan,
         sp.LessThan: sp.GreaterThan, sp.GreaterThan: sp.LessThan, sp.Equality: sp.Unequality,
         sp.Unequality: sp.Equality}
_TIGHTEN = {sp.GreaterThan: sp.StrictGreaterThan, sp.LessThan: sp.StrictLessThan}


def _local_mutants(e: Any) -> Iterator[ExprMutant]:
    """Mutants of one node of the tree (the caller puts them back in place)."""
    if isinstance(e, sp.Number) and e.is_finite and e != 0:
        yield "number", f"change constant {e} to {e + 1}", e + 1
    if isinstance(e, sp.Mul):
        coeff, rest = e.as_coeff_Mul()
        if coeff not in (1, -1) and isinstance(coeff, sp.Number):
            yield "factor", f"drop factor {coeff} of {_short(e)}", rest
            yield "factor", f"change factor {coeff} to {coeff + 1} in {_short(e)}", (coeff + 1) * rest
        if len(e.args) >= 2:
            for i, arg in enumerate(e.args):
                if arg.is_Number:
                    continue
                others = e.args[:i] + e.args[i + 1:]
                yield "factor", f"drop factor {_short(arg, 30)} of {_short(e)}", e.func(*others)
        nc = [a for a in e.args if not a.is_commutative]
        if len(nc) >= 2:
            c = [a for a in e.args if a.is_commutative]
            for i in range(len(nc) - 1):
                swapped = nc[:i] + [nc[i + 1], nc[i]] + nc[i + 2:]
                yield "swap", f"swap operands {nc[i]} and {nc[i + 1]} of a product", sp.Mul(*c, *swapped)
    if isinstance(e, sp.MatMul) and len(e.args) >= 2:
        args = list(e.args)
        for i in range(len(args) - 1):
            if args[i] != args[i + 1]:
                swapped = args[:i] + [args[i + 1], args[i]] + args[i + 2:]
                yield "swap", f"swap matrix factors {args[i]} and {args[i + 1]}", sp.MatMul(*swapped).doit()
    if isinstance(e, sp.MatrixSymbol) and e.shape[0] == e.shape[1]:
        yield "matrix", f"replace {e} by its transpose", e.T
        yield "matrix", f"replace {e} by its inverse", e.I
    if isinstance(e, sp.Add):
        for term in e.args:
            yield "sign", f"flip the sign of term {_short(term, 30)} in {_short(e)}", e - 2 * term
    if isinstance(e, AppliedUndef) and len(e.args) >= 2:
        for i in range(len(e.args)):
            for j in range(i + 1, len(e.args)):
                if e.args[i] != e.args[j]:
                    args = list(e.args)
                    args[i], args[j] = args[j], args[i]
                    yield "swap", f"swap arguments {i + 1} and {j + 1} of {_short(e)}", e.func(*args)
    if isinstance(e, sp.Rel) and type(e) in _FLIP:
        yield "relation", f"turn {_short(e)} round", _FLIP[type(e)](e.lhs, e.rhs)
        if type(e) in _TIGHTEN:
            yield "relation", f"make {_short(e)} strict", _TIGHTEN[type(e)](e.lhs, e.rhs)
        if isinstance(e, (sp.GreaterThan, sp.StrictGreaterThan, sp.Equality)):
            yield "relation", f"raise the right side of {_short(e)} by 1", e.func(e.lhs, e.rhs + 1)
        elif isinstance(e, (sp.LessThan, sp.StrictLessThan)):
            yield "relation", f"lower the right side of {_short(e)} by 1", e.func(e.lhs, e.rhs - 1)


_ENTRY = re.compile(r"^(.*?)_?\{?(\d)_?,?(\d)\}?$")


def matrix_entry_sets(exprs: list[Any]) -> dict[str, sp.Matrix]:
    """Families of symbols named like ``t00, t01, t10, t11`` (or ``t_1_2``) forming a full square."""
    families: dict[str, dict[tuple[int, int], sp.Symbol]] = {}
    for expr in exprs:
        if not isinstance(expr, (sp.Basic, sp.MatrixBase)):
            continue
        for s in expr.free_symbols:
            m = _ENTRY.match(s.name)
            if m and m.group(1):
                families.setdefault(m.group(1), {})[(int(m.group(2)), int(m.group(3)))] = s
    out = {}
    for prefix, entries in sorted(families.items()):
        rows = sorted({i for i, _ in entries})
        cols = sorted({j for _, j in entries})
        if len(rows) >= 2 and rows == cols and len(entries) == len(rows) ** 2 and len(rows) <= 3:
            out[prefix] = sp.Matrix([[entries[(i, j)] for j in cols] for i in rows])
    return out


def _entry_set_mutants(expr: Any, families: dict[str, sp.Matrix]) -> Iterator[ExprMutant]:
    symbols = expr.free_symbols if isinstance(expr, (sp.Basic, sp.MatrixBase)) else set()
    for prefix, M in families.items():
        if not symbols & set(M):
            continue
        transpose = dict(zip(M, M.T))
        yield "matrix", f"use the transpose of the matrix {prefix} (entries {prefix}ij -> {prefix}ji)", \
            _xreplace(expr, transpose)
        if M.shape[0] <= 3:
            inverse = M.inv(method="ADJ")
            yield "matrix", f"use the inverse of the matrix {prefix} in place of {prefix}", \
                _xreplace(expr, dict(zip(M, inverse)))


def _xreplace(expr: Any, mapping: dict) -> Any:
    return expr.xreplace(mapping)


def expression_mutants(expr: Any, families: dict[str, sp.Matrix] | None = None) -> list[ExprMutant]:
    """All distinct single-point mutants of an expression (or Matrix), in a deterministic order."""
    out: list[ExprMutant] = []
    if isinstance(expr, sp.MatrixBase):
        M = sp.Matrix(expr)
        if M.rows == M.cols:
            if M.T != M:
                out.append(("matrix", "replace the matrix by its transpose", M.T))
            try:
                inv = M.inv(method="ADJ") if M.rows <= 3 else None
            except (ValueError, ZeroDivisionError):
                inv = None
            if inv is not None:
                out.append(("matrix", "replace the matrix by its inverse", inv))
        for i in range(M.rows):
            for j in range(M.cols):
                for op, desc, new in expression_mutants(M[i, j]):
                    N = M.copy()
                    N[i, j] = new
                    out.append((op, f"entry ({i},{j}): {desc}", N))
    elif isinstance(expr, sp.Basic):
        for path, sub in _positions(expr):
            for op, desc, new in _local_mutants(sub):
                try:
                    out.append((op, desc, _replace_at(expr, path, new)))
                except (TypeError, ValueError, AttributeError):
                    continue  # the mutated node does not fit its parent
        if not isinstance(expr, (sp.Rel, sp.logic.boolalg.Boolean)):
            out.append(("sign", "negate the whole side", -expr))
            out.append(("factor", "multiply the whole side by 2", 2 * expr))
    out.extend(_entry_set_mutants(expr, families or {}))
    return _distinct(expr, out)


def _distinct(original: Any, mutants: list[ExprMutant]) -> list[ExprMutant]:
    seen: list[Any] = [original]
    out = []
    for op, desc, new in mutants:
        if any(_same(new, s) for s in seen):
            continue
        seen.append(new)
        out.append((op, desc, new))
    return out


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, sp.MatrixBase) != isinstance(b, sp.MatrixBase):
        return False
    try:
        return bool(a == b)
    except Exception:  # noqa: BLE001 - incomparable objects are different
        return False


# --------------------------------------------------------------------------- payload mutants


def payload_mutants(node_id: str, ob: Obligation) -> list[Mutant]:
    """All mutants of one obligation (unsampled), or [] for payloads that are not mutated."""
    p = ob.payload
    raw: list[tuple[str, str, Any, Any, bool]] = []   # op, description, payload, equivalence, drops
    if isinstance(p, Identity):
        families = matrix_entry_sets([p.lhs, p.rhs])
        for side in ("rhs", "lhs"):
            old = getattr(p, side)
            for op, desc, new in expression_mutants(old, families):
                raw.append((op, f"{side}: {desc}", replace(p, **{side: new}),
                            Identity(new, old, p.assumptions), False))
        raw += _dropped(p.assumptions, lambda rest: replace(p, assumptions=rest), "assumption")
    elif isinstance(p, Chain):
        families = matrix_entry_sets([p.start] + [s.expr for s in p.steps])
        for op, desc, new in expression_mutants(p.start, families):
            raw.append((op, f"start: {desc}", replace(p, start=new), Identity(new, p.start, p.assumptions),
                        False))
        for k, step in enumerate(p.steps):
            for op, desc, new in expression_mutants(step.expr, families):
                steps = p.steps[:k] + (replace(step, expr=new),) + p.steps[k + 1:]
                raw.append(("step", f"step {k + 1} ({op}): {desc}", replace(p, steps=steps),
                            Identity(new, step.expr, p.assumptions), False))
            for key in ("A", "c"):
                if key not in step.params:
                    continue
                for op, desc, new in expression_mutants(sp.Matrix(step.params[key])):
                    steps = p.steps[:k] + (replace(step, params={**step.params, key: new}),) + p.steps[k + 1:]
                    raw.append((op, f"step {k + 1} change of variables, {key}: {desc}",
                                replace(p, steps=steps), None, False))
        raw += _dropped(p.assumptions, lambda rest: replace(p, assumptions=rest), "assumption")
    elif isinstance(p, Implication):
        families = matrix_entry_sets(list(p.hypotheses) + [p.conclusion])
        for op, desc, new in expression_mutants(p.conclusion, families):
            equivalent = Implication(p.hypotheses, sp.And(sp.Implies(new, p.conclusion),
                                                          sp.Implies(p.conclusion, new)), p.integer_symbols)
            raw.append((op, f"conclusion: {desc}", replace(p, conclusion=new), equivalent, False))
        raw += _dropped(p.hypotheses, lambda rest: replace(p, hypotheses=rest), "hypothesis")
    return [Mutant(node_id, ob, i, op, desc, payload, eq, drops)
            for i, (op, desc, payload, eq, drops) in enumerate(raw, 1)]


def _dropped(items: tuple, rebuild: Callable[[tuple], Any], label: str) -> list:
    out = []
    for i, h in enumerate(items):
        rest = tuple(items[:i]) + tuple(items[i + 1:])
        out.append(("hypothesis", f"drop {label} {i + 1}: {_short(h)}", rebuild(rest), None, True))
    return out


def sample(mutants: list[Mutant], limit: int, rng: random.Random) -> list[Mutant]:
    """At most ``limit`` mutants, spread over operators round-robin (0 = all)."""
    if limit <= 0 or len(mutants) <= limit:
        return list(mutants)
    groups: dict[str, list[Mutant]] = {}
    for m in mutants:
        groups.setdefault(m.operator, []).append(m)
    for g in groups.values():
        rng.shuffle(g)
    # dropped hypotheses first: they test the encoding's use of its assumptions
    order = sorted(groups, key=lambda op: (op != "hypothesis", OPERATORS.index(op) if op in OPERATORS else 99))
    chosen: list[Mutant] = []
    while len(chosen) < limit:
        for op in order:
            if groups[op] and len(chosen) < limit:
                chosen.append(groups[op].pop())
    return sorted(chosen, key=lambda m: m.index)


# --------------------------------------------------------------------------- running


def classify(m: Mutant, outcome: Outcome, equivalence: Outcome | None) -> tuple[str, str]:
    v = outcome.verdict
    if v == Verdict.REFUTED:
        return KILLED, outcome.message
    if v == Verdict.PROVED and m.drops_hypothesis:
        return REDUNDANT, "still proved without it: the hypothesis is not needed for this obligation"
    if equivalence is not None and equivalence.verdict == Verdict.PROVED:
        return EQUIVALENT, "the backend proves the mutated part equal (equivalent) to the original"
    if v == Verdict.UNKNOWN:
        return KILLED_UNKNOWN, f"not proved (unknown/timeout: weaker than a refutation): {outcome.message}"
    if v in (Verdict.FAILED, Verdict.VACUOUS, Verdict.UNAVAILABLE):
        return KILLED_ERROR, f"not proved ({v.value}): {outcome.message}"
    return SURVIVED, "proved, and not shown equivalent to the original: the encoding does not tell them apart"


def run_mutation(dev: Development, *, only: str | None = None, seed: int = 0,
                 timeout: float = DEFAULT_MUTANT_TIMEOUT, max_per_obligation: int = DEFAULT_MAX_PER_OBLIGATION,
                 jobs: int | None = None, profile: str = "quick",
                 progress: Callable[[str, object], None] | None = None) -> list[ObligationReport]:
    import os

    from .errors import ProofsError

    graph = validate(dev, backends.names())
    if only is not None and only not in dev:
        raise ProofsError(f"--only names unknown node {only!r}",
                          hint="run `python -m proofs graph --format json` to list the node ids")
    build_obligations(dev, check_order(graph), backends.names())   # all: a mutated obligation may use others
    resolve_uses(dev, check_order(graph))
    hook = progress or (lambda event, data: None)
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    reports: list[ObligationReport] = []
    originals = []
    for node_id in check_order(graph):
        node = dev[node_id]
        if (only is not None and node_id != only) or not node.kind.is_claim:
            continue
        if node.build_error is not None:
            reports.append(ObligationReport(node_id, "(builder)", "-", None,
                                            skipped=f"building its obligations raised {node.build_error}"))
            continue
        for ob in node.obligations():
            report = ObligationReport(node_id, ob.name, ob.backend, None)
            reports.append(report)
            if isinstance(ob.payload, Numeric):
                report.skipped = "numeric check: not mutated"
            elif not isinstance(ob.payload, (Identity, Chain, Implication)):
                report.skipped = f"payload {type(ob.payload).__name__} is not mutated"
            else:
                originals.append((node_id, ob, obligation_seed(seed, node_id, ob.name)))

    def run(tasks: list, stage: str) -> dict:
        hook("stage", (stage, len(tasks)))
        return run_obligations(tasks, timeout=timeout, profile=profile, jobs=jobs, hook=hook) if tasks else {}

    first = run(originals, "originals")
    by_key = {(r.node, r.name): r for r in reports}
    mutants: list[Mutant] = []
    for node_id, ob, _ in originals:
        report = by_key[(node_id, ob.name)]
        report.original = first[(node_id, ob.name)]
        if report.original.verdict != Verdict.PROVED:
            report.skipped = f"original not proved ({report.original.verdict.value}): nothing to mutate against"
            continue
        try:
            every = payload_mutants(node_id, ob)
        except Exception as exc:  # noqa: BLE001 - a mutation operator met an expression it cannot handle
            report.skipped = f"generating mutants raised {type(exc).__name__}: {exc}"
            continue
        report.generated = len(every)
        rng = random.Random(obligation_seed(seed, node_id, ob.name + "~mutants"))
        mutants.extend(sample(every, max_per_obligation, rng))
    tasks = [(m.node, m.as_obligation(), obligation_seed(seed, m.node, m.name)) for m in mutants]
    second = run(tasks, "mutants")
    checks = [(m.node, Obligation(m.name + "~eq", m.equivalence, backend=_backend_of(m.equivalence)),
               obligation_seed(seed, m.node, m.name + "~eq"))
              for m in mutants if m.equivalence is not None
              and second[(m.node, m.name)].verdict not in (Verdict.REFUTED,)
              and not (m.drops_hypothesis and second[(m.node, m.name)].verdict == Verdict.PROVED)]
    third = run(checks, "equivalence")
    for m in mutants:
        outcome = second[(m.node, m.name)]
        category, reason = classify(m, outcome, third.get((m.node, m.name + "~eq")))
        by_key[(m.node, m.obligation.name)].results.append(MutantResult(m, outcome, category, reason))
    return reports


def _backend_of(payload: Any) -> str:
    return "z3" if isinstance(payload, Implication) else "sympy"


# --------------------------------------------------------------------------- summaries


def tally(results: list[MutantResult]) -> dict[str, Any]:
    counts = {c: 0 for c in (KILLED, KILLED_UNKNOWN, KILLED_ERROR, EQUIVALENT, REDUNDANT, SURVIVED)}
    for r in results:
        counts[r.category] += 1
    relevant = sum(counts[c] for c in KILLS) + counts[SURVIVED]
    killed = sum(counts[c] for c in KILLS)
    counts["mutants"] = len(results)
    counts["kill_rate"] = round(killed / relevant, 4) if relevant else None
    counts["refuted_rate"] = round(counts[KILLED] / relevant, 4) if relevant else None
    return counts


def to_json(reports: list[ObligationReport], *, development: str, seed: int, timeout: float,
            max_per_obligation: int) -> dict[str, Any]:
    nodes: dict[str, dict] = {}
    for rep in reports:
        entry = nodes.setdefault(rep.node, {"id": rep.node, "obligations": [], "_results": []})
        entry["_results"].extend(rep.results)
        entry["obligations"].append({
            "name": rep.name, "backend": rep.backend,
            "original": rep.original.verdict.value if rep.original else None,
            "skipped": rep.skipped or None, "generated": rep.generated,
            "mutants": [{
                "id": r.mutant.name, "operator": r.mutant.operator, "description": r.mutant.description,
                "verdict": r.outcome.verdict.value, "category": r.category, "reason": r.reason,
                "seconds": round(r.outcome.seconds, 3), "counterexample": r.outcome.counterexample,
            } for r in rep.results],
        })
    all_results = [r for rep in reports for r in rep.results]
    out_nodes = []
    for entry in nodes.values():
        entry["tally"] = tally(entry.pop("_results"))
        out_nodes.append(entry)
    skipped_numeric = sum(1 for r in reports if r.skipped.startswith("numeric"))
    return {
        "development": development, "seed": seed, "timeout": timeout,
        "max_per_obligation": max_per_obligation,
        "obligations": len(reports), "numeric_skipped": skipped_numeric,
        "not_mutated": sum(1 for r in reports if r.skipped and not r.skipped.startswith("numeric")),
        "totals": tally(all_results),
        "nodes": out_nodes,
    }


__all__ = [
    "Mutant",
    "MutantResult",
    "ObligationReport",
    "classify",
    "expression_mutants",
    "matrix_entry_sets",
    "payload_mutants",
    "run_mutation",
    "tally",
    "to_json",
]
