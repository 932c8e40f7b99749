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

from certificates.serialize import SerializationError, encode

from ..model import Chain, Identity, Obligation, Outcome, Step, Verdict

RULES = ("algebra", "definition", "cites", "change_of_variables")
COUNTEREXAMPLE_TRIES = 6


class SympyBackend:
    name = "sympy"

    def version(self) -> str | None:
        return sp.__version__

    def discharge(self, obligation: Obligation, *, timeout: float, seed: int,
                  profile: str) -> Outcome:
        start = time.perf_counter()
        payload = obligation.payload
        rng = random.Random(seed)
        if isinstance(payload, Identity):
            record = {"kind": "identity", "lhs": _enc(payload.lhs), "rhs": _enc(payload.rhs),
                      "assumptions": _enc(list(payload.assumptions))}
            verdict, message, cex = check_equal(payload.lhs, payload.rhs, payload.assumptions, rng)
        elif isinstance(payload, Chain):
            record = {"kind": "chain", "start": _enc(payload.start),
                      "assumptions": _enc(list(payload.assumptions)),
                      "steps": [_step_record(s) for s in payload.steps]}
            verdict, message, cex = check_chain(payload, rng)
        else:
            return Outcome(Verdict.FAILED, message=f"sympy cannot discharge {type(payload).__name__}",
                           backend_version=sp.__version__)
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

_CANON = [sp.Symbol(f"_v{i}") for i in range(16)]


def normalize(expr: Any) -> Any:
    """Canonical form used to compare two sides; sound (preserves value)."""
    expr = sp.sympify(expr)
    if isinstance(expr, sp.MatrixBase):
        return expr.applyfunc(normalize)
    return sp.cancel(sp.together(_rebuild(expr)))


def _rebuild(node: Any) -> Any:
    if isinstance(node, sp.Lambda):
        variables = node.variables
        canon = _CANON[: len(variables)]
        body = node.expr.xreplace(dict(zip(variables, canon)))
        return sp.Lambda(tuple(canon), normalize(body))
    if not node.args or node.is_Atom:
        return node
    if isinstance(node, sp.Integral):
        body = normalize(node.function)
        limits = [tuple(_rebuild(x) for x in lim) for lim in node.limits]
        return sp.Integral(body, *limits)
    args = [_rebuild(a) for a in node.args]
    if isinstance(node, AppliedUndef) or isinstance(node, (sp.Abs, sp.sign, sp.exp)):
        args = [a if isinstance(a, sp.Lambda) else sp.cancel(sp.together(a)) for a in args]
    return node.func(*args)


def proves_equal(lhs: Any, rhs: Any) -> bool:
    """True only when ``lhs - rhs`` is shown to be identically zero."""
    nl, nr = normalize(lhs), normalize(rhs)
    if isinstance(nl, sp.MatrixBase) or isinstance(nr, sp.MatrixBase):
        if not (isinstance(nl, sp.MatrixBase) and isinstance(nr, sp.MatrixBase)) or nl.shape != nr.shape:
            return False
        return all(_zero(a - b) for a, b in zip(nl, nr))
    return _zero(nl - nr)


def _zero(diff: Any) -> bool:
    diff = sp.cancel(sp.together(diff))
    if diff == 0:
        return True
    return sp.simplify(diff) == 0


# --------------------------------------------------------------------------- identities


def check_equal(lhs: Any, rhs: Any, assumptions: tuple, rng: random.Random):
    if proves_equal(lhs, rhs):
        return Verdict.PROVED, "both sides agree after normalisation", None
    cex = find_counterexample(lhs, rhs, assumptions, rng)
    if cex is not None:
        return Verdict.REFUTED, "the two sides differ on a concrete instance", cex
    return Verdict.UNKNOWN, "not shown equal and no counterexample found", None


def check_chain(chain: Chain, rng: random.Random):
    prev = chain.start
    for index, step in enumerate(chain.steps, 1):
        if step.rule not in RULES:
            return Verdict.FAILED, f"step {index}: unknown rule {step.rule!r}", None
        if step.rule == "change_of_variables":
            try:
                expected = change_of_variables(prev, **step.params)
            except ValueError as exc:
                return Verdict.FAILED, f"step {index}: {exc}", None
        else:
            expected = prev
        if not proves_equal(expected, step.expr):
            cex = find_counterexample(prev, step.expr, chain.assumptions, rng)
            label = f"step {index} ({step.rule}{', by ' + step.by if step.by else ''})"
            if cex is not None:
                cex["step"] = index
                return Verdict.REFUTED, f"{label} is false: the two sides differ on an instance", cex
            return Verdict.UNKNOWN, f"{label} could not be shown", None
        prev = step.expr
    return Verdict.PROVED, f"all {len(chain.steps)} steps check", None


def change_of_variables(expr: Any, old, new, A, c=None) -> Any:
    """Rewrite every integral over all of R^N in ``old`` by ``old = A new + c``.

    The integrand is substituted and multiplied by ``|det A|``; this is the rule
    of the cited change-of-variables theorem, applied here by the backend itself.
    """
    old, new = tuple(old), tuple(new)
    A = sp.Matrix(A)
    n = len(old)
    if A.shape != (n, n) or len(new) != n:
        raise ValueError("change of variables: A must be N x N for N old and N new variables")
    c = sp.zeros(n, 1) if c is None else sp.Matrix(c)
    image = A * sp.Matrix(new) + c
    det = A.det()
    if sp.simplify(det) == 0:
        raise ValueError("change of variables: A is singular")
    found = []

    def rewrite(integral: sp.Integral) -> Any:
        variables = tuple(lim[0] for lim in integral.limits)
        if set(variables) != set(old):
            return integral
        for lim in integral.limits:
            if len(lim) != 3 or lim[1] != -sp.oo or lim[2] != sp.oo:
                raise ValueError("change of variables applies to integrals over all of R^N")
        found.append(integral)
        body = integral.function.xreplace(dict(zip(old, image)))
        return sp.Integral(body * sp.Abs(det), *[(v, -sp.oo, sp.oo) for v in new])

    out = sp.sympify(expr).replace(lambda e: isinstance(e, sp.Integral), rewrite)
    if not found:
        raise ValueError(f"change of variables: no integral over {old} in the previous expression")
    return out


# --------------------------------------------------------------------------- counterexamples


def find_counterexample(lhs: Any, rhs: Any, assumptions: tuple, rng: random.Random) -> dict | None:
    """Try concrete instances; return one where the sides differ, else None."""
    expr = sp.sympify(lhs) - sp.sympify(rhs) if not isinstance(lhs, sp.MatrixBase) else None
    if expr is None:
        return None
    if any(isinstance(a, sp.Lambda) for f in expr.atoms(AppliedUndef) for a in f.args):
        return None  # functionals of functions: no concrete instances here
    has_integral = bool(expr.atoms(sp.Integral))
    bound = _bound_symbols(expr)
    free = sorted((s for s in expr.free_symbols if s not in bound), key=lambda s: s.name)
    functions = sorted({f.func for f in expr.atoms(AppliedUndef)}, key=lambda f: f.__name__)
    for _ in range(COUNTEREXAMPLE_TRIES):
        values = {s: _sample_value(s, rng) for s in free}
        if not all(_holds(a, values) for a in assumptions):
            continue
        concrete = {f: _sample_function(f, rng, gaussian=has_integral) for f in functions}
        try:
            left = _evaluate(sp.sympify(lhs), values, concrete)
            right = _evaluate(sp.sympify(rhs), values, concrete)
        except (ValueError, TypeError, ZeroDivisionError, ArithmeticError):
            continue
        if left is None or right is None:
            continue
        gap = abs(complex(left - right))
        scale = max(1.0, abs(complex(left)), abs(complex(right)))
        if gap > 1e-9 * scale:
            return {
                "symbols": {s.name: encode(v) for s, v in values.items()},
                "functions": {f.__name__: encode(lam) for f, lam in concrete.items()},
                "lhs_value": str(left), "rhs_value": str(right),
                "method": "exact" if _is_exact(left) and _is_exact(right) else "evalf(30)",
            }
    return None


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


def _sample_function(func, rng: random.Random, gaussian: bool) -> sp.Lambda:
    nargs = max(func.nargs) if func.nargs and max(func.nargs) < 10 else None
    arity = nargs or 1
    variables = sp.symbols(f"a0:{arity}", real=True)
    if gaussian:
        centre = [sp.Rational(rng.randint(-3, 3), 2) for _ in variables]
        body = sp.exp(-sum((v - c) ** 2 for v, c in zip(variables, centre)))
        body *= 1 + sum(sp.Rational(rng.randint(-2, 2), 3) * v for v in variables)
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
    out = out.doit() if out.atoms(sp.Integral) else out
    if out.atoms(sp.Integral):
        out = out.evalf(30)
    if out.free_symbols:
        return None
    return sp.simplify(out) if _is_exact(out) else out


def _is_exact(value: Any) -> bool:
    return not any(isinstance(a, sp.Float) for a in sp.preorder_traversal(value))
