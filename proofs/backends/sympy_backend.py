"""SymPy backend: identities and chains of justified rewrite steps.

An identity is proved when both sides agree after normalisation (arguments of
undefined functions and integrands brought to canonical rational form, lambda
terms renamed to canonical variables) or when ``simplify`` reduces the
difference to zero. When that fails, concrete instances are tried (rational
values for symbols, polynomials or Gaussians for undefined functions); a
nonzero difference there is a counterexample. Otherwise the answer is unknown.
"""
from __future__ import annotations

import random
import time
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef

from certificates.normal_form import change_of_variables, equal, gaussian_integral
from certificates.serialize import SerializationError, encode

from ..model import Chain, Identity, Obligation, Outcome, Step, Verdict
from ..vacuity import guard_assumptions

RULES = ("algebra", "definition", "cites", "change_of_variables")
COUNTEREXAMPLE_TRIES = 6


class SympyBackend:
    name = "sympy"

    def version(self) -> str | None:
        return sp.__version__

    def statement(self, payload: Identity | Chain) -> dict:
        """The part of the record that states the claim (the kernel re-proves it; a cached record must
        carry exactly this)."""
        if isinstance(payload, Identity):
            return {"kind": "identity", "lhs": _enc(payload.lhs), "rhs": _enc(payload.rhs),
                    "assumptions": _enc(list(payload.assumptions))}
        return {"kind": "chain", "start": _enc(payload.start), "assumptions": _enc(list(payload.assumptions)),
                "steps": [_step_record(s) for s in payload.steps]}

    def discharge(self, obligation: Obligation, *, timeout: float, seed: int,
                  profile: str) -> Outcome:
        start = time.perf_counter()
        payload = obligation.payload
        rng = random.Random(seed)
        if isinstance(payload, Identity):
            record = self.statement(payload)
            verdict, message, cex = check_equal(payload.lhs, payload.rhs, payload.assumptions, rng)
        elif isinstance(payload, Chain):
            record = self.statement(payload)
            verdict, message, cex = check_chain(payload, rng)
        else:
            return Outcome(Verdict.FAILED, message=f"sympy cannot discharge {type(payload).__name__}",
                           backend_version=sp.__version__)
        verdict, message = guard_assumptions(payload.assumptions, record, verdict, message, seed=seed,
                                             timeout=timeout)  # vacuity: witness or VACUOUS
        record["seed"] = seed
        return Outcome(verdict, seconds=time.perf_counter() - start, message=message,
                       backend_version=sp.__version__, record=record, counterexample=cex)


def _enc(expr: Any) -> Any:
    try:
        return encode(expr)
    except SerializationError as exc:
        return {"unencodable": str(exc)}


def _step_record(step: Step) -> dict:
    rec: dict = {"rule": step.rule, "by": step.by, "expr": _enc(step.expr), "note": step.note}
    if step.params:
        rec["params"] = {k: _enc(v) for k, v in step.params.items()}
    return rec


# --------------------------------------------------------------------------- normal form
# the kernel's rules, used here to propose: one implementation of each (certificates.normal_form)


def proves_equal(lhs: Any, rhs: Any, simplify: bool = True) -> bool:
    return equal(lhs, rhs, simplify=simplify)


def _decide(expected: Any, claimed: Any, sides: tuple[Any, Any], assumptions: tuple, rng: random.Random):
    """PROVED, REFUTED (with counterexample) or UNKNOWN for ``expected == claimed``.

    The cheap normal form first, then concrete instances (a false claim is
    refuted before the costly ``simplify`` runs), then ``simplify``.
    ``sides`` are the two expressions a counterexample is evaluated on.
    """
    if proves_equal(expected, claimed, simplify=False):
        return Verdict.PROVED, None
    cex = find_counterexample(*sides, assumptions, rng)
    if cex is not None:
        return Verdict.REFUTED, cex
    if proves_equal(expected, claimed, simplify=True):
        return Verdict.PROVED, None
    return Verdict.UNKNOWN, None


# --------------------------------------------------------------------------- identities


def check_equal(lhs: Any, rhs: Any, assumptions: tuple, rng: random.Random):
    verdict, cex = _decide(lhs, rhs, (lhs, rhs), assumptions, rng)
    message = {Verdict.PROVED: "both sides agree after normalisation",
               Verdict.REFUTED: "the two sides differ on a concrete instance",
               Verdict.UNKNOWN: "not shown equal and no counterexample found"}[verdict]
    if verdict == Verdict.UNKNOWN and sp.Tuple(sp.sympify(lhs), sp.sympify(rhs)).atoms(sp.Integral):
        message += (" (the sides are integrals: the normal form compares integrands only after the same "
                    "substitution; state it as a Chain whose step has rule='change_of_variables' with "
                    "params old, new, A (and c) for y = A u + c)")
    return verdict, message, cex


def check_chain(chain: Chain, rng: random.Random):
    prev = chain.start
    for index, step in enumerate(chain.steps, 1):
        if step.rule not in RULES:
            return Verdict.FAILED, f"step {index}: unknown rule {step.rule!r}", None
        if step.rule == "change_of_variables":
            try:
                expected = change_of_variables(prev, **step.params, assumptions=chain.assumptions)
            except (TypeError, ValueError) as exc:
                return Verdict.FAILED, f"step {index}: {exc}", None
        else:
            expected = prev
        verdict, cex = _decide(expected, step.expr, (prev, step.expr), chain.assumptions, rng)
        if verdict != Verdict.PROVED:
            label = f"step {index} ({step.rule}{', by ' + step.by if step.by else ''})"
            if cex is not None:
                cex["step"] = index
                return Verdict.REFUTED, f"{label} is false: the two sides differ on an instance", cex
            return Verdict.UNKNOWN, f"{label} could not be shown", None
        prev = step.expr
    return Verdict.PROVED, f"all {len(chain.steps)} steps check", None


# --------------------------------------------------------------------------- counterexamples


def find_counterexample(lhs: Any, rhs: Any, assumptions: tuple, rng: random.Random) -> dict | None:
    """Try concrete instances; return one where the sides differ, else None. Matrices of one shape
    are searched entry by entry (the entry is recorded)."""
    if isinstance(lhs, sp.MatrixBase) or isinstance(rhs, sp.MatrixBase):
        if not (isinstance(lhs, sp.MatrixBase) and isinstance(rhs, sp.MatrixBase)) or lhs.shape != rhs.shape:
            return None
        for i in range(lhs.rows):
            for j in range(lhs.cols):
                if proves_equal(lhs[i, j], rhs[i, j], simplify=False):
                    continue
                cex = find_counterexample(lhs[i, j], rhs[i, j], assumptions, rng)
                if cex is not None:
                    return {**cex, "entry": [i, j]}
        return None
    # both sides, not their difference: x and x + 1 differ by a constant that names no symbol
    expr = sp.Tuple(sp.sympify(lhs), sp.sympify(rhs))
    functional = {f.func for f in expr.atoms(AppliedUndef) if any(isinstance(a, sp.Lambda) for a in f.args)}
    applied = [f for f in expr.atoms(AppliedUndef) if f.func in functional]
    if any(len(f.args) != 1 or not isinstance(f.args[0], sp.Lambda) for f in applied):
        return None  # a functional of several arguments: no concrete instance here
    arities = {g: {len(f.args[0].variables) for f in applied if f.func == g} for g in functional}
    if any(len(a) != 1 for a in arities.values()):
        return None  # one functional applied to functions of different arities
    arity_of_functional = {g: a.pop() for g, a in arities.items()}
    has_integral = bool(expr.atoms(sp.Integral))
    bound = _bound_symbols(expr)
    # the assumptions' symbols too: an entry that is a constant still needs an instance where they hold
    named = expr.free_symbols | set().union(*(sp.sympify(a).free_symbols for a in assumptions))
    free = sorted((s for s in named if s not in bound), key=lambda s: s.name)
    arity = {f.func: len(f.args) for f in expr.atoms(AppliedUndef) if f.func not in functional}
    functions = sorted(arity, key=lambda f: f.__name__)
    for _ in range(COUNTEREXAMPLE_TRIES):
        values = {s: _sample_value(s, rng) for s in free}
        if not all(_holds(a, values) for a in assumptions):
            continue
        concrete = {f: _sample_function(arity[f], rng, gaussian=has_integral) for f in functions}
        # a general functional mu is, in particular, a point evaluation g -> g(p): one concrete instance
        points = {g: [sp.Rational(rng.randint(-6, 6), 4) for _ in range(n)]
                  for g, n in sorted(arity_of_functional.items(), key=lambda kv: kv[0].__name__)}
        try:
            left = _evaluate(_at_points(sp.sympify(lhs), points), values, concrete)
            right = _evaluate(_at_points(sp.sympify(rhs), points), values, concrete)
        except (ValueError, TypeError, ZeroDivisionError, ArithmeticError):
            continue
        if left is None or right is None:
            continue
        gap = abs(complex(sp.N(left - right, 40)))
        scale = max(1.0, abs(complex(sp.N(left, 40))), abs(complex(sp.N(right, 40))))
        if gap > 1e-20 * scale:
            out = {
                "symbols": {s.name: encode(v) for s, v in values.items()},
                "functions": {f.__name__: encode(lam) for f, lam in concrete.items()},
                "lhs_value": str(left), "rhs_value": str(right),
                "method": "closed form, compared at 40 digits",
            }
            if points:
                out["functionals"] = {g.__name__: {"point": [encode(p) for p in pt]} for g, pt in points.items()}
            return out
    return None


def _at_points(expr: Any, points: dict) -> Any:
    """Each functional ``mu(Lambda(z, body))`` replaced by ``body`` at its sampled point (the same rule the
    kernel re-evaluates a counterexample with)."""
    if not points:
        return expr
    return expr.replace(lambda e: isinstance(e, AppliedUndef) and e.func in points,
                        lambda e: e.args[0].expr.xreplace(dict(zip(e.args[0].variables, points[e.func]))))


def _bound_symbols(expr: Any) -> set:
    bound = set()
    for integral in expr.atoms(sp.Integral):
        bound |= {lim[0] for lim in integral.limits}
    return bound


def _sample_value(symbol: sp.Symbol, rng: random.Random) -> sp.Rational:
    value = sp.Rational(rng.randint(1, 9), rng.randint(1, 4))
    if symbol.is_integer:
        value = sp.Integer(rng.randint(1, 5))
    if symbol.is_positive or symbol.is_nonnegative:
        return value
    return value if rng.random() < 0.5 else -value


def _sample_function(arity: int, rng: random.Random, gaussian: bool) -> sp.Lambda:
    """A concrete stand-in for an undefined function.

    Where integrals occur, a Gaussian with random centre and width, so every
    integral over R^N has a closed form (see :func:`certificates.normal_form.gaussian_integral`);
    elsewhere a random quadratic polynomial.
    """
    variables = sp.symbols(f"a0:{arity}", real=True)
    if gaussian:
        centre = [sp.Rational(rng.randint(-3, 3), 2) for _ in variables]
        width = [sp.Rational(rng.randint(1, 4), 2) for _ in variables]
        body = sp.Rational(rng.randint(1, 5), 2) * sp.exp(
            -sum(w * (v - c) ** 2 for v, c, w in zip(variables, centre, width)))
    else:
        body = sp.Rational(rng.randint(-5, 5), 3) + sum(
            sp.Rational(rng.randint(-5, 5), 2) * v + sp.Rational(rng.randint(-3, 3), 4) * v ** 2
            for v in variables)
        if len(variables) > 1:
            body += sp.Rational(rng.randint(1, 4), 3) * variables[0] * variables[1]
    return sp.Lambda(variables, body)


def _holds(assumption: Any, values: dict) -> bool:
    try:
        return bool(sp.sympify(assumption).xreplace(values)) is True
    except TypeError:
        return False


def _evaluate(expr: Any, values: dict, functions: dict):
    out = expr.xreplace(values)
    out = out.replace(lambda e: isinstance(e, AppliedUndef) and e.func in functions,
                      lambda e: functions[e.func](*e.args))
    out = out.replace(lambda e: isinstance(e, sp.Integral), gaussian_integral)
    if out.free_symbols or out.atoms(sp.Integral):   # only closed forms are compared at 40 digits
        return None
    return out
