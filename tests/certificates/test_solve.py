"""`smt.solve`: the one way the engine and the kernel ask Z3, with its two strategies."""
from __future__ import annotations

from pathlib import Path

import z3

from certificates import smt


def test_sat_comes_with_a_model_that_satisfies_the_query():
    x = z3.Real("x")
    answer, model, why = smt.solve([x > 0, x < 1, x * x > z3.RealVal("1/4")], 10)
    assert answer == z3.sat and why == ""
    assert z3.is_true(model.eval(z3.And(x > 0, x < 1, x * x > z3.RealVal("1/4")), model_completion=True))


def test_unsat_has_no_model():
    x = z3.Real("x")
    assert smt.solve([x * x < 0], 10)[:2] == (z3.unsat, None)


def test_no_time_left_is_unknown_with_a_reason(monkeypatch):
    """A deadline passed before the first try: unknown, never an answer. (With a real clock and a limit of a
    microsecond the first try sometimes still started, with 1 ms, in which Z3 can answer.)"""
    x, y = z3.Reals("x y")
    ticks = iter(range(0, 10**6, 10))            # each reading of the clock 10 s after the one before
    monkeypatch.setattr(smt.time, "monotonic", lambda: float(next(ticks)))
    answer, model, why = smt.solve([x * x * x + y * y * y == 3, x * y > 7], 1.0)
    assert answer == z3.unknown and model is None and why == "no time left"


DATA = Path(__file__).parent / "data"


def test_a_query_the_default_strategy_is_slow_on_is_answered_within_its_limit():
    """The paper's kernel-support-N3 (the support of a convolution of compactly supported kernels), as its
    certificate recorded it: Z3's default strategy for nonlinear arithmetic took 14 s on it, its SMT core
    milliseconds."""
    formulas = list(z3.parse_smt2_string((DATA / "kernel_support_N3.smt2").read_text()))
    plain = z3.Solver()
    plain.set("timeout", 4000)
    plain.add(*formulas)
    assert plain.check() == z3.unknown          # the query is still one the default strategy is slow on
    assert smt.solve(formulas, 4)[0] == z3.unsat
