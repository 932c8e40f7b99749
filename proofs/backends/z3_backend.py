"""Z3 backend: ``hypotheses => conclusion`` over the reals.

The obligation is written once as SymPy relations; the kernel's translator
(:class:`certificates.smt.Translator`, the one that re-checks the certificate) turns
it into Z3 (Add, Mul, rational Pow, Rational, Symbol, relations, And/Or/Not/Implies,
Abs, sign, Max, Min, Piecewise). The claim is proved by ``unsat`` of its negation; ``sat``
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

    from certificates.smt import TranslationError, Translator, model_text, sign_violation, solve
except ImportError:  # reported as unavailable
    z3 = None


class Z3Backend:
    name = "z3"

    def version(self) -> str | None:
        return z3.get_version_string() if z3 else None

    def statement(self, payload: Implication) -> dict:
        """The part of the record that states the claim (a cached record must carry exactly this)."""
        return {"kind": "implication", "hypotheses": [_enc(h) for h in payload.hypotheses],
                "conclusion": _enc(payload.conclusion),
                "integer_symbols": [str(s) for s in payload.integer_symbols]}

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
        translator = Translator(payload.integer_symbols, opaque=payload.opaque)
        hyps = [translator(h) for h in payload.hypotheses]
        goal = translator.goal(payload.conclusion)      # with roots: shown real-valued too
        record = self.statement(payload)
        if payload.opaque:
            record["opaque"] = True
        record["smtlib_hypotheses"] = _smtlib(hyps)
        answer, _, why = solve(hyps, _left(start, timeout), seed)
        record["hypotheses_satisfiable"] = str(answer)
        if answer == z3.unsat:
            return Outcome(Verdict.VACUOUS, seconds=time.perf_counter() - start,
                           message="the hypotheses are contradictory: the claim would hold vacuously (to show "
                                   "that some conditions cannot hold together, keep the common ones as "
                                   "hypotheses and make Not(And(...)) of the others the conclusion)",
                           backend_version=self.version(), record=record)
        if answer == z3.unknown:
            return Outcome(Verdict.UNKNOWN, seconds=time.perf_counter() - start,
                           message=f"could not show the hypotheses consistent ({why})",
                           backend_version=self.version(), record=record)

        negation = [*hyps, z3.Not(goal)]
        record["smtlib"] = _smtlib(negation)
        answer, model, why = solve(negation, _left(start, timeout), seed)
        seconds = time.perf_counter() - start
        version = self.version()
        if answer == z3.unsat:
            return Outcome(Verdict.PROVED, seconds=seconds, message="negation is unsat",
                           backend_version=version, record=record)
        if answer == z3.sat and payload.opaque:
            return Outcome(Verdict.UNKNOWN, seconds=seconds, backend_version=version, record=record,
                           message="negation is sat, but only with the opaque terms as free constants: "
                                   "no counterexample to the claim itself")
        if answer == z3.sat:
            defined = [translator.defined(r) for r in (*payload.hypotheses, payload.conclusion)]
            if not z3.is_true(model.eval(z3.And(defined), model_completion=True)):
                # a counterexample must be a point where the claim is real-valued
                answer, model, why = solve([*negation, *defined], _left(start, timeout), seed)
                if answer == z3.unknown:
                    return Outcome(Verdict.UNKNOWN, seconds=seconds, backend_version=version, record=record,
                                   message="negation is sat only where a root's argument is negative, as far "
                                           f"as z3 could tell ({why})")
                if answer == z3.unsat:
                    return Outcome(Verdict.FAILED, seconds=seconds, backend_version=version, record=record,
                                   message="ill-defined: not proved, as a root's argument can be negative "
                                           "under the hypotheses (and no counterexample is real-valued): "
                                           "state its domain (x >= 0 for sqrt(x)) as a hypothesis")
            cex = {d.name(): model_text(model[d]) for d in model.decls()}
            symbols = {s.name: s for r in (*payload.hypotheses, payload.conclusion) for s in sp.sympify(r).free_symbols}
            broken = sign_violation(symbols, cex)
            if broken:       # a hypothesis such as x > 0 of a positive x became True before Z3 saw it
                return Outcome(Verdict.UNKNOWN, seconds=seconds, backend_version=version, record=record,
                               message=f"negation is sat, but {broken}: state its sign as a hypothesis "
                                       "(a symbol's own assumptions do not reach Z3)")
            return Outcome(Verdict.REFUTED, seconds=seconds,
                           message="negation is sat: counterexample found",
                           backend_version=version, record=record, counterexample={"model": cex})
        return Outcome(Verdict.UNKNOWN, seconds=seconds,
                       message=f"z3 answered unknown ({why})",
                       backend_version=version, record=record)


def _smtlib(formulas: list) -> str:
    """The SMT-LIB text of a query, as the certificate records it (the kernel re-solves this text)."""
    solver = z3.Solver()
    solver.add(*formulas)
    return solver.to_smt2()


def _left(start: float, timeout: float) -> float:
    """What is left of the obligation's time limit (at least a millisecond: 0 would mean no limit)."""
    return max(1e-3, timeout - (time.perf_counter() - start))


def _enc(expr: Any) -> Any:
    try:
        return encode(expr)
    except SerializationError as exc:
        return {"unencodable": str(exc)}


def to_z3(expr: Any, integer_symbols=()) -> Any:
    """Translate one SymPy expression or relation to Z3."""
    return Translator(integer_symbols)(expr)


__all__ = ["Z3Backend", "TranslationError", "Translator", "to_z3"]
