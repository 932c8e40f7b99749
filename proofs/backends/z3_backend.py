"""Z3 backend: ``hypotheses => conclusion`` over the reals.

The obligation is written once as SymPy relations; :func:`to_z3` translates it
(Add, Mul, integer Pow, Rational, Symbol, relations, And/Or/Not/Implies, Abs,
Max, Min, Piecewise). The claim is proved by ``unsat`` of its negation; ``sat``
yields a counterexample model. Before that, the hypotheses alone must be
satisfiable, or the obligation is reported vacuous.
"""
from __future__ import annotations

import time
from typing import Any

import sympy as sp

from certificates.serialize import SerializationError, encode

from ..model import Implication, Obligation, Outcome, Verdict

try:
    import z3
except ImportError:  # reported as unavailable
    z3 = None


class TranslationError(ValueError):
    """A SymPy expression outside the fragment the translator knows."""


class Z3Backend:
    name = "z3"

    def version(self) -> str | None:
        return z3.get_version_string() if z3 else None

    def discharge(self, obligation: Obligation, *, timeout: float, seed: int,
                  profile: str) -> Outcome:
        if z3 is None:
            return Outcome(Verdict.UNAVAILABLE, message="z3-solver is not installed "
                           "(pip install z3-solver)")
        payload = obligation.payload
        if not isinstance(payload, Implication):
            return Outcome(Verdict.FAILED, message=f"z3 cannot discharge {type(payload).__name__}",
                           backend_version=self.version())
        start = time.perf_counter()
        translator = Translator(payload.integer_symbols)
        hyps = [translator(h) for h in payload.hypotheses]
        goal = translator(payload.conclusion)
        record = {"kind": "implication", "hypotheses": [_enc(h) for h in payload.hypotheses],
                  "conclusion": _enc(payload.conclusion),
                  "integer_symbols": [str(s) for s in payload.integer_symbols]}
        ms = max(1, int(timeout * 1000))

        consistency = _solver(seed, ms)
        consistency.add(*hyps)
        record["smtlib_hypotheses"] = consistency.to_smt2()
        answer = consistency.check()
        record["hypotheses_satisfiable"] = str(answer)
        if answer == z3.unsat:
            return Outcome(Verdict.VACUOUS, seconds=time.perf_counter() - start,
                           message="the hypotheses are contradictory: the claim would hold vacuously",
                           backend_version=self.version(), record=record)
        if answer == z3.unknown:
            return Outcome(Verdict.UNKNOWN, seconds=time.perf_counter() - start,
                           message=f"could not show the hypotheses consistent "
                                   f"({consistency.reason_unknown()})",
                           backend_version=self.version(), record=record)

        solver = _solver(seed, ms)
        solver.add(*hyps)
        solver.add(z3.Not(goal))
        record["smtlib"] = solver.to_smt2()
        answer = solver.check()
        seconds = time.perf_counter() - start
        version = self.version()
        if answer == z3.unsat:
            return Outcome(Verdict.PROVED, seconds=seconds, message="negation is unsat",
                           backend_version=version, record=record)
        if answer == z3.sat:
            model = solver.model()
            cex = {d.name(): _model_value(model[d]) for d in model.decls()}
            return Outcome(Verdict.REFUTED, seconds=seconds,
                           message="negation is sat: counterexample found",
                           backend_version=version, record=record, counterexample={"model": cex})
        return Outcome(Verdict.UNKNOWN, seconds=seconds,
                       message=f"z3 answered unknown ({solver.reason_unknown()})",
                       backend_version=version, record=record)


def _solver(seed: int, ms: int):
    solver = z3.Solver()
    solver.set("timeout", ms)
    solver.set("random_seed", seed % (2 ** 31))
    return solver


def _enc(expr: Any) -> Any:
    try:
        return encode(expr)
    except SerializationError as exc:
        return {"unencodable": str(exc)}


def _model_value(value: Any) -> str:
    if z3.is_rational_value(value):
        return str(value.as_fraction())
    if z3.is_algebraic_value(value):
        return value.as_decimal(30).rstrip("?")
    return str(value)


class Translator:
    """SymPy -> Z3 for the fragment of real (and integer) arithmetic obligations use."""

    def __init__(self, integer_symbols=()) -> None:
        self.integers = {str(s) for s in integer_symbols}
        self.vars: dict[str, Any] = {}

    def var(self, symbol: sp.Symbol) -> Any:
        name = symbol.name
        if name not in self.vars:
            is_int = name in self.integers or symbol.is_integer
            self.vars[name] = z3.Int(name) if is_int else z3.Real(name)
        return self.vars[name]

    def __call__(self, expr: Any) -> Any:
        return self.tr(sp.sympify(expr))

    def tr(self, e: Any) -> Any:
        if e is sp.true:
            return z3.BoolVal(True)
        if e is sp.false:
            return z3.BoolVal(False)
        if isinstance(e, sp.Symbol):
            return self.var(e)
        if isinstance(e, sp.Integer):
            return z3.IntVal(int(e))
        if isinstance(e, sp.Rational):
            return z3.RealVal(sp.Rational(e).p) / z3.RealVal(sp.Rational(e).q)
        if isinstance(e, sp.Add):
            return z3.Sum([self.tr(a) for a in e.args])
        if isinstance(e, sp.Mul):
            out = self.tr(e.args[0])
            for a in e.args[1:]:
                out = out * self.tr(a)
            return out
        if isinstance(e, sp.Pow):
            base, exponent = e.args
            if exponent.is_Integer:
                n = int(exponent)
                if n == 0:
                    return z3.RealVal(1)
                b = self.tr(base)
                out = b
                for _ in range(abs(n) - 1):
                    out = out * b
                return out if n > 0 else z3.RealVal(1) / out
            raise TranslationError(f"non-integer power {e}")
        if isinstance(e, sp.Abs):
            a = self.tr(e.args[0])
            return z3.If(a >= 0, a, -a)
        if isinstance(e, (sp.Max, sp.Min)):
            args = [self.tr(a) for a in e.args]
            out = args[0]
            for a in args[1:]:
                out = z3.If(a > out, a, out) if isinstance(e, sp.Max) else z3.If(a < out, a, out)
            return out
        if isinstance(e, sp.Piecewise):
            pieces = list(e.args)
            out = self.tr(pieces[-1][0])
            if pieces[-1][1] is not sp.true:
                raise TranslationError("Piecewise must end with a (expr, True) piece")
            for value, cond in reversed(pieces[:-1]):
                out = z3.If(self.tr(cond), self.tr(value), out)
            return out
        if isinstance(e, sp.Equality):
            return self.tr(e.lhs) == self.tr(e.rhs)
        if isinstance(e, sp.Unequality):
            return self.tr(e.lhs) != self.tr(e.rhs)
        if isinstance(e, sp.StrictLessThan):
            return self.tr(e.lhs) < self.tr(e.rhs)
        if isinstance(e, sp.LessThan):
            return self.tr(e.lhs) <= self.tr(e.rhs)
        if isinstance(e, sp.StrictGreaterThan):
            return self.tr(e.lhs) > self.tr(e.rhs)
        if isinstance(e, sp.GreaterThan):
            return self.tr(e.lhs) >= self.tr(e.rhs)
        if isinstance(e, sp.And):
            return z3.And([self.tr(a) for a in e.args])
        if isinstance(e, sp.Or):
            return z3.Or([self.tr(a) for a in e.args])
        if isinstance(e, sp.Not):
            return z3.Not(self.tr(e.args[0]))
        if isinstance(e, sp.Implies):
            return z3.Implies(self.tr(e.args[0]), self.tr(e.args[1]))
        raise TranslationError(f"cannot translate {type(e).__name__}: {e}")


def to_z3(expr: Any, integer_symbols=()) -> Any:
    """Translate one SymPy expression or relation to Z3."""
    return Translator(integer_symbols)(expr)
