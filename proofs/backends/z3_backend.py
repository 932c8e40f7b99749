"""Z3 backend: ``hypotheses => conclusion`` over the reals.

The obligation is written once as SymPy relations; the kernel's translator
(:class:`certificates.smt.Translator`, the one that re-checks the certificate) turns
it into Z3 (Add, Mul, rational Pow, Rational, Symbol, relations, And/Or/Not/Implies,
Abs, sign, Max, Min, Piecewise). The claim is proved by ``unsat`` of its negation; ``sat``
yields a counterexample model. Before that, the hypotheses alone must be
satisfiable, or the obligation is reported vacuous.

``propose=True`` (``check``'s first pass) translates nothing and solves nothing: the backend records the
claim and proposes ``proved``, and the kernel's re-check translates it (once), makes the two SMT-LIB texts
from its own translation and solves them; the engine puts those texts in the certificate
(:func:`proofs.kernel.judge_run`). A proposal the kernel does not accept is discharged again for real
(``propose=False``), which translates, records the texts and finds the counterexample, the vacuity or the
unknown. So each query of a proved claim is translated and solved once per ``check``, by the kernel.
"""
from __future__ import annotations

import time
from typing import Any

import sympy as sp

from certificates.normal_form import induction_parts, induction_problem
from certificates.serialize import SerializationError, encode

from ..model import Implication, Induction, Obligation, Outcome, Verdict

try:
    import z3

    from certificates.smt import TranslationError, Translator, model_text, sign_violation, smtlib_text, solve
except ImportError:  # reported as unavailable
    z3 = None


class Z3Backend:
    name = "z3"
    proposes = True      # accepts ``propose=True``: see the module's docstring

    def version(self) -> str | None:
        return z3.get_version_string() if z3 else None

    def statement(self, payload: Implication | Induction) -> dict:
        """The part of the record that states the claim (a cached record must carry exactly this)."""
        if isinstance(payload, Induction):
            return self.induction_statement(payload)
        record = {"kind": "implication", "hypotheses": [_enc(h) for h in payload.hypotheses],
                  "conclusion": _enc(payload.conclusion),
                  "integer_symbols": [str(s) for s in payload.integer_symbols]}
        return with_schemas(record, payload)

    def discharge(self, obligation: Obligation, *, timeout: float, seed: int,
                  profile: str, propose: bool = False) -> Outcome:
        if z3 is None:
            return Outcome(Verdict.UNAVAILABLE, message="z3-solver is not installed "
                           "(pip install z3-solver)")
        payload = obligation.payload
        if isinstance(payload, Induction):
            return self._induction(obligation, timeout, seed, propose)
        if not isinstance(payload, Implication):
            return Outcome(Verdict.FAILED, message=f"z3 cannot discharge {type(payload).__name__}",
                           backend_version=self.version())
        return self._implication(payload, time.perf_counter(), timeout, seed, propose=propose)

    def _implication(self, payload: Implication, start: float, timeout: float, seed: int,
                     powers_of: Any = None, propose: bool = False) -> Outcome:
        """``hypotheses => conclusion`` (``powers_of``: an induction step's variable, whose powers the
        translator rewrites by the kernel's rule; ``propose``: record the claim, translate and solve nothing:
        the kernel translates it and makes the SMT-LIB texts)."""
        record = self.statement(payload)
        if payload.opaque:
            record["opaque"] = True
        if propose:
            record["proposed"] = True
            return Outcome(Verdict.PROVED, seconds=time.perf_counter() - start, backend_version=self.version(),
                           record=record, message="proposed: the kernel shows the hypotheses sat and the "
                                                  "negation unsat")
        translator = Translator(payload.integer_symbols, opaque=payload.opaque, powers_of=powers_of)
        hyps = [translator(h) for h in payload.hypotheses]
        goal = translator.goal(payload.conclusion)      # with roots: shown real-valued too
        record["smtlib_hypotheses"] = _smtlib(hyps)
        negation = [*hyps, z3.Not(goal)]
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

        record["smtlib"] = _smtlib(negation)
        answer, model, why = solve(negation, _left(start, timeout), seed)
        seconds = time.perf_counter() - start
        version = self.version()
        if answer == z3.unsat:
            return Outcome(Verdict.PROVED, seconds=seconds, message="negation is unsat",
                           backend_version=version, record=record)
        if answer == z3.sat and (payload.opaque or translator.powers or payload.schemas):
            what = ("the opaque terms" if payload.opaque else f"the powers of {powers_of}" if translator.powers
                    else "its schemas unread (no solver reads a schema)")
            return Outcome(Verdict.UNKNOWN, seconds=seconds, backend_version=version, record=record,
                           message=f"negation is sat, but only with {what} as free constants: "
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

    def induction_statement(self, payload: Induction) -> dict:
        """The part of an induction's record that states the claim."""
        return with_schemas({
            "kind": "induction", "variable": _enc(payload.variable), "start": payload.start,
            "formula": _enc(payload.formula), "hypotheses": [_enc(h) for h in payload.hypotheses],
            "side_conditions": [_enc(h) for h in payload.side_conditions],
            "integer_symbols": [str(s) for s in payload.integer_symbols], "opaque": bool(payload.opaque)}, payload)

    def _induction(self, obligation: Obligation, timeout: float, seed: int, propose: bool = False) -> Outcome:
        """Base H => P(start) and step H, n >= start, P(n) => P(n + 1), both Z3 implications built by the
        kernel's rule (:func:`certificates.normal_form.induction_parts`); the step's powers of n by the
        kernel's power rule. Proved when both are; refuted when the base is (its model is a counterexample
        to P(start)); a step whose negation is sat proves nothing and refutes nothing (P may hold and the
        step only be too weak to show it): unknown."""
        payload: Induction = obligation.payload      # type: ignore[assignment]
        start, version = time.perf_counter(), self.version()
        record = self.statement(payload)
        if propose:
            record["proposed"] = True       # base and step proposed: the kernel proves both
        record["justification"] = [dict(j) for j in obligation.justification]
        if obligation.uses:
            record["uses"] = [dict(u) for u in obligation.uses]
        schemas = [(s.variable, s.start, s.formula) for s in payload.schemas]
        problem = induction_problem(payload.variable, payload.formula, payload.hypotheses, payload.start, schemas)
        if problem:
            return Outcome(Verdict.FAILED, message=f"not an induction the kernel can check: {problem}",
                           backend_version=version, record=record)
        (base_h, base_c), (step_h, step_c) = induction_parts(payload.variable, payload.formula, payload.hypotheses,
                                                             payload.start, payload.side_conditions, schemas)
        n = payload.variable
        base = self._implication(Implication(tuple(base_h), base_c, payload.integer_symbols, payload.opaque),
                                 start, timeout, seed, propose=propose)
        record["base"] = base.record
        if base.verdict != Verdict.PROVED:
            what = {Verdict.REFUTED: "the base is refuted", Verdict.VACUOUS: "the hypotheses are contradictory"}
            message = f"{what.get(base.verdict, 'base')}: {base.message}"
            return Outcome(base.verdict, seconds=time.perf_counter() - start, message=message,
                           backend_version=version, record=record, counterexample=base.counterexample)
        step = self._implication(Implication(tuple(step_h), step_c, (*payload.integer_symbols, n), payload.opaque),
                                 start, timeout, seed, powers_of=n, propose=propose)
        record["step"] = step.record
        seconds = time.perf_counter() - start
        if step.verdict == Verdict.PROVED:
            return Outcome(Verdict.PROVED, seconds=seconds, backend_version=version, record=record,
                           message=f"base ({n} = {payload.start}) and step ({n} -> {n} + 1) proved")
        if step.verdict == Verdict.REFUTED:
            record["step_model"] = step.counterexample["model"] if step.counterexample else {}
            return Outcome(Verdict.UNKNOWN, seconds=seconds, backend_version=version, record=record,
                           message=f"the step does not follow: its negation is sat (model in the record's "
                                   f"step_model); that refutes the step, not P({n}), which the base proves at "
                                   f"{payload.start}: strengthen P or the hypotheses")
        return Outcome(Verdict.UNKNOWN if step.verdict != Verdict.FAILED else Verdict.FAILED, seconds=seconds,
                       backend_version=version, record=record,
                       message=f"the base holds; the step ({n} -> {n} + 1) is not proved: {step.message}")


def with_schemas(record: dict, payload: Implication | Induction) -> dict:
    """The record with the payload's hypothesis schemas, if it has any (what the kernel compares a use's
    schemas with; no solver reads them)."""
    if payload.schemas:
        record["schemas"] = [{"variable": _enc(s.variable), "start": s.start, "formula": _enc(s.formula)}
                             for s in payload.schemas]
    return record


def _smtlib(formulas: list) -> str:
    """The SMT-LIB text of a query, as the certificate records it (the kernel re-solves this text)."""
    return smtlib_text(formulas)


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
