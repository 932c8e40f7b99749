"""Mutation testing of obligations: does the checker say no to near misses?

Each formal obligation (Identity, Chain, Implication) is perturbed at the SymPy
level: a numeric factor dropped or changed, a sign flipped, the arguments of an
undefined function or of a non-commutative product swapped, a matrix replaced by
its transpose or inverse, an inequality turned round or tightened, a hypothesis
dropped, a chain step's expression or its change of variables (A, c, the order of
the new variables) changed. A numeric check is mutated where a mutant has a meaning:
its expectation turned round, its tolerance tightened below what it measured, an
instance off by ten times its tolerance (or, for a check that expects a difference,
equal to its reference); each of these must then disagree. Every mutant goes through
the same backend and forked runner as the original.

A mutant is *refuted* when the backend refutes it (a counterexample, or residuals that
disagree): the only kill. One that is only unknown, timed out or made the backend fail
is *not decided*: reported apart, never counted as killed. A mutant the backend still
proves is *equivalent* when a backend proves it equal to the original; for a dropped
hypothesis, it is *ill-defined* when without the hypothesis a denominator of the claim
can vanish (the z3 backend shows the domain condition fails without it and holds with
it), else the hypothesis is *redundant*; any other proved mutant *survived*: a weakness
of the encoding. An obligation that cannot be mutated fails the run with its reason.
"""
from __future__ import annotations

import functools
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef

from . import backends
from .checker import obligation_seed
from .development import Development
from .graph import build_obligations, check_order, validate
from .model import Chain, Identity, Implication, Numeric, NumericResult, Obligation, Outcome, Step, Verdict
from .runner import run_obligations
from .uses import resolve as resolve_uses

OPERATORS = ("factor", "number", "sign", "swap", "matrix", "relation", "hypothesis", "step", "numeric")
DEFAULT_MAX_PER_OBLIGATION = 12
QUICK_MAX_PER_OBLIGATION = 4
DEFAULT_MUTANT_TIMEOUT = 30.0

# categories of a mutant's fate; only a refutation kills
REFUTED = "refuted"                # the backend refuted it (a counterexample; residuals that disagree)
NOT_DECIDED = "not-decided"        # unknown, timeout or a backend failure: not shown false, not a kill
EQUIVALENT = "equivalent"          # a backend proved it equal to the original statement
ILL_DEFINED = "ill-defined"        # without the dropped hypothesis a denominator of the claim can vanish
REDUNDANT = "redundant"            # a dropped hypothesis was not needed: the stronger claim holds
SURVIVED = "survived"              # proved, and not shown equivalent: a weakness of the encoding
CATEGORIES = (REFUTED, NOT_DECIDED, EQUIVALENT, ILL_DEFINED, REDUNDANT, SURVIVED)
KILLS = (REFUTED,)

# why an obligation has no mutants: only the first kind is the mutation's own failure
CANNOT_MUTATE = "cannot-mutate"    # unsupported payload, generation raised, nothing to perturb, builder failed
ORIGINAL_OPEN = "original-open"    # the original is unknown or timed out: nothing to compare with
ORIGINAL_FALSE = "original-false"  # the original does not hold (refuted, failed, ...): the checker reports it


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
    domain: tuple = ()              # for a dropped hypothesis: the conditions under which the claim is defined
    kept: tuple = ()                # ... the hypotheses that remain, and
    every: tuple = ()               # ... all of the original's
    integer_symbols: tuple = ()

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
    skip_kind: str = ""             # CANNOT_MUTATE, ORIGINAL_OPEN or ORIGINAL_FALSE
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
        inverse = _inverse(sp.ImmutableMatrix(M)) if M.shape[0] <= 3 else None
        if inverse is not None:
            yield "matrix", f"use the inverse of the matrix {prefix} in place of {prefix}", \
                _xreplace(expr, dict(zip(M, inverse)))


@functools.lru_cache(maxsize=256)
def _inverse(M: sp.ImmutableMatrix) -> sp.ImmutableMatrix | None:
    """adj(M)/det(M), once per matrix: no invertibility proof (``inv`` spends seconds on det.equals(0)
    for a matrix of symbols); None when the determinant is identically 0."""
    det = M.det(method="berkowitz")
    if det == 0 or det.is_zero is True:
        return None
    return sp.ImmutableMatrix(M.adjugate() / det)


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
            inv = _inverse(sp.ImmutableMatrix(M)) if M.rows <= 3 else None
            if inv is not None:
                out.append(("matrix", "replace the matrix by its inverse", sp.Matrix(inv)))
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
            if expr == 0:              # a zero side (a matrix entry, a vanishing term): neither -0 nor 2*0 differs
                out.append(("number", "change constant 0 to 1", sp.Integer(1)))
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


def payload_mutants(node_id: str, ob: Obligation, original: Outcome | None = None) -> list[Mutant]:
    """All mutants of one obligation (unsampled); ``original``: its outcome (a numeric check's mutants are
    judged on the residuals it measured, not run again). TypeError for a payload that is not mutated."""
    p = ob.payload
    raw: list[tuple] = []   # op, description, payload, equivalence, drops[, domain, kept, every, integers]
    if isinstance(p, Identity):
        families = matrix_entry_sets([p.lhs, p.rhs])
        for side in ("rhs", "lhs"):
            old = getattr(p, side)
            for op, desc, new in expression_mutants(old, families):
                raw.append((op, f"{side}: {desc}", replace(p, **{side: new}),
                            Identity(new, old, p.assumptions), False))
        raw += _dropped(p.assumptions, lambda rest: replace(p, assumptions=rest), "assumption",
                        [p.lhs, p.rhs])
    elif isinstance(p, Chain):
        steps = tuple(p.steps)                # a list is accepted as well as a tuple
        families = matrix_entry_sets([p.start] + [s.expr for s in steps])
        for op, desc, new in expression_mutants(p.start, families):
            raw.append((op, f"start: {desc}", replace(p, start=new, steps=steps),
                        Identity(new, p.start, p.assumptions), False))
        for k, step in enumerate(steps):
            def with_step(changed: Step, k: int = k) -> Chain:
                return replace(p, steps=steps[:k] + (changed,) + steps[k + 1:])
            for op, desc, new in expression_mutants(step.expr, families):
                raw.append(("step", f"step {k + 1} ({step.rule}, {op}): {desc}", with_step(replace(step, expr=new)),
                            Identity(new, step.expr, p.assumptions), False))
            if step.rule != "change_of_variables":
                continue
            for key in ("A", "c"):
                if key not in step.params:
                    continue
                for op, desc, new in expression_mutants(sp.Matrix(step.params[key])):
                    raw.append((op, f"step {k + 1} change of variables, {key}: {desc}",
                                with_step(replace(step, params={**step.params, key: new})), None, False))
            # the old variables in another order (the new ones are bound: their order changes nothing)
            old_vars = list(step.params.get("old", ()))
            for i in range(len(old_vars) - 1):
                if old_vars[i] != old_vars[i + 1]:
                    swapped = old_vars[:i] + [old_vars[i + 1], old_vars[i]] + old_vars[i + 2:]
                    raw.append(("swap", f"step {k + 1} change of variables: swap old variables "
                                        f"{old_vars[i]} and {old_vars[i + 1]}",
                                with_step(replace(step, params={**step.params, "old": swapped})), None, False))
        raw += _dropped(p.assumptions, lambda rest: replace(p, assumptions=rest, steps=steps), "assumption",
                        [p.start] + [s.expr for s in steps])
    elif isinstance(p, Implication):
        families = matrix_entry_sets(list(p.hypotheses) + [p.conclusion])
        for op, desc, new in expression_mutants(p.conclusion, families):
            equivalent = replace(p, conclusion=sp.And(sp.Implies(new, p.conclusion), sp.Implies(p.conclusion, new)))
            raw.append((op, f"conclusion: {desc}", replace(p, conclusion=new), equivalent, False))
        raw += _dropped(p.hypotheses, lambda rest: replace(p, hypotheses=rest), "hypothesis",
                        list(p.hypotheses) + [p.conclusion], p.integer_symbols)
    elif isinstance(p, Numeric):
        raw += _numeric_mutants(p, original)
    else:
        raise TypeError(f"payload {type(p).__name__} is not mutated")
    out = []
    for i, entry in enumerate(raw, 1):
        op, desc, payload, eq, drops = entry[:5]
        domain, kept, every, integers = entry[5:] if len(entry) > 5 else ((), (), (), ())
        out.append(Mutant(node_id, ob, i, op, desc, payload, eq, drops, domain, kept, every, integers))
    return out


def _dropped(items: tuple, rebuild: Callable[[tuple], Any], label: str, exprs: list | None = None,
             integer_symbols: tuple = ()) -> list:
    domain = tuple(domain_conditions(exprs or []))
    out = []
    for i, h in enumerate(items):
        rest = tuple(items[:i]) + tuple(items[i + 1:])
        out.append(("hypothesis", f"drop {label} {i + 1}: {_short(h)}", rebuild(rest), None, True,
                    domain, rest, tuple(items), tuple(integer_symbols)))
    return out


# --------------------------------------------------------------------------- domain of a claim


def _subexpressions(expr: Any) -> Iterator[Any]:
    if isinstance(expr, sp.MatrixBase):
        for entry in expr:
            yield from _subexpressions(entry)
    elif isinstance(expr, sp.Basic):
        yield from sp.preorder_traversal(expr)
    elif isinstance(expr, (list, tuple)):
        for item in expr:
            yield from _subexpressions(item)


def domain_conditions(exprs: list) -> list:
    """Where the expressions are defined: every denominator (a base with a negative exponent) is not 0,
    every square root's argument is >= 0, every logarithm's argument > 0. Conditions on undefined functions
    or integrals are left out (the z3 backend cannot state them)."""
    out: list = []
    for expr in exprs:
        for sub in _subexpressions(expr):
            condition = None
            if isinstance(sub, sp.Pow) and sub.exp.is_number and sub.exp.is_real:
                if sub.exp.is_negative:
                    condition = sp.Ne(sub.base, 0)
                elif isinstance(sub.exp, sp.Rational) and sub.exp.q % 2 == 0:
                    condition = sp.Ge(sub.base, 0)
            elif isinstance(sub, sp.log):
                condition = sp.Gt(sub.args[0], 0)
            if condition is None or condition in (sp.true, sp.false) or condition in out:
                continue
            if condition.atoms(AppliedUndef) or condition.atoms(sp.Integral) or condition.atoms(sp.Lambda):
                continue
            out.append(condition)
    return out


# --------------------------------------------------------------------------- numeric mutants


@dataclass(frozen=True)
class _NumericMutant:
    """A numeric check whose result is transformed: ``base`` (what the original measured) or a new run."""

    run: Callable[..., NumericResult]
    change: str
    base: NumericResult | None = None

    def __call__(self, rng: Any, profile: str) -> NumericResult:
        result = self.base if self.base is not None else self.run(rng, profile)
        return transform_numeric(result, self.change)


def transform_numeric(result: NumericResult, change: str) -> NumericResult:
    residuals, tol = [float(r) for r in result.residuals], float(result.tolerance)
    if change == "expect":
        return replace(result, expect="disagree" if result.expect == "agree" else "agree")
    if change == "tolerance":
        if result.expect == "agree":       # below every residual: the check no longer agrees
            return replace(result, tolerance=min(residuals) / 2)
        return replace(result, tolerance=2 * max(residuals))   # above every difference it measured
    if change == "instance":
        if result.expect == "agree":       # an instance off by ten times the tolerance at every grid
            offset = 10 * tol if tol > 0 else 1.0
            return replace(result, residuals=tuple(r + offset for r in residuals))
        return replace(result, residuals=tuple(0.0 for _ in residuals))   # equal to its reference
    raise ValueError(f"unknown numeric mutation {change!r}")


def _numeric_base(original: Outcome | None) -> NumericResult | None:
    record = original.record if original is not None else None
    if not isinstance(record, dict) or record.get("kind") != "numeric":
        return None
    return NumericResult(tuple(record["resolutions"]), tuple(record["residuals"]), record["tolerance"],
                         tuple(record.get("instances") or ()), None, record.get("expect", "agree"),
                         dict(record.get("details") or {}))


def _stalls(residuals: tuple) -> bool:
    values = [float(r) for r in residuals]
    return len(values) >= 2 and min(values) > 0 and values[-1] > 0.5 * values[-2]


def _numeric_mutants(p: Numeric, original: Outcome | None) -> list:
    base = _numeric_base(original)
    descriptions = {"expect": "turn the expectation round (agree <-> disagree)",
                    "tolerance": "tighten the tolerance below every measured residual",
                    "instance": "an instance off by 10x the tolerance at every grid"}
    if base is not None and base.expect == "disagree":
        descriptions["tolerance"] = "raise the tolerance above every measured difference"
        descriptions["instance"] = "an instance equal to its reference (no difference)"
    changes = ["expect", "tolerance", "instance"]
    if base is not None and base.expect == "agree" and not _stalls(base.residuals):
        changes.remove("tolerance")       # exact, or still converging: the residual rule cannot call a tighter
        #                                   tolerance a disagreement, so that mutant would say nothing
    out = []
    for change in changes:
        payload = Numeric(_NumericMutant(p.run, change, base), f"{p.description} [{descriptions[change]}]")
        out.append(("numeric", descriptions[change], payload, None, False))
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


def classify(m: Mutant, outcome: Outcome, equivalence: Outcome | None,
             domain: dict[str, Outcome] | None = None) -> tuple[str, str]:
    """The fate of a mutant. ``domain`` (dropped hypotheses): outcomes of ``without`` (the remaining
    hypotheses imply the domain conditions), ``with`` (all of them do) and, for an implication, ``defined``
    (the mutant with the domain conditions added as hypotheses)."""
    v = outcome.verdict
    guarded = _guards_domain(domain)
    if guarded and v in (Verdict.PROVED, Verdict.REFUTED):
        conditions = ", ".join(str(c) for c in m.domain)
        defined = domain.get("defined") if domain else None
        if v == Verdict.PROVED or (defined is not None and defined.verdict == Verdict.PROVED):
            return ILL_DEFINED, (f"ill-defined without it: the claim needs {conditions}, which the remaining "
                                 f"hypotheses do not imply ({_model_text((domain or {})['without'])}) and all of them "
                                 f"do" + ("" if v == Verdict.PROVED else "; every counterexample lies where it "
                                          "is undefined"))
        if defined is not None and defined.verdict == Verdict.REFUTED:
            return REFUTED, f"{outcome.message}; also where the claim is defined ({conditions})"
    if v == Verdict.REFUTED:
        return REFUTED, outcome.message
    if v == Verdict.PROVED and m.drops_hypothesis:
        why = "" if domain is None else " (and the remaining hypotheses keep the claim defined)"
        return REDUNDANT, f"still proved without it: the hypothesis is not needed for this obligation{why}"
    if equivalence is not None and equivalence.verdict == Verdict.PROVED:
        return EQUIVALENT, "the backend proves the mutated part equal (equivalent) to the original"
    if v in (Verdict.UNKNOWN, Verdict.FAILED, Verdict.VACUOUS, Verdict.UNAVAILABLE):
        return NOT_DECIDED, f"not decided ({v.value}): not shown false, not counted as killed: {outcome.message}"
    if v == Verdict.AGREES:
        return SURVIVED, "the numeric check still agrees: it does not tell the mutant from the original"
    return SURVIVED, "proved, and not shown equivalent to the original: the encoding does not tell them apart"


def _guards_domain(domain: dict[str, Outcome] | None) -> bool:
    """Without the hypothesis the claim can be undefined, with all of them it cannot."""
    if not domain:
        return False
    return domain["without"].verdict == Verdict.REFUTED and domain["with"].verdict == Verdict.PROVED


def _model_text(outcome: Outcome) -> str:
    model = (outcome.counterexample or {}).get("model") if isinstance(outcome.counterexample, dict) else None
    if not model:
        return "z3 finds a point where a condition fails"
    return "e.g. " + ", ".join(f"{k} = {v}" for k, v in sorted(model.items())[:6])


def _domain_checks(m: Mutant) -> list[tuple[str, Implication]]:
    if not (m.drops_hypothesis and m.domain):
        return []
    conditions = sp.And(*m.domain)
    checks = [("without", Implication(tuple(m.kept), conditions, tuple(m.integer_symbols))),
              ("with", Implication(tuple(m.every), conditions, tuple(m.integer_symbols)))]
    if isinstance(m.payload, Implication):
        checks.append(("defined", replace(m.payload, hypotheses=tuple(m.payload.hypotheses) + tuple(m.domain))))
    return checks


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
            reports.append(ObligationReport(node_id, "(builder)", "-", None, skip_kind=CANNOT_MUTATE,
                                            skipped=f"building its obligations raised {node.build_error}"))
            continue
        for ob in node.obligations():
            report = ObligationReport(node_id, ob.name, ob.backend, None)
            reports.append(report)
            if not isinstance(ob.payload, (Identity, Chain, Implication, Numeric)):
                report.skip_kind = CANNOT_MUTATE
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
        verdict = report.original.verdict
        if verdict not in (Verdict.PROVED, Verdict.AGREES):
            report.skip_kind = ORIGINAL_OPEN if verdict == Verdict.UNKNOWN else ORIGINAL_FALSE
            report.skipped = f"original not established ({verdict.value}): nothing to mutate against"
            continue
        try:
            every = payload_mutants(node_id, ob, report.original)
        except Exception as exc:  # noqa: BLE001 - a mutation operator met an expression it cannot handle
            report.skip_kind = CANNOT_MUTATE
            report.skipped = f"generating mutants raised {type(exc).__name__}: {exc}"
            continue
        if not every:
            report.skip_kind = CANNOT_MUTATE
            report.skipped = "no mutant: nothing in it that an operator can perturb"
            continue
        report.generated = len(every)
        rng = random.Random(obligation_seed(seed, node_id, ob.name + "~mutants"))
        mutants.extend(sample(every, max_per_obligation, rng))
    tasks = [(m.node, m.as_obligation(), obligation_seed(seed, m.node, m.name)) for m in mutants]
    second = run(tasks, "mutants")
    checks = [(m.node, Obligation(m.name + "~eq", m.equivalence, backend=_backend_of(m.equivalence)),
               obligation_seed(seed, m.node, m.name + "~eq"))
              for m in mutants if m.equivalence is not None
              and second[(m.node, m.name)].verdict not in (Verdict.REFUTED,)]
    third = run(checks, "equivalence")
    domain_tasks = [(m.node, Obligation(f"{m.name}~domain-{kind}", payload, backend="z3"),
                     obligation_seed(seed, m.node, f"{m.name}~domain-{kind}"))
                    for m in mutants if second[(m.node, m.name)].verdict in (Verdict.PROVED, Verdict.REFUTED)
                    for kind, payload in _domain_checks(m)]
    fourth = run(domain_tasks, "domain")
    for m in mutants:
        outcome = second[(m.node, m.name)]
        domain = {kind: fourth[(m.node, f"{m.name}~domain-{kind}")] for kind, _ in _domain_checks(m)
                  if (m.node, f"{m.name}~domain-{kind}") in fourth} or None
        category, reason = classify(m, outcome, third.get((m.node, m.name + "~eq")), domain)
        by_key[(m.node, m.obligation.name)].results.append(MutantResult(m, outcome, category, reason))
    return reports


def _backend_of(payload: Any) -> str:
    return "z3" if isinstance(payload, Implication) else "sympy"


# --------------------------------------------------------------------------- summaries


def tally(results: list[MutantResult]) -> dict[str, Any]:
    """Counts per category; ``kill_rate``: refuted among the mutants that claim something different from
    the original (refuted, not decided, survived), i.e. without the equivalent, ill-defined and redundant."""
    counts: dict[str, Any] = {c: 0 for c in CATEGORIES}
    for r in results:
        counts[r.category] += 1
    relevant = counts[REFUTED] + counts[NOT_DECIDED] + counts[SURVIVED]
    counts["mutants"] = len(results)
    counts["kill_rate"] = round(counts[REFUTED] / relevant, 4) if relevant else None
    decided = counts[REFUTED] + counts[SURVIVED]
    counts["decided_kill_rate"] = round(counts[REFUTED] / decided, 4) if decided else None
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
            "skipped": rep.skipped or None, "skip_kind": rep.skip_kind or None, "generated": rep.generated,
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
    kinds = [r.skip_kind for r in reports]
    return {
        "development": development, "seed": seed, "timeout": timeout,
        "max_per_obligation": max_per_obligation,
        "obligations": len(reports),
        "mutated": sum(1 for r in reports if r.results),
        "numeric_mutated": sum(1 for r in reports if r.results and r.backend == "numeric"),
        "cannot_mutate": kinds.count(CANNOT_MUTATE),
        "original_open": kinds.count(ORIGINAL_OPEN),
        "original_false": kinds.count(ORIGINAL_FALSE),
        "totals": tally(all_results),
        "nodes": out_nodes,
    }


def exit_code(data: dict[str, Any]) -> int:
    """1: a mutant survived or an obligation could not be mutated; 3: nothing wrong, but mutants (or
    originals) not decided; 0: every mutant refuted, equivalent, ill-defined or redundant."""
    if data["totals"][SURVIVED] or data["cannot_mutate"]:
        return 1
    if data["totals"][NOT_DECIDED] or data["original_open"]:
        return 3
    return 0


__all__ = [
    "CATEGORIES",
    "Mutant",
    "MutantResult",
    "ObligationReport",
    "classify",
    "domain_conditions",
    "exit_code",
    "expression_mutants",
    "matrix_entry_sets",
    "payload_mutants",
    "run_mutation",
    "tally",
    "to_json",
    "transform_numeric",
]
